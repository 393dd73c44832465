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
};
