import type { Catalog } from "./en.js";

export const ptBR: Catalog = {
  cmd: {
    "kling-edit": {
      name: "kling-editar",
      description: "Mude o estilo ou o conteúdo de um clipe de vídeo com um prompt (Kling O3, fal)",
    },
    "kling-reference": {
      name: "kling-referência",
      description: "Crie um clipe novo a partir de um vídeo de referência e personagens (Kling O3, fal)",
    },
    "kling-usage": {
      name: "kling-uso",
      description: "Seu uso do Kling hoje e neste mês (Gerenciar servidor: totais do servidor e registro)",
      server: { name: "servidor", description: "Gerenciar servidor: totais do servidor e membros que mais usam" },
      export: { name: "exportar", description: "Gerenciar servidor: o registro do mês como arquivo CSV" },
      month: { name: "mês", description: "Para exportar: AAAA-MM (padrão: este mês, UTC)" },
    },
    "kling-help": {
      name: "kling-ajuda",
      description: "Como usar o Kling aqui: comandos, entradas no prompt, limites, preços e sua cota",
    },
    "edit-with-kling": { name: "Editar com Kling" },
    "kling-config": {
      name: "kling-config",
      description: "Donos do servidor: quem usa o Kling e onde, limites, orçamentos e preço (Gerenciar servidor)",
      show: { name: "mostrar", description: "Mostra as configurações do Kling deste servidor" },
      check: {
        name: "verificar",
        description: "Verifica a instalação: minhas permissões por canal, a chave da fal, o armazenamento e os preços",
      },
      pause: { name: "pausar", description: "Impede novos trabalhos neste servidor (os em andamento terminam)" },
      resume: { name: "retomar", description: "Volta a aceitar novos trabalhos" },
      limits: { name: "limites", description: "Limites por membro (0 = sem limite de espera e de segundos diários)" },
      budget: {
        name: "orçamento",
        description: "Orçamentos do servidor em dólares (0 = sem limite) e o preço estimado",
      },
      channels: { name: "canais", description: "Canais onde o Kling pode ser usado (nenhum = todos)" },
      roles: { name: "cargos", description: "Cargos que podem usar o Kling (nenhum = todos)" },
      "block-words": { name: "palavras-bloqueadas", description: "Palavras ou frases que um prompt não pode conter" },
      showcase: {
        name: "vitrine",
        description: "O canal de vitrine (sem opções: remove) e se todo resultado vai para lá ou só os compartilhados",
      },
      threads: { name: "tópicos", description: "Se os resultados podem sair do canal para um tópico" },
      reruns: { name: "repetições", description: "Quem pode usar Retry e Remix no resultado de outra pessoa" },
      quality: {
        name: "qualidade",
        description: "Se os membros podem escolher qualidade Pro (O3 Pro, pelo preço Pro)",
      },
      reset: { name: "redefinir", description: "Volta uma configuração ao padrão do bot" },
    },
    config: {
      action: { name: "ação", description: "O que fazer" },
      add: "adicionar",
      remove: "remover",
      clear: "limpar (sem restrição)",
      setting: { name: "configuração", description: "Qual configuração" },
      all: "todas as configurações",
      reason: { name: "motivo", description: "Mostrado a quem tentar" },
      allowedChannel: { name: "canal", description: "O canal (inclui os tópicos dele)" },
      role: { name: "cargo", description: "O cargo" },
      words: { name: "palavras", description: "Palavras ou frases separadas por vírgula" },
      jobsAtOnce: { name: "trabalhos_simultâneos", description: "Trabalhos que um membro pode ter ao mesmo tempo" },
      cooldown: { name: "espera_segundos", description: "Segundos entre os trabalhos de um membro" },
      dailySeconds: {
        name: "segundos_diários",
        description: "Segundos de vídeo gerado por membro por dia (zera às 00:00 {{zone}})",
      },
      elementLibraryMb: {
        name: "biblioteca_elementos_mb",
        description: "MB de imagens que os elementos salvos do servidor podem ocupar (0 = desativado)",
      },
      dailyUsd: { name: "usd_diário", description: "Gasto por dia, servidor inteiro (zera às 00:00 {{zone}})" },
      monthlyUsd: { name: "usd_mensal", description: "Gasto por mês do calendário, servidor inteiro" },
      price: {
        name: "preço_por_segundo_usd",
        description: "Quanto a fal cobra por segundo gerado (estimativa; padrão {{usd}})",
      },
      proEnabled: {
        name: "pro_ativado",
        description: "Sim: membros podem escolher qualidade:pro (pelo preço Pro); não: só padrão",
      },
      proPrice: {
        name: "preço_pro_por_segundo_usd",
        description: "Quanto a fal cobra por segundo Pro gerado (estimativa; padrão {{usd}})",
      },
      showcaseChannel: { name: "canal", description: "Onde os vídeos prontos são exibidos" },
      showcaseMode: {
        name: "modo",
        description: "auto: todo resultado visível é postado; compartilhado: só os que o solicitante compartilha",
        auto: "auto (todo resultado)",
        shared: "compartilhado (o solicitante aperta Compartilhar)",
      },
      threadsEnabled: { name: "ativado", description: "Sim: um tópico por resultado; não: resultados ficam no canal" },
      who: {
        name: "quem",
        description: "solicitante: só quem pediu e Gerenciar mensagens; todos: qualquer membro",
        requester: "solicitante (e Gerenciar mensagens)",
        everyone: "todos",
      },
    },
    settingLabel: {
      paused: "Pausado",
      pausedReason: "Motivo da pausa",
      allowedChannelIds: "Canais permitidos",
      allowedRoleIds: "Cargos permitidos",
      blockedPromptWords: "Palavras bloqueadas no prompt",
      userConcurrentJobs: "Trabalhos simultâneos por membro",
      userCooldownSec: "Espera por membro",
      userDailySeconds: "Vídeo diário por membro",
      elementLibraryMb: "Tamanho da biblioteca de elementos",
      showcaseMode: "Postagens na vitrine",
      guildDailyBudgetMicros: "Orçamento diário do servidor",
      guildMonthlyBudgetMicros: "Orçamento mensal do servidor",
      pricePerSecondMicros: "Preço por segundo gerado",
      proEnabled: "Qualidade Pro",
      proPricePerSecondMicros: "Preço Pro por segundo",
      showcaseChannelId: "Canal de vitrine",
      threads: "Resultados em tópicos",
      rerunsByAnyone: "Retry/Remix de resultados alheios",
    },
    option: {
      prompt: {
        name: "prompt",
        description: "O que criar. As entradas são @Video1, @Element1…@Element4, @Image1…@Image4",
      },
      video: { name: "vídeo", description: "O clipe de origem (@Video1): .mp4 ou .mov, 3–10 s, 720–2160 px por lado" },
      video_url: {
        name: "url_vídeo",
        description: "Ou um link https do clipe, para arquivos acima do seu limite de envio no Discord",
      },
      element: {
        name: "elemento{{n}}",
        description: "Imagem frontal de um personagem ou objeto (@Element{{n}}): jpg, png ou webp",
      },
      element_ref: {
        name: "elemento{{n}}_ref",
        description: "Outra vista do elemento {{n}} (precisa de elemento{{n}})",
      },
      image: { name: "imagem{{n}}", description: "Referência de estilo ou aparência (@Image{{n}}): jpg, png ou webp" },
      elements: {
        name: "elementos",
        description: "Elementos salvos por nome, separados por vírgula (/kling-element); escreva @nome no prompt",
      },
      keep_audio: { name: "manter_áudio", description: "Manter o áudio do clipe de origem (padrão: sim)" },
      quality: {
        name: "qualidade",
        description: "Padrão, ou Pro onde este servidor a ativou (mais cara)",
        standard: "padrão",
        pro: "pro (custa mais; o servidor precisa ativar)",
      },
      aspect_ratio: { name: "proporção", description: "Formato do clipe novo (padrão: auto)" },
      duration: { name: "duração", description: "Duração do clipe novo em segundos (3–15)", seconds: "{{s}} s" },
    },
  },
  progress: {
    title: { edit: "Edição Kling", reference: "Referência Kling", pro: " · Pro" },
    requestedBy: "Pedido por",
    inputs: "Entradas",
    estimatedCost: "Custo estimado",
    estimate: "{{cost}} (estimativa{{source}})",
    cost: "Custo",
    status: "Status",
    note: "Observação",
    footer: "trabalho {{id}}",
    stopping:
      "🛑 Parando — <@{{user}}> apertou Cancelar e a fal foi avisada para parar; se terminar mesmo assim, o vídeo será postado aqui.",
    falUnreachable: "⚠️ A fal não responde desde <t:{{since}}:R> — o trabalho está seguro; continuo verificando.",
    checking: "🔎 Preparando as entradas…",
    submitted: "📨 Enviado para a fal <t:{{at}}:R>",
    queuedAt: "⏳ Na fila da fal — posição {{position}} (enviado <t:{{at}}:R>)",
    queued: "⏳ Na fila da fal (enviado <t:{{at}}:R>)",
    running: "🎬 Gerando — começou <t:{{since}}:R>\n{{bar}} (estimativa){{log}}",
    delivering: "📦 Pronto — postando o vídeo…",
    done: "✅ Concluído{{took}}{{link}}",
    took: " em {{duration}}",
    seeResult: " — [ver o resultado]({{url}})",
    failed: "❌ Falhou — {{reason}}",
    unknownError: "erro desconhecido",
    cancelledBy: "🚫 Cancelado por <@{{user}}>",
    cancelled: "🚫 Cancelado",
    costNote: {
      deliveredMeasured: "{{seconds}} de vídeo gerado",
      deliveredEstimate: "{{seconds}} de vídeo (estimativa)",
      "failed-after-result": "a fal gerou um vídeo, então ele é cobrado",
      failed: "não cobrado",
      "cancelled-queued": "não cobrado: cancelado antes de a fal começar",
      "cancelled-running": "cobrado inteiro: a fal já tinha começado",
      "submit-in-doubt": "contado pela estimativa: a fal pode ter recebido e executado",
      "deadline-running": "contado pela estimativa: a fal pode ter executado",
      "too-old-running": "contado pela estimativa: a fal pode ter executado",
      "deadline-queued": "não cobrado: a fal não tinha começado",
      "too-old-queued": "não cobrado: a fal não tinha começado",
      "dry-run": "não cobrado: um teste simulado não envia nada ao fal",
    },
  },
  delivery: {
    ready: {
      edit: "<@{{user}}> sua edição Kling está pronta.{{extra}}",
      reference: "<@{{user}}> seu clipe de referência Kling está pronto.{{extra}}",
    },
    noUpload: "Não posso enviar arquivos aqui, então aqui está o link da fal:",
    overLimitSized:
      "Com {{size}}, passa do limite de envio de {{limit}} deste servidor, então aqui está o link da fal:",
    overLimit: "Passa do limite de envio de {{limit}} deste servidor, então aqui está o link da fal:",
    overServerLimit: "Passa do limite de envio deste servidor, então aqui está o link da fal:",
    noDownload: "Não consegui baixar para anexar, então aqui está o link da fal:",
  },
  refusal: {
    headOne: "Não posso iniciar este trabalho:",
    headMany: "Não posso iniciar este trabalho — {{count}} problemas:",
    more: "…e mais {{count}}.",
    tail: "Nada foi enviado para a fal e nada foi cobrado.",
  },
  started: "Começou! Acompanhe aqui: {{link}}",
  boundary: {
    apologyJob: "Algo deu errado do meu lado, então não iniciei o trabalho. Nada foi cobrado; tente de novo.",
    apologyNothing: "Algo deu errado do meu lado; tente de novo.",
    unknownCommand: "Não conheço mais este comando; talvez os comandos do servidor precisem ser registrados de novo.",
    buttonGone: "Este botão não está mais em uso.",
    formGone: "Este formulário não está mais em uso.",
  },
  violation: {
    guildOnly: "Só funciono em canais de servidor: use-me em um canal de texto ou tópico de um servidor.",
    botPermissions:
      "Não consigo postar o progresso aqui: falta {{missing}} neste canal. Peça a um moderador para liberar, ou use outro canal.",
    noVideo:
      "Sem vídeo: anexe seu clipe em `{{optVideo}}` (ou, se passar do seu limite de envio, cole um link em `{{optUrl}}`).",
    videoTwice: "`{{optVideo}}` e `{{optUrl}}` foram informados: use só um deles.",
    videoUrlNotLink: "`{{optUrl}}` não é um link: cole o endereço https:// completo do clipe.",
    videoUrlScheme: "`{{optUrl}}` usa {{scheme}}; só links https:// podem ser baixados.",
    promptTooLong: "O prompt tem {{length}} caracteres; o limite é {{max}}: encurte-o.",
    promptElement:
      "O prompt cita {{mention}}, mas `{{opt}}` não foi informado: anexe a imagem em `{{opt}}` ou remova {{mention}}.",
    promptImage:
      "O prompt cita {{mention}}, mas `{{opt}}` não foi informado: anexe-a em `{{opt}}` ou remova {{mention}}.",
    promptVideo: "O prompt cita {{mention}}, mas só há um vídeo: chame-o de @Video1.",
    unmentionedElements: "Seu prompt não cita {{names}}; o Kling pode ignorar elementos que o prompt não nomeia.",
    refWithoutElement:
      "`{{optRef}}` foi informado sem `{{opt}}`: anexe também a imagem frontal do elemento em `{{opt}}`.",
    tooManyInputs:
      "{{elements}} elementos + {{images}} imagens = {{total}}; com um vídeo o Kling aceita no máximo {{max}} no total: tire {{drop}}.",
    videoTooShort: "o vídeo tem {{seconds}} s; o Kling aceita {{range}}: use um clipe mais longo",
    videoTooLong: "o vídeo tem {{seconds}} s; o Kling aceita {{range}}: corte-o",
    videoTooSmall:
      "o vídeo tem {{width}}×{{height}} px; o Kling precisa de {{min}} a {{max}} px por lado: exporte em 720p ou mais",
    videoTooLarge:
      "o vídeo tem {{width}}×{{height}} px; o Kling precisa de {{min}} a {{max}} px por lado: exporte em 1080p",
    fpsUnknown:
      "não foi possível medir a taxa de quadros (nenhum quadro encontrado); o Kling aceita {{min}}–{{max}} fps: exporte de novo",
    fpsLow: "o vídeo está a {{fps}} fps; o Kling aceita {{min}}–{{max}} fps: exporte a {{min}} ou 30 fps",
    fpsHigh: "o vídeo está a {{fps}} fps; o Kling aceita {{min}}–{{max}} fps: exporte a 30 ou {{max}} fps",
    videoBytes: "o vídeo tem {{size}}; o Kling aceita no máximo {{max}}: corte-o ou exporte com bitrate menor",
    videoContainer: "o vídeo é um arquivo {{container}}; o Kling aceita {{accepted}}: exporte de novo como MP4 (H.264)",
    imageFormat: "`{{opt}}` é uma imagem {{format}}; o Kling aceita {{accepted}}: converta para PNG ou JPG",
    imageSmall:
      "`{{opt}}` tem {{width}}×{{height}} px; o Kling precisa de pelo menos {{min}} px por lado: use uma imagem maior",
    imageAspect:
      "`{{opt}}` tem {{width}}×{{height}} px ({{shape}}); o Kling aceita formatos de 1:{{max}} a {{max}}:1: recorte-a",
    imageBytes: "`{{opt}}` tem {{size}}; o Kling aceita no máximo {{max}}: salve como JPG ou reduza",
    qualityOff:
      "A qualidade Pro está desativada neste servidor: quem gerencia o servidor pode ativá-la com /$t(cmd.kling-config.name) $t(cmd.kling-config.quality.name) $t(cmd.config.proEnabled.name):True",
  },
  quota: {
    paused:
      "O Kling foi pausado neste servidor pelos moderadores. Os trabalhos em andamento vão terminar; novos podem começar quando um moderador usar `/$t(cmd.kling-config.name) $t(cmd.kling-config.resume.name)`.",
    pausedBecause:
      'O Kling foi pausado neste servidor pelos moderadores: "{{reason}}". Os trabalhos em andamento vão terminar; novos podem começar quando um moderador usar `/$t(cmd.kling-config.name) $t(cmd.kling-config.resume.name)`.',
    channel: "O Kling não pode ser usado neste canal deste servidor. Canais permitidos: {{channels}}.",
    role: "Neste servidor, o Kling é só para membros com um dos cargos {{roles}}. Fale com um moderador se você deveria ter.",
    blockedWord:
      'Seu prompt contém "{{word}}", que os moderadores deste servidor bloquearam. Reescreva o prompt e tente de novo.',
    concurrency:
      "Você já tem {{current}} trabalhos em andamento, e este servidor permite {{max}} por vez por membro. Uma vaga abre quando um deles terminar (ou for cancelado).",
    cooldown:
      "Este servidor tem uma espera de {{cooldown}} entre trabalhos de um membro; seu último trabalho começou {{last}}. Você pode iniciar o próximo {{ready}}.",
    userDaily:
      "Sua cota diária neste servidor é de {{max}} de vídeo; você usou {{used}} hoje (restam {{left}}) e este trabalho precisa de {{needed}}{{note}}. Ela zera {{reset}} (00:00 {{zone}}).",
    guildDaily:
      "O orçamento diário do Kling neste servidor é {{max}}; {{current}} já foi gasto ou reservado hoje e este trabalho custaria cerca de {{needed}}{{priced}}{{note}}. O orçamento zera {{reset}} (00:00 {{zone}}).",
    guildMonthly:
      "O orçamento mensal do Kling neste servidor é {{max}}; {{current}} já foi gasto ou reservado neste mês e este trabalho custaria cerca de {{needed}}{{priced}}{{note}}. O orçamento zera {{reset}} (dia 1º, 00:00 {{zone}}).",
    provisional: " (uma edição reserva até 10 s até o clipe ser verificado)",
  },
  reply: {
    serverOnly: "Este comando só funciona em um servidor.",
  },
  help: {
    title: "**Kling neste servidor**",
    command: "**/{{command}}** — {{description}}.\n> ex.: `{{example}}`",
    editWithKling:
      "**$t(cmd.edit-with-kling.name)** (menu Apps de uma mensagem) — edita o vídeo de qualquer mensagem: um " +
      "formulário pede o prompt e até {{maxImages}} imagens; o resultado chega em um tópico nessa mensagem.",
    naming:
      "**Nomeando as entradas em um prompt**: o clipe é `@Video1`; `{{element1}}`…`{{element4}}` (uma imagem " +
      "frontal, mais `{{element1Ref}}`… para outra vista) são `@Element1`…`@Element4`; `{{image1}}`…`{{image4}}` " +
      "(estilo ou aparência) são `@Image1`…`@Image4`.",
    saved:
      "**Personagens salvos**: salve um uma vez com `/kling-element save` (uma imagem frontal e até {{maxViews}} " +
      "outras vistas), depois informe o nome em `{{elements}}` e escreva `@nome` no prompt; `/kling-element list` " +
      "mostra os seus e os do servidor.",
    limits:
      "**Limites**: vídeo .mp4 ou .mov, {{minSec}}–{{maxSec}} s, {{minPx}}–{{maxPx}} px por lado, " +
      "{{minFps}}–{{maxFps}} fps, até {{videoMb}} (maior: use `{{videoUrl}}`); imagens jpg/png/webp, " +
      "≥ {{imagePx}} px por lado, até {{imageMb}}; no máximo {{maxInputs}} elementos e imagens juntos; " +
      "prompt de até {{maxChars}} caracteres.",
    costs: "**Quanto custa um trabalho aqui** (estimativas, cobradas por segundo de vídeo gerado):",
    price: "- {{tier}}: {{rate}} de vídeo ({{examples}})",
    priceExample: "{{seconds}} s ≈ {{cost}}",
    tier: { standard: "Padrão", pro: "Pro" },
  },
  config: {
    heading: "**Configurações do Kling neste servidor**",
    line: "• {{label}}: {{value}}{{source}}",
    done: "✅ {{what}}",
    isDefault: " *(padrão)*",
    footer:
      "-# Os limites são verificados nesta ordem: canal, cargo, palavras bloqueadas, trabalhos simultâneos, espera, " +
      "segundos diários, orçamento do servidor. Os dias recomeçam às 00:00 {{zone}}, os meses no dia 1. As mudanças " +
      "valem na hora.",
    repairedUnreadable:
      "⚠️ reparado: as configurações salvas não puderam ser lidas, então todas voltaram ao padrão. Defina-as de novo.",
    repairedEntries:
      "⚠️ reparado: a configuração “{{label}}” tinha entradas inválidas, que foram removidas; agora é {{value}}.",
    repairedInvalid:
      "⚠️ reparado: a configuração “{{label}}” era inválida e voltou para {{value}} (o padrão). Defina de novo para mudar.",
    comparisonsOn:
      "ℹ️ Clipes de antes/depois: ativados (ffmpeg encontrado; um clipe de comparação segue cada resultado no tópico)",
    comparisonsOff:
      "ℹ️ Clipes de antes/depois: desativados — o ffmpeg não estava no PATH do bot na inicialização (instale o ffmpeg " +
      "e reinicie o bot para ativá-los)",
    dryRun:
      "🧪 **Teste simulado** (FAL_DRY_RUN, definido onde o bot roda): os trabalhos passam por todas as verificações e " +
      "limites, mas nada é enviado ao fal nem cobrado; os resultados são as entradas passadas por um filtro.",
    changed: {
      pause: "Pausado: novos trabalhos dos membros são recusados com o motivo; os que estão rodando terminam.",
      resume: "Retomado: novos trabalhos voltam a ser aceitos.",
      limits: "Limites atualizados.",
      budget: "Orçamento atualizado (trabalhos em andamento mantêm o preço com que foram aceitos).",
      channels: "Canais permitidos atualizados.",
      roles: "Cargos permitidos atualizados.",
      blockWords: "Palavras bloqueadas atualizadas.",
      showcaseUnset: "Canal de vitrine removido.",
      showcaseSet: "Canal de vitrine definido.",
      showcaseAuto: "Todo resultado que @everyone pode ver é publicado na vitrine.",
      showcaseShared: "Os resultados são publicados na vitrine quando quem pediu aperta Compartilhar.",
      threadsOn: "Os resultados voltam a ir para um tópico.",
      threadsOff: "Os resultados ficam no canal (sem tópicos).",
      rerunsAnyone:
        "Agora qualquer pessoa pode apertar Retry e Remix em qualquer resultado (cada repetição é um trabalho novo, " +
        "verificado e cobrado como sempre).",
      rerunsRequester:
        "Retry e Remix de um resultado agora são para quem o pediu e para membros com Gerenciar mensagens.",
      qualityOn:
        "A qualidade Pro está ativada: os membros podem escolher `quality:pro` (cobrada pelo preço Pro por segundo).",
      qualityOff: "A qualidade Pro está desativada: todo trabalho usa a qualidade padrão.",
      resetAll: "Todas as configurações voltaram ao padrão.",
      reset: "A configuração “{{label}}” voltou ao padrão.",
    },
    error: {
      managersOnly:
        "Só membros com **Gerenciar servidor** podem ver ou mudar as configurações do Kling. " +
        "`/$t(cmd.kling-usage.name)` mostra o seu próprio uso.",
      guildUnseen: "Ainda não consigo ver este servidor; tente de novo em um minuto.",
      unknownSetting: "Não conheço essa configuração.",
      sayWhich: "Diga o que devo {{action}}.",
      tooMany: "Isso daria {{count}}; o limite é {{max}}.",
      giveOne: "Informe pelo menos uma destas opções: {{options}}.",
      wordTooLong: "Cada palavra ou frase bloqueada pode ter no máximo {{max}} caracteres.",
    },
    value: {
      yes: "sim",
      yesBecause: "sim — “{{reason}}”",
      no: "não",
      noReason: "nenhum",
      noWords: "nenhuma",
      noCooldown: "nenhuma",
      noChannel: "nenhum",
      everywhere: "em todo lugar",
      everyone: "todos",
      noLimit: "sem limite",
      libraryOff: "desativada (nenhum elemento pode ser salvo)",
      libraryMb: "{{mb}} MB de imagens",
      estimate: "{{rate}} (estimativa)",
      proOn: "ativada (os membros podem escolher `quality:pro`, cobrada pelo preço Pro)",
      proOff: "desativada (só qualidade padrão)",
      showcaseAuto: "auto (todo resultado em um canal que @everyone pode ver é publicado lá)",
      showcaseShared: "compartilhado (um resultado é publicado quando quem pediu aperta Compartilhar na vitrine)",
      threadsOn: "ativados (os resultados vão para um tópico na mensagem de progresso)",
      threadsOff: "desativados (os resultados ficam no canal)",
      rerunsRequester: "quem pediu e membros com Gerenciar mensagens",
    },
  },
  usage: {
    mine: "**Seu uso do Kling neste servidor**",
    ofLimit: "{{used}} de {{limit}} (restam {{left}})",
    noLimit: "{{used}} (sem limite)",
    jobs_one: "{{count}} trabalho",
    jobs_other: "{{count}} trabalhos",
    today: "Hoje: vídeo {{amount}}, cerca de {{cost}} — recomeça {{reset}} (00:00 {{zone}})",
    month: "Este mês: {{seconds}} de vídeo em {{jobs}}, cerca de {{cost}} — recomeça {{reset}}",
    running: "Rodando agora: {{active}} de {{max}} permitidos ao mesmo tempo",
    cooldownWait: "Espera: próximo trabalho {{ready}}",
    cooldownReady: "Espera: pronto",
    note: "-# Os valores incluem trabalhos ainda rodando pela estimativa; os preços são estimativas.",
    server: "**Uso do Kling neste servidor**",
    noBudget: "{{spent}} (nenhum orçamento definido)",
    serverToday: "Hoje: {{budget}} · {{seconds}} em {{jobs}} — recomeça {{reset}} (00:00 {{zone}})",
    serverMonth: "Este mês: {{budget}} · {{seconds}} em {{jobs}} — recomeça {{reset}}",
    serverRunning: "Rodando agora: {{active}}",
    top: "**Membros mais ativos neste mês**",
    topLine: "{{rank}}. <@{{user}}> — {{cost}} · {{seconds}} · {{jobs}}",
    serverNote:
      "-# Trabalhos rodando contam pela estimativa; os preços são estimativas (`/$t(cmd.kling-config.name)` define a " +
      "tarifa). Exporte o registro com `$t(cmd.kling-usage.export.name): True`.",
    ledger: "📄 Registro de {{month}}: {{jobs}}, {{cost}} (trabalhos rodando pela estimativa).",
    managersOnly:
      "Os totais do servidor e o registro são para membros com **Gerenciar servidor**. Use " +
      "`/$t(cmd.kling-usage.name)` sem opções para ver o seu próprio uso.",
    badMonth: "`$t(cmd.kling-usage.month.name)` deve ter o formato 2025-06.",
  },
  setup: {
    title: "**Verificação da configuração do Kling**",
    noChannel: "⚠️ Não há nenhum canal de texto onde eu possa ser usado (confira os canais permitidos).",
    allGood: "✅ Canais: todos os {{count}} têm todas as permissões de que preciso.",
    missingHead: "Canais sem algumas permissões ({{count}} de {{checked}}):",
    missingLine: "• <#{{channel}}>: falta {{permissions}} → {{costs}}",
    fal: "fal: {{detail}}",
    store: "Armazenamento: {{detail}}",
    price: "💲 Preço: {{price}}",
    permission: {
      ViewChannel: "Ver canal",
      SendMessages: "Enviar mensagens",
      EmbedLinks: "Inserir links",
      CreatePublicThreads: "Criar tópicos públicos",
      SendMessagesInThreads: "Enviar mensagens em tópicos",
      AttachFiles: "Anexar arquivos",
    },
    cost: {
      refused: "os trabalhos são recusados aqui",
      noProgress: "os trabalhos são recusados aqui (sem mensagem de progresso)",
      noThread: "sem tópico: os resultados são publicados no canal",
      linkOnly: "os resultados são publicados só como link",
    },
    falAccepts: "o fal aceita a chave",
    falRefused: "o fal recusou a chave (HTTP {{status}}): confira FAL_KEY",
    falUnasked: "não foi possível consultar o fal ({{error}})",
    falNotRead: "a lista de preços do fal ainda não foi lida",
    falDryRun: "teste simulado: nenhuma chave necessária (FAL_DRY_RUN não envia nada ao fal)",
    storeOk: "acessível ({{ms}} ms)",
    storeDown: "inacessível: {{error}}",
    priceFal: "{{rate}} no Padrão, pela lista de preços do fal",
    priceServer:
      "{{rate}} no Padrão, o preço deste servidor (de um dono ou do ambiente; senão, o padrão quando a lista do fal " +
      "não foi lida)",
    priceUnknown: "desconhecido ({{error}})",
  },
  dryRun: {
    note: "🧪 Teste simulado: nada foi enviado ao fal nem cobrado; o resultado é o seu clipe passado por um filtro.",
    title: "{{title}} · 🧪 teste simulado",
    field: "Teste simulado",
    costNote: "; um teste simulado não é cobrado",
    notShown: "{{why}}, então o resultado do teste simulado não pode ser mostrado aqui.",
  },
  checks: {
    promptEmpty: "O prompt está vazio: descreva o que o Kling deve criar.",
    videoType:
      "`{{opt}}` é {{found}} ({{file}}); o Kling só aceita MP4 ou MOV: exporte o clipe como .mp4 (H.264) e anexe " +
      "esse.",
    videoSize: "`{{opt}}` tem {{size}}; o limite é {{max}}: corte-o ou reduza o bitrate.",
    videoSides: "`{{opt}}` tem {{width}}×{{height}} px; o Kling precisa de {{min}}–{{max}} px por lado: {{fix}}.",
    upscale: "aumente a resolução (ex.: para 1280×720)",
    downscale: "reduza a resolução (ex.: para 1920×1080)",
    imageType: "`{{opt}}` é {{found}} ({{file}}); as imagens devem ser JPG, PNG ou WebP: converta e anexe de novo.",
    imageSize: "`{{opt}}` tem {{size}}; as imagens podem ter no máximo {{max}}: salve como um JPG menor.",
    imageSides:
      "`{{opt}}` tem {{width}}×{{height}} px; as imagens precisam de pelo menos {{min}} px por lado: use uma imagem " +
      "maior.",
    elementReferences:
      "O elemento {{slot}}{{saved}} tem {{count}} imagens de referência; o Kling aceita no máximo {{max}} por " +
      "elemento: remova {{drop}}.",
    slotGap:
      "`{{optSet}}` está preenchido, mas `{{optEmpty}}` está vazio: preencha os espaços em ordem (`{{optFirst}}` " +
      "primeiro) para que os números de {{mention}} batam.",
    duration: "A duração de {{seconds}} s não é oferecida; escolha 3–15 s.",
    aspectRatio: "A proporção “{{ratio}}” não é oferecida; escolha auto, 16:9, 9:16 ou 1:1.",
    quality: "A qualidade “{{quality}}” não é oferecida; escolha {{offered}}.",
    readFormat: "`{{opt}}` não está em um formato que o Kling aceita: {{detail}}",
    readFetch: "Não foi possível baixar `{{opt}}`: {{detail}}",
    readSize: "`{{opt}}` é grande demais: {{detail}}",
    readUnreadable: "Não foi possível ler `{{opt}}`: {{detail}}",
    busy: "Estou lendo arquivos demais agora: nada foi lido nem cobrado; tente de novo em um minuto.",
    deadline:
      "ler seus arquivos levou mais de {{seconds}} s, o máximo que o bot gasta verificando um pedido (um link pode " +
      "ser muito lento): envie os arquivos pelo Discord ou tente mais tarde",
    inputsExpired:
      "Os arquivos originais não podem mais ser baixados, nem com links novos do Discord (a mensagem em que vieram " +
      "pode ter sido apagada): use /{{command}} de novo com os arquivos.",
    cannotPost:
      "Não posso publicar neste canal (o Discord diz que me faltam permissões). Peça a um moderador para me deixar " +
      "publicar aqui ou use outro canal.",
    postFailed:
      "Não consegui publicar a mensagem de progresso neste canal, então não iniciei o trabalho. Tente de novo.",
    notRecorded:
      "O bot está reiniciando e não conseguiu confirmar que este trabalho foi registrado. Se nenhuma mensagem de " +
      "progresso aparecer aqui em alguns minutos, use o comando de novo.",
  },
  list: { comma: ", ", semicolon: "; " },
};
