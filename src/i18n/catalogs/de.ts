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
        description: "Gespeicherte Elemente nach Namen, mit Kommas (/kling-element); im Prompt @name schreiben",
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
      "🛑 Wird gestoppt — <@{{user}}> hat Abbrechen gedrückt und fal wurde gebeten aufzuhören; wird es trotzdem fertig, erscheint das Video hier.",
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
  },
  refusal: {
    headOne: "Ich kann diesen Job nicht starten:",
    headMany: "Ich kann diesen Job nicht starten — {{count}} Probleme:",
    more: "…und {{count}} weitere.",
    tail: "Es wurde nichts an fal gesendet und nichts berechnet.",
  },
  started: "Gestartet! Hier kannst du es verfolgen: {{link}}",
  boundary: {
    apologyJob:
      "Bei mir ist etwas schiefgelaufen, daher habe ich den Job nicht gestartet. Nichts wurde berechnet; bitte versuch es noch einmal.",
    apologyNothing: "Bei mir ist etwas schiefgelaufen; bitte versuch es noch einmal.",
    unknownCommand:
      "Diesen Befehl kenne ich nicht mehr; die Befehle des Servers müssen eventuell neu registriert werden.",
    buttonGone: "Dieser Button wird nicht mehr verwendet.",
    formGone: "Dieses Formular wird nicht mehr verwendet.",
  },
  violation: {
    guildOnly: "Ich funktioniere nur in Serverkanälen: nutze mich in einem Textkanal oder Thread eines Servers.",
    botPermissions:
      "Ich kann hier keinen Fortschritt posten: mir fehlt in diesem Kanal {{missing}}. Bitte eine Moderation, es freizugeben, oder nutze einen anderen Kanal.",
    noVideo:
      "Kein Video: hänge deinen Clip an `{{optVideo}}` an (oder, wenn er über deinem Uploadlimit liegt, füge einen Link in `{{optUrl}}` ein).",
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
      "Pro-Qualität ist auf diesem Server aus: wer den Server verwaltet, kann sie mit /$t(cmd.kling-config.name) $t(cmd.kling-config.quality.name) $t(cmd.config.proEnabled.name):True einschalten",
  },
  quota: {
    paused:
      "Kling wurde auf diesem Server von der Moderation pausiert. Laufende Jobs werden fertig; neue sind möglich, sobald jemand `/$t(cmd.kling-config.name) $t(cmd.kling-config.resume.name)` ausführt.",
    pausedBecause:
      "Kling wurde auf diesem Server von der Moderation pausiert: „{{reason}}“. Laufende Jobs werden fertig; neue sind möglich, sobald jemand `/$t(cmd.kling-config.name) $t(cmd.kling-config.resume.name)` ausführt.",
    channel: "Kling kann auf diesem Server in diesem Kanal nicht genutzt werden. Erlaubte Kanäle: {{channels}}.",
    role: "Kling ist auf diesem Server Mitgliedern mit einer der Rollen {{roles}} vorbehalten. Frag die Moderation, falls du sie haben solltest.",
    blockedWord:
      "Dein Prompt enthält „{{word}}“, was die Moderation dieses Servers gesperrt hat. Formuliere den Prompt um und versuch es erneut.",
    concurrency:
      "Du hast schon {{current}} laufende Jobs, und dieser Server erlaubt {{max}} gleichzeitig pro Mitglied. Ein Platz wird frei, sobald einer fertig ist (oder abgebrochen wird).",
    cooldown:
      "Dieser Server hat einen Cooldown von {{cooldown}} zwischen den Jobs eines Mitglieds; dein letzter Job startete {{last}}. Den nächsten kannst du {{ready}} starten.",
    userDaily:
      "Dein Tageskontingent auf diesem Server ist {{max}} Video; du hast heute {{used}} genutzt ({{left}} übrig) und dieser Job braucht {{needed}}{{note}}. Es wird {{reset}} zurückgesetzt (00:00 {{zone}}).",
    guildDaily:
      "Das Kling-Tagesbudget dieses Servers ist {{max}}; heute sind {{current}} ausgegeben oder reserviert und dieser Job würde etwa {{needed}}{{priced}} kosten{{note}}. Das Budget wird {{reset}} zurückgesetzt (00:00 {{zone}}).",
    guildMonthly:
      "Das Kling-Monatsbudget dieses Servers ist {{max}}; diesen Monat sind {{current}} ausgegeben oder reserviert und dieser Job würde etwa {{needed}}{{priced}} kosten{{note}}. Das Budget wird {{reset}} zurückgesetzt (am 1., 00:00 {{zone}}).",
    provisional: " (eine Bearbeitung reserviert bis zu 10 s, bis ihr Clip geprüft ist)",
  },
};
