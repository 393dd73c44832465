import type { Catalog } from "./en.js";

export const de: Catalog = {
  cmd: {
    "kling-edit": {
      name: "kling-bearbeiten",
      description: "Einen Videoclip per Prompt umgestalten oder verändern (Kling O3, fal)",
    },
    "kling-reference": {
      name: "kling-referenz",
      description: "Einen neuen Clip aus einem Referenzvideo und Figuren erstellen (Kling O3, fal)",
    },
    "kling-usage": {
      name: "kling-nutzung",
      description: "Deine Kling-Nutzung heute und diesen Monat (Server verwalten: Servergesamt und Abrechnung)",
      server: { name: "server", description: "Server verwalten: Gesamtwerte des Servers und aktivste Mitglieder" },
      export: { name: "export", description: "Server verwalten: die Abrechnung des Monats als CSV-Datei" },
      month: { name: "monat", description: "Für den Export: JJJJ-MM (Standard: dieser Monat, UTC)" },
    },
    "kling-help": {
      name: "kling-hilfe",
      description: "So nutzt du Kling hier: Befehle, Eingaben im Prompt, Limits, Preise, dein Kontingent",
    },
    "edit-with-kling": { name: "Mit Kling bearbeiten" },
    "kling-config": {
      name: "kling-einstellungen",
      description: "Für Serverbetreiber: wer Kling wo nutzen darf, Limits, Budgets, Preis (Server verwalten)",
      show: { name: "anzeigen", description: "Die Kling-Einstellungen dieses Servers anzeigen" },
      check: {
        name: "prüfen",
        description: "Einrichtung prüfen: meine Rechte je Kanal, der fal-Schlüssel, der Speicher, die Preisquelle",
      },
      pause: { name: "pausieren", description: "Neue Jobs auf diesem Server stoppen (laufende werden fertig)" },
      resume: { name: "fortsetzen", description: "Wieder neue Jobs annehmen" },
      limits: { name: "limits", description: "Limits pro Mitglied (0 = kein Limit für Cooldown und Tagessekunden)" },
      budget: { name: "budget", description: "Serverbudgets in US-Dollar (0 = kein Limit) und der geschätzte Preis" },
      channels: { name: "kanäle", description: "Kanäle, in denen Kling genutzt werden darf (keine = überall)" },
      roles: { name: "rollen", description: "Rollen, die Kling nutzen dürfen (keine = alle)" },
      "block-words": { name: "sperrwörter", description: "Wörter oder Phrasen, die ein Prompt nicht enthalten darf" },
      showcase: {
        name: "showcase",
        description:
          "Der Showcase-Kanal (ohne Optionen: entfernen) und ob jedes Ergebnis dorthin geht oder nur geteilte",
      },
      threads: { name: "threads", description: "Ob Ergebnisse in einem Thread statt im Kanal landen dürfen" },
      reruns: { name: "wiederholungen", description: "Wer bei fremden Ergebnissen Retry und Remix drücken darf" },
      quality: { name: "qualität", description: "Ob Mitglieder Pro-Qualität wählen dürfen (O3 Pro, zum Pro-Preis)" },
      reset: { name: "zurücksetzen", description: "Eine Einstellung auf den Standard des Bots zurücksetzen" },
    },
    config: {
      action: { name: "aktion", description: "Was getan werden soll" },
      add: "hinzufügen",
      remove: "entfernen",
      clear: "leeren (keine Einschränkung)",
      setting: { name: "einstellung", description: "Welche Einstellung" },
      all: "alle Einstellungen",
      reason: { name: "grund", description: "Wird Mitgliedern gezeigt, die es versuchen" },
      allowedChannel: { name: "kanal", description: "Der Kanal (Threads darin eingeschlossen)" },
      role: { name: "rolle", description: "Die Rolle" },
      words: { name: "wörter", description: "Wörter oder Phrasen, durch Kommas getrennt" },
      jobsAtOnce: {
        name: "jobs_gleichzeitig",
        description: "Wie viele Jobs ein Mitglied gleichzeitig laufen lassen darf",
      },
      cooldown: { name: "cooldown_sekunden", description: "Sekunden zwischen den Jobs eines Mitglieds" },
      dailySeconds: {
        name: "tagessekunden",
        description: "Sekunden Ausgabevideo pro Mitglied und Tag (Reset 00:00 {{zone}})",
      },
      elementLibraryMb: {
        name: "element_bibliothek_mb",
        description: "MB an Bildern für gespeicherte Elemente dieses Servers (0 = Speichern aus)",
      },
      dailyUsd: { name: "tag_usd", description: "Ausgaben pro Tag, ganzer Server (Reset 00:00 {{zone}})" },
      monthlyUsd: { name: "monat_usd", description: "Ausgaben pro Kalendermonat, ganzer Server" },
      price: {
        name: "preis_pro_sekunde_usd",
        description: "Was fal pro Ausgabesekunde berechnet (Schätzung; Standard {{usd}})",
      },
      proEnabled: {
        name: "pro_aktiv",
        description: "An: Mitglieder dürfen qualität:pro wählen (zum Pro-Preis); aus: nur Standard",
      },
      proPrice: {
        name: "pro_preis_pro_sekunde_usd",
        description: "Was fal pro Pro-Ausgabesekunde berechnet (Schätzung; Standard {{usd}})",
      },
      showcaseChannel: { name: "kanal", description: "Wo fertige Videos präsentiert werden" },
      showcaseMode: {
        name: "modus",
        description: "auto: jedes sichtbare Ergebnis wird gepostet; geteilt: nur, was die anfragende Person teilt",
        auto: "auto (jedes Ergebnis)",
        shared: "geteilt (wer angefragt hat, drückt Teilen)",
      },
      threadsEnabled: { name: "aktiv", description: "An: ein Thread pro Ergebnis; aus: Ergebnisse bleiben im Kanal" },
      who: {
        name: "wer",
        description: "Anfragende: nur wer es angefragt hat und Nachrichten verwalten; alle: jedes Mitglied",
        requester: "Anfragende (und Nachrichten verwalten)",
        everyone: "alle",
      },
    },
    settingLabel: {
      paused: "Pausiert",
      pausedReason: "Pausengrund",
      allowedChannelIds: "Erlaubte Kanäle",
      allowedRoleIds: "Erlaubte Rollen",
      blockedPromptWords: "Gesperrte Prompt-Wörter",
      userConcurrentJobs: "Gleichzeitige Jobs pro Mitglied",
      userCooldownSec: "Cooldown pro Mitglied",
      userDailySeconds: "Tägliches Video pro Mitglied",
      elementLibraryMb: "Größe der Element-Bibliothek",
      showcaseMode: "Showcase-Beiträge",
      guildDailyBudgetMicros: "Tagesbudget des Servers",
      guildMonthlyBudgetMicros: "Monatsbudget des Servers",
      pricePerSecondMicros: "Preis pro Ausgabesekunde",
      proEnabled: "Pro-Qualität",
      proPricePerSecondMicros: "Pro-Preis pro Sekunde",
      showcaseChannelId: "Showcase-Kanal",
      threads: "Ergebnisse in Threads",
      rerunsByAnyone: "Retry/Remix fremder Ergebnisse",
    },
    option: {
      prompt: {
        name: "prompt",
        description: "Was entstehen soll. Eingaben heißen @Video1, @Element1…@Element4, @Image1…@Image4",
      },
      video: {
        name: "video",
        description: "Der Ausgangsclip (@Video1): .mp4 oder .mov, 3–10 s, 720–2160 px pro Seite",
      },
      video_url: {
        name: "video_url",
        description: "Oder ein https-Link zum Clip, für Dateien über deinem Discord-Uploadlimit",
      },
      element: {
        name: "element{{n}}",
        description: "Frontalbild einer Figur oder eines Objekts (@Element{{n}}): jpg, png oder webp",
      },
      element_ref: {
        name: "element{{n}}_ansicht",
        description: "Eine weitere Ansicht von Element {{n}} (braucht element{{n}})",
      },
      image: { name: "bild{{n}}", description: "Referenz für Stil oder Aussehen (@Image{{n}}): jpg, png oder webp" },
      elements: {
        name: "elemente",
        description:
          "Gespeicherte Elemente nach Namen, mit Kommas (/$t(cmd.kling-element.name)); im Prompt @name schreiben",
      },
      keep_audio: { name: "ton_behalten", description: "Den Ton des Ausgangsclips behalten (Standard: ja)" },
      quality: {
        name: "qualität",
        description: "Standard (Voreinstellung) oder Pro, wo der Server es aktiviert hat (teurer)",
        standard: "standard",
        pro: "pro (teurer; der Server muss es aktivieren)",
      },
      aspect_ratio: { name: "seitenverhältnis", description: "Format des neuen Clips (Standard: auto)" },
      duration: { name: "dauer", description: "Länge des neuen Clips in Sekunden (3–15)", seconds: "{{s}} s" },
    },
    "kling-element": {
      name: "kling-element",
      description: "Deine und die gespeicherten Figuren und Objekte des Servers, per Name in Kling-Prompts nutzbar",
      save: {
        name: "speichern",
        description: "Eine Figur oder ein Objekt speichern (ein Frontalbild + bis zu 3 Ansichten), nutzbar per Name",
      },
      list: {
        name: "liste",
        description: "Die gespeicherten Elemente, die du nutzen kannst: deine und die des Servers",
      },
      show: { name: "zeigen", description: "Die Bilder eines gespeicherten Elements zeigen (nur dir)" },
      rename: {
        name: "umbenennen",
        description: "Ein gespeichertes Element umbenennen (deines, oder das des Servers mit Server verwalten)",
      },
      delete: {
        name: "löschen",
        description: "Ein gespeichertes Element löschen (deines, oder das des Servers mit Server verwalten)",
      },
      newName: { name: "neuer_name", description: "Sein neuer Name ({{min}}–{{max}} Zeichen aus a–z, 0–9, _ und -)" },
      saveName: {
        name: "name",
        description: "Sein Name, im Prompt als @name geschrieben ({{min}}–{{max}} Zeichen aus a–z, 0–9, _ und -)",
      },
      front: {
        name: "vorderansicht",
        description: "Sein Frontalbild: jpg, png oder webp, ≥ 300 px pro Seite, ≤ 10 MB",
      },
      ref: { name: "ansicht{{n}}", description: "Eine weitere Ansicht (Referenz {{n}}): jpg, png oder webp" },
      scope: { name: "für", description: "Wer es nutzen darf (Standard: ich)" },
      elementName: { name: "name", description: "Der Name des Elements" },
      which: {
        name: "für",
        description: "Deines oder das des Servers, wenn beide so heißen (Standard: deines zuerst)",
      },
      me: "ich (nur du kannst es nutzen)",
      server: "server (alle hier; braucht Server verwalten)",
    },
    "kling-showcase": {
      name: "kling-showcase",
      description: "Der Showcase des Servers: seine Videos mit den meisten Sternen",
      top: { name: "top", description: "Die Showcase-Beiträge mit den meisten Sternen" },
      period: {
        name: "zeitraum",
        description: "Welche Beiträge: der letzten 7 Tage (Standard), der letzten 30 Tage oder aller Zeiten",
        week: "woche",
        month: "monat",
        all: "alle",
      },
    },
  },
  element: {
    guildOnly: "Gespeicherte Elemente gehören zu einem Server: nutze diesen Befehl auf einem Server.",
    notFoundServer:
      "Auf diesem Server heißt kein gespeichertes Element {{name}}: siehe `/$t(cmd.kling-element.name) $t(cmd.kling-element.list.name)`.",
    notFoundMine:
      "Keines deiner gespeicherten Elemente heißt {{name}}: siehe `/$t(cmd.kling-element.name) $t(cmd.kling-element.list.name)`.",
    notFoundAny:
      "Kein gespeichertes Element heißt {{name}} (weder deines noch eines des Servers): siehe `/$t(cmd.kling-element.name) " +
      "$t(cmd.kling-element.list.name)`.",
    nameLength: "ein Name ist {{min}}–{{max}} Zeichen lang",
    nameChars:
      "ein Name besteht aus Buchstaben a–z, Ziffern, `_` und `-` und beginnt mit einem Buchstaben (im Prompt steht er als `@name`)",
    nameReserved: "`element…`, `image…` und `video…` sind die eigenen Namen des Prompts: wähle einen anderen",
    badName: "{{name}} kann kein Name sein: {{problem}}.",
    deleteNeedsManage:
      "{{name}} ist ein Server-Element, das jemand anderes gespeichert hat: zum Löschen brauchst du Server verwalten.",
    deleteOnlyOwner: "Nur das Mitglied, das {{name}} gespeichert hat, kann es löschen.",
    deleted: "{{name}} gelöscht.",
    alreadyDeleted: "{{name}} war schon gelöscht.",
    renameNotAllowed:
      "Nur das Mitglied, das {{name}} gespeichert hat, oder jemand mit Server verwalten kann es umbenennen.",
    deletedMeanwhile: "{{name}} wurde inzwischen gelöscht.",
    renameTakenServer: "Dieser Server hat schon ein Element namens {{name}}: wähle einen anderen Namen.",
    renameTakenMine: "Du hast schon ein Element namens {{name}}: wähle einen anderen Namen.",
    renamed: "{{from}} in {{to}} umbenannt.",
    listFooter: "Bibliothek: {{used}} von {{cap}} auf diesem Server belegt.",
    listEmpty:
      "Noch keine gespeicherten Elemente: speichere eines mit `/$t(cmd.kling-element.name) $t(cmd.kling-element.save.name)`.",
    listMine: "**Deine**",
    listServer: "**Die des Servers**",
    lineServer: "• {{name}} — Server (von {{owner}}), {{images}}",
    lineMine: "• {{name}} — deines, {{images}}",
    imageOne: "1 Bild",
    imageMany: "{{count}} Bilder",
    choiceServer: "{{value}} (Server, {{count}} Bilder)",
    choiceMine: "{{value}} (deines, {{count}} Bilder)",
    serverNeedsManage:
      "Ein Server-Element zu speichern braucht Server verwalten: speichere es für dich mit `$t(cmd.kling-element.scope.name):me`.",
    saveHeadOne: "Ich kann dieses Element nicht speichern:",
    saveHeadMany: "Ich kann dieses Element nicht speichern —",
    savedServer:
      "{{name}} gespeichert (für alle auf diesem Server): {{images}}, {{size}}. Nutze es mit `$t(cmd.option.elements.name):{{value}}` " +
      "und schreib {{name}} in den Prompt.",
    savedMine:
      "{{name}} gespeichert (für dich): {{images}}, {{size}}. Nutze es mit `$t(cmd.option.elements.name):{{value}}` und schreib " +
      "{{name}} in den Prompt.",
    front: "ein Frontalbild",
    frontRefOne: "ein Frontalbild und 1 Referenz",
    frontRefs: "ein Frontalbild und {{count}} Referenzen",
    showServer: "{{name}} (Server): {{images}}.",
    showMine: "{{name}} (deines): {{images}}.",
    theFront: "das Frontalbild",
    theFrontRefOne: "das Frontalbild und 1 Referenz",
    theFrontRefs: "das Frontalbild und {{count}} Referenzen",
    imagesMissing: "Die Bilder von {{name}} fehlen im Speicher: speichere es noch einmal.",
    imageTooBig: "`{{opt}}` hat {{size}}; Bilder dürfen höchstens {{max}} haben: speichere es als kleineres JPG.",
    savingOff: "Das Speichern von Elementen ist auf diesem Server ausgeschaltet.",
    savesBusy: "Der Bot speichert gerade zu viele Elemente: versuch es in einer Minute noch einmal.",
    tooManyNames:
      "`{{optElements}}` nennt {{count}} Elemente; Kling nimmt höchstens {{max}} Elemente und Bilder " +
      "zusammen: nenne weniger.",
    unknownNames:
      "Kein gespeichertes Element heißt {{names}} (weder deines noch eines des Servers): siehe " +
      "`/$t(cmd.kling-element.name) $t(cmd.kling-element.list.name)` für die Namen, die du nutzen " +
      "kannst, oder speichere eines mit `/$t(cmd.kling-element.name) $t(cmd.kling-element.save.name)`.",
    uploadFailed:
      "Ich konnte die Bilder deiner gespeicherten Elemente gerade nicht zu fal hochladen: versuch es " +
      "in einer Minute noch einmal.",
    deletedOne:
      "Das gespeicherte Element {{names}} wurde inzwischen gelöscht: speichere es neu oder starte den " +
      "Befehl ohne es.",
    deletedMany:
      "Die gespeicherten Elemente {{names}} wurden inzwischen gelöscht: speichere sie neu oder starte " +
      "den Befehl ohne sie.",
    clashServer:
      "Dieser Server hat schon ein Element namens {{name}}: wähle einen anderen Namen oder lösche zuerst das vorhandene.",
    clashMine: "Du hast schon ein Element namens {{name}}: wähle einen anderen Namen oder lösche zuerst deines.",
    libraryCount:
      "Die Element-Bibliothek dieses Servers enthält {{count}} Elemente, mehr geht nicht: lösche Elemente, die niemand nutzt " +
      "(`/$t(cmd.kling-element.name) $t(cmd.kling-element.delete.name)`).",
    libraryFull:
      "Die Element-Bibliothek dieses Servers ist voll: sie belegt {{used}} von {{cap}}, und diese Bilder haben {{size}}. Lösche " +
      "Elemente, die niemand nutzt (`/$t(cmd.kling-element.name) $t(cmd.kling-element.delete.name)`), oder bitte einen Owner, sie zu " +
      "vergrößern (`/$t(cmd.kling-config.name) $t(cmd.kling-config.limits.name) $t(cmd.config.elementLibraryMb.name):`).",
  },
  showcase: {
    guildOnly: "Dieser Befehl funktioniert nur auf einem Server.",
    badPeriod: "Der Zeitraum ist woche, monat oder alle.",
    week: "den letzten 7 Tagen",
    month: "den letzten 30 Tagen",
    all: "der gesamten Zeit",
    topEmpty:
      "In {{period}} hat noch kein Showcase-Beitrag einen Stern. Drück ⭐ bei den Beiträgen im Showcase-Kanal, um sie zu bewerten.",
    topTitle: "**Die meisten Sterne im Showcase, in {{period}}**",
    topLine: "{{rank}}\\. ⭐ {{stars}} · {{prompt}} · von {{who}} · <{{link}}>",
    post: "🎬 Neu: {{title}} von <@{{user}}>: {{link}}\n> {{prompt}}",
    shareButton: "Im Showcase teilen",
    gone: "Ich finde dieses Video nicht mehr.",
    notRequester:
      "Nur <@{{user}}>, der das Video erstellt hat, kann es im Showcase teilen. Starte /{{command}} für dein eigenes und teile dann das.",
    noChannel:
      "Dieser Server hat keinen Showcase-Kanal mehr (eine Serververwaltung legt ihn mit `/$t(cmd.kling-config.name) " +
      "$t(cmd.kling-config.showcase.name)` fest).",
    cannotPost:
      "Ich kann in <#{{channel}}> nicht posten: ich brauche dort Kanal ansehen, Nachrichten senden und Dateien anhängen. Bitte eine " +
      "Serververwaltung, die Berechtigungen des Kanals anzupassen (oder mit `/$t(cmd.kling-config.name) " +
      "$t(cmd.kling-config.showcase.name)` einen anderen zu wählen), und drück dann noch einmal Teilen.",
    shared: "In <#{{channel}}> geteilt: {{link}}",
    already: "Es ist schon im Showcase: {{link}}",
    busy: "Es wird gerade geteilt; es erscheint gleich im Showcase.",
    nothing: "Ich finde das Ergebnis dieses Videos nicht mehr, es gibt also nichts zu teilen.",
    postGone: "Dieser Showcase-Beitrag wird nicht mehr verwendet.",
  },
  failure: {
    notHosted: "{{problems}} Es wurde nichts an fal gesendet und nichts berechnet.",
    sentences: "{{first}} {{rest}}",
    restartedInDoubt:
      "der Bot wurde neu gestartet, während er diesen Job an fal sendete, daher weiß ich nicht, ob fal ihn erhalten hat. Mit ihm " +
      "passiert nichts weiter; drück Retry oder starte den Befehl noch einmal.",
    answerLost:
      "die Antwort von fal auf diesen Job ging unterwegs verloren, daher weiß ich nicht, ob fal ihn erhalten hat, und ein erneutes " +
      "Senden könnte doppelt kosten. Hier passiert nichts weiter mit ihm; drück Retry oder starte den Befehl noch einmal.",
    notPosted: "das Video wurde erstellt, aber ich konnte es hier nicht posten.{{link}}",
    link: " Link: {{url}}",
    deadline: "fal ist nicht innerhalb von {{span}} fertig geworden, daher habe ich abgebrochen.",
    tooOld: "der Bot war offline und dieser Job ist älter als {{span}}, daher wurde er geschlossen.{{link}}",
    lastLink: " Das letzte bekannte Ergebnis: {{url}}",
    hour: "1 Stunde",
    hours: "{{n}} Stunden",
    minute: "1 Minute",
    minutes: "{{n}} Minuten",
    seconds: "{{n}} s",
    quotaUnchecked:
      "Ich konnte diesen Job nicht mit den Limits des Servers abgleichen (meine Datenbank hat nicht geantwortet), daher habe ich ihn " +
      "nicht an fal gesendet. Nichts wurde berechnet; bitte versuch es noch einmal.",
    notPlayable:
      "fal hat eine Datei zurückgeschickt, die kein abspielbares Video ist ({{why}}), daher habe ich sie nicht gepostet. fal hat sie " +
      "erstellt, also zählt sie zum Budget; drück Retry oder starte den Befehl noch einmal.",
    noFrames: "sie enthält keine Videobilder",
    noVideo: "fal ist fertig, aber seine Antwort enthält kein nutzbares Video: {{problems}}. Es wurde nichts gepostet.",
    falFields: "fal hat die Eingabe abgelehnt — {{fields}}.",
    falField: "{{field}}: {{msg}}",
    falInput: "fal hat die Eingabe abgelehnt: {{detail}}.",
    falAuth:
      "Der Bot ist falsch eingerichtet: fal hat seine Zugangsdaten nicht akzeptiert. Der Server-Owner muss die Logs des Bots prüfen.",
    model: "Das Modell ist gescheitert: „{{reason}}“",
    modelStatus: "Das Modell ist gescheitert (fal antwortete mit HTTP {{status}}).",
    unavailable:
      "fal ist gerade überlastet oder nicht erreichbar (HTTP {{status}}). Es wurde nichts erzeugt; bitte versuch es in ein paar Minuten " +
      "noch einmal.",
    refused: "fal hat den Job abgelehnt: „{{reason}}“",
    refusedStatus: "fal hat den Job abgelehnt (HTTP {{status}}).",
    unreachable:
      "Der Bot konnte fal nicht erreichen. Es wurde nichts erzeugt; bitte versuch es in ein paar Minuten noch einmal.",
    field: {
      video: "das Video",
      images: "die Bilder",
      image: "Bild {{n}} (@Image{{n}})",
      elements: "die Elemente",
      elementImage: "das Bild von Element {{n}} (@Element{{n}})",
      elementReference: "das Referenzbild von Element {{n}}",
      element: "Element {{n}} (@Element{{n}})",
      prompt: "der Prompt",
      duration: "die Dauer",
      aspectRatio: "das Seitenverhältnis",
      request: "die Anfrage",
    },
  },
  inputs: {
    video: "Video {{width}}×{{height}} · {{seconds}} s",
    videoUnmeasured: "Video",
    elementOne: "1 Element{{refs}}",
    elementMany: "{{count}} Elemente{{refs}}",
    refs: " (+{{count}} Ansicht)",
    saved: "gespeichert: {{list}}",
    imageOne: "1 Bild",
    imageMany: "{{count}} Bilder",
    seconds: "{{s}} s",
    defaultLength: "Standardlänge",
    audioKept: "Ton behalten",
    audioDropped: "ohne Ton",
  },
  editWithKling: {
    title: "Mit Kling bearbeiten",
    prompt: "Prompt",
    promptHelp: "Schreib @Video1 für den Clip und @Image1…@Image4 für die Bilder, in Upload-Reihenfolge.",
    images: "Bilder (optional)",
    imagesHelp: "Bis zu {{max}} Referenzen für Stil oder Aussehen: JPG, PNG oder WebP.",
    guildOnly: "Ich funktioniere nur in Serverkanälen.",
    noVideo:
      "Diese Nachricht hat kein Video, das ich bearbeiten kann: sie braucht einen angehängten MP4- oder MOV-Clip oder einen Link " +
      "darauf. Nutze **$t(cmd.edit-with-kling.name)** bei einer Nachricht mit Clip oder starte /$t(cmd.kling-edit.name) mit der Datei.",
    formGone:
      "Dieses Formular ist nicht mehr gültig (es ist über eine Stunde alt oder für einen anderen Kanal): nutze " +
      "**$t(cmd.edit-with-kling.name)** noch einmal bei der Nachricht.",
    cannotSee: "Du kannst diesen Kanal nicht mehr sehen, daher kann ich sein Video nicht für dich bearbeiten.",
    tooManyImages:
      "Du hast {{count}} Bilder hochgeladen; das Formular nimmt höchstens {{max}}. Schick es mit weniger noch einmal.",
  },
  progress: {
    title: { edit: "Kling-Bearbeitung", reference: "Kling-Referenz", pro: " · Pro" },
    requestedBy: "Angefragt von",
    inputs: "Eingaben",
    estimatedCost: "Geschätzte Kosten",
    estimate: "{{cost}} (Schätzung{{source}})",
    cost: "Kosten",
    status: "Status",
    note: "Hinweis",
    footer: "Job {{id}}",
    stopping:
      "🛑 Wird gestoppt — <@{{user}}> hat Abbrechen gedrückt und fal wurde gebeten aufzuhören; wird " +
      "es trotzdem fertig, erscheint das Video hier.",
    falUnreachable: "⚠️ fal antwortet seit <t:{{since}}:R> nicht — der Job ist sicher; ich frage weiter nach.",
    checking: "🔎 Eingaben werden vorbereitet…",
    submitted: "📨 An fal gesendet <t:{{at}}:R>",
    queuedAt: "⏳ In der Warteschlange bei fal — Position {{position}} (gesendet <t:{{at}}:R>)",
    queued: "⏳ In der Warteschlange bei fal (gesendet <t:{{at}}:R>)",
    running: "🎬 Wird erzeugt — gestartet <t:{{since}}:R>\n{{bar}} (Schätzung){{log}}",
    delivering: "📦 Fertig — das Video wird gepostet…",
    done: "✅ Fertig{{took}}{{link}}",
    took: " in {{duration}}",
    seeResult: " — [zum Ergebnis]({{url}})",
    failed: "❌ Fehlgeschlagen — {{reason}}",
    unknownError: "unbekannter Fehler",
    cancelledBy: "🚫 Abgebrochen von <@{{user}}>",
    cancelled: "🚫 Abgebrochen",
    costNote: {
      deliveredMeasured: "{{seconds}} Video erzeugt",
      deliveredEstimate: "{{seconds}} Video (Schätzung)",
      "failed-after-result": "fal hat ein Video erzeugt, daher wird es berechnet",
      failed: "nicht berechnet",
      "cancelled-queued": "nicht berechnet: abgebrochen, bevor fal begann",
      "cancelled-running": "voll berechnet: fal hatte schon begonnen",
      "submit-in-doubt": "zur Schätzung gezählt: fal hat es womöglich erhalten und ausgeführt",
      "deadline-running": "zur Schätzung gezählt: fal hat es womöglich ausgeführt",
      "too-old-running": "zur Schätzung gezählt: fal hat es womöglich ausgeführt",
      "deadline-queued": "nicht berechnet: fal hatte nicht begonnen",
      "too-old-queued": "nicht berechnet: fal hatte nicht begonnen",
      "dry-run": "nicht berechnet: ein Probelauf sendet nichts an fal",
    },
  },
  delivery: {
    ready: {
      edit: "<@{{user}}> deine Kling-Bearbeitung ist fertig.{{extra}}",
      reference: "<@{{user}}> dein Kling-Referenzclip ist fertig.{{extra}}",
    },
    noUpload: "Ich darf hier keine Dateien hochladen, deshalb hier der Link von fal:",
    overLimitSized:
      "Mit {{size}} liegt es über dem Uploadlimit dieses Servers von {{limit}}, deshalb hier der Link von fal:",
    overLimit: "Es liegt über dem Uploadlimit dieses Servers von {{limit}}, deshalb hier der Link von fal:",
    overServerLimit: "Es liegt über dem Uploadlimit dieses Servers, deshalb hier der Link von fal:",
    noDownload: "Ich konnte es nicht zum Anhängen herunterladen, deshalb hier der Link von fal:",
    comparisonSideBySide: "Vorher / nachher: links dein Clip, rechts das Ergebnis.",
    comparisonStacked: "Vorher / nachher: oben dein Clip, unten das Ergebnis.",
  },
  refusal: {
    headOne: "Ich kann diesen Job nicht starten:",
    headMany: "Ich kann diesen Job nicht starten — {{count}} Probleme:",
    more: "…und {{count}} weitere.",
    tail: "Es wurde nichts an fal gesendet und nichts berechnet.",
  },
  buttons: {
    inputsGone: "Ich habe die Eingaben dieses Auftrags nicht mehr: starte den Befehl neu.",
    cancel: "Abbrechen",
    retry: "Wiederholen",
    remix: "Remixen",
    remixTitle: "Remix: Prompt bearbeiten",
    remixPrompt: "Prompt",
    jobGone: "Ich finde diesen Auftrag nicht mehr.",
    rerunNotAllowed:
      "Nur <@{{user}}>, von dem dieses Video ist, oder Mitglieder mit „Nachrichten verwalten“ können " +
      "hier $t(buttons.retry) oder $t(buttons.remix) drücken. Starte /{{command}}, um dein eigenes zu " +
      "machen.",
    cancelNotAllowed:
      "Nur <@{{user}}>, der diesen Auftrag gestartet hat, oder Mitglieder mit „Nachrichten verwalten“ " +
      "können ihn abbrechen.",
    storageDown:
      "Ich erreiche meinen Speicher gerade nicht, daher wurde dieser Auftrag **nicht** abgebrochen. " +
      "Drück in einer Minute noch einmal auf $t(buttons.cancel).",
    alreadyFinished: "Zu spät zum Abbrechen: dieser Auftrag ist schon fertig.",
    cancelled: "Abgebrochen. Für diesen Auftrag wird nichts mehr erzeugt.",
    stopping:
      "fal wurde gebeten aufzuhören. Es hatte den Auftrag schon begonnen, er kann also noch fertig " +
      "werden: dann wird das Video hier gepostet (fal berechnet ihn so oder so).",
    posting: "Zu spät zum Abbrechen: das Video ist fertig und wird gerade gepostet.",
  },
  started: "Gestartet! Hier kannst du es verfolgen: {{link}}",
  boundary: {
    apologyJob:
      "Bei mir ist etwas schiefgelaufen, daher habe ich den Job nicht gestartet. Nichts wurde berechnet; bitte versuch es noch einmal.",
    apologyNothing: "Bei mir ist etwas schiefgelaufen; bitte versuch es noch einmal.",
    unknownCommand:
      "Diesen Befehl kenne ich nicht mehr; die Befehle des Servers müssen eventuell neu registriert werden.",
    buttonGone: "Dieser Button wird nicht mehr verwendet.",
    unknownSubcommand:
      "Diesen Unterbefehl kenne ich nicht mehr; die Befehle des Servers müssen eventuell neu " + "registriert werden.",
    formGone: "Dieses Formular wird nicht mehr verwendet.",
  },
  violation: {
    guildOnly: "Ich funktioniere nur in Serverkanälen: nutze mich in einem Textkanal oder Thread eines Servers.",
    botPermissions:
      "Ich kann hier keinen Fortschritt posten: mir fehlt in diesem Kanal {{missing}}. Bitte eine " +
      "Moderation, es freizugeben, oder nutze einen anderen Kanal.",
    noVideo:
      "Kein Video: hänge deinen Clip an `{{optVideo}}` an (oder, wenn er über deinem Uploadlimit liegt, " +
      "füge einen Link in `{{optUrl}}` ein).",
    videoTwice: "Sowohl `{{optVideo}}` als auch `{{optUrl}}` wurden angegeben: nutze nur eins davon.",
    videoUrlNotLink: "`{{optUrl}}` ist kein Link: füge die vollständige https://-Adresse des Clips ein.",
    videoUrlScheme: "`{{optUrl}}` nutzt {{scheme}}; nur https://-Links können abgerufen werden.",
    promptTooLong: "Der Prompt hat {{length}} Zeichen; das Limit ist {{max}}: kürze ihn.",
    promptElement:
      "Der Prompt nennt {{mention}}, aber `{{opt}}` fehlt: hänge das Bild an `{{opt}}` an oder entferne {{mention}}.",
    promptImage:
      "Der Prompt nennt {{mention}}, aber `{{opt}}` fehlt: hänge es an `{{opt}}` an oder entferne {{mention}}.",
    promptVideo: "Der Prompt nennt {{mention}}, aber es gibt nur ein Video: nenne es @Video1.",
    unmentionedElements:
      "Dein Prompt nennt {{names}} nicht; Kling ignoriert möglicherweise Elemente, die der Prompt nicht nennt.",
    refWithoutElement:
      "`{{optRef}}` wurde ohne `{{opt}}` angegeben: hänge das Frontalbild des Elements auch an `{{opt}}` an.",
    tooManyInputs:
      "{{elements}} Elemente + {{images}} Bilder = {{total}}; mit einem Video nimmt Kling insgesamt höchstens {{max}}: lass {{drop}} weg.",
    videoTooShort: "Das Video ist {{seconds}} s lang; Kling nimmt {{range}}: nutze einen längeren Clip",
    videoTooLong: "Das Video ist {{seconds}} s lang; Kling nimmt {{range}}: kürze es",
    videoTooSmall:
      "Das Video hat {{width}}×{{height}} px; Kling braucht {{min}} bis {{max}} px pro Seite: exportiere es in 720p oder höher",
    videoTooLarge:
      "Das Video hat {{width}}×{{height}} px; Kling braucht {{min}} bis {{max}} px pro Seite: exportiere es in 1080p",
    fpsUnknown:
      "Die Bildrate des Videos ließ sich nicht messen (keine Frames gefunden); Kling nimmt {{min}}–{{max}} fps: exportiere es neu",
    fpsLow: "Das Video hat {{fps}} fps; Kling nimmt {{min}}–{{max}} fps: exportiere es mit {{min}} oder 30 fps",
    fpsHigh: "Das Video hat {{fps}} fps; Kling nimmt {{min}}–{{max}} fps: exportiere es mit 30 oder {{max}} fps",
    videoBytes:
      "Das Video hat {{size}}; Kling nimmt höchstens {{max}}: kürze es oder exportiere es mit niedrigerer Bitrate",
    videoContainer: "Das Video ist eine {{container}}-Datei; Kling nimmt {{accepted}}: exportiere es als MP4 (H.264)",
    imageFormat: "`{{opt}}` ist ein {{format}}-Bild; Kling nimmt {{accepted}}: wandle es in PNG oder JPG um",
    imageSmall:
      "`{{opt}}` hat {{width}}×{{height}} px; Kling braucht mindestens {{min}} px pro Seite: nutze ein größeres Bild",
    imageAspect:
      "`{{opt}}` hat {{width}}×{{height}} px ({{shape}}); Kling nimmt Formate von 1:{{max}} bis {{max}}:1: schneide es zu",
    imageBytes: "`{{opt}}` hat {{size}}; Kling nimmt höchstens {{max}}: speichere es als JPG oder verkleinere es",
    qualityOff:
      "Pro-Qualität ist auf diesem Server aus: wer den Server verwaltet, kann sie mit /$t(cmd.kling-config.name) " +
      "$t(cmd.kling-config.quality.name) $t(cmd.config.proEnabled.name):True einschalten",
  },
  quota: {
    paused:
      "Kling wurde auf diesem Server von der Moderation pausiert. Laufende Jobs werden fertig; neue " +
      "sind möglich, sobald jemand `/$t(cmd.kling-config.name) $t(cmd.kling-config.resume.name)` ausführt.",
    pausedBecause:
      "Kling wurde auf diesem Server von der Moderation pausiert: „{{reason}}“. Laufende Jobs werden " +
      "fertig; neue sind möglich, sobald jemand `/$t(cmd.kling-config.name) $t(cmd.kling-config.resume.name)` ausführt.",
    channel: "Kling kann auf diesem Server in diesem Kanal nicht genutzt werden. Erlaubte Kanäle: {{channels}}.",
    role:
      "Kling ist auf diesem Server Mitgliedern mit einer der Rollen {{roles}} vorbehalten. Frag " +
      "die Moderation, falls du sie haben solltest.",
    blockedWord:
      "Dein Prompt enthält „{{word}}“, was die Moderation dieses Servers gesperrt hat. Formuliere den Prompt um und versuch es erneut.",
    concurrency:
      "Du hast schon {{current}} laufende Jobs, und dieser Server erlaubt {{max}} gleichzeitig pro " +
      "Mitglied. Ein Platz wird frei, sobald einer fertig ist (oder abgebrochen wird).",
    cooldown:
      "Dieser Server hat einen Cooldown von {{cooldown}} zwischen den Jobs eines Mitglieds; dein " +
      "letzter Job startete {{last}}. Den nächsten kannst du {{ready}} starten.",
    userDaily:
      "Dein Tageskontingent auf diesem Server ist {{max}} Video; du hast heute {{used}} genutzt " +
      "({{left}} übrig) und dieser Job braucht {{needed}}{{note}}. Es wird {{reset}} zurückgesetzt (00:00 {{zone}}).",
    guildDaily:
      "Das Kling-Tagesbudget dieses Servers ist {{max}}; heute sind {{current}} ausgegeben oder " +
      "reserviert und dieser Job würde etwa {{needed}}{{priced}} kosten{{note}}. Das Budget wird {{reset}} zurückgesetzt (00:00 {{zone}}).",
    guildMonthly:
      "Das Kling-Monatsbudget dieses Servers ist {{max}}; diesen Monat sind {{current}} ausgegeben " +
      "oder reserviert und dieser Job würde etwa {{needed}}{{priced}} kosten{{note}}. Das Budget wird " +
      "{{reset}} zurückgesetzt (am 1., 00:00 {{zone}}).",
    provisional: " (eine Bearbeitung reserviert bis zu 10 s, bis ihr Clip geprüft ist)",
    lapsed:
      "Die Reservierung dieses Auftrags auf dein Kontingent ist verfallen, bevor er fal erreichte " +
      "(die Prüfung seiner Dateien dauerte zu lange), und sie lässt sich nicht erneut nehmen: " +
      "{{reason}}",
  },
  reply: {
    serverOnly: "Dieser Befehl funktioniert nur auf einem Server.",
  },
  help: {
    title: "**Kling auf diesem Server**",
    command: "**/{{command}}** — {{description}}.\n> z. B. `{{example}}`",
    editWithKling:
      "**$t(cmd.edit-with-kling.name)** (im Apps-Menü einer Nachricht) — bearbeitet das Video einer beliebigen " +
      "Nachricht: ein Formular fragt nach dem Prompt und bis zu {{maxImages}} Bildern; das Ergebnis kommt in einem " +
      "Thread an dieser Nachricht.",
    naming:
      "**Eingaben im Prompt benennen**: der Clip ist `@Video1`; `{{element1}}`…`{{element4}}` (ein Frontalbild, dazu " +
      "`{{element1Ref}}`… für eine weitere Ansicht) sind `@Element1`…`@Element4`; `{{image1}}`…`{{image4}}` (Stil " +
      "oder Aussehen) sind `@Image1`…`@Image4`.",
    saved:
      "**Gespeicherte Figuren**: einmal mit `/kling-element save` speichern (ein Frontalbild und bis zu {{maxViews}} " +
      "weitere Ansichten), dann den Namen in `{{elements}}` angeben und `@name` in den Prompt schreiben; " +
      "`/kling-element list` zeigt deine und die des Servers.",
    limits:
      "**Limits**: Video .mp4 oder .mov, {{minSec}}–{{maxSec}} s, {{minPx}}–{{maxPx}} px pro Seite, " +
      "{{minFps}}–{{maxFps}} fps, bis {{videoMb}} (größer: `{{videoUrl}}` nutzen); Bilder jpg/png/webp, " +
      "≥ {{imagePx}} px pro Seite, bis {{imageMb}}; höchstens {{maxInputs}} Elemente und Bilder zusammen; " +
      "Prompt bis {{maxChars}} Zeichen.",
    costs: "**Was ein Job hier kostet** (Schätzungen, berechnet nach Sekunden des erzeugten Videos):",
    price: "- {{tier}}: {{rate}} erzeugtes Video ({{examples}})",
    priceExample: "{{seconds}} s ≈ {{cost}}",
    tier: { standard: "Standard", pro: "Pro" },
  },
  config: {
    heading: "**Kling-Einstellungen für diesen Server**",
    line: "• {{label}}: {{value}}{{source}}",
    done: "✅ {{what}}",
    isDefault: " *(Standard)*",
    footer:
      "-# Limits werden in dieser Reihenfolge geprüft: Kanal, Rolle, gesperrte Wörter, gleichzeitige Jobs, Cooldown, " +
      "tägliche Sekunden, Serverbudget. Tage beginnen um 00:00 {{zone}}, Monate am 1. Änderungen gelten sofort.",
    repairedUnreadable:
      "⚠️ repariert: die gespeicherten Einstellungen waren gar nicht lesbar, daher gilt überall der Standard. " +
      "Bitte neu setzen.",
    repairedEntries: "⚠️ repariert: {{label}} hatte ungültige Einträge, die entfernt wurden; jetzt: {{value}}.",
    repairedInvalid:
      "⚠️ repariert: {{label}} war ungültig und fiel auf {{value}} zurück (der Standard). Setze es neu, um es zu ändern.",
    comparisonsOn: "ℹ️ Vorher/Nachher-Clips: an (ffmpeg gefunden; jedem Ergebnis folgt im Thread ein Vergleichsclip)",
    comparisonsOff:
      "ℹ️ Vorher/Nachher-Clips: aus — ffmpeg war beim Start nicht im PATH des Bots (ffmpeg installieren und den Bot " +
      "neu starten, um sie einzuschalten)",
    dryRun:
      "🧪 **Probelauf** (FAL_DRY_RUN, gesetzt, wo der Bot läuft): Jobs durchlaufen jede Prüfung und jedes Limit, " +
      "aber nichts wird an fal gesendet oder berechnet; Ergebnisse sind die Eingaben durch einen Filter.",
    changed: {
      pause: "Pausiert: neue Jobs von Mitgliedern werden mit dem Grund abgelehnt; laufende Jobs werden fertig.",
      resume: "Fortgesetzt: neue Jobs werden wieder angenommen.",
      limits: "Limits aktualisiert.",
      budget: "Budget aktualisiert (laufende Jobs behalten den Preis, zu dem sie angenommen wurden).",
      channels: "Erlaubte Kanäle aktualisiert.",
      roles: "Erlaubte Rollen aktualisiert.",
      blockWords: "Gesperrte Wörter aktualisiert.",
      showcaseUnset: "Showcase-Kanal entfernt.",
      showcaseSet: "Showcase-Kanal gesetzt.",
      showcaseAuto: "Jedes Ergebnis, das @everyone sehen kann, wird im Showcase gepostet.",
      showcaseShared: "Ergebnisse werden im Showcase gepostet, wenn die anfragende Person auf Teilen drückt.",
      threadsOn: "Ergebnisse kommen wieder in einen Thread.",
      threadsOff: "Ergebnisse bleiben im Kanal (keine Threads).",
      rerunsAnyone:
        "Jetzt darf jede Person bei jedem Ergebnis Retry und Remix drücken (jede Wiederholung ist ein neuer Job, " +
        "wie üblich geprüft und berechnet).",
      rerunsRequester:
        "Retry und Remix eines Ergebnisses sind jetzt der anfragenden Person und Mitgliedern mit Nachrichten " +
        "verwalten vorbehalten.",
      qualityOn: "Pro-Qualität ist an: Mitglieder können `quality:pro` wählen (zum Pro-Preis pro Sekunde berechnet).",
      qualityOff: "Pro-Qualität ist aus: jeder Job nutzt Standardqualität.",
      resetAll: "Alle Einstellungen sind wieder auf Standard.",
      reset: "{{label}} ist wieder auf Standard.",
    },
    error: {
      managersOnly:
        "Nur Mitglieder mit **Server verwalten** können Klings Einstellungen sehen oder ändern. " +
        "`/$t(cmd.kling-usage.name)` zeigt deine eigene Nutzung.",
      guildUnseen: "Ich sehe diesen Server noch nicht; versuch es in einer Minute noch einmal.",
      unknownSetting: "Diese Einstellung kenne ich nicht.",
      sayWhich: "Gib an, was ich {{action}} soll.",
      tooMany: "Das wären {{count}}; das Limit ist {{max}}.",
      giveOne: "Gib mindestens eine dieser Optionen an: {{options}}.",
      wordTooLong: "Jedes gesperrte Wort bzw. jede Phrase darf höchstens {{max}} Zeichen lang sein.",
    },
    value: {
      yes: "ja",
      yesBecause: "ja — „{{reason}}“",
      no: "nein",
      noReason: "keiner",
      noWords: "keine",
      noCooldown: "keiner",
      noChannel: "keiner",
      everywhere: "überall",
      everyone: "alle",
      noLimit: "kein Limit",
      libraryOff: "aus (es können keine Elemente gespeichert werden)",
      libraryMb: "{{mb}} MB an Bildern",
      estimate: "{{rate}} (Schätzung)",
      proOn: "an (Mitglieder können `quality:pro` wählen, zum Pro-Preis berechnet)",
      proOff: "aus (nur Standardqualität)",
      showcaseAuto: "auto (jedes Ergebnis in einem Kanal, den @everyone sehen kann, wird dort gepostet)",
      showcaseShared: "geteilt (ein Ergebnis wird gepostet, wenn die anfragende Person auf Im Showcase teilen drückt)",
      threadsOn: "an (Ergebnisse kommen in einen Thread an der Fortschrittsnachricht)",
      threadsOff: "aus (Ergebnisse bleiben im Kanal)",
      rerunsRequester: "die anfragende Person und Mitglieder mit Nachrichten verwalten",
    },
  },
  usage: {
    mine: "**Deine Kling-Nutzung auf diesem Server**",
    ofLimit: "{{used}} von {{limit}} ({{left}} übrig)",
    noLimit: "{{used}} (kein Limit)",
    jobs_one: "{{count}} Job",
    jobs_other: "{{count}} Jobs",
    today: "Heute: Video {{amount}}, etwa {{cost}} — zurückgesetzt {{reset}} (00:00 {{zone}})",
    month: "Diesen Monat: {{seconds}} Video in {{jobs}}, etwa {{cost}} — zurückgesetzt {{reset}}",
    running: "Läuft gerade: {{active}} von {{max}} gleichzeitig erlaubten",
    cooldownWait: "Cooldown: nächster Job {{ready}}",
    cooldownReady: "Cooldown: bereit",
    note: "-# Beträge enthalten laufende Jobs zur Schätzung; Preise sind Schätzungen.",
    server: "**Kling-Nutzung dieses Servers**",
    noBudget: "{{spent}} (kein Budget gesetzt)",
    serverToday: "Heute: {{budget}} · {{seconds}} in {{jobs}} — zurückgesetzt {{reset}} (00:00 {{zone}})",
    serverMonth: "Diesen Monat: {{budget}} · {{seconds}} in {{jobs}} — zurückgesetzt {{reset}}",
    serverRunning: "Läuft gerade: {{active}}",
    top: "**Aktivste Mitglieder diesen Monat**",
    topLine: "{{rank}}. <@{{user}}> — {{cost}} · {{seconds}} · {{jobs}}",
    serverNote:
      "-# Laufende Jobs zählen zur Schätzung; Preise sind Schätzungen (`/$t(cmd.kling-config.name)` setzt den Preis). " +
      "Die Abrechnung exportierst du mit `$t(cmd.kling-usage.export.name): True`.",
    ledger: "📄 Abrechnung für {{month}}: {{jobs}}, {{cost}} (laufende Jobs zur Schätzung).",
    managersOnly:
      "Die Summen des Servers und die Abrechnung sind für Mitglieder mit **Server verwalten**. Führe " +
      "`/$t(cmd.kling-usage.name)` ohne Optionen aus, um deine eigene Nutzung zu sehen.",
    badMonth: "`$t(cmd.kling-usage.month.name)` muss so aussehen: 2025-06.",
  },
  setup: {
    title: "**Kling-Einrichtungsprüfung**",
    noChannel: "⚠️ Es gibt keinen Textkanal, in dem ich genutzt werden darf (prüfe die erlaubten Kanäle).",
    allGood: "✅ Kanäle: alle {{count}} haben jede Berechtigung, die ich brauche.",
    missingHead: "Kanäle mit fehlenden Berechtigungen ({{count}} von {{checked}}):",
    missingLine: "• <#{{channel}}>: es fehlt {{permissions}} → {{costs}}",
    fal: "fal: {{detail}}",
    store: "Speicher: {{detail}}",
    price: "💲 Preis: {{price}}",
    permission: {
      ViewChannel: "Kanal ansehen",
      SendMessages: "Nachrichten senden",
      EmbedLinks: "Links einbetten",
      CreatePublicThreads: "Öffentliche Threads erstellen",
      SendMessagesInThreads: "Nachrichten in Threads senden",
      AttachFiles: "Dateien anhängen",
    },
    cost: {
      refused: "Jobs werden hier abgelehnt",
      noProgress: "Jobs werden hier abgelehnt (keine Fortschrittsnachricht)",
      noThread: "kein Thread: Ergebnisse werden im Kanal gepostet",
      linkOnly: "Ergebnisse werden nur als Link gepostet",
    },
    falAccepts: "fal akzeptiert den Schlüssel",
    falRefused: "fal hat den Schlüssel abgelehnt (HTTP {{status}}): prüfe FAL_KEY",
    falUnasked: "fal war nicht erreichbar ({{error}})",
    falNotRead: "fals Preisliste wurde noch nicht gelesen",
    falDryRun: "Probelauf: kein Schlüssel nötig (FAL_DRY_RUN sendet nichts an fal)",
    storeOk: "erreichbar ({{ms}} ms)",
    storeDown: "nicht erreichbar: {{error}}",
    priceFal: "{{rate}} für Standard, aus fals Preisliste",
    priceServer:
      "{{rate}} für Standard, der Preis dieses Servers (vom Betreiber oder der Umgebung, sonst der Standard, wo fals " +
      "Liste nicht gelesen wurde)",
    priceUnknown: "unbekannt ({{error}})",
  },
  dryRun: {
    note: "🧪 Probelauf: nichts wurde an fal gesendet oder berechnet; das Ergebnis ist dein Clip durch einen Filter.",
    title: "{{title}} · 🧪 Probelauf",
    field: "Probelauf",
    costNote: "; ein Probelauf wird nicht berechnet",
    notShown: "{{why}}, daher kann das Ergebnis des Probelaufs hier nicht gezeigt werden.",
  },
  checks: {
    promptEmpty: "Der Prompt ist leer: beschreibe, was Kling erzeugen soll.",
    videoType:
      "`{{opt}}` ist {{found}} ({{file}}); Kling nimmt nur MP4 oder MOV an: exportiere den Clip als .mp4 (H.264) " +
      "und hänge diesen an.",
    videoSize: "`{{opt}}` ist {{size}} groß; das Limit ist {{max}}: kürze ihn oder senke die Bitrate.",
    videoSides: "`{{opt}}` ist {{width}}×{{height}} px; Kling braucht {{min}}–{{max}} px pro Seite: {{fix}}.",
    upscale: "skaliere ihn hoch (z. B. auf 1280×720)",
    downscale: "skaliere ihn herunter (z. B. auf 1920×1080)",
    imageType:
      "`{{opt}}` ist {{found}} ({{file}}); Bilder müssen JPG, PNG oder WebP sein: konvertiere es und hänge es neu an.",
    imageSize: "`{{opt}}` ist {{size}} groß; Bilder dürfen höchstens {{max}} haben: speichere es als kleineres JPG.",
    imageSides:
      "`{{opt}}` ist {{width}}×{{height}} px; Bilder brauchen mindestens {{min}} px pro Seite: nimm ein größeres Bild.",
    elementReferences:
      "Element {{slot}}{{saved}} hat {{count}} Referenzbilder; Kling nimmt höchstens {{max}} pro Element: " +
      "entferne {{drop}}.",
    slotGap:
      "`{{optSet}}` ist gesetzt, aber `{{optEmpty}}` ist leer: fülle die Plätze der Reihe nach (`{{optFirst}}` " +
      "zuerst), damit die {{mention}}-Nummern passen.",
    duration: "Eine Dauer von {{seconds}} s wird nicht angeboten; wähle 3–15 s.",
    aspectRatio: "Das Seitenverhältnis „{{ratio}}“ wird nicht angeboten; wähle auto, 16:9, 9:16 oder 1:1.",
    quality: "Die Qualität „{{quality}}“ wird nicht angeboten; wähle {{offered}}.",
    readFormat: "`{{opt}}` hat kein Format, das Kling annimmt: {{detail}}",
    readFetch: "`{{opt}}` konnte nicht geladen werden: {{detail}}",
    readSize: "`{{opt}}` ist zu groß: {{detail}}",
    readUnreadable: "`{{opt}}` konnte nicht gelesen werden: {{detail}}",
    busy: "Ich lese gerade zu viele Dateien: nichts wurde gelesen oder berechnet; versuch es in einer Minute noch einmal.",
    deadline:
      "das Lesen deiner Dateien dauerte länger als {{seconds}} s, so lange prüft der Bot eine Anfrage höchstens (ein " +
      "Link kann sehr langsam sein): lade die Dateien stattdessen bei Discord hoch oder versuch es später noch einmal",
    inputsExpired:
      "Die ursprünglichen Dateien lassen sich nicht mehr abrufen, auch nicht mit frischen Links von Discord (die " +
      "Nachricht dazu wurde vielleicht gelöscht): führe /{{command}} erneut mit den Dateien aus.",
    cannotPost:
      "Ich kann in diesem Kanal nicht posten (laut Discord fehlen mir Berechtigungen). Bitte die Moderation, mich hier " +
      "posten zu lassen, oder nutze einen anderen Kanal.",
    postFailed:
      "Ich konnte die Fortschrittsnachricht in diesem Kanal nicht posten, daher habe ich den Job nicht gestartet. " +
      "Bitte versuch es noch einmal.",
    notRecorded:
      "Der Bot startet neu und konnte nicht bestätigen, dass dieser Job gespeichert wurde. Erscheint hier in ein paar " +
      "Minuten keine Fortschrittsnachricht, führe den Befehl erneut aus.",
  },
  list: { comma: ", ", semicolon: "; " },
  /** the job queue's worker: a request it could not check (src/jobs/input-check.ts) */
  queueChecks: {
    replyExpired:
      "diese Anfrage hat zu lange auf ihre Prüfung gewartet (der Bot war ausgelastet oder startete neu), " +
      "deshalb habe ich sie nicht gestartet.",
    checkFailed:
      "Beim Prüfen dieser Anfrage ist auf meiner Seite etwas schiefgelaufen, deshalb habe ich sie nicht " +
      "gestartet. Es wurde nichts berechnet; bitte versuche es noch einmal.",
  },
};
