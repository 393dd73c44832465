import type { Catalog } from "./en.js";

/** Spanish (Spain), also served to Latin American Spanish (es-419): neutral wording, tú. */
export const es: Catalog = {
  cmd: {
    "kling-edit": {
      name: "kling-editar",
      description: "Cambia el estilo o el contenido de un clip de vídeo con un prompt (Kling O3, fal)",
    },
    "kling-reference": {
      name: "kling-referencia",
      description: "Crea un clip nuevo a partir de un vídeo de referencia y personajes (Kling O3, fal)",
    },
    "kling-usage": {
      name: "kling-uso",
      description: "Tu uso de Kling hoy y este mes (Gestionar servidor: totales del servidor y registro)",
      server: { name: "servidor", description: "Gestionar servidor: totales del servidor y miembros principales" },
      export: { name: "exportar", description: "Gestionar servidor: el registro del mes como archivo CSV" },
      month: { name: "mes", description: "Para exportar: AAAA-MM (por defecto: este mes, UTC)" },
    },
    "kling-help": {
      name: "kling-ayuda",
      description: "Cómo usar Kling aquí: comandos, entradas en un prompt, límites, precios y tu cupo",
    },
    "edit-with-kling": { name: "Editar con Kling" },
    "kling-config": {
      name: "kling-config",
      description: "Dueños del servidor: quién usa Kling y dónde, límites, presupuestos y precio (Gestionar servidor)",
      show: { name: "ver", description: "Muestra los ajustes de Kling de este servidor" },
      check: {
        name: "comprobar",
        description: "Comprueba la instalación: mis permisos por canal, la clave de fal, el almacén y los precios",
      },
      pause: { name: "pausar", description: "Detiene los trabajos nuevos en este servidor (los activos terminan)" },
      resume: { name: "reanudar", description: "Vuelve a aceptar trabajos nuevos" },
      limits: { name: "límites", description: "Límites por miembro (0 = sin límite de espera ni de segundos diarios)" },
      budget: {
        name: "presupuesto",
        description: "Presupuestos del servidor en dólares (0 = sin límite) y el precio estimado",
      },
      channels: { name: "canales", description: "Canales donde se puede usar Kling (ninguno = en todos)" },
      roles: { name: "roles", description: "Roles que pueden usar Kling (ninguno = todos)" },
      "block-words": { name: "palabras-bloqueadas", description: "Palabras o frases que un prompt no puede contener" },
      showcase: {
        name: "escaparate",
        description:
          "El canal escaparate (sin opciones: se quita) y si van todos los resultados o solo los compartidos",
      },
      threads: { name: "hilos", description: "Si los resultados pueden salir del canal a un hilo" },
      reruns: { name: "repeticiones", description: "Quién puede pulsar Retry y Remix en el resultado de otra persona" },
      quality: { name: "calidad", description: "Si los miembros pueden elegir calidad Pro (O3 Pro, a precio Pro)" },
      reset: { name: "restablecer", description: "Devuelve un ajuste al valor por defecto del bot" },
    },
    config: {
      action: { name: "acción", description: "Qué hacer" },
      add: "añadir",
      remove: "quitar",
      clear: "vaciar (sin restricción)",
      setting: { name: "ajuste", description: "Qué ajuste" },
      all: "todos los ajustes",
      reason: { name: "motivo", description: "Se muestra a quien lo intente" },
      allowedChannel: { name: "canal", description: "El canal (incluye sus hilos)" },
      role: { name: "rol", description: "El rol" },
      words: { name: "palabras", description: "Palabras o frases separadas por comas" },
      jobsAtOnce: { name: "trabajos_a_la_vez", description: "Trabajos que un miembro puede tener activos a la vez" },
      cooldown: { name: "espera_segundos", description: "Segundos entre los trabajos de un miembro" },
      dailySeconds: {
        name: "segundos_diarios",
        description: "Segundos de vídeo generado por miembro y día (se reinicia a las 00:00 {{zone}})",
      },
      elementLibraryMb: {
        name: "biblioteca_elementos_mb",
        description: "MB de imágenes para los elementos guardados del servidor (0 = desactivado)",
      },
      dailyUsd: {
        name: "usd_diarios",
        description: "Gasto por día, todo el servidor (se reinicia a las 00:00 {{zone}})",
      },
      monthlyUsd: { name: "usd_mensuales", description: "Gasto por mes natural, todo el servidor" },
      price: {
        name: "precio_por_segundo_usd",
        description: "Lo que cobra fal por segundo generado (estimación; por defecto {{usd}})",
      },
      proEnabled: {
        name: "pro_activado",
        description: "Sí: los miembros pueden elegir calidad:pro (a precio Pro); no: solo estándar",
      },
      proPrice: {
        name: "precio_pro_por_segundo_usd",
        description: "Lo que cobra fal por segundo Pro generado (estimación; por defecto {{usd}})",
      },
      showcaseChannel: { name: "canal", description: "Dónde se exhiben los vídeos terminados" },
      showcaseMode: {
        name: "modo",
        description: "auto: se publica cada resultado visible; compartido: solo los que comparte quien los pidió",
        auto: "auto (cada resultado)",
        shared: "compartido (quien lo pidió pulsa Compartir)",
      },
      threadsEnabled: {
        name: "activado",
        description: "Sí: un hilo por resultado; no: los resultados quedan en el canal",
      },
      who: {
        name: "quién",
        description: "solicitante: solo quien lo pidió y Gestionar mensajes; todos: cualquier miembro",
        requester: "solicitante (y Gestionar mensajes)",
        everyone: "todos",
      },
    },
    settingLabel: {
      paused: "En pausa",
      pausedReason: "Motivo de la pausa",
      allowedChannelIds: "Canales permitidos",
      allowedRoleIds: "Roles permitidos",
      blockedPromptWords: "Palabras bloqueadas en prompts",
      userConcurrentJobs: "Trabajos a la vez por miembro",
      userCooldownSec: "Espera por miembro",
      userDailySeconds: "Vídeo diario por miembro",
      elementLibraryMb: "Tamaño de la biblioteca de elementos",
      showcaseMode: "Publicaciones en el escaparate",
      guildDailyBudgetMicros: "Presupuesto diario del servidor",
      guildMonthlyBudgetMicros: "Presupuesto mensual del servidor",
      pricePerSecondMicros: "Precio por segundo generado",
      proEnabled: "Calidad Pro",
      proPricePerSecondMicros: "Precio Pro por segundo",
      showcaseChannelId: "Canal escaparate",
      threads: "Resultados en hilos",
      rerunsByAnyone: "Retry/Remix de resultados ajenos",
    },
    option: {
      prompt: {
        name: "prompt",
        description: "Qué crear. Las entradas son @Video1, @Element1…@Element4, @Image1…@Image4",
      },
      video: { name: "video", description: "El clip de origen (@Video1): .mp4 o .mov, 3–10 s, 720–2160 px por lado" },
      video_url: {
        name: "url_video",
        description: "O un enlace https al clip, para archivos que superan tu límite de subida en Discord",
      },
      element: {
        name: "elemento{{n}}",
        description: "Imagen frontal de un personaje u objeto (@Element{{n}}): jpg, png o webp",
      },
      element_ref: { name: "elemento{{n}}_ref", description: "Otra vista del elemento {{n}} (requiere elemento{{n}})" },
      image: { name: "imagen{{n}}", description: "Referencia de estilo o apariencia (@Image{{n}}): jpg, png o webp" },
      elements: {
        name: "elementos",
        description:
          "Elementos guardados por nombre, separados por comas (/$t(cmd.kling-element.name)); escribe @nombre",
      },
      keep_audio: { name: "mantener_audio", description: "Mantener el audio del clip de origen (por defecto: sí)" },
      quality: {
        name: "calidad",
        description: "Estándar (por defecto), o Pro si este servidor la activó (más cara)",
        standard: "estándar",
        pro: "pro (cuesta más; el servidor debe activarla)",
      },
      aspect_ratio: { name: "proporción", description: "Forma del clip nuevo (por defecto: auto)" },
      duration: { name: "duración", description: "Duración del clip nuevo en segundos (3–15)", seconds: "{{s}} s" },
    },
    "kling-element": {
      name: "kling-elemento",
      description: "Tus personajes y objetos guardados y los del servidor, para usar por nombre en los prompts",
      save: {
        name: "guardar",
        description: "Guardar un personaje u objeto (una imagen frontal + hasta 3 vistas más) para usarlo por nombre",
      },
      list: { name: "lista", description: "Los elementos guardados que puedes usar: los tuyos y los del servidor" },
      show: { name: "mostrar", description: "Mostrar las imágenes de un elemento guardado (solo a ti)" },
      rename: {
        name: "renombrar",
        description: "Renombrar un elemento guardado (el tuyo, o el del servidor con Gestionar servidor)",
      },
      delete: {
        name: "borrar",
        description: "Borrar un elemento guardado (el tuyo, o el del servidor con Gestionar servidor)",
      },
      newName: { name: "nuevo_nombre", description: "Su nuevo nombre ({{min}}–{{max}} caracteres de a–z, 0–9, _ y -)" },
      saveName: {
        name: "nombre",
        description: "Su nombre, escrito @nombre en los prompts ({{min}}–{{max}} caracteres de a–z, 0–9, _ y -)",
      },
      front: { name: "frontal", description: "Su imagen frontal: jpg, png o webp, ≥ 300 px por lado, ≤ 10 MB" },
      ref: { name: "vista{{n}}", description: "Otra vista (referencia {{n}}): jpg, png o webp" },
      scope: { name: "ámbito", description: "Quién puede usarlo (por defecto: yo)" },
      elementName: { name: "nombre", description: "El nombre del elemento" },
      which: {
        name: "ámbito",
        description: "El tuyo o el del servidor, si ambos tienen este nombre (por defecto: primero el tuyo)",
      },
      me: "yo (solo tú puedes usarlo)",
      server: "servidor (todos aquí; requiere Gestionar servidor)",
    },
    "kling-showcase": {
      name: "kling-escaparate",
      description: "El escaparate del servidor: sus vídeos con más estrellas",
      top: { name: "top", description: "Las publicaciones del escaparate con más estrellas" },
      period: {
        name: "periodo",
        description: "Qué publicaciones: de los últimos 7 días (por defecto), de los últimos 30 días o de siempre",
        week: "semana",
        month: "mes",
        all: "siempre",
      },
    },
  },
  element: {
    guildOnly: "Los elementos guardados pertenecen a un servidor: usa este comando en un servidor.",
    notFoundServer:
      "Ningún elemento guardado se llama {{name}} en este servidor: mira `/$t(cmd.kling-element.name) $t(cmd.kling-element.list.name)`.",
    notFoundMine:
      "Ninguno de tus elementos guardados se llama {{name}}: mira `/$t(cmd.kling-element.name) $t(cmd.kling-element.list.name)`.",
    notFoundAny:
      "Ningún elemento guardado se llama {{name}} (ni tuyo ni de este servidor): mira `/$t(cmd.kling-element.name) " +
      "$t(cmd.kling-element.list.name)`.",
    nameLength: "un nombre tiene {{min}}–{{max}} caracteres",
    nameChars:
      "un nombre lleva letras a–z, dígitos, `_` y `-`, y empieza por una letra (se escribe `@nombre` en los prompts)",
    nameReserved: "`element…`, `image…` y `video…` son los nombres propios del prompt: elige otro",
    badName: "{{name}} no puede ser un nombre: {{problem}}.",
    deleteNeedsManage:
      "{{name}} es un elemento del servidor que guardó otra persona: borrarlo requiere Gestionar servidor.",
    deleteOnlyOwner: "Solo quien guardó {{name}} puede borrarlo.",
    deleted: "{{name}} borrado.",
    alreadyDeleted: "{{name}} ya estaba borrado.",
    renameNotAllowed: "Solo quien guardó {{name}}, o alguien con Gestionar servidor, puede renombrarlo.",
    deletedMeanwhile: "{{name}} se borró mientras tanto.",
    renameTakenServer: "Este servidor ya tiene un elemento llamado {{name}}: elige otro nombre.",
    renameTakenMine: "Ya tienes un elemento llamado {{name}}: elige otro nombre.",
    renamed: "{{from}} renombrado a {{to}}.",
    listFooter: "Biblioteca: {{used}} de {{cap}} en uso en este servidor.",
    listEmpty:
      "Aún no hay elementos guardados: guarda uno con `/$t(cmd.kling-element.name) $t(cmd.kling-element.save.name)`.",
    listMine: "**Tuyos**",
    listServer: "**De este servidor**",
    lineServer: "• {{name}} — servidor (de {{owner}}), {{images}}",
    lineMine: "• {{name}} — tuyo, {{images}}",
    imageOne: "1 imagen",
    imageMany: "{{count}} imágenes",
    choiceServer: "{{value}} (servidor, {{count}} imágenes)",
    choiceMine: "{{value}} (tuyo, {{count}} imágenes)",
    serverNeedsManage:
      "Guardar un elemento del servidor requiere Gestionar servidor: guárdalo para ti con `$t(cmd.kling-element.scope.name):me`.",
    saveHeadOne: "No puedo guardar este elemento:",
    saveHeadMany: "No puedo guardar este elemento —",
    savedServer:
      "{{name}} guardado (para todos en este servidor): {{images}}, {{size}}. Úsalo con `$t(cmd.option.elements.name):{{value}}` y " +
      "escribe {{name}} en el prompt.",
    savedMine:
      "{{name}} guardado (para ti): {{images}}, {{size}}. Úsalo con `$t(cmd.option.elements.name):{{value}}` y escribe {{name}} en el " +
      "prompt.",
    front: "una imagen frontal",
    frontRefOne: "una imagen frontal y 1 referencia",
    frontRefs: "una imagen frontal y {{count}} referencias",
    showServer: "{{name}} (servidor): {{images}}.",
    showMine: "{{name}} (tuyo): {{images}}.",
    theFront: "la imagen frontal",
    theFrontRefOne: "la imagen frontal y 1 referencia",
    theFrontRefs: "la imagen frontal y {{count}} referencias",
    imagesMissing: "Faltan las imágenes de {{name}} en el almacén: guárdalo de nuevo.",
    imageTooBig:
      "`{{opt}}` ocupa {{size}}; las imágenes pueden ocupar como mucho {{max}}: guárdala como un JPG más pequeño.",
    savingOff: "Guardar elementos está desactivado en este servidor.",
    savesBusy: "El bot está guardando demasiados elementos ahora mismo: inténtalo de nuevo en un minuto.",
    tooManyNames:
      "`{{optElements}}` nombra {{count}} elementos; Kling acepta como máximo {{max}} elementos e " +
      "imágenes en total: nombra menos.",
    unknownNames:
      "Ningún elemento guardado se llama {{names}} (ni tuyo ni de este servidor): mira " +
      "`/$t(cmd.kling-element.name) $t(cmd.kling-element.list.name)` para ver los nombres que puedes " +
      "usar, o guarda uno con `/$t(cmd.kling-element.name) $t(cmd.kling-element.save.name)`.",
    uploadFailed:
      "No he podido subir a fal las imágenes de tus elementos guardados ahora mismo: inténtalo de " +
      "nuevo en un minuto.",
    deletedOne:
      "El elemento guardado {{names}} se borró mientras tanto: guárdalo otra vez, o ejecuta el " + "comando sin él.",
    deletedMany:
      "Los elementos guardados {{names}} se borraron mientras tanto: guárdalos otra vez, o ejecuta el " +
      "comando sin ellos.",
    clashServer: "Este servidor ya tiene un elemento llamado {{name}}: elige otro nombre, o borra ese primero.",
    clashMine: "Ya tienes un elemento llamado {{name}}: elige otro nombre, o borra el tuyo primero.",
    libraryCount:
      "La biblioteca de elementos de este servidor tiene {{count}} elementos, el máximo: borra los que nadie use " +
      "(`/$t(cmd.kling-element.name) $t(cmd.kling-element.delete.name)`).",
    libraryFull:
      "La biblioteca de elementos de este servidor está llena: ocupa {{used}} de {{cap}}, y estas imágenes ocupan {{size}}. Borra los " +
      "elementos que nadie use (`/$t(cmd.kling-element.name) $t(cmd.kling-element.delete.name)`), o pide a quien administre el servidor " +
      "que la amplíe (`/$t(cmd.kling-config.name) $t(cmd.kling-config.limits.name) $t(cmd.config.elementLibraryMb.name):`).",
  },
  showcase: {
    guildOnly: "Este comando solo funciona en un servidor.",
    badPeriod: "El periodo es semana, mes o siempre.",
    week: "los últimos 7 días",
    month: "los últimos 30 días",
    all: "todos los tiempos",
    topEmpty:
      "Ninguna publicación del escaparate tiene aún una estrella en {{period}}. Pulsa ⭐ en las publicaciones del canal del escaparate " +
      "para clasificarlas.",
    topTitle: "**Lo más estrellado del escaparate, {{period}}**",
    topLine: "{{rank}}\\. ⭐ {{stars}} · {{prompt}} · de {{who}} · <{{link}}>",
    post: "🎬 Nuevo: {{title}} de <@{{user}}>: {{link}}\n> {{prompt}}",
    shareButton: "Compartir en el escaparate",
    gone: "Ya no encuentro este vídeo.",
    notRequester:
      "Solo <@{{user}}>, que hizo este vídeo, puede compartirlo en el escaparate. Ejecuta /{{command}} para hacer el tuyo y comparte ese.",
    noChannel:
      "Este servidor ya no tiene canal de escaparate (quien gestione el servidor lo define con `/$t(cmd.kling-config.name) " +
      "$t(cmd.kling-config.showcase.name)`).",
    cannotPost:
      "No puedo publicar en <#{{channel}}>: necesito Ver canal, Enviar mensajes y Adjuntar archivos allí. Pide a quien gestione el " +
      "servidor que corrija los permisos del canal (o que elija otro con `/$t(cmd.kling-config.name) " +
      "$t(cmd.kling-config.showcase.name)`) y pulsa Compartir de nuevo.",
    shared: "Compartido en <#{{channel}}>: {{link}}",
    already: "Ya está en el escaparate: {{link}}",
    busy: "Se está compartiendo ahora mismo; aparecerá en el escaparate en un momento.",
    nothing: "Ya no encuentro el resultado de este vídeo, así que no hay nada que compartir.",
    postGone: "Esta publicación del escaparate ya no está en uso.",
  },
  failure: {
    notHosted: "{{problems}} No se envió nada a fal y no se cobró nada.",
    sentences: "{{first}} {{rest}}",
    restartedInDoubt:
      "el bot se reinició mientras enviaba este trabajo a fal, así que no sé si fal lo recibió. No pasará nada más con él; pulsa Retry " +
      "o vuelve a ejecutar el comando.",
    answerLost:
      "la respuesta de fal a este trabajo se perdió por el camino, así que no sé si fal lo recibió, y enviarlo de nuevo podría cobrarse " +
      "dos veces. Aquí no pasará nada más con él; pulsa Retry o vuelve a ejecutar el comando.",
    notPosted: "el vídeo se hizo, pero no pude publicarlo aquí.{{link}}",
    link: " Enlace: {{url}}",
    deadline: "fal no terminó en {{span}}, así que lo cancelé.",
    tooOld: "el bot estuvo desconectado y este trabajo tiene más de {{span}}, así que se cerró.{{link}}",
    lastLink: " El último resultado conocido: {{url}}",
    hour: "1 hora",
    hours: "{{n}} horas",
    minute: "1 minuto",
    minutes: "{{n}} minutos",
    seconds: "{{n}} s",
    quotaUnchecked:
      "No pude comprobar este trabajo con los límites del servidor (mi base de datos no respondió), así que no lo envié a fal. No se " +
      "cobró nada; inténtalo de nuevo.",
    notPlayable:
      "fal devolvió un archivo que no es un vídeo reproducible ({{why}}), así que no lo publiqué. fal lo hizo, así que cuenta para el " +
      "presupuesto; pulsa Retry o vuelve a ejecutar el comando.",
    noFrames: "no contiene fotogramas de vídeo",
    noVideo: "fal terminó, pero su respuesta no tiene un vídeo utilizable: {{problems}}. No se publicó nada.",
    falFields: "fal rechazó la entrada — {{fields}}.",
    falField: "{{field}}: {{msg}}",
    falInput: "fal rechazó la entrada: {{detail}}.",
    falAuth:
      "El bot está mal configurado: fal no aceptó sus credenciales. Quien administre el servidor debe revisar los registros del bot.",
    model: "El modelo falló: «{{reason}}»",
    modelStatus: "El modelo falló (fal respondió HTTP {{status}}).",
    unavailable:
      "fal está saturado o no disponible ahora mismo (HTTP {{status}}). No se generó nada; inténtalo de nuevo en unos minutos.",
    refused: "fal rechazó el trabajo: «{{reason}}»",
    refusedStatus: "fal rechazó el trabajo (HTTP {{status}}).",
    unreachable: "El bot no pudo contactar con fal. No se generó nada; inténtalo de nuevo en unos minutos.",
    field: {
      video: "el vídeo",
      images: "las imágenes",
      image: "la imagen {{n}} (@Image{{n}})",
      elements: "los elementos",
      elementImage: "la imagen del elemento {{n}} (@Element{{n}})",
      elementReference: "la imagen de referencia del elemento {{n}}",
      element: "el elemento {{n}} (@Element{{n}})",
      prompt: "el prompt",
      duration: "la duración",
      aspectRatio: "la relación de aspecto",
      request: "la petición",
    },
  },
  inputs: {
    video: "vídeo {{width}}×{{height}} · {{seconds}} s",
    videoUnmeasured: "vídeo",
    elementOne: "1 elemento{{refs}}",
    elementMany: "{{count}} elementos{{refs}}",
    refs: " (+{{count}} ref.)",
    saved: "guardados: {{list}}",
    imageOne: "1 imagen",
    imageMany: "{{count}} imágenes",
    seconds: "{{s}} s",
    defaultLength: "duración por defecto",
    audioKept: "con audio",
    audioDropped: "sin audio",
  },
  editWithKling: {
    title: "Editar con Kling",
    prompt: "Prompt",
    promptHelp: "Escribe @Video1 para el clip y @Image1…@Image4 para las imágenes, en el orden de subida.",
    images: "Imágenes (opcional)",
    imagesHelp: "Hasta {{max}} referencias de estilo o apariencia: JPG, PNG o WebP.",
    guildOnly: "Solo funciono en canales de un servidor.",
    noVideo:
      "Ese mensaje no tiene un vídeo que pueda editar: necesita un clip MP4 o MOV adjunto, o un enlace a uno. Usa " +
      "**$t(cmd.edit-with-kling.name)** en un mensaje con un clip, o ejecuta /$t(cmd.kling-edit.name) con el archivo.",
    formGone:
      "Este formulario ya no es válido (tiene más de una hora o es de otro canal): usa **$t(cmd.edit-with-kling.name)** en el mensaje " +
      "de nuevo.",
    cannotSee: "Ya no puedes ver este canal, así que no puedo editar su vídeo por ti.",
    tooManyImages: "Subiste {{count}} imágenes; el formulario admite como mucho {{max}}. Envíalo de nuevo con menos.",
  },
  progress: {
    title: { edit: "Edición de Kling", reference: "Referencia de Kling", pro: " · Pro" },
    requestedBy: "Pedido por",
    inputs: "Entradas",
    estimatedCost: "Coste estimado",
    estimate: "{{cost}} (estimación{{source}})",
    cost: "Coste",
    status: "Estado",
    note: "Nota",
    footer: "trabajo {{id}}",
    stopping:
      "🛑 Deteniendo — <@{{user}}> pulsó Cancelar y se pidió a fal que pare; si aun así termina, el vídeo se publicará aquí.",
    falUnreachable: "⚠️ fal no responde desde <t:{{since}}:R> — el trabajo está a salvo; sigo comprobando.",
    checking: "🔎 Preparando las entradas…",
    submitted: "📨 Enviado a fal <t:{{at}}:R>",
    queuedAt: "⏳ En cola en fal — posición {{position}} (enviado <t:{{at}}:R>)",
    queued: "⏳ En cola en fal (enviado <t:{{at}}:R>)",
    running: "🎬 Generando — empezó <t:{{since}}:R>\n{{bar}} (estimación){{log}}",
    delivering: "📦 Terminado — publicando el vídeo…",
    done: "✅ Listo{{took}}{{link}}",
    took: " en {{duration}}",
    seeResult: " — [ver el resultado]({{url}})",
    failed: "❌ Falló — {{reason}}",
    unknownError: "error desconocido",
    cancelledBy: "🚫 Cancelado por <@{{user}}>",
    cancelled: "🚫 Cancelado",
    costNote: {
      deliveredMeasured: "{{seconds}} de vídeo generado",
      deliveredEstimate: "{{seconds}} de vídeo (estimación)",
      "failed-after-result": "fal generó un vídeo, así que se cobra",
      failed: "no se cobra",
      "cancelled-queued": "no se cobra: se canceló antes de que fal empezara",
      "cancelled-running": "se cobra entero: fal ya había empezado",
      "submit-in-doubt": "contado según la estimación: puede que fal lo recibiera y ejecutara",
      "deadline-running": "contado según la estimación: puede que fal lo ejecutara",
      "too-old-running": "contado según la estimación: puede que fal lo ejecutara",
      "deadline-queued": "no se cobra: fal no había empezado",
      "too-old-queued": "no se cobra: fal no había empezado",
      "dry-run": "sin cargo: una prueba en seco no envía nada a fal",
    },
  },
  delivery: {
    ready: {
      edit: "<@{{user}}> tu edición de Kling está lista.{{extra}}",
      reference: "<@{{user}}> tu clip de referencia de Kling está listo.{{extra}}",
    },
    noUpload: "No puedo subir archivos aquí, así que aquí tienes el enlace de fal:",
    overLimitSized:
      "Con {{size}} supera el límite de subida de {{limit}} de este servidor, así que aquí tienes el enlace de fal:",
    overLimit: "Supera el límite de subida de {{limit}} de este servidor, así que aquí tienes el enlace de fal:",
    overServerLimit: "Supera el límite de subida de este servidor, así que aquí tienes el enlace de fal:",
    noDownload: "No pude descargarlo para adjuntarlo, así que aquí tienes el enlace de fal:",
    comparisonSideBySide: "Antes / después: a la izquierda el clip que enviaste, a la derecha el resultado.",
    comparisonStacked: "Antes / después: arriba el clip que enviaste, abajo el resultado.",
  },
  refusal: {
    headOne: "No puedo empezar este trabajo:",
    headMany: "No puedo empezar este trabajo — {{count}} problemas:",
    more: "…y {{count}} más.",
    tail: "No se envió nada a fal y no se cobró nada.",
  },
  buttons: {
    inputsGone: "Ya no tengo las entradas de este trabajo: ejecuta el comando de nuevo.",
    cancel: "Cancelar",
    retry: "Reintentar",
    remix: "Remezclar",
    remixTitle: "Remezcla: edita el prompt",
    remixPrompt: "Prompt",
    jobGone: "Ya no encuentro este trabajo.",
    rerunNotAllowed:
      "Solo <@{{user}}>, que hizo este vídeo, o los miembros con «Gestionar mensajes» pueden pulsar " +
      "$t(buttons.retry) o $t(buttons.remix) en él. Usa /{{command}} para hacer el tuyo.",
    cancelNotAllowed:
      "Solo <@{{user}}>, que empezó este trabajo, o los miembros con «Gestionar mensajes» pueden " + "cancelarlo.",
    storageDown:
      "Ahora mismo no llego a mi almacenamiento, así que este trabajo **no** se ha cancelado. Pulsa " +
      "$t(buttons.cancel) otra vez dentro de un minuto.",
    alreadyFinished: "Demasiado tarde para cancelar: este trabajo ya terminó.",
    cancelled: "Cancelado. No se generará nada más para este trabajo.",
    stopping:
      "Le he pedido a fal que pare. Ya había empezado este trabajo, así que aún puede terminar: si " +
      "termina, el vídeo se publica aquí (fal lo cobra igualmente).",
    posting: "Demasiado tarde para cancelar: el vídeo está terminado y se está publicando.",
  },
  started: "¡Empezado! Síguelo aquí: {{link}}",
  boundary: {
    apologyJob: "Algo falló por mi parte, así que no empecé el trabajo. No se cobró nada; inténtalo de nuevo.",
    apologyNothing: "Algo falló por mi parte; inténtalo de nuevo.",
    unknownCommand: "Ya no conozco este comando; puede que haya que volver a registrar los comandos del servidor.",
    buttonGone: "Este botón ya no se usa.",
    unknownSubcommand:
      "Ya no conozco este subcomando; puede que haya que volver a registrar los comandos del servidor.",
    formGone: "Este formulario ya no se usa.",
  },
  violation: {
    guildOnly: "Solo funciono en canales de servidor: úsame en un canal de texto o en un hilo de un servidor.",
    botPermissions:
      "No puedo publicar el progreso aquí: me falta {{missing}} en este canal. Pide a un moderador que me lo conceda, o usa otro canal.",
    noVideo:
      "No hay vídeo: adjunta tu clip en `{{optVideo}}` (o, si supera tu límite de subida, pega un enlace en `{{optUrl}}`).",
    videoTwice: "Se dieron `{{optVideo}}` y `{{optUrl}}` a la vez: usa solo uno.",
    videoUrlNotLink: "`{{optUrl}}` no es un enlace: pega la dirección https:// completa del clip.",
    videoUrlScheme: "`{{optUrl}}` usa {{scheme}}; solo se pueden descargar enlaces https://.",
    promptTooLong: "El prompt tiene {{length}} caracteres; el límite es {{max}}: acórtalo.",
    promptElement:
      "El prompt menciona {{mention}} pero no se dio `{{opt}}`: adjunta su imagen en `{{opt}}` o quita {{mention}}.",
    promptImage: "El prompt menciona {{mention}} pero no se dio `{{opt}}`: adjúntala en `{{opt}}` o quita {{mention}}.",
    promptVideo: "El prompt menciona {{mention}}, pero solo hay un vídeo: llámalo @Video1.",
    unmentionedElements: "Tu prompt no menciona {{names}}; Kling puede ignorar los elementos que el prompt no nombra.",
    refWithoutElement:
      "Se dio `{{optRef}}` sin `{{opt}}`: adjunta también la imagen frontal del elemento en `{{opt}}`.",
    tooManyInputs:
      "{{elements}} elementos + {{images}} imágenes = {{total}}; con un vídeo Kling admite como máximo {{max}} en total: quita {{drop}}.",
    videoTooShort: "el vídeo dura {{seconds}} s; Kling admite {{range}}: usa un clip más largo",
    videoTooLong: "el vídeo dura {{seconds}} s; Kling admite {{range}}: recórtalo",
    videoTooSmall:
      "el vídeo mide {{width}}×{{height}} px; Kling necesita entre {{min}} y {{max}} px por lado: expórtalo en 720p o más",
    videoTooLarge:
      "el vídeo mide {{width}}×{{height}} px; Kling necesita entre {{min}} y {{max}} px por lado: expórtalo en 1080p",
    fpsUnknown:
      "no se pudo medir la tasa de fotogramas (no se encontraron fotogramas); Kling admite {{min}}–{{max}} fps: vuelve a exportarlo",
    fpsLow: "el vídeo va a {{fps}} fps; Kling admite {{min}}–{{max}} fps: expórtalo a {{min}} o 30 fps",
    fpsHigh: "el vídeo va a {{fps}} fps; Kling admite {{min}}–{{max}} fps: expórtalo a 30 o {{max}} fps",
    videoBytes: "el vídeo pesa {{size}}; Kling admite como máximo {{max}}: recórtalo o expórtalo con menos bitrate",
    videoContainer:
      "el vídeo es un archivo {{container}}; Kling admite {{accepted}}: vuelve a exportarlo como MP4 (H.264)",
    imageFormat: "`{{opt}}` es una imagen {{format}}; Kling admite {{accepted}}: conviértela a PNG o JPG",
    imageSmall:
      "`{{opt}}` mide {{width}}×{{height}} px; Kling necesita al menos {{min}} px por lado: usa una imagen más grande",
    imageAspect:
      "`{{opt}}` mide {{width}}×{{height}} px ({{shape}}); Kling admite formas de 1:{{max}} a {{max}}:1: recórtala",
    imageBytes: "`{{opt}}` pesa {{size}}; Kling admite como máximo {{max}}: guárdala como JPG o redúcela",
    qualityOff:
      "La calidad Pro está desactivada en este servidor: quien gestione el servidor puede activarla " +
      "con /$t(cmd.kling-config.name) $t(cmd.kling-config.quality.name) $t(cmd.config.proEnabled.name):True",
  },
  quota: {
    paused:
      "Los moderadores han pausado Kling en este servidor. Los trabajos en curso terminarán; se podrán " +
      "empezar otros cuando un moderador ejecute `/$t(cmd.kling-config.name) $t(cmd.kling-config.resume.name)`.",
    pausedBecause:
      "Los moderadores han pausado Kling en este servidor: «{{reason}}». Los trabajos en curso " +
      "terminarán; se podrán empezar otros cuando un moderador ejecute `/$t(cmd.kling-config.name) $t(cmd.kling-config.resume.name)`.",
    channel: "Kling no se puede usar en este canal en este servidor. Canales permitidos: {{channels}}.",
    role: "En este servidor, Kling está limitado a miembros con uno de los roles {{roles}}. Pregunta a un moderador si deberías tenerlo.",
    blockedWord:
      "Tu prompt contiene «{{word}}», que los moderadores de este servidor han bloqueado. Reformula el prompt y vuelve a intentarlo.",
    concurrency:
      "Ya tienes {{current}} trabajos en curso, y este servidor permite {{max}} a la vez por miembro. " +
      "Se libera un hueco cuando uno termine (o se cancele).",
    cooldown:
      "Este servidor tiene una espera de {{cooldown}} entre trabajos de un miembro; tu último trabajo " +
      "empezó {{last}}. Podrás empezar el siguiente {{ready}}.",
    userDaily:
      "Tu cupo diario en este servidor es de {{max}} de vídeo; hoy has usado {{used}} (quedan {{left}}) " +
      "y este trabajo necesita {{needed}}{{note}}. Se reinicia {{reset}} (00:00 {{zone}}).",
    guildDaily:
      "El presupuesto diario de Kling de este servidor es {{max}}; hoy hay {{current}} gastado o " +
      "reservado y este trabajo costaría unos {{needed}}{{priced}}{{note}}. El presupuesto se reinicia {{reset}} (00:00 {{zone}}).",
    guildMonthly:
      "El presupuesto mensual de Kling de este servidor es {{max}}; este mes hay {{current}} gastado " +
      "o reservado y este trabajo costaría unos {{needed}}{{priced}}{{note}}. El presupuesto se reinicia " +
      "{{reset}} (el día 1, 00:00 {{zone}}).",
    provisional: " (una edición reserva hasta 10 s hasta que se comprueba su clip)",
    lapsed:
      "La reserva de este trabajo sobre tu cupo caducó antes de que llegara a fal (la comprobación de " +
      "sus archivos tardó demasiado), y no se puede volver a tomar: {{reason}}",
  },
  reply: {
    serverOnly: "Este comando solo funciona en un servidor.",
  },
  help: {
    title: "**Kling en este servidor**",
    command: "**/{{command}}** — {{description}}.\n> p. ej. `{{example}}`",
    editWithKling:
      "**$t(cmd.edit-with-kling.name)** (menú Aplicaciones de un mensaje) — edita el vídeo de cualquier mensaje: un " +
      "formulario pide el prompt y hasta {{maxImages}} imágenes; el resultado llega en un hilo de ese mensaje.",
    naming:
      "**Nombrar las entradas en un prompt**: el clip es `@Video1`; `{{element1}}`…`{{element4}}` (una imagen " +
      "frontal, más `{{element1Ref}}`… para otra vista) son `@Element1`…`@Element4`; `{{image1}}`…`{{image4}}` " +
      "(estilo o aspecto) son `@Image1`…`@Image4`.",
    saved:
      "**Personajes guardados**: guarda uno una vez con `/kling-element save` (una imagen frontal y hasta " +
      "{{maxViews}} vistas más), luego da su nombre en `{{elements}}` y escribe `@nombre` en el prompt; " +
      "`/kling-element list` muestra los tuyos y los del servidor.",
    limits:
      "**Límites**: vídeo .mp4 o .mov, {{minSec}}–{{maxSec}} s, {{minPx}}–{{maxPx}} px por lado, " +
      "{{minFps}}–{{maxFps}} fps, hasta {{videoMb}} (más grande: usa `{{videoUrl}}`); imágenes jpg/png/webp, " +
      "≥ {{imagePx}} px por lado, hasta {{imageMb}}; como mucho {{maxInputs}} elementos e imágenes en total; " +
      "prompt de hasta {{maxChars}} caracteres.",
    costs: "**Lo que cuesta un trabajo aquí** (estimaciones, cobradas por segundo de vídeo generado):",
    price: "- {{tier}}: {{rate}} de vídeo ({{examples}})",
    priceExample: "{{seconds}} s ≈ {{cost}}",
    tier: { standard: "Estándar", pro: "Pro" },
  },
  config: {
    heading: "**Ajustes de Kling de este servidor**",
    line: "• {{label}}: {{value}}{{source}}",
    done: "✅ {{what}}",
    isDefault: " *(predeterminado)*",
    footer:
      "-# Los límites se comprueban en este orden: canal, rol, palabras bloqueadas, trabajos a la vez, espera, " +
      "segundos diarios, presupuesto del servidor. Los días se reinician a las 00:00 {{zone}}, los meses el día 1. " +
      "Los cambios se aplican al instante.",
    repairedUnreadable:
      "⚠️ reparado: los ajustes guardados no se podían leer en absoluto, así que todos volvieron a su valor " +
      "predeterminado. Vuelve a configurarlos.",
    repairedEntries:
      "⚠️ reparado: el ajuste «{{label}}» tenía entradas no válidas, que se quitaron; ahora es {{value}}.",
    repairedInvalid:
      "⚠️ reparado: el ajuste «{{label}}» no era válido y volvió a {{value}} (el predeterminado). Configúralo de nuevo para " +
      "cambiarlo.",
    comparisonsOn:
      "ℹ️ Clips de antes/después: activados (ffmpeg encontrado; cada resultado va seguido de un clip comparativo en su hilo)",
    comparisonsOff:
      "ℹ️ Clips de antes/después: desactivados — ffmpeg no estaba en el PATH del bot al arrancar (instala ffmpeg y " +
      "reinicia el bot para activarlos)",
    dryRun:
      "🧪 **Prueba en seco** (FAL_DRY_RUN, definido donde se ejecuta el bot): los trabajos pasan cada comprobación y " +
      "límite, pero no se envía nada a fal ni se cobra; los resultados son las entradas pasadas por un filtro.",
    changed: {
      pause:
        "En pausa: los trabajos nuevos de los miembros se rechazan con el motivo; los que están en marcha terminan.",
      resume: "Reanudado: se vuelven a aceptar trabajos nuevos.",
      limits: "Límites actualizados.",
      budget: "Presupuesto actualizado (los trabajos en marcha mantienen el precio con el que se aceptaron).",
      channels: "Canales permitidos actualizados.",
      roles: "Roles permitidos actualizados.",
      blockWords: "Palabras bloqueadas actualizadas.",
      showcaseUnset: "Canal de escaparate quitado.",
      showcaseSet: "Canal de escaparate definido.",
      showcaseAuto: "Cada resultado que @everyone puede ver se publica en el escaparate.",
      showcaseShared: "Los resultados se publican en el escaparate cuando quien los pidió pulsa Compartir.",
      threadsOn: "Los resultados vuelven a ir en un hilo.",
      threadsOff: "Los resultados se quedan en el canal (sin hilos).",
      rerunsAnyone:
        "Ahora cualquiera puede pulsar Retry y Remix en cualquier resultado (cada repetición es un trabajo nuevo, " +
        "comprobado y cobrado como siempre).",
      rerunsRequester:
        "Retry y Remix de un resultado quedan ahora para quien lo pidió y los miembros con Gestionar mensajes.",
      qualityOn:
        "La calidad Pro está activada: los miembros pueden elegir `quality:pro` (cobrada al precio Pro por segundo).",
      qualityOff: "La calidad Pro está desactivada: todos los trabajos usan calidad estándar.",
      resetAll: "Todos los ajustes han vuelto a su valor predeterminado.",
      reset: "El ajuste «{{label}}» ha vuelto a su valor predeterminado.",
    },
    error: {
      managersOnly:
        "Solo los miembros con **Gestionar servidor** pueden ver o cambiar los ajustes de Kling. " +
        "`/$t(cmd.kling-usage.name)` muestra tu propio uso.",
      guildUnseen: "Todavía no veo este servidor; inténtalo de nuevo en un minuto.",
      unknownSetting: "No conozco ese ajuste.",
      sayWhich: "Indica qué quieres {{action}}.",
      tooMany: "Serían {{count}}; el límite es {{max}}.",
      giveOne: "Indica al menos una de estas opciones: {{options}}.",
      wordTooLong: "Cada palabra o frase bloqueada puede tener como mucho {{max}} caracteres.",
    },
    value: {
      yes: "sí",
      yesBecause: "sí — «{{reason}}»",
      no: "no",
      noReason: "ninguno",
      noWords: "ninguna",
      noCooldown: "ninguna",
      noChannel: "ninguno",
      everywhere: "en todas partes",
      everyone: "todos",
      noLimit: "sin límite",
      libraryOff: "desactivada (no se pueden guardar elementos)",
      libraryMb: "{{mb}} MB de imágenes",
      estimate: "{{rate}} (estimación)",
      proOn: "activada (los miembros pueden elegir `quality:pro`, cobrada al precio Pro)",
      proOff: "desactivada (solo calidad estándar)",
      showcaseAuto: "auto (cada resultado de un canal que @everyone puede ver se publica allí)",
      showcaseShared: "compartido (un resultado se publica cuando quien lo pidió pulsa Compartir en el escaparate)",
      threadsOn: "activados (los resultados van en un hilo del mensaje de progreso)",
      threadsOff: "desactivados (los resultados se quedan en el canal)",
      rerunsRequester: "quien lo pidió y los miembros con Gestionar mensajes",
    },
  },
  usage: {
    mine: "**Tu uso de Kling en este servidor**",
    ofLimit: "{{used}} de {{limit}} (quedan {{left}})",
    noLimit: "{{used}} (sin límite)",
    jobs_one: "{{count}} trabajo",
    jobs_other: "{{count}} trabajos",
    today: "Hoy: vídeo {{amount}}, unos {{cost}} — se reinicia {{reset}} (00:00 {{zone}})",
    month: "Este mes: {{seconds}} de vídeo en {{jobs}}, unos {{cost}} — se reinicia {{reset}}",
    running: "En marcha ahora: {{active}} de {{max}} permitidos a la vez",
    cooldownWait: "Espera: próximo trabajo {{ready}}",
    cooldownReady: "Espera: listo",
    note: "-# Los importes incluyen los trabajos en marcha a su estimación; los precios son estimaciones.",
    server: "**Uso de Kling de este servidor**",
    noBudget: "{{spent}} (sin presupuesto definido)",
    serverToday: "Hoy: {{budget}} · {{seconds}} en {{jobs}} — se reinicia {{reset}} (00:00 {{zone}})",
    serverMonth: "Este mes: {{budget}} · {{seconds}} en {{jobs}} — se reinicia {{reset}}",
    serverRunning: "En marcha ahora: {{active}}",
    top: "**Miembros más activos este mes**",
    topLine: "{{rank}}. <@{{user}}> — {{cost}} · {{seconds}} · {{jobs}}",
    serverNote:
      "-# Los trabajos en marcha cuentan a su estimación; los precios son estimaciones (`/$t(cmd.kling-config.name)` " +
      "fija la tarifa). Exporta el registro con `$t(cmd.kling-usage.export.name): True`.",
    ledger: "📄 Registro de {{month}}: {{jobs}}, {{cost}} (trabajos en marcha a su estimación).",
    managersOnly:
      "Los totales del servidor y el registro son para miembros con **Gestionar servidor**. Usa " +
      "`/$t(cmd.kling-usage.name)` sin opciones para ver tu propio uso.",
    badMonth: "`$t(cmd.kling-usage.month.name)` debe tener el formato 2025-06.",
  },
  setup: {
    title: "**Comprobación de la configuración de Kling**",
    noChannel: "⚠️ No hay ningún canal de texto donde se me pueda usar (revisa los canales permitidos).",
    allGood: "✅ Canales: los {{count}} tienen todos los permisos que necesito.",
    missingHead: "Canales a los que les faltan permisos ({{count}} de {{checked}}):",
    missingLine: "• <#{{channel}}>: falta {{permissions}} → {{costs}}",
    fal: "fal: {{detail}}",
    store: "Almacén: {{detail}}",
    price: "💲 Precio: {{price}}",
    permission: {
      ViewChannel: "Ver canal",
      SendMessages: "Enviar mensajes",
      EmbedLinks: "Insertar enlaces",
      CreatePublicThreads: "Crear hilos públicos",
      SendMessagesInThreads: "Enviar mensajes en hilos",
      AttachFiles: "Adjuntar archivos",
    },
    cost: {
      refused: "aquí se rechazan los trabajos",
      noProgress: "aquí se rechazan los trabajos (sin mensaje de progreso)",
      noThread: "sin hilo: los resultados se publican en el canal",
      linkOnly: "los resultados se publican solo como enlace",
    },
    falAccepts: "fal acepta la clave",
    falRefused: "fal rechazó la clave (HTTP {{status}}): revisa FAL_KEY",
    falUnasked: "no se pudo consultar a fal ({{error}})",
    falNotRead: "todavía no se ha leído la lista de precios de fal",
    falDryRun: "prueba en seco: no hace falta clave (FAL_DRY_RUN no envía nada a fal)",
    storeOk: "accesible ({{ms}} ms)",
    storeDown: "no accesible: {{error}}",
    priceFal: "{{rate}} en Estándar, de la lista de precios de fal",
    priceServer:
      "{{rate}} en Estándar, el precio de este servidor (el de un propietario o del entorno; si no, el predeterminado " +
      "cuando no se leyó la lista de fal)",
    priceUnknown: "desconocido ({{error}})",
  },
  dryRun: {
    note: "🧪 Prueba en seco: no se envió nada a fal ni se cobró; el resultado es tu clip pasado por un filtro.",
    title: "{{title}} · 🧪 prueba en seco",
    field: "Prueba en seco",
    costNote: "; una prueba en seco no se cobra",
    notShown: "{{why}}, así que el resultado de la prueba en seco no se puede mostrar aquí.",
  },
  checks: {
    promptEmpty: "El prompt está vacío: describe lo que Kling debe crear.",
    videoType:
      "`{{opt}}` es {{found}} ({{file}}); Kling solo acepta MP4 o MOV: exporta el clip como .mp4 (H.264) y adjunta " +
      "ese.",
    videoSize: "`{{opt}}` ocupa {{size}}; el límite es {{max}}: recórtalo o baja su bitrate.",
    videoSides: "`{{opt}}` mide {{width}}×{{height}} px; Kling necesita {{min}}–{{max}} px por lado: {{fix}}.",
    upscale: "amplíalo (p. ej. a 1280×720)",
    downscale: "redúcelo (p. ej. a 1920×1080)",
    imageType:
      "`{{opt}}` es {{found}} ({{file}}); las imágenes deben ser JPG, PNG o WebP: conviértela y adjúntala de nuevo.",
    imageSize:
      "`{{opt}}` ocupa {{size}}; las imágenes pueden ocupar como mucho {{max}}: guárdala como un JPG más ligero.",
    imageSides:
      "`{{opt}}` mide {{width}}×{{height}} px; las imágenes necesitan al menos {{min}} px por lado: usa una imagen " +
      "más grande.",
    elementReferences:
      "El elemento {{slot}}{{saved}} tiene {{count}} imágenes de referencia; Kling admite como mucho {{max}} por " +
      "elemento: quita {{drop}}.",
    slotGap:
      "`{{optSet}}` está puesto pero `{{optEmpty}}` está vacío: rellena los huecos en orden (`{{optFirst}}` primero) " +
      "para que coincidan los números de {{mention}}.",
    duration: "Una duración de {{seconds}} s no está disponible; elige 3–15 s.",
    aspectRatio: "La relación de aspecto «{{ratio}}» no está disponible; elige auto, 16:9, 9:16 o 1:1.",
    quality: "La calidad «{{quality}}» no está disponible; elige {{offered}}.",
    readFormat: "`{{opt}}` no está en un formato que Kling acepte: {{detail}}",
    readFetch: "No se pudo descargar `{{opt}}`: {{detail}}",
    readSize: "`{{opt}}` es demasiado grande: {{detail}}",
    readUnreadable: "No se pudo leer `{{opt}}`: {{detail}}",
    busy: "Estoy leyendo demasiados archivos ahora mismo: no se leyó ni se cobró nada; inténtalo de nuevo en un minuto.",
    deadline:
      "leer tus archivos llevó más de {{seconds}} s, lo máximo que el bot dedica a revisar una solicitud (un enlace " +
      "puede ser muy lento): sube los archivos a Discord o inténtalo más tarde",
    inputsExpired:
      "Los archivos originales ya no se pueden descargar, ni siquiera con enlaces nuevos de Discord (puede que se " +
      "borrara el mensaje en el que venían): vuelve a usar /{{command}} con los archivos.",
    cannotPost:
      "No puedo publicar en este canal (Discord dice que me faltan permisos). Pide a un moderador que me deje publicar " +
      "aquí o usa otro canal.",
    postFailed:
      "No pude publicar el mensaje de progreso en este canal, así que no empecé el trabajo. Inténtalo de nuevo.",
    notRecorded:
      "El bot se está reiniciando y no pudo confirmar que este trabajo quedara registrado. Si en unos minutos no " +
      "aparece aquí un mensaje de progreso, vuelve a usar el comando.",
  },
  list: { comma: ", ", semicolon: "; " },
  /** the job queue's worker: a request it could not check (src/jobs/input-check.ts) */
  queueChecks: {
    replyExpired:
      "esta solicitud esperó demasiado a ser revisada (el bot estaba ocupado o reiniciándose), así que no la " +
      "inicié.",
    checkFailed:
      "Algo falló por mi parte al revisar esta solicitud, así que no la inicié. No se cobró nada; inténtalo de " +
      "nuevo.",
  },
};
