import type { Catalog } from "./en.js";

export const fr: Catalog = {
  cmd: {
    "kling-edit": {
      name: "kling-modifier",
      description: "Restyler ou modifier un clip vidéo avec un prompt (Kling O3, fal)",
    },
    "kling-reference": {
      name: "kling-référence",
      description: "Créer un nouveau clip à partir d'une vidéo de référence et de personnages (Kling O3, fal)",
    },
    "kling-usage": {
      name: "kling-utilisation",
      description: "Ton utilisation de Kling aujourd'hui et ce mois-ci (Gérer le serveur : totaux et registre)",
      server: { name: "serveur", description: "Gérer le serveur : totaux du serveur et membres les plus actifs" },
      export: { name: "export", description: "Gérer le serveur : le registre du mois en fichier CSV" },
      month: { name: "mois", description: "Pour l'export : AAAA-MM (par défaut : ce mois-ci, UTC)" },
    },
    "kling-help": {
      name: "kling-aide",
      description: "Utiliser Kling ici : commandes, entrées dans un prompt, limites, prix, ton quota",
    },
    "edit-with-kling": { name: "Modifier avec Kling" },
    "kling-config": {
      name: "kling-config",
      description: "Propriétaires : qui peut utiliser Kling et où, limites, budgets et prix (Gérer le serveur)",
      show: { name: "afficher", description: "Afficher les réglages Kling de ce serveur" },
      check: {
        name: "vérifier",
        description: "Vérifier l'installation : mes permissions par salon, la clé fal, le stockage, la source des prix",
      },
      pause: {
        name: "pause",
        description: "Bloquer les nouvelles tâches sur ce serveur (celles en cours se terminent)",
      },
      resume: { name: "reprendre", description: "Accepter à nouveau les nouvelles tâches" },
      limits: {
        name: "limites",
        description: "Limites par membre (0 = aucune limite pour le délai et les secondes par jour)",
      },
      budget: { name: "budget", description: "Budgets du serveur en dollars US (0 = aucune limite) et prix estimé" },
      channels: { name: "salons", description: "Salons où Kling peut être utilisé (aucun = partout)" },
      roles: { name: "rôles", description: "Rôles autorisés à utiliser Kling (aucun = tout le monde)" },
      "block-words": { name: "mots-bloqués", description: "Mots ou expressions interdits dans un prompt" },
      showcase: {
        name: "vitrine",
        description:
          "Le salon vitrine (sans option : retiré) et si tous les résultats y vont ou seulement les partagés",
      },
      threads: { name: "fils", description: "Si les résultats peuvent quitter le salon pour un fil" },
      reruns: { name: "relances", description: "Qui peut utiliser Retry et Remix sur le résultat d'un autre" },
      quality: { name: "qualité", description: "Si les membres peuvent choisir la qualité Pro (O3 Pro, au prix Pro)" },
      reset: { name: "réinitialiser", description: "Remettre un réglage à la valeur par défaut du bot" },
    },
    config: {
      action: { name: "action", description: "Que faire" },
      add: "ajouter",
      remove: "retirer",
      clear: "vider (aucune restriction)",
      setting: { name: "réglage", description: "Quel réglage" },
      all: "tous les réglages",
      reason: { name: "raison", description: "Montrée aux membres qui essaient" },
      allowedChannel: { name: "salon", description: "Le salon (ses fils inclus)" },
      role: { name: "rôle", description: "Le rôle" },
      words: { name: "mots", description: "Mots ou expressions séparés par des virgules" },
      jobsAtOnce: { name: "tâches_simultanées", description: "Tâches qu'un membre peut lancer en même temps" },
      cooldown: { name: "délai_secondes", description: "Secondes entre deux tâches d'un membre" },
      dailySeconds: {
        name: "secondes_par_jour",
        description: "Secondes de vidéo produite par membre et par jour (remise à zéro à 00:00 {{zone}})",
      },
      elementLibraryMb: {
        name: "bibliothèque_éléments_mo",
        description: "Mo d'images que les éléments enregistrés du serveur peuvent occuper (0 = désactivé)",
      },
      dailyUsd: {
        name: "usd_par_jour",
        description: "Dépense par jour, tout le serveur (remise à zéro à 00:00 {{zone}})",
      },
      monthlyUsd: { name: "usd_par_mois", description: "Dépense par mois civil, tout le serveur" },
      price: {
        name: "prix_par_seconde_usd",
        description: "Ce que fal facture par seconde produite (estimation ; par défaut {{usd}})",
      },
      proEnabled: {
        name: "pro_activé",
        description: "Oui : les membres peuvent choisir qualité:pro (au prix Pro) ; non : standard seulement",
      },
      proPrice: {
        name: "prix_pro_par_seconde_usd",
        description: "Ce que fal facture par seconde Pro produite (estimation ; par défaut {{usd}})",
      },
      showcaseChannel: { name: "salon", description: "Où les vidéos terminées sont mises en vitrine" },
      showcaseMode: {
        name: "mode",
        description: "auto : chaque résultat visible est publié ; partagé : seulement ceux que le demandeur partage",
        auto: "auto (chaque résultat)",
        shared: "partagé (le demandeur appuie sur Partager)",
      },
      threadsEnabled: {
        name: "activé",
        description: "Oui : un fil par résultat ; non : les résultats restent dans le salon",
      },
      who: {
        name: "qui",
        description: "demandeur : seulement lui et Gérer les messages ; tout le monde : n'importe quel membre",
        requester: "demandeur (et Gérer les messages)",
        everyone: "tout le monde",
      },
    },
    settingLabel: {
      paused: "En pause",
      pausedReason: "Raison de la pause",
      allowedChannelIds: "Salons autorisés",
      allowedRoleIds: "Rôles autorisés",
      blockedPromptWords: "Mots bloqués dans les prompts",
      userConcurrentJobs: "Tâches simultanées par membre",
      userCooldownSec: "Délai par membre",
      userDailySeconds: "Vidéo par jour et par membre",
      elementLibraryMb: "Taille de la bibliothèque d'éléments",
      showcaseMode: "Publications en vitrine",
      guildDailyBudgetMicros: "Budget quotidien du serveur",
      guildMonthlyBudgetMicros: "Budget mensuel du serveur",
      pricePerSecondMicros: "Prix par seconde produite",
      proEnabled: "Qualité Pro",
      proPricePerSecondMicros: "Prix Pro par seconde",
      showcaseChannelId: "Salon vitrine",
      threads: "Résultats dans des fils",
      rerunsByAnyone: "Retry/Remix des résultats des autres",
    },
    option: {
      prompt: {
        name: "prompt",
        description: "Ce qu'il faut créer. Entrées : @Video1, @Element1…@Element4, @Image1…@Image4",
      },
      video: { name: "vidéo", description: "Le clip source (@Video1) : .mp4 ou .mov, 3–10 s, 720–2160 px par côté" },
      video_url: {
        name: "url_vidéo",
        description: "Ou un lien https vers le clip, pour les fichiers au-delà de ta limite d'envoi Discord",
      },
      element: {
        name: "élément{{n}}",
        description: "Image de face d'un personnage ou d'un objet (@Element{{n}}) : jpg, png ou webp",
      },
      element_ref: {
        name: "élément{{n}}_vue",
        description: "Une autre vue de l'élément {{n}} (nécessite élément{{n}})",
      },
      image: { name: "image{{n}}", description: "Référence de style ou d'apparence (@Image{{n}}) : jpg, png ou webp" },
      elements: {
        name: "éléments",
        description:
          "Éléments enregistrés par nom, séparés par des virgules (/$t(cmd.kling-element.name)) ; écris @nom",
      },
      keep_audio: { name: "garder_audio", description: "Garder le son du clip source (par défaut : oui)" },
      quality: {
        name: "qualité",
        description: "Standard (par défaut), ou Pro si ce serveur l'a activée (plus cher)",
        standard: "standard",
        pro: "pro (plus cher ; le serveur doit l'activer)",
      },
      aspect_ratio: { name: "format", description: "Format du nouveau clip (par défaut : auto)" },
      duration: { name: "durée", description: "Durée du nouveau clip en secondes (3–15)", seconds: "{{s}} s" },
    },
    "kling-element": {
      name: "kling-élément",
      description: "Tes personnages et objets enregistrés et ceux du serveur, à appeler par leur nom dans les prompts",
      save: {
        name: "enregistrer",
        description: "Enregistrer un personnage ou un objet (une image de face + jusqu'à 3 vues) à appeler par son nom",
      },
      list: {
        name: "liste",
        description: "Les éléments enregistrés que tu peux utiliser : les tiens et ceux du serveur",
      },
      show: { name: "afficher", description: "Afficher les images d'un élément enregistré (visible par toi seul)" },
      rename: {
        name: "renommer",
        description: "Renommer un élément enregistré (le tien, ou celui du serveur avec Gérer le serveur)",
      },
      delete: {
        name: "supprimer",
        description: "Supprimer un élément enregistré (le tien, ou celui du serveur avec Gérer le serveur)",
      },
      newName: {
        name: "nouveau_nom",
        description: "Son nouveau nom ({{min}}–{{max}} caractères parmi a–z, 0–9, _ et -)",
      },
      saveName: {
        name: "nom",
        description: "Son nom, écrit @nom dans les prompts ({{min}}–{{max}} caractères parmi a–z, 0–9, _ et -)",
      },
      front: { name: "face", description: "Son image de face : jpg, png ou webp, ≥ 300 px de côté, ≤ 10 Mo" },
      ref: { name: "vue{{n}}", description: "Une autre vue (référence {{n}}) : jpg, png ou webp" },
      scope: { name: "portée", description: "Qui peut l'utiliser (par défaut : moi)" },
      elementName: { name: "nom", description: "Le nom de l'élément" },
      which: {
        name: "portée",
        description: "Le tien ou celui du serveur, si les deux portent ce nom (par défaut : le tien d'abord)",
      },
      me: "moi (toi seul peux l'utiliser)",
      server: "serveur (tout le monde ici ; nécessite Gérer le serveur)",
    },
    "kling-showcase": {
      name: "kling-vitrine",
      description: "La vitrine du serveur : ses vidéos les plus étoilées",
      top: { name: "top", description: "Les publications de la vitrine les plus étoilées" },
      period: {
        name: "période",
        description: "Quelles publications : des 7 derniers jours (par défaut), des 30 derniers jours ou de toujours",
        week: "semaine",
        month: "mois",
        all: "tout",
      },
    },
  },
  element: {
    guildOnly: "Les éléments enregistrés appartiennent à un serveur : utilise cette commande sur un serveur.",
    notFoundServer:
      "Aucun élément enregistré ne s'appelle {{name}} sur ce serveur : vois `/$t(cmd.kling-element.name) $t(cmd.kling-element.list.name)`.",
    notFoundMine:
      "Aucun de tes éléments enregistrés ne s'appelle {{name}} : vois `/$t(cmd.kling-element.name) $t(cmd.kling-element.list.name)`.",
    notFoundAny:
      "Aucun élément enregistré ne s'appelle {{name}} (ni parmi les tiens ni parmi ceux du serveur) : vois `/$t(cmd.kling-element.name) " +
      "$t(cmd.kling-element.list.name)`.",
    nameLength: "un nom fait {{min}} à {{max}} caractères",
    nameChars:
      "un nom se compose de lettres a–z, de chiffres, de `_` et de `-`, et commence par une lettre (il s'écrit `@nom` dans les prompts)",
    nameReserved: "`element…`, `image…` et `video…` sont les noms propres du prompt : choisis-en un autre",
    badName: "{{name}} ne peut pas être un nom : {{problem}}.",
    deleteNeedsManage:
      "{{name}} est un élément du serveur enregistré par quelqu'un d'autre : le supprimer nécessite Gérer le serveur.",
    deleteOnlyOwner: "Seul le membre qui a enregistré {{name}} peut le supprimer.",
    deleted: "{{name}} supprimé.",
    alreadyDeleted: "{{name}} était déjà supprimé.",
    renameNotAllowed: "Seul le membre qui a enregistré {{name}}, ou quelqu'un avec Gérer le serveur, peut le renommer.",
    deletedMeanwhile: "{{name}} a été supprimé entre-temps.",
    renameTakenServer: "Ce serveur a déjà un élément nommé {{name}} : choisis un autre nom.",
    renameTakenMine: "Tu as déjà un élément nommé {{name}} : choisis un autre nom.",
    renamed: "{{from}} renommé en {{to}}.",
    listFooter: "Bibliothèque : {{used}} utilisés sur {{cap}} sur ce serveur.",
    listEmpty:
      "Aucun élément enregistré pour l'instant : enregistres-en un avec `/$t(cmd.kling-element.name) $t(cmd.kling-element.save.name)`.",
    listMine: "**Les tiens**",
    listServer: "**Ceux du serveur**",
    lineServer: "• {{name}} — serveur (par {{owner}}), {{images}}",
    lineMine: "• {{name}} — le tien, {{images}}",
    imageOne: "1 image",
    imageMany: "{{count}} images",
    choiceServer: "{{value}} (serveur, {{count}} images)",
    choiceMine: "{{value}} (le tien, {{count}} images)",
    serverNeedsManage:
      "Enregistrer un élément du serveur nécessite Gérer le serveur : enregistre-le pour toi avec `$t(cmd.kling-element.scope.name):me`.",
    saveHeadOne: "Je ne peux pas enregistrer cet élément :",
    saveHeadMany: "Je ne peux pas enregistrer cet élément —",
    savedServer:
      "{{name}} enregistré (pour tout le monde sur ce serveur) : {{images}}, {{size}}. Utilise-le avec " +
      "`$t(cmd.option.elements.name):{{value}}` et écris {{name}} dans le prompt.",
    savedMine:
      "{{name}} enregistré (pour toi) : {{images}}, {{size}}. Utilise-le avec `$t(cmd.option.elements.name):{{value}}` et écris " +
      "{{name}} dans le prompt.",
    front: "une image de face",
    frontRefOne: "une image de face et 1 référence",
    frontRefs: "une image de face et {{count}} références",
    showServer: "{{name}} (serveur) : {{images}}.",
    showMine: "{{name}} (le tien) : {{images}}.",
    theFront: "l'image de face",
    theFrontRefOne: "l'image de face et 1 référence",
    theFrontRefs: "l'image de face et {{count}} références",
    imagesMissing: "Les images de {{name}} manquent dans le stockage : enregistre-le de nouveau.",
    imageTooBig: "`{{opt}}` fait {{size}} ; une image fait au plus {{max}} : enregistre-la en JPG plus léger.",
    savingOff: "L'enregistrement d'éléments est désactivé sur ce serveur.",
    savesBusy: "Le bot enregistre trop d'éléments en ce moment : réessaie dans une minute.",
    tooManyNames:
      "`{{optElements}}` cite {{count}} éléments ; Kling accepte au plus {{max}} éléments et images " +
      "en tout : cites-en moins.",
    unknownNames:
      "Aucun élément enregistré ne s'appelle {{names}} (ni parmi les tiens ni parmi ceux du serveur) " +
      ": vois `/$t(cmd.kling-element.name) $t(cmd.kling-element.list.name)` pour les noms " +
      "utilisables, ou enregistres-en un avec `/$t(cmd.kling-element.name) " +
      "$t(cmd.kling-element.save.name)`.",
    uploadFailed:
      "Je n'ai pas pu envoyer à fal les images de tes éléments enregistrés pour l'instant : réessaie " +
      "dans une minute.",
    deletedOne:
      "L'élément enregistré {{names}} a été supprimé entre-temps : enregistre-le à nouveau, ou lance " +
      "la commande sans lui.",
    deletedMany:
      "Les éléments enregistrés {{names}} ont été supprimés entre-temps : enregistre-les à nouveau, " +
      "ou lance la commande sans eux.",
    clashServer: "Ce serveur a déjà un élément nommé {{name}} : choisis un autre nom, ou supprime d'abord celui-là.",
    clashMine: "Tu as déjà un élément nommé {{name}} : choisis un autre nom, ou supprime d'abord le tien.",
    libraryCount:
      "La bibliothèque d'éléments de ce serveur contient {{count}} éléments, le maximum : supprime ceux que personne n'utilise " +
      "(`/$t(cmd.kling-element.name) $t(cmd.kling-element.delete.name)`).",
    libraryFull:
      "La bibliothèque d'éléments de ce serveur est pleine : elle occupe {{used}} sur {{cap}}, et ces images font {{size}}. Supprime " +
      "les éléments que personne n'utilise (`/$t(cmd.kling-element.name) $t(cmd.kling-element.delete.name)`), ou demande à un " +
      "propriétaire de l'agrandir (`/$t(cmd.kling-config.name) $t(cmd.kling-config.limits.name) " +
      "$t(cmd.config.elementLibraryMb.name):`).",
  },
  showcase: {
    guildOnly: "Cette commande ne fonctionne que sur un serveur.",
    badPeriod: "La période est semaine, mois ou tout.",
    week: "les 7 derniers jours",
    month: "les 30 derniers jours",
    all: "depuis toujours",
    topEmpty:
      "Aucune publication de la vitrine n'a encore d'étoile ({{period}}). Appuie sur ⭐ sous les publications du salon vitrine pour les " +
      "classer.",
    topTitle: "**Les plus étoilées de la vitrine, {{period}}**",
    topLine: "{{rank}}\\. ⭐ {{stars}} · {{prompt}} · par {{who}} · <{{link}}>",
    post: "🎬 Nouveau : {{title}} par <@{{user}}> : {{link}}\n> {{prompt}}",
    shareButton: "Partager en vitrine",
    gone: "Je ne trouve plus cette vidéo.",
    notRequester:
      "Seul <@{{user}}>, qui a créé cette vidéo, peut la partager en vitrine. Lance /{{command}} pour faire la tienne, puis partage-la.",
    noChannel:
      "Ce serveur n'a plus de salon vitrine (un gestionnaire du serveur le définit avec `/$t(cmd.kling-config.name) " +
      "$t(cmd.kling-config.showcase.name)`).",
    cannotPost:
      "Je ne peux pas publier dans <#{{channel}}> : il me faut Voir le salon, Envoyer des messages et Joindre des fichiers. Demande à " +
      "un gestionnaire du serveur de corriger les permissions du salon (ou d'en choisir un autre avec `/$t(cmd.kling-config.name) " +
      "$t(cmd.kling-config.showcase.name)`), puis appuie de nouveau sur Partager.",
    shared: "Partagé dans <#{{channel}}> : {{link}}",
    already: "Elle est déjà en vitrine : {{link}}",
    busy: "Le partage est en cours ; elle apparaîtra en vitrine dans un instant.",
    nothing: "Je ne trouve plus le résultat de cette vidéo, il n'y a donc rien à partager.",
    postGone: "Cette publication de la vitrine n'est plus utilisée.",
  },
  failure: {
    notHosted: "{{problems}} Rien n'a été envoyé à fal et rien n'a été facturé.",
    sentences: "{{first}} {{rest}}",
    restartedInDoubt:
      "le bot a redémarré pendant l'envoi de cette tâche à fal, je ne peux donc pas savoir si fal l'a reçue. Il ne se passera plus rien " +
      "; appuie sur Retry ou relance la commande.",
    answerLost:
      "la réponse de fal à cette tâche s'est perdue en chemin : je ne peux pas savoir si fal l'a reçue, et la renvoyer pourrait la " +
      "faire payer deux fois. Il ne se passera plus rien ici ; appuie sur Retry ou relance la commande.",
    notPosted: "la vidéo a été créée, mais je n'ai pas pu la publier ici.{{link}}",
    link: " Lien : {{url}}",
    deadline: "fal n'a pas terminé en {{span}}, j'ai donc annulé.",
    tooOld: "le bot était hors ligne et cette tâche a plus de {{span}}, elle a donc été close.{{link}}",
    lastLink: " Le dernier résultat connu : {{url}}",
    hour: "1 heure",
    hours: "{{n}} heures",
    minute: "1 minute",
    minutes: "{{n}} minutes",
    seconds: "{{n}} s",
    quotaUnchecked:
      "Je n'ai pas pu vérifier cette tâche par rapport aux limites du serveur (ma base de données n'a pas répondu), je ne l'ai donc pas " +
      "envoyée à fal. Rien n'a été facturé ; réessaie.",
    notPlayable:
      "fal a renvoyé un fichier qui n'est pas une vidéo lisible ({{why}}), je ne l'ai donc pas publié. fal l'a produit, il compte donc " +
      "dans le budget ; appuie sur Retry ou relance la commande.",
    noFrames: "il ne contient aucune image vidéo",
    noVideo: "fal a terminé, mais sa réponse ne contient aucune vidéo utilisable : {{problems}}. Rien n'a été publié.",
    falFields: "fal a refusé l'entrée — {{fields}}.",
    falField: "{{field}} : {{msg}}",
    falInput: "fal a refusé l'entrée : {{detail}}.",
    falAuth:
      "Le bot est mal configuré : fal n'a pas accepté ses identifiants. Le propriétaire du serveur doit consulter les journaux du bot.",
    model: "Le modèle a échoué : « {{reason}} »",
    modelStatus: "Le modèle a échoué (fal a répondu HTTP {{status}}).",
    unavailable:
      "fal est surchargé ou indisponible pour l'instant (HTTP {{status}}). Rien n'a été généré ; réessaie dans quelques minutes.",
    refused: "fal a refusé la tâche : « {{reason}} »",
    refusedStatus: "fal a refusé la tâche (HTTP {{status}}).",
    unreachable: "Le bot n'a pas pu joindre fal. Rien n'a été généré ; réessaie dans quelques minutes.",
    field: {
      video: "la vidéo",
      images: "les images",
      image: "l'image {{n}} (@Image{{n}})",
      elements: "les éléments",
      elementImage: "l'image de l'élément {{n}} (@Element{{n}})",
      elementReference: "l'image de référence de l'élément {{n}}",
      element: "l'élément {{n}} (@Element{{n}})",
      prompt: "le prompt",
      duration: "la durée",
      aspectRatio: "le format",
      request: "la requête",
    },
  },
  inputs: {
    video: "vidéo {{width}}×{{height}} · {{seconds}} s",
    videoUnmeasured: "vidéo",
    elementOne: "1 élément{{refs}}",
    elementMany: "{{count}} éléments{{refs}}",
    refs: " (+{{count}} vue)",
    saved: "enregistrés : {{list}}",
    imageOne: "1 image",
    imageMany: "{{count}} images",
    seconds: "{{s}} s",
    defaultLength: "durée par défaut",
    audioKept: "son conservé",
    audioDropped: "sans le son",
  },
  editWithKling: {
    title: "Modifier avec Kling",
    prompt: "Prompt",
    promptHelp: "Écris @Video1 pour le clip et @Image1…@Image4 pour les images, dans l'ordre d'envoi.",
    images: "Images (facultatif)",
    imagesHelp: "Jusqu'à {{max}} références de style ou d'apparence : JPG, PNG ou WebP.",
    guildOnly: "Je ne fonctionne que dans les salons d'un serveur.",
    noVideo:
      "Ce message n'a pas de vidéo que je puisse modifier : il faut un clip MP4 ou MOV joint, ou un lien vers un clip. Utilise " +
      "**$t(cmd.edit-with-kling.name)** sur un message avec un clip, ou lance /$t(cmd.kling-edit.name) avec le fichier.",
    formGone:
      "Ce formulaire n'est plus valable (il a plus d'une heure, ou il est pour un autre salon) : utilise de nouveau " +
      "**$t(cmd.edit-with-kling.name)** sur le message.",
    cannotSee: "Tu ne peux plus voir ce salon, je ne peux donc pas modifier sa vidéo pour toi.",
    tooManyImages:
      "Tu as envoyé {{count}} images ; le formulaire en prend au plus {{max}}. Renvoie-le avec moins d'images.",
  },
  progress: {
    title: { edit: "Modification Kling", reference: "Référence Kling", pro: " · Pro" },
    requestedBy: "Demandé par",
    inputs: "Entrées",
    estimatedCost: "Coût estimé",
    estimate: "{{cost}} (estimation{{source}})",
    cost: "Coût",
    status: "Statut",
    note: "Remarque",
    footer: "tâche {{id}}",
    stopping:
      "🛑 Arrêt en cours — <@{{user}}> a appuyé sur Annuler et fal a été prié d'arrêter ; si la vidéo " +
      "se termine quand même, elle sera publiée ici.",
    falUnreachable: "⚠️ fal ne répond plus depuis <t:{{since}}:R> — la tâche ne risque rien ; je continue de vérifier.",
    checking: "🔎 Préparation des entrées…",
    submitted: "📨 Envoyé à fal <t:{{at}}:R>",
    queuedAt: "⏳ En file d'attente chez fal — position {{position}} (envoyé <t:{{at}}:R>)",
    queued: "⏳ En file d'attente chez fal (envoyé <t:{{at}}:R>)",
    running: "🎬 Génération — commencée <t:{{since}}:R>\n{{bar}} (estimation){{log}}",
    delivering: "📦 Terminé — publication de la vidéo…",
    done: "✅ Terminé{{took}}{{link}}",
    took: " en {{duration}}",
    seeResult: " — [voir le résultat]({{url}})",
    failed: "❌ Échec — {{reason}}",
    unknownError: "erreur inconnue",
    cancelledBy: "🚫 Annulé par <@{{user}}>",
    cancelled: "🚫 Annulé",
    costNote: {
      deliveredMeasured: "{{seconds}} de vidéo produites",
      deliveredEstimate: "{{seconds}} de vidéo (estimation)",
      "failed-after-result": "fal a produit une vidéo, elle est donc facturée",
      failed: "non facturé",
      "cancelled-queued": "non facturé : annulé avant que fal ne commence",
      "cancelled-running": "facturé en entier : fal avait commencé",
      "submit-in-doubt": "compté à l'estimation : fal l'a peut-être reçu et exécuté",
      "deadline-running": "compté à l'estimation : fal l'a peut-être exécuté",
      "too-old-running": "compté à l'estimation : fal l'a peut-être exécuté",
      "deadline-queued": "non facturé : fal n'avait pas commencé",
      "too-old-queued": "non facturé : fal n'avait pas commencé",
      "dry-run": "non facturé : un essai à blanc n’envoie rien à fal",
    },
  },
  delivery: {
    ready: {
      edit: "<@{{user}}> ta modification Kling est prête.{{extra}}",
      reference: "<@{{user}}> ton clip de référence Kling est prêt.{{extra}}",
    },
    noUpload: "Je n'ai pas le droit d'envoyer des fichiers ici, voici donc le lien de fal :",
    overLimitSized:
      "Avec {{size}}, elle dépasse la limite d'envoi de {{limit}} de ce serveur, voici donc le lien de fal :",
    overLimit: "Elle dépasse la limite d'envoi de {{limit}} de ce serveur, voici donc le lien de fal :",
    overServerLimit: "Elle dépasse la limite d'envoi de ce serveur, voici donc le lien de fal :",
    noDownload: "Je n'ai pas pu la télécharger pour la joindre, voici donc le lien de fal :",
    comparisonSideBySide: "Avant / après : à gauche le clip envoyé, à droite le résultat.",
    comparisonStacked: "Avant / après : en haut le clip envoyé, en bas le résultat.",
  },
  refusal: {
    headOne: "Je ne peux pas lancer cette tâche :",
    headMany: "Je ne peux pas lancer cette tâche — {{count}} problèmes :",
    more: "…et {{count}} de plus.",
    tail: "Rien n'a été envoyé à fal et rien n'a été facturé.",
  },
  buttons: {
    inputsGone: "Je n'ai plus les entrées de cette tâche : relance la commande.",
    cancel: "Annuler",
    retry: "Relancer",
    remix: "Remixer",
    remixTitle: "Remix : modifier le prompt",
    remixPrompt: "Prompt",
    jobGone: "Je ne trouve plus cette tâche.",
    rerunNotAllowed:
      "Seuls <@{{user}}>, qui a fait cette vidéo, et les membres ayant « Gérer les messages » peuvent " +
      "appuyer sur $t(buttons.retry) ou $t(buttons.remix). Lance /{{command}} pour faire la tienne.",
    cancelNotAllowed:
      "Seuls <@{{user}}>, qui a lancé cette tâche, et les membres ayant « Gérer les messages » " + "peuvent l'annuler.",
    storageDown:
      "Je n'arrive pas à joindre mon stockage pour l'instant, donc cette tâche n'a **pas** été " +
      "annulée. Appuie de nouveau sur $t(buttons.cancel) dans une minute.",
    alreadyFinished: "Trop tard pour annuler : cette tâche est déjà terminée.",
    cancelled: "Annulé. Plus rien ne sera généré pour cette tâche.",
    stopping:
      "J'ai demandé à fal d'arrêter. Il avait déjà commencé cette tâche, elle peut donc encore " +
      "aboutir : dans ce cas, la vidéo est publiée ici (fal la facture de toute façon).",
    posting: "Trop tard pour annuler : la vidéo est terminée et en cours de publication.",
  },
  started: "C'est parti ! Suis la progression ici : {{link}}",
  boundary: {
    apologyJob:
      "Quelque chose s'est mal passé de mon côté, je n'ai donc pas lancé la tâche. Rien n'a été facturé ; réessaie.",
    apologyNothing: "Quelque chose s'est mal passé de mon côté ; réessaie.",
    unknownCommand: "Je ne connais plus cette commande ; les commandes du serveur doivent peut-être être redéployées.",
    buttonGone: "Ce bouton n'est plus utilisé.",
    unknownSubcommand:
      "Je ne connais plus cette sous-commande ; les commandes du serveur doivent peut-être être " + "redéployées.",
    formGone: "Ce formulaire n'est plus utilisé.",
  },
  violation: {
    guildOnly: "Je ne fonctionne que dans les salons d'un serveur : utilise-moi dans un salon textuel ou un fil.",
    botPermissions:
      "Je ne peux pas publier la progression ici : il me manque {{missing}} dans ce salon. Demande à " +
      "un modérateur de me l'accorder, ou utilise un autre salon.",
    noVideo:
      "Pas de vidéo : joins ton clip à `{{optVideo}}` (ou, s'il dépasse ta limite d'envoi, colle un lien dans `{{optUrl}}`).",
    videoTwice: "`{{optVideo}}` et `{{optUrl}}` ont tous deux été donnés : utilise l'un des deux.",
    videoUrlNotLink: "`{{optUrl}}` n'est pas un lien : colle l'adresse https:// complète du clip.",
    videoUrlScheme: "`{{optUrl}}` utilise {{scheme}} ; seuls les liens https:// peuvent être récupérés.",
    promptTooLong: "Le prompt fait {{length}} caractères ; la limite est de {{max}} : raccourcis-le.",
    promptElement:
      "Le prompt mentionne {{mention}} mais `{{opt}}` n'a pas été donné : joins son image à `{{opt}}` ou retire {{mention}}.",
    promptImage:
      "Le prompt mentionne {{mention}} mais `{{opt}}` n'a pas été donné : joins-la à `{{opt}}` ou retire {{mention}}.",
    promptVideo: "Le prompt mentionne {{mention}}, mais il n'y a qu'une vidéo : appelle-la @Video1.",
    unmentionedElements:
      "Ton prompt ne mentionne pas {{names}} ; Kling peut ignorer les éléments que le prompt ne nomme pas.",
    refWithoutElement:
      "`{{optRef}}` a été donné sans `{{opt}}` : joins aussi l'image de face de l'élément à `{{opt}}`.",
    tooManyInputs:
      "{{elements}} éléments + {{images}} images = {{total}} ; avec une vidéo, Kling en accepte au " +
      "plus {{max}} au total : retires-en {{drop}}.",
    videoTooShort: "la vidéo dure {{seconds}} s ; Kling accepte {{range}} : utilise un clip plus long",
    videoTooLong: "la vidéo dure {{seconds}} s ; Kling accepte {{range}} : raccourcis-la",
    videoTooSmall:
      "la vidéo fait {{width}}×{{height}} px ; Kling veut entre {{min}} et {{max}} px par côté : exporte-la en 720p ou plus",
    videoTooLarge:
      "la vidéo fait {{width}}×{{height}} px ; Kling veut entre {{min}} et {{max}} px par côté : exporte-la en 1080p",
    fpsUnknown:
      "la fréquence d'images n'a pas pu être mesurée (aucune image trouvée) ; Kling accepte {{min}}–{{max}} ips : exporte-la à nouveau",
    fpsLow: "la vidéo est à {{fps}} ips ; Kling accepte {{min}}–{{max}} ips : exporte-la à {{min}} ou 30 ips",
    fpsHigh: "la vidéo est à {{fps}} ips ; Kling accepte {{min}}–{{max}} ips : exporte-la à 30 ou {{max}} ips",
    videoBytes: "la vidéo fait {{size}} ; Kling accepte au plus {{max}} : raccourcis-la ou baisse son débit",
    videoContainer: "la vidéo est un fichier {{container}} ; Kling accepte {{accepted}} : réexporte-la en MP4 (H.264)",
    imageFormat: "`{{opt}}` est une image {{format}} ; Kling accepte {{accepted}} : convertis-la en PNG ou JPG",
    imageSmall:
      "`{{opt}}` fait {{width}}×{{height}} px ; Kling veut au moins {{min}} px par côté : utilise une image plus grande",
    imageAspect:
      "`{{opt}}` fait {{width}}×{{height}} px ({{shape}}) ; Kling accepte les formats de 1:{{max}} à {{max}}:1 : recadre-la",
    imageBytes: "`{{opt}}` fait {{size}} ; Kling accepte au plus {{max}} : enregistre-la en JPG ou réduis-la",
    qualityOff:
      "La qualité Pro est désactivée sur ce serveur : un gestionnaire du serveur peut l'activer avec " +
      "/$t(cmd.kling-config.name) $t(cmd.kling-config.quality.name) $t(cmd.config.proEnabled.name):True",
  },
  quota: {
    paused:
      "Les modérateurs ont mis Kling en pause sur ce serveur. Les tâches en cours se terminent ; de " +
      "nouvelles pourront démarrer quand un modérateur lancera `/$t(cmd.kling-config.name) $t(cmd.kling-config.resume.name)`.",
    pausedBecause:
      "Les modérateurs ont mis Kling en pause sur ce serveur : « {{reason}} ». Les tâches en cours se " +
      "terminent ; de nouvelles pourront démarrer quand un modérateur lancera `/$t(cmd.kling-config.name) " +
      "$t(cmd.kling-config.resume.name)`.",
    channel: "Kling ne peut pas être utilisé dans ce salon sur ce serveur. Salons autorisés : {{channels}}.",
    role: "Sur ce serveur, Kling est réservé aux membres ayant l'un des rôles {{roles}}. Demande à un modérateur si tu devrais l'avoir.",
    blockedWord:
      "Ton prompt contient « {{word}} », bloqué par les modérateurs de ce serveur. Reformule le prompt et réessaie.",
    concurrency:
      "Tu as déjà {{current}} tâches en cours, et ce serveur en autorise {{max}} à la fois par membre. " +
      "Une place se libère quand l'une d'elles se termine (ou est annulée).",
    cooldown:
      "Ce serveur impose un délai de {{cooldown}} entre deux tâches d'un membre ; ta dernière tâche " +
      "a commencé {{last}}. Tu pourras lancer la suivante {{ready}}.",
    userDaily:
      "Ton quota quotidien sur ce serveur est de {{max}} de vidéo ; tu as utilisé {{used}} aujourd'hui " +
      "(il reste {{left}}) et cette tâche demande {{needed}}{{note}}. Il se réinitialise {{reset}} (00:00 {{zone}}).",
    guildDaily:
      "Le budget Kling quotidien de ce serveur est de {{max}} ; {{current}} est dépensé ou réservé " +
      "aujourd'hui et cette tâche coûterait environ {{needed}}{{priced}}{{note}}. Le budget se réinitialise {{reset}} (00:00 {{zone}}).",
    guildMonthly:
      "Le budget Kling mensuel de ce serveur est de {{max}} ; {{current}} est dépensé ou réservé ce " +
      "mois-ci et cette tâche coûterait environ {{needed}}{{priced}}{{note}}. Le budget se réinitialise " +
      "{{reset}} (le 1er, 00:00 {{zone}}).",
    provisional: " (une modification réserve jusqu'à 10 s tant que son clip n'est pas vérifié)",
    lapsed:
      "La réservation de cette tâche sur ton quota a expiré avant qu'elle n'atteigne fal (la " +
      "vérification de ses fichiers a pris trop de temps), et elle ne peut pas être reprise : " +
      "{{reason}}",
  },
  reply: {
    serverOnly: "Cette commande ne fonctionne que sur un serveur.",
  },
  help: {
    title: "**Kling sur ce serveur**",
    command: "**/{{command}}** — {{description}}.\n> p. ex. `{{example}}`",
    editWithKling:
      "**$t(cmd.edit-with-kling.name)** (menu Applications d'un message) — modifie la vidéo de n'importe quel " +
      "message : un formulaire demande le prompt et jusqu'à {{maxImages}} images ; le résultat arrive dans un fil " +
      "sur ce message.",
    naming:
      "**Nommer les entrées dans un prompt** : le clip est `@Video1` ; `{{element1}}`…`{{element4}}` (une image de " +
      "face, plus `{{element1Ref}}`… pour une autre vue) sont `@Element1`…`@Element4` ; `{{image1}}`…`{{image4}}` " +
      "(style ou apparence) sont `@Image1`…`@Image4`.",
    saved:
      "**Personnages enregistrés** : enregistre-en un une fois avec `/kling-element save` (une image de face et " +
      "jusqu'à {{maxViews}} autres vues), puis donne son nom dans `{{elements}}` et écris `@nom` dans le prompt ; " +
      "`/kling-element list` montre les tiens et ceux du serveur.",
    limits:
      "**Limites** : vidéo .mp4 ou .mov, {{minSec}}–{{maxSec}} s, {{minPx}}–{{maxPx}} px par côté, " +
      "{{minFps}}–{{maxFps}} fps, jusqu'à {{videoMb}} (plus gros : utilise `{{videoUrl}}`) ; images jpg/png/webp, " +
      "≥ {{imagePx}} px par côté, jusqu'à {{imageMb}} ; au plus {{maxInputs}} éléments et images au total ; " +
      "prompt jusqu'à {{maxChars}} caractères.",
    costs: "**Ce que coûte une tâche ici** (estimations, facturées à la seconde de vidéo produite) :",
    price: "- {{tier}} : {{rate}} de vidéo ({{examples}})",
    priceExample: "{{seconds}} s ≈ {{cost}}",
    tier: { standard: "Standard", pro: "Pro" },
  },
  config: {
    heading: "**Réglages Kling de ce serveur**",
    line: "• {{label}} : {{value}}{{source}}",
    done: "✅ {{what}}",
    isDefault: " *(par défaut)*",
    footer:
      "-# Les limites sont vérifiées dans cet ordre : salon, rôle, mots bloqués, tâches simultanées, délai, secondes " +
      "par jour, budget du serveur. Les jours repartent à 00:00 {{zone}}, les mois le 1er. Les changements " +
      "s'appliquent tout de suite.",
    repairedUnreadable:
      "⚠️ réparé : les réglages enregistrés étaient illisibles, donc chaque réglage est revenu à sa valeur par " +
      "défaut. Redéfinis-les.",
    repairedEntries:
      "⚠️ réparé : le réglage « {{label}} » avait des entrées invalides, qui ont été retirées ; valeur actuelle : {{value}}.",
    repairedInvalid:
      "⚠️ réparé : le réglage « {{label}} » était invalide et est revenu à {{value}} (la valeur par défaut). Redéfinis-le pour le " +
      "changer.",
    comparisonsOn:
      "ℹ️ Clips avant/après : activés (ffmpeg trouvé ; un clip de comparaison suit chaque résultat dans son fil)",
    comparisonsOff:
      "ℹ️ Clips avant/après : désactivés — ffmpeg était introuvable dans le PATH du bot au démarrage (installe ffmpeg " +
      "et redémarre le bot pour les activer)",
    dryRun:
      "🧪 **Essai à blanc** (FAL_DRY_RUN, défini là où tourne le bot) : les tâches passent chaque vérification et " +
      "limite mais rien n'est envoyé à fal ni facturé ; les résultats sont les entrées passées dans un filtre.",
    changed: {
      pause: "En pause : les nouvelles tâches des membres sont refusées avec la raison ; celles en cours se terminent.",
      resume: "Reprise : les nouvelles tâches sont de nouveau acceptées.",
      limits: "Limites mises à jour.",
      budget: "Budget mis à jour (les tâches en cours gardent le prix auquel elles ont été acceptées).",
      channels: "Salons autorisés mis à jour.",
      roles: "Rôles autorisés mis à jour.",
      blockWords: "Mots bloqués mis à jour.",
      showcaseUnset: "Salon vitrine retiré.",
      showcaseSet: "Salon vitrine défini.",
      showcaseAuto: "Chaque résultat visible par @everyone est publié dans la vitrine.",
      showcaseShared: "Les résultats sont publiés dans la vitrine quand leur demandeur appuie sur Partager.",
      threadsOn: "Les résultats vont de nouveau dans un fil.",
      threadsOff: "Les résultats restent dans le salon (pas de fils).",
      rerunsAnyone:
        "Tout le monde peut désormais appuyer sur Retry et Remix sur n'importe quel résultat (chaque relance est une " +
        "nouvelle tâche, vérifiée et facturée comme d'habitude).",
      rerunsRequester:
        "Retry et Remix d'un résultat sont désormais réservés à son demandeur et aux membres ayant Gérer les messages.",
      qualityOn:
        "La qualité Pro est activée : les membres peuvent choisir `quality:pro` (facturée au prix Pro par seconde).",
      qualityOff: "La qualité Pro est désactivée : chaque tâche utilise la qualité standard.",
      resetAll: "Tous les réglages sont revenus à leur valeur par défaut.",
      reset: "Le réglage « {{label}} » est revenu à sa valeur par défaut.",
    },
    error: {
      managersOnly:
        "Seuls les membres ayant **Gérer le serveur** peuvent voir ou modifier les réglages de Kling. " +
        "`/$t(cmd.kling-usage.name)` montre ta propre utilisation.",
      guildUnseen: "Je ne vois pas encore ce serveur ; réessaie dans une minute.",
      unknownSetting: "Je ne connais pas ce réglage.",
      sayWhich: "Indique ce qu'il faut {{action}}.",
      tooMany: "Cela ferait {{count}} ; la limite est {{max}}.",
      giveOne: "Donne au moins une de ces options : {{options}}.",
      wordTooLong: "Chaque mot ou expression bloqué peut faire au plus {{max}} caractères.",
    },
    value: {
      yes: "oui",
      yesBecause: "oui — « {{reason}} »",
      no: "non",
      noReason: "aucune",
      noWords: "aucun",
      noCooldown: "aucun",
      noChannel: "aucun",
      everywhere: "partout",
      everyone: "tout le monde",
      noLimit: "aucune limite",
      libraryOff: "désactivée (aucun élément ne peut être enregistré)",
      libraryMb: "{{mb}} Mo d'images",
      estimate: "{{rate}} (estimation)",
      proOn: "activée (les membres peuvent choisir `quality:pro`, facturée au prix Pro)",
      proOff: "désactivée (qualité standard uniquement)",
      showcaseAuto: "auto (chaque résultat d'un salon visible par @everyone y est publié)",
      showcaseShared: "partagé (un résultat est publié quand son demandeur appuie sur Partager dans la vitrine)",
      threadsOn: "activés (les résultats vont dans un fil sur le message de progression)",
      threadsOff: "désactivés (les résultats restent dans le salon)",
      rerunsRequester: "le demandeur et les membres ayant Gérer les messages",
    },
  },
  usage: {
    mine: "**Ton utilisation de Kling sur ce serveur**",
    ofLimit: "{{used}} sur {{limit}} (reste {{left}})",
    noLimit: "{{used}} (aucune limite)",
    jobs_one: "{{count}} tâche",
    jobs_other: "{{count}} tâches",
    today: "Aujourd'hui : vidéo {{amount}}, environ {{cost}} — remise à zéro {{reset}} (00:00 {{zone}})",
    month: "Ce mois-ci : {{seconds}} de vidéo en {{jobs}}, environ {{cost}} — remise à zéro {{reset}}",
    running: "En cours : {{active}} sur {{max}} autorisées en même temps",
    cooldownWait: "Délai : prochaine tâche {{ready}}",
    cooldownReady: "Délai : prêt",
    note: "-# Les montants incluent les tâches en cours à leur estimation ; les prix sont des estimations.",
    server: "**Utilisation de Kling sur ce serveur**",
    noBudget: "{{spent}} (aucun budget défini)",
    serverToday: "Aujourd'hui : {{budget}} · {{seconds}} en {{jobs}} — remise à zéro {{reset}} (00:00 {{zone}})",
    serverMonth: "Ce mois-ci : {{budget}} · {{seconds}} en {{jobs}} — remise à zéro {{reset}}",
    serverRunning: "En cours : {{active}}",
    top: "**Membres les plus actifs ce mois-ci**",
    topLine: "{{rank}}. <@{{user}}> — {{cost}} · {{seconds}} · {{jobs}}",
    serverNote:
      "-# Les tâches en cours comptent à leur estimation ; les prix sont des estimations (`/$t(cmd.kling-config.name)` " +
      "fixe le tarif). Exporte le registre avec `$t(cmd.kling-usage.export.name): True`.",
    ledger: "📄 Registre de {{month}} : {{jobs}}, {{cost}} (tâches en cours à leur estimation).",
    managersOnly:
      "Les totaux du serveur et le registre sont réservés aux membres ayant **Gérer le serveur**. Lance " +
      "`/$t(cmd.kling-usage.name)` sans option pour voir ta propre utilisation.",
    badMonth: "`$t(cmd.kling-usage.month.name)` doit ressembler à 2025-06.",
  },
  setup: {
    title: "**Vérification de l'installation de Kling**",
    noChannel: "⚠️ Il n'y a aucun salon textuel où je peux être utilisé (vérifie les salons autorisés).",
    allGood: "✅ Salons : les {{count}} ont toutes les permissions dont j'ai besoin.",
    missingHead: "Salons où il manque des permissions ({{count}} sur {{checked}}) :",
    missingLine: "• <#{{channel}}> : il manque {{permissions}} → {{costs}}",
    fal: "fal : {{detail}}",
    store: "Stockage : {{detail}}",
    price: "💲 Prix : {{price}}",
    permission: {
      ViewChannel: "Voir le salon",
      SendMessages: "Envoyer des messages",
      EmbedLinks: "Intégrer des liens",
      CreatePublicThreads: "Créer des fils publics",
      SendMessagesInThreads: "Envoyer des messages dans les fils",
      AttachFiles: "Joindre des fichiers",
    },
    cost: {
      refused: "les tâches sont refusées ici",
      noProgress: "les tâches sont refusées ici (pas de message de progression)",
      noThread: "pas de fil : les résultats sont publiés dans le salon",
      linkOnly: "les résultats ne sont publiés que sous forme de lien",
    },
    falAccepts: "fal accepte la clé",
    falRefused: "fal a refusé la clé (HTTP {{status}}) : vérifie FAL_KEY",
    falUnasked: "impossible d'interroger fal ({{error}})",
    falNotRead: "la liste de prix de fal n'a pas encore été lue",
    falDryRun: "essai à blanc : aucune clé nécessaire (FAL_DRY_RUN n'envoie rien à fal)",
    storeOk: "joignable ({{ms}} ms)",
    storeDown: "injoignable : {{error}}",
    priceFal: "{{rate}} en Standard, d'après la liste de prix de fal",
    priceServer:
      "{{rate}} en Standard, le prix de ce serveur (celui d'un propriétaire ou de l'environnement, sinon le prix par " +
      "défaut quand la liste de fal n'a pas été lue)",
    priceUnknown: "inconnu ({{error}})",
  },
  dryRun: {
    note: "🧪 Essai à blanc : rien n'a été envoyé à fal ni facturé ; le résultat est ton clip passé dans un filtre.",
    title: "{{title}} · 🧪 essai à blanc",
    field: "Essai à blanc",
    costNote: " ; un essai à blanc n'est pas facturé",
    notShown: "{{why}}, donc le résultat de l'essai à blanc ne peut pas être montré ici.",
  },
  checks: {
    promptEmpty: "Le prompt est vide : décris ce que Kling doit créer.",
    videoType:
      "`{{opt}}` est {{found}} ({{file}}) ; Kling n'accepte que MP4 ou MOV : exporte le clip en .mp4 (H.264) et " +
      "joins celui-ci.",
    videoSize: "`{{opt}}` fait {{size}} ; la limite est {{max}} : raccourcis-le ou baisse son débit.",
    videoSides: "`{{opt}}` fait {{width}}×{{height}} px ; Kling veut {{min}}–{{max}} px par côté : {{fix}}.",
    upscale: "agrandis-le (p. ex. en 1280×720)",
    downscale: "réduis-le (p. ex. en 1920×1080)",
    imageType:
      "`{{opt}}` est {{found}} ({{file}}) ; les images doivent être en JPG, PNG ou WebP : convertis-la et joins-la " +
      "à nouveau.",
    imageSize: "`{{opt}}` fait {{size}} ; les images peuvent faire au plus {{max}} : enregistre-la en JPG plus léger.",
    imageSides:
      "`{{opt}}` fait {{width}}×{{height}} px ; les images doivent faire au moins {{min}} px par côté : utilise une " +
      "image plus grande.",
    elementReferences:
      "L'élément {{slot}}{{saved}} a {{count}} images de référence ; Kling en prend au plus {{max}} par élément : " +
      "retires-en {{drop}}.",
    slotGap:
      "`{{optSet}}` est rempli mais `{{optEmpty}}` est vide : remplis les emplacements dans l'ordre (`{{optFirst}}` " +
      "d'abord) pour que les numéros {{mention}} correspondent.",
    duration: "Une durée de {{seconds}} s n'est pas proposée ; choisis 3–15 s.",
    aspectRatio: "Le format « {{ratio}} » n'est pas proposé ; choisis auto, 16:9, 9:16 ou 1:1.",
    quality: "La qualité « {{quality}} » n'est pas proposée ; choisis {{offered}}.",
    readFormat: "`{{opt}}` n'est pas dans un format accepté par Kling : {{detail}}",
    readFetch: "`{{opt}}` n'a pas pu être récupéré : {{detail}}",
    readSize: "`{{opt}}` est trop gros : {{detail}}",
    readUnreadable: "`{{opt}}` n'a pas pu être lu : {{detail}}",
    busy: "Je lis trop de fichiers en ce moment : rien n'a été lu ni facturé ; réessaie dans une minute.",
    deadline:
      "la lecture de tes fichiers a pris plus de {{seconds}} s, le maximum que le bot consacre à une demande (un lien " +
      "peut être très lent) : envoie plutôt les fichiers sur Discord, ou réessaie plus tard",
    inputsExpired:
      "Les fichiers d'origine ne peuvent plus être récupérés, même avec de nouveaux liens de Discord (le message qui " +
      "les contenait a peut-être été supprimé) : relance /{{command}} avec les fichiers.",
    cannotPost:
      "Je ne peux pas publier dans ce salon (Discord dit qu'il me manque des permissions). Demande à un modérateur de " +
      "me laisser publier ici, ou utilise un autre salon.",
    postFailed:
      "Je n'ai pas pu publier le message de progression dans ce salon, je n'ai donc pas lancé la tâche. Réessaie.",
    notRecorded:
      "Le bot redémarre et n'a pas pu confirmer que cette tâche a été enregistrée. Si aucun message de progression " +
      "n'apparaît ici d'ici quelques minutes, relance la commande.",
  },
  list: { comma: ", ", semicolon: " ; " },
  /** the job queue's worker: a request it could not check (src/jobs/input-check.ts) */
  queueChecks: {
    replyExpired:
      "cette demande a attendu trop longtemps d'être vérifiée (le bot était occupé ou redémarrait), je ne l'ai " +
      "donc pas lancée.",
    checkFailed:
      "Un problème est survenu de mon côté pendant la vérification de cette demande, je ne l'ai donc pas " +
      "lancée. Rien n'a été facturé ; réessaie.",
  },
};
