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
        description: "Elementos guardados por nombre, separados por comas (/kling-element); escribe @nombre",
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
  },
  refusal: {
    headOne: "No puedo empezar este trabajo:",
    headMany: "No puedo empezar este trabajo — {{count}} problemas:",
    more: "…y {{count}} más.",
    tail: "No se envió nada a fal y no se cobró nada.",
  },
  started: "¡Empezado! Síguelo aquí: {{link}}",
  boundary: {
    apologyJob: "Algo falló por mi parte, así que no empecé el trabajo. No se cobró nada; inténtalo de nuevo.",
    apologyNothing: "Algo falló por mi parte; inténtalo de nuevo.",
    unknownCommand: "Ya no conozco este comando; puede que haya que volver a registrar los comandos del servidor.",
    buttonGone: "Este botón ya no se usa.",
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
      "La calidad Pro está desactivada en este servidor: quien gestione el servidor puede activarla con /$t(cmd.kling-config.name) $t(cmd.kling-config.quality.name) $t(cmd.config.proEnabled.name):True",
  },
  quota: {
    paused:
      "Los moderadores han pausado Kling en este servidor. Los trabajos en curso terminarán; se podrán empezar otros cuando un moderador ejecute `/$t(cmd.kling-config.name) $t(cmd.kling-config.resume.name)`.",
    pausedBecause:
      "Los moderadores han pausado Kling en este servidor: «{{reason}}». Los trabajos en curso terminarán; se podrán empezar otros cuando un moderador ejecute `/$t(cmd.kling-config.name) $t(cmd.kling-config.resume.name)`.",
    channel: "Kling no se puede usar en este canal en este servidor. Canales permitidos: {{channels}}.",
    role: "En este servidor, Kling está limitado a miembros con uno de los roles {{roles}}. Pregunta a un moderador si deberías tenerlo.",
    blockedWord:
      "Tu prompt contiene «{{word}}», que los moderadores de este servidor han bloqueado. Reformula el prompt y vuelve a intentarlo.",
    concurrency:
      "Ya tienes {{current}} trabajos en curso, y este servidor permite {{max}} a la vez por miembro. Se libera un hueco cuando uno termine (o se cancele).",
    cooldown:
      "Este servidor tiene una espera de {{cooldown}} entre trabajos de un miembro; tu último trabajo empezó {{last}}. Podrás empezar el siguiente {{ready}}.",
    userDaily:
      "Tu cupo diario en este servidor es de {{max}} de vídeo; hoy has usado {{used}} (quedan {{left}}) y este trabajo necesita {{needed}}{{note}}. Se reinicia {{reset}} (00:00 {{zone}}).",
    guildDaily:
      "El presupuesto diario de Kling de este servidor es {{max}}; hoy hay {{current}} gastado o reservado y este trabajo costaría unos {{needed}}{{priced}}{{note}}. El presupuesto se reinicia {{reset}} (00:00 {{zone}}).",
    guildMonthly:
      "El presupuesto mensual de Kling de este servidor es {{max}}; este mes hay {{current}} gastado o reservado y este trabajo costaría unos {{needed}}{{priced}}{{note}}. El presupuesto se reinicia {{reset}} (el día 1, 00:00 {{zone}}).",
    provisional: " (una edición reserva hasta 10 s hasta que se comprueba su clip)",
  },
};
