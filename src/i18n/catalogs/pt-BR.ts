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
        description:
          "Elementos salvos por nome, separados por vírgula (/$t(cmd.kling-element.name)); escreva @nome no prompt",
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
    "kling-element": {
      name: "kling-elemento",
      description: "Seus personagens e objetos salvos e os do servidor, usados pelo nome nos prompts do Kling",
      save: {
        name: "salvar",
        description: "Salvar um personagem ou objeto (uma imagem frontal + até 3 vistas) para usar pelo nome",
      },
      list: { name: "lista", description: "Os elementos salvos que você pode usar: os seus e os do servidor" },
      show: { name: "mostrar", description: "Mostrar as imagens de um elemento salvo (só para você)" },
      rename: {
        name: "renomear",
        description: "Renomear um elemento salvo (o seu, ou o do servidor com Gerenciar servidor)",
      },
      delete: {
        name: "apagar",
        description: "Apagar um elemento salvo (o seu, ou o do servidor com Gerenciar servidor)",
      },
      newName: { name: "novo_nome", description: "O novo nome ({{min}}–{{max}} caracteres de a–z, 0–9, _ e -)" },
      saveName: {
        name: "nome",
        description: "O nome, escrito @nome nos prompts ({{min}}–{{max}} caracteres de a–z, 0–9, _ e -)",
      },
      front: { name: "frontal", description: "A imagem frontal: jpg, png ou webp, ≥ 300 px por lado, ≤ 10 MB" },
      ref: { name: "vista{{n}}", description: "Outra vista (referência {{n}}): jpg, png ou webp" },
      scope: { name: "escopo", description: "Quem pode usar (padrão: eu)" },
      elementName: { name: "nome", description: "O nome do elemento" },
      which: {
        name: "escopo",
        description: "O seu ou o do servidor, quando os dois têm esse nome (padrão: o seu primeiro)",
      },
      me: "eu (só você pode usar)",
      server: "servidor (todos aqui; precisa de Gerenciar servidor)",
    },
    "kling-showcase": {
      name: "kling-vitrine",
      description: "A vitrine do servidor: os vídeos com mais estrelas",
      top: { name: "top", description: "As publicações da vitrine com mais estrelas" },
      period: {
        name: "período",
        description: "Quais publicações: dos últimos 7 dias (padrão), dos últimos 30 dias ou de todos os tempos",
        week: "semana",
        month: "mês",
        all: "tudo",
      },
    },
  },
  element: {
    guildOnly: "Elementos salvos pertencem a um servidor: use este comando em um servidor.",
    notFoundServer:
      "Nenhum elemento salvo se chama {{name}} neste servidor: veja `/$t(cmd.kling-element.name) $t(cmd.kling-element.list.name)`.",
    notFoundMine:
      "Nenhum dos seus elementos salvos se chama {{name}}: veja `/$t(cmd.kling-element.name) $t(cmd.kling-element.list.name)`.",
    notFoundAny:
      "Nenhum elemento salvo se chama {{name}} (nem seu nem deste servidor): veja `/$t(cmd.kling-element.name) " +
      "$t(cmd.kling-element.list.name)`.",
    nameLength: "um nome tem de {{min}} a {{max}} caracteres",
    nameChars: "um nome tem letras a–z, dígitos, `_` e `-`, e começa com uma letra (ele é escrito `@nome` nos prompts)",
    nameReserved: "`element…`, `image…` e `video…` são os nomes próprios do prompt: escolha outro",
    badName: "{{name}} não pode ser um nome: {{problem}}.",
    deleteNeedsManage: "{{name}} é um elemento do servidor salvo por outra pessoa: apagá-lo exige Gerenciar servidor.",
    deleteOnlyOwner: "Só quem salvou {{name}} pode apagá-lo.",
    deleted: "{{name}} apagado.",
    alreadyDeleted: "{{name}} já tinha sido apagado.",
    renameNotAllowed: "Só quem salvou {{name}}, ou alguém com Gerenciar servidor, pode renomeá-lo.",
    deletedMeanwhile: "{{name}} foi apagado nesse meio-tempo.",
    renameTakenServer: "Este servidor já tem um elemento chamado {{name}}: escolha outro nome.",
    renameTakenMine: "Você já tem um elemento chamado {{name}}: escolha outro nome.",
    renamed: "{{from}} renomeado para {{to}}.",
    listFooter: "Biblioteca: {{used}} de {{cap}} em uso neste servidor.",
    listEmpty:
      "Ainda não há elementos salvos: salve um com `/$t(cmd.kling-element.name) $t(cmd.kling-element.save.name)`.",
    listMine: "**Seus**",
    listServer: "**Deste servidor**",
    lineServer: "• {{name}} — servidor (por {{owner}}), {{images}}",
    lineMine: "• {{name}} — seu, {{images}}",
    imageOne: "1 imagem",
    imageMany: "{{count}} imagens",
    choiceServer: "{{value}} (servidor, {{count}} imagens)",
    choiceMine: "{{value}} (seu, {{count}} imagens)",
    serverNeedsManage:
      "Salvar um elemento do servidor exige Gerenciar servidor: salve-o para você com `$t(cmd.kling-element.scope.name):me`.",
    saveHeadOne: "Não consigo salvar este elemento:",
    saveHeadMany: "Não consigo salvar este elemento —",
    savedServer:
      "{{name}} salvo (para todos neste servidor): {{images}}, {{size}}. Use com `$t(cmd.option.elements.name):{{value}}` e escreva " +
      "{{name}} no prompt.",
    savedMine:
      "{{name}} salvo (para você): {{images}}, {{size}}. Use com `$t(cmd.option.elements.name):{{value}}` e escreva {{name}} no prompt.",
    front: "uma imagem frontal",
    frontRefOne: "uma imagem frontal e 1 referência",
    frontRefs: "uma imagem frontal e {{count}} referências",
    showServer: "{{name}} (servidor): {{images}}.",
    showMine: "{{name}} (seu): {{images}}.",
    theFront: "a imagem frontal",
    theFrontRefOne: "a imagem frontal e 1 referência",
    theFrontRefs: "a imagem frontal e {{count}} referências",
    imagesMissing: "As imagens de {{name}} sumiram do armazenamento: salve-o de novo.",
    imageTooBig: "`{{opt}}` tem {{size}}; imagens podem ter no máximo {{max}}: salve-a como um JPG menor.",
    savingOff: "Salvar elementos está desativado neste servidor.",
    savesBusy: "O bot está salvando elementos demais agora: tente de novo em um minuto.",
    tooManyNames:
      "`{{optElements}}` cita {{count}} elementos; o Kling aceita no máximo {{max}} elementos e " +
      "imagens juntos: cite menos.",
    unknownNames:
      "Nenhum elemento salvo se chama {{names}} (nem seu nem deste servidor): veja " +
      "`/$t(cmd.kling-element.name) $t(cmd.kling-element.list.name)` para os nomes que você pode " +
      "usar, ou salve um com `/$t(cmd.kling-element.name) $t(cmd.kling-element.save.name)`.",
    uploadFailed: "Não consegui enviar ao fal as imagens dos seus elementos salvos agora: tente de novo em um minuto.",
    deletedOne: "O elemento salvo {{names}} foi apagado nesse meio-tempo: salve-o de novo, ou use o comando sem ele.",
    deletedMany:
      "Os elementos salvos {{names}} foram apagados nesse meio-tempo: salve-os de novo, ou use o " +
      "comando sem eles.",
    clashServer: "Este servidor já tem um elemento chamado {{name}}: escolha outro nome, ou apague aquele primeiro.",
    clashMine: "Você já tem um elemento chamado {{name}}: escolha outro nome, ou apague o seu primeiro.",
    libraryCount:
      "A biblioteca de elementos deste servidor tem {{count}} elementos, o máximo: apague os que ninguém usa " +
      "(`/$t(cmd.kling-element.name) $t(cmd.kling-element.delete.name)`).",
    libraryFull:
      "A biblioteca de elementos deste servidor está cheia: ela ocupa {{used}} de {{cap}}, e estas imagens têm {{size}}. Apague os " +
      "elementos que ninguém usa (`/$t(cmd.kling-element.name) $t(cmd.kling-element.delete.name)`), ou peça a quem administra o " +
      "servidor para aumentá-la (`/$t(cmd.kling-config.name) $t(cmd.kling-config.limits.name) $t(cmd.config.elementLibraryMb.name):`).",
  },
  showcase: {
    guildOnly: "Este comando só funciona em um servidor.",
    badPeriod: "O período é semana, mês ou tudo.",
    week: "nos últimos 7 dias",
    month: "nos últimos 30 dias",
    all: "de todos os tempos",
    topEmpty:
      "Nenhuma publicação da vitrine tem estrela ainda ({{period}}). Aperte ⭐ nas publicações do canal da vitrine para classificá-las.",
    topTitle: "**Mais estrelados da vitrine, {{period}}**",
    topLine: "{{rank}}\\. ⭐ {{stars}} · {{prompt}} · por {{who}} · <{{link}}>",
    post: "🎬 Novo: {{title}} por <@{{user}}>: {{link}}\n> {{prompt}}",
    shareButton: "Compartilhar na vitrine",
    gone: "Não encontro mais este vídeo.",
    notRequester:
      "Só <@{{user}}>, que fez este vídeo, pode compartilhá-lo na vitrine. Use /{{command}} para fazer o seu e compartilhe esse.",
    noChannel:
      "Este servidor não tem mais canal de vitrine (quem gerencia o servidor define um com `/$t(cmd.kling-config.name) " +
      "$t(cmd.kling-config.showcase.name)`).",
    cannotPost:
      "Não consigo publicar em <#{{channel}}>: preciso de Ver canal, Enviar mensagens e Anexar arquivos lá. Peça a quem gerencia o " +
      "servidor para corrigir as permissões do canal (ou escolher outro com `/$t(cmd.kling-config.name) " +
      "$t(cmd.kling-config.showcase.name)`) e aperte Compartilhar de novo.",
    shared: "Compartilhado em <#{{channel}}>: {{link}}",
    already: "Já está na vitrine: {{link}}",
    busy: "Está sendo compartilhado agora; vai aparecer na vitrine em instantes.",
    nothing: "Não encontro mais o resultado deste vídeo, então não há nada para compartilhar.",
    postGone: "Esta publicação da vitrine não está mais em uso.",
  },
  failure: {
    notHosted: "{{problems}} Nada foi enviado para a fal e nada foi cobrado.",
    sentences: "{{first}} {{rest}}",
    restartedInDoubt:
      "o bot reiniciou enquanto enviava este trabalho para a fal, então não sei se a fal o recebeu. Nada mais vai acontecer com ele; " +
      "aperte Retry ou execute o comando de novo.",
    answerLost:
      "a resposta da fal a este trabalho se perdeu no caminho, então não sei se a fal o recebeu, e enviá-lo de novo poderia cobrar duas " +
      "vezes. Nada mais vai acontecer com ele aqui; aperte Retry ou execute o comando de novo.",
    notPosted: "o vídeo foi feito, mas não consegui publicá-lo aqui.{{link}}",
    link: " Link: {{url}}",
    deadline: "a fal não terminou em {{span}}, então cancelei.",
    tooOld: "o bot estava offline e este trabalho tem mais de {{span}}, então foi encerrado.{{link}}",
    lastLink: " O último resultado conhecido: {{url}}",
    hour: "1 hora",
    hours: "{{n}} horas",
    minute: "1 minuto",
    minutes: "{{n}} minutos",
    seconds: "{{n}} s",
    quotaUnchecked:
      "Não consegui verificar este trabalho com os limites do servidor (meu banco de dados não respondeu), então não o enviei para a " +
      "fal. Nada foi cobrado; tente de novo.",
    notPlayable:
      "A fal devolveu um arquivo que não é um vídeo reproduzível ({{why}}), então não o publiquei. A fal o fez, então ele conta no " +
      "orçamento; aperte Retry ou execute o comando de novo.",
    noFrames: "ele não tem quadros de vídeo",
    noVideo: "A fal terminou, mas a resposta não tem um vídeo utilizável: {{problems}}. Nada foi publicado.",
    falFields: "A fal recusou a entrada — {{fields}}.",
    falField: "{{field}}: {{msg}}",
    falInput: "A fal recusou a entrada: {{detail}}.",
    falAuth:
      "O bot está mal configurado: a fal não aceitou as credenciais dele. Quem administra o servidor precisa verificar os logs do bot.",
    model: "O modelo falhou: “{{reason}}”",
    modelStatus: "O modelo falhou (a fal respondeu HTTP {{status}}).",
    unavailable:
      "A fal está sobrecarregada ou indisponível agora (HTTP {{status}}). Nada foi gerado; tente de novo em alguns minutos.",
    refused: "A fal recusou o trabalho: “{{reason}}”",
    refusedStatus: "A fal recusou o trabalho (HTTP {{status}}).",
    unreachable: "O bot não conseguiu falar com a fal. Nada foi gerado; tente de novo em alguns minutos.",
    field: {
      video: "o vídeo",
      images: "as imagens",
      image: "a imagem {{n}} (@Image{{n}})",
      elements: "os elementos",
      elementImage: "a imagem do elemento {{n}} (@Element{{n}})",
      elementReference: "a imagem de referência do elemento {{n}}",
      element: "o elemento {{n}} (@Element{{n}})",
      prompt: "o prompt",
      duration: "a duração",
      aspectRatio: "a proporção",
      request: "o pedido",
    },
  },
  inputs: {
    video: "vídeo {{width}}×{{height}} · {{seconds}} s",
    videoUnmeasured: "vídeo",
    elementOne: "1 elemento{{refs}}",
    elementMany: "{{count}} elementos{{refs}}",
    refs: " (+{{count}} ref.)",
    saved: "salvos: {{list}}",
    imageOne: "1 imagem",
    imageMany: "{{count}} imagens",
    seconds: "{{s}} s",
    defaultLength: "duração padrão",
    audioKept: "com áudio",
    audioDropped: "sem áudio",
  },
  editWithKling: {
    title: "Editar com Kling",
    prompt: "Prompt",
    promptHelp: "Escreva @Video1 para o clipe e @Image1…@Image4 para as imagens, na ordem de envio.",
    images: "Imagens (opcional)",
    imagesHelp: "Até {{max}} referências de estilo ou aparência: JPG, PNG ou WebP.",
    guildOnly: "Só funciono em canais de servidor.",
    noVideo:
      "Essa mensagem não tem um vídeo que eu possa editar: ela precisa de um clipe MP4 ou MOV anexado, ou de um link para um. Use " +
      "**$t(cmd.edit-with-kling.name)** em uma mensagem com um clipe, ou execute /$t(cmd.kling-edit.name) com o arquivo.",
    formGone:
      "Este formulário não vale mais (tem mais de uma hora, ou é de outro canal): use **$t(cmd.edit-with-kling.name)** na mensagem de " +
      "novo.",
    cannotSee: "Você não consegue mais ver este canal, então não posso editar o vídeo dele para você.",
    tooManyImages: "Você enviou {{count}} imagens; o formulário aceita no máximo {{max}}. Envie de novo com menos.",
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
    comparisonSideBySide: "Antes / depois: à esquerda o clipe que você enviou, à direita o resultado.",
    comparisonStacked: "Antes / depois: em cima o clipe que você enviou, embaixo o resultado.",
  },
  refusal: {
    headOne: "Não posso iniciar este trabalho:",
    headMany: "Não posso iniciar este trabalho — {{count}} problemas:",
    more: "…e mais {{count}}.",
    tail: "Nada foi enviado para a fal e nada foi cobrado.",
  },
  buttons: {
    inputsGone: "Não tenho mais as entradas deste trabalho: use o comando de novo.",
    cancel: "Cancelar",
    retry: "Tentar de novo",
    remix: "Remixar",
    remixTitle: "Remix: edite o prompt",
    remixPrompt: "Prompt",
    jobGone: "Não encontro mais este trabalho.",
    rerunNotAllowed:
      'Só <@{{user}}>, que fez este vídeo, ou membros com "Gerenciar mensagens" podem apertar ' +
      "$t(buttons.retry) ou $t(buttons.remix) nele. Use /{{command}} para fazer o seu.",
    cancelNotAllowed:
      'Só <@{{user}}>, que iniciou este trabalho, ou membros com "Gerenciar mensagens" podem cancelá-lo.',
    storageDown:
      "Não consigo acessar meu armazenamento agora, então este trabalho **não** foi cancelado. Aperte " +
      "$t(buttons.cancel) de novo em um minuto.",
    alreadyFinished: "Tarde demais para cancelar: este trabalho já terminou.",
    cancelled: "Cancelado. Nada mais será gerado para este trabalho.",
    stopping:
      "Pedi ao fal para parar. Ele já tinha começado este trabalho, então ainda pode terminar: se " +
      "terminar, o vídeo é postado aqui (o fal cobra de qualquer jeito).",
    posting: "Tarde demais para cancelar: o vídeo está pronto e sendo postado.",
  },
  started: "Começou! Acompanhe aqui: {{link}}",
  boundary: {
    apologyJob: "Algo deu errado do meu lado, então não iniciei o trabalho. Nada foi cobrado; tente de novo.",
    apologyNothing: "Algo deu errado do meu lado; tente de novo.",
    unknownCommand: "Não conheço mais este comando; talvez os comandos do servidor precisem ser registrados de novo.",
    buttonGone: "Este botão não está mais em uso.",
    unknownSubcommand:
      "Não conheço mais este subcomando; talvez os comandos do servidor precisem ser registrados de novo.",
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
      "A qualidade Pro está desativada neste servidor: quem gerencia o servidor pode ativá-la com " +
      "/$t(cmd.kling-config.name) $t(cmd.kling-config.quality.name) $t(cmd.config.proEnabled.name):True",
  },
  quota: {
    paused:
      "O Kling foi pausado neste servidor pelos moderadores. Os trabalhos em andamento vão terminar; " +
      "novos podem começar quando um moderador usar `/$t(cmd.kling-config.name) $t(cmd.kling-config.resume.name)`.",
    pausedBecause:
      'O Kling foi pausado neste servidor pelos moderadores: "{{reason}}". Os trabalhos em andamento ' +
      "vão terminar; novos podem começar quando um moderador usar `/$t(cmd.kling-config.name) $t(cmd.kling-config.resume.name)`.",
    channel: "O Kling não pode ser usado neste canal deste servidor. Canais permitidos: {{channels}}.",
    role: "Neste servidor, o Kling é só para membros com um dos cargos {{roles}}. Fale com um moderador se você deveria ter.",
    blockedWord:
      'Seu prompt contém "{{word}}", que os moderadores deste servidor bloquearam. Reescreva o prompt e tente de novo.',
    concurrency:
      "Você já tem {{current}} trabalhos em andamento, e este servidor permite {{max}} por vez por " +
      "membro. Uma vaga abre quando um deles terminar (ou for cancelado).",
    cooldown:
      "Este servidor tem uma espera de {{cooldown}} entre trabalhos de um membro; seu último trabalho " +
      "começou {{last}}. Você pode iniciar o próximo {{ready}}.",
    userDaily:
      "Sua cota diária neste servidor é de {{max}} de vídeo; você usou {{used}} hoje (restam {{left}}) " +
      "e este trabalho precisa de {{needed}}{{note}}. Ela zera {{reset}} (00:00 {{zone}}).",
    guildDaily:
      "O orçamento diário do Kling neste servidor é {{max}}; {{current}} já foi gasto ou reservado " +
      "hoje e este trabalho custaria cerca de {{needed}}{{priced}}{{note}}. O orçamento zera {{reset}} (00:00 {{zone}}).",
    guildMonthly:
      "O orçamento mensal do Kling neste servidor é {{max}}; {{current}} já foi gasto ou reservado " +
      "neste mês e este trabalho custaria cerca de {{needed}}{{priced}}{{note}}. O orçamento zera {{reset}} (dia 1º, 00:00 {{zone}}).",
    provisional: " (uma edição reserva até 10 s até o clipe ser verificado)",
    lapsed:
      "A reserva deste trabalho na sua cota expirou antes de ele chegar ao fal (a verificação dos " +
      "arquivos demorou demais), e não pode ser refeita: {{reason}}",
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
  /** the job queue's worker: a request it could not check (src/jobs/input-check.ts) */
  queueChecks: {
    replyExpired:
      "esta solicitação esperou demais para ser verificada (o bot estava ocupado ou reiniciando), então não a " +
      "iniciei.",
    checkFailed:
      "Algo deu errado do meu lado ao verificar esta solicitação, então não a iniciei. Nada foi cobrado; tente " +
      "novamente.",
  },
};
