/**
 * The source catalog (English). Every other catalog has exactly these keys (test/unit/i18n.test.ts).
 * `cmd`: command, subcommand, option and choice names and descriptions (Discord: names lowercase, ≤ 32 characters;
 * descriptions ≤ 100). The English names are the registered names themselves.
 * Placeholders are {{name}}; `$t(key)` nests another message (command names in sentences).
 */
export const en = {
  cmd: {
    "kling-edit": { name: "kling-edit", description: "Restyle or change a video clip with a prompt (Kling O3, fal)" },
    "kling-reference": {
      name: "kling-reference",
      description: "Make a new clip from a reference video plus characters (Kling O3, fal)",
    },
    "kling-usage": {
      name: "kling-usage",
      description: "Your Kling use today and this month (Manage Server: the server's totals and the ledger)",
      server: { name: "server", description: "Manage Server: the server's totals and top members" },
      export: { name: "export", description: "Manage Server: the month's ledger as a CSV file" },
      month: { name: "month", description: "For export: YYYY-MM (default: this month, UTC)" },
    },
    "kling-help": {
      name: "kling-help",
      description: "How to use Kling here: the commands, naming inputs in a prompt, limits, prices, your allowance",
    },
    "edit-with-kling": { name: "Edit with Kling" },
    "kling-config": {
      name: "kling-config",
      description: "Server owners: who may use Kling where, limits, budgets and price (Manage Server)",
      show: { name: "show", description: "Show this server's Kling settings" },
      check: {
        name: "check",
        description: "Check the set-up: my permissions in each channel, the fal key, the store and the price source",
      },
      pause: { name: "pause", description: "Stop new jobs on this server (running jobs finish)" },
      resume: { name: "resume", description: "Accept new jobs again" },
      limits: { name: "limits", description: "Per-member limits (0 = no limit for cooldown and daily seconds)" },
      budget: { name: "budget", description: "Server budgets in US dollars (0 = no limit) and the price estimate" },
      channels: { name: "channels", description: "Channels where Kling may be used (none = everywhere)" },
      roles: { name: "roles", description: "Roles allowed to use Kling (none = everyone)" },
      "block-words": { name: "block-words", description: "Words or phrases a prompt may not contain" },
      showcase: {
        name: "showcase",
        description: "The showcase channel (no options: unset) and whether every result goes there or shared ones",
      },
      threads: { name: "threads", description: "Whether results may leave the channel into a thread" },
      reruns: { name: "reruns", description: "Who may press Retry and Remix on someone else's result" },
      quality: {
        name: "quality",
        description: "Whether members may choose Pro quality (O3 Pro, billed at the Pro price)",
      },
      reset: { name: "reset", description: "Return a setting to the bot's default" },
    },
    /** /kling-config's options, by setting (src/guild/settings.ts) or by role in the subcommand */
    config: {
      action: { name: "action", description: "What to do" },
      add: "add",
      remove: "remove",
      clear: "clear (no restriction)",
      setting: { name: "setting", description: "Which setting" },
      all: "all settings",
      reason: { name: "reason", description: "Shown to members who try" },
      allowedChannel: { name: "channel", description: "The channel (threads in it are included)" },
      role: { name: "role", description: "The role" },
      words: { name: "words", description: "Comma-separated words or phrases" },
      jobsAtOnce: { name: "jobs_at_once", description: "Jobs one member may run at once" },
      cooldown: { name: "cooldown_seconds", description: "Seconds between one member's jobs" },
      dailySeconds: {
        name: "daily_seconds",
        description: "Seconds of output video per member per day (resets 00:00 {{zone}})",
      },
      elementLibraryMb: {
        name: "element_library_mb",
        description: "MB of images this server's saved elements may hold (0 = saving is off)",
      },
      dailyUsd: { name: "daily_usd", description: "Spend per day, whole server (resets 00:00 {{zone}})" },
      monthlyUsd: { name: "monthly_usd", description: "Spend per calendar month, whole server" },
      price: {
        name: "price_per_second_usd",
        description: "What fal charges per output second (an estimate; default {{usd}})",
      },
      proEnabled: {
        name: "pro_enabled",
        description: "On: members may choose quality:pro (billed at the Pro price); off: standard only",
      },
      proPrice: {
        name: "pro_price_per_second_usd",
        description: "What fal charges per Pro output second (an estimate; default {{usd}})",
      },
      showcaseChannel: { name: "channel", description: "Where finished videos are showcased" },
      showcaseMode: {
        name: "mode",
        description: "auto: every visible result is posted; shared: only results their requester shares",
        auto: "auto (every result)",
        shared: "shared (the requester presses Share)",
      },
      threadsEnabled: { name: "enabled", description: "On: a thread per result; off: results stay in the channel" },
      who: {
        name: "who",
        description: "requester: only the requester and Manage Messages; everyone: any member",
        requester: "requester (and Manage Messages)",
        everyone: "everyone",
      },
    },
    /** settings as `reset setting:` offers them */
    settingLabel: {
      paused: "Paused",
      pausedReason: "Pause reason",
      allowedChannelIds: "Allowed channels",
      allowedRoleIds: "Allowed roles",
      blockedPromptWords: "Blocked prompt words",
      userConcurrentJobs: "Jobs at once per member",
      userCooldownSec: "Cooldown per member",
      userDailySeconds: "Daily video per member",
      elementLibraryMb: "Saved-element library size",
      showcaseMode: "Showcase posts",
      guildDailyBudgetMicros: "Server daily budget",
      guildMonthlyBudgetMicros: "Server monthly budget",
      pricePerSecondMicros: "Price per output second",
      proEnabled: "Pro quality",
      proPricePerSecondMicros: "Pro price per second",
      showcaseChannelId: "Showcase channel",
      threads: "Results in threads",
      rerunsByAnyone: "Retry/Remix of others' results",
    },
    /** the options /kling-edit and /kling-reference share (commands/options.ts) and the models' own */
    option: {
      prompt: {
        name: "prompt",
        description: "What to make. Refer to inputs as @Video1, @Element1…@Element4, @Image1…@Image4",
      },
      video: { name: "video", description: "The source clip (@Video1): .mp4 or .mov, 3–10 s, 720–2160 px per side" },
      video_url: {
        name: "video_url",
        description: "Or a https link to the clip, for files over your Discord upload limit",
      },
      element: {
        name: "element{{n}}",
        description: "Frontal image of a character or object (@Element{{n}}): jpg, png or webp",
      },
      element_ref: { name: "element{{n}}_ref", description: "Another view of element {{n}} (needs element{{n}})" },
      image: { name: "image{{n}}", description: "Style or appearance reference (@Image{{n}}): jpg, png or webp" },
      elements: {
        name: "elements",
        description: "Saved elements by name, comma-separated (/$t(cmd.kling-element.name)); write @name in the prompt",
      },
      keep_audio: { name: "keep_audio", description: "Keep the source clip's audio (default: yes)" },
      quality: {
        name: "quality",
        description: "Standard (default), or Pro where this server has turned it on (priced higher)",
        standard: "standard",
        pro: "pro (costs more; the server must turn it on)",
      },
      aspect_ratio: { name: "aspect_ratio", description: "Shape of the new clip (default: auto)" },
      duration: { name: "duration", description: "Length of the new clip in seconds (3–15)", seconds: "{{s}} s" },
    },
    "kling-element": {
      name: "kling-element",
      description: "Your and the server's saved characters and objects, used by name in Kling prompts",
      save: {
        name: "save",
        description: "Save a character or object (a front image + up to 3 more views) to use by name",
      },
      list: { name: "list", description: "The saved elements you can use: yours and the server's" },
      show: { name: "show", description: "Show a saved element's images (only to you)" },
      rename: { name: "rename", description: "Rename a saved element (yours, or the server's with Manage Server)" },
      delete: { name: "delete", description: "Delete a saved element (yours, or the server's with Manage Server)" },
      newName: { name: "new_name", description: "Its new name ({{min}}–{{max}} of a–z, 0–9, _ and -)" },
      saveName: {
        name: "name",
        description: "Its name, written @name in prompts ({{min}}–{{max}} of a–z, 0–9, _ and -)",
      },
      front: { name: "front", description: "Its frontal image: jpg, png or webp, ≥ 300 px a side, ≤ 10 MB" },
      ref: { name: "ref{{n}}", description: "Another view of it (reference {{n}}): jpg, png or webp" },
      scope: { name: "scope", description: "Who may use it (default: me)" },
      elementName: { name: "name", description: "The element's name" },
      which: { name: "scope", description: "Yours or the server's, when both have this name (default: yours first)" },
      me: "me (only you can use it)",
      server: "server (everyone here; needs Manage Server)",
    },
    "kling-showcase": {
      name: "kling-showcase",
      description: "The server's showcase: its most starred videos",
      top: { name: "top", description: "The most starred showcase posts" },
      period: {
        name: "period",
        description: "Which posts: of the last 7 days (default), the last 30 days, or all time",
        week: "week",
        month: "month",
        all: "all",
      },
    },
  },
  /** /kling-element's replies (ephemeral: the member's language); {{name}} is an element's name, made inert */
  element: {
    guildOnly: "Saved elements belong to a server: use this command in a server.",
    notFoundServer:
      "No saved element is named {{name}} on this server: see `/$t(cmd.kling-element.name) $t(cmd.kling-element.list.name)`.",
    notFoundMine:
      "No saved element is named {{name}} among yours: see `/$t(cmd.kling-element.name) $t(cmd.kling-element.list.name)`.",
    notFoundAny:
      "No saved element is named {{name}} (neither yours nor this server's): see `/$t(cmd.kling-element.name) " +
      "$t(cmd.kling-element.list.name)`.",
    nameLength: "a name is {{min}}–{{max}} characters long",
    nameChars: "a name is letters a–z, digits, `_` and `-`, starting with a letter (it is written `@name` in prompts)",
    nameReserved: "`element…`, `image…` and `video…` are the prompt's own names: choose another",
    badName: "{{name}} can't be a name: {{problem}}.",
    deleteNeedsManage: "{{name}} is a server element saved by someone else: deleting it needs Manage Server.",
    deleteOnlyOwner: "Only the member who saved {{name}} can delete it.",
    deleted: "Deleted {{name}}.",
    alreadyDeleted: "{{name}} was already deleted.",
    renameNotAllowed: "Only the member who saved {{name}} or someone with Manage Server can rename it.",
    deletedMeanwhile: "{{name}} was deleted meanwhile.",
    renameTakenServer: "This server already has an element named {{name}}: choose another name.",
    renameTakenMine: "You already have an element named {{name}}: choose another name.",
    renamed: "Renamed {{from}} to {{to}}.",
    listFooter: "Library: {{used}} of {{cap}} used on this server.",
    listEmpty: "No saved elements yet: save one with `/$t(cmd.kling-element.name) $t(cmd.kling-element.save.name)`.",
    listMine: "**Yours**",
    listServer: "**This server's**",
    lineServer: "• {{name}} — server (by {{owner}}), {{images}}",
    lineMine: "• {{name}} — yours, {{images}}",
    imageOne: "1 image",
    imageMany: "{{count}} images",
    choiceServer: "{{value}} (server, {{count}} images)",
    choiceMine: "{{value}} (yours, {{count}} images)",
    serverNeedsManage:
      "Saving a server element needs Manage Server: save it with `$t(cmd.kling-element.scope.name):me` for yourself.",
    saveHeadOne: "I can't save this element:",
    saveHeadMany: "I can't save this element —",
    savedServer:
      "Saved {{name}} (for everyone on this server): {{images}}, {{size}}. Use it with `$t(cmd.option.elements.name):{{value}}` and " +
      "write {{name}} in the prompt.",
    savedMine:
      "Saved {{name}} (for you): {{images}}, {{size}}. Use it with `$t(cmd.option.elements.name):{{value}}` and write {{name}} in the " +
      "prompt.",
    front: "a front image",
    frontRefOne: "a front image and 1 reference",
    frontRefs: "a front image and {{count}} references",
    showServer: "{{name}} (server): {{images}}.",
    showMine: "{{name}} (yours): {{images}}.",
    theFront: "the front image",
    theFrontRefOne: "the front image and 1 reference",
    theFrontRefs: "the front image and {{count}} references",
    imagesMissing: "{{name}}'s images are missing from the store: save it again.",
    imageTooBig: "`{{opt}}` is {{size}}; images may be at most {{max}}: save it as a smaller JPG.",
    savingOff: "Saving elements is turned off on this server.",
    savesBusy: "The bot is saving too many elements right now: try again in a minute.",
    tooManyNames:
      "`{{optElements}}` names {{count}} elements; Kling takes at most {{max}} elements and images " +
      "together: list fewer.",
    unknownNames:
      "No saved element is named {{names}} (neither yours nor this server's): see " +
      "`/$t(cmd.kling-element.name) $t(cmd.kling-element.list.name)` for the names you can use, or " +
      "save one with `/$t(cmd.kling-element.name) $t(cmd.kling-element.save.name)`.",
    uploadFailed: "I couldn't upload your saved elements' images to fal just now: try again in a minute.",
    deletedOne: "The saved element {{names}} was deleted since: save it again, or run the command without it.",
    deletedMany: "The saved elements {{names}} were deleted since: save them again, or run the command without them.",
    clashServer: "This server already has an element named {{name}}: choose another name, or delete that one first.",
    clashMine: "You already have an element named {{name}}: choose another name, or delete yours first.",
    libraryCount:
      "This server's element library holds {{count}} elements, the most it may: delete elements no one uses " +
      "(`/$t(cmd.kling-element.name) $t(cmd.kling-element.delete.name)`).",
    libraryFull:
      "This server's element library is full: it holds {{used}} of {{cap}}, and these images are {{size}}. Delete elements no one uses " +
      "(`/$t(cmd.kling-element.name) $t(cmd.kling-element.delete.name)`), or ask an owner to raise it (`/$t(cmd.kling-config.name) " +
      "$t(cmd.kling-config.limits.name) $t(cmd.config.elementLibraryMb.name):`).",
  },
  /** /kling-showcase and the showcase's buttons (replies: the member's language; the post: the server's) */
  showcase: {
    guildOnly: "This command works in a server only.",
    badPeriod: "The period is week, month or all.",
    week: "the last 7 days",
    month: "the last 30 days",
    all: "all time",
    topEmpty:
      "No showcase post has a star yet in {{period}}. Press ⭐ on the posts in the showcase channel to rank them.",
    topTitle: "**Most starred in the showcase, {{period}}**",
    topLine: "{{rank}}\\. ⭐ {{stars}} · {{prompt}} · by {{who}} · <{{link}}>",
    post: "🎬 New {{title}} by <@{{user}}>: {{link}}\n> {{prompt}}",
    shareButton: "Share to showcase",
    gone: "I can't find this video any more.",
    notRequester:
      "Only <@{{user}}>, who made this video, can share it to the showcase. Run /{{command}} to make your own, then share that.",
    noChannel:
      "This server has no showcase channel any more (a server manager sets it with `/$t(cmd.kling-config.name) " +
      "$t(cmd.kling-config.showcase.name)`).",
    cannotPost:
      "I can't post in <#{{channel}}>: I need View Channel, Send Messages and Attach Files there. Ask a server manager to fix the " +
      "channel's permissions (or choose another with `/$t(cmd.kling-config.name) $t(cmd.kling-config.showcase.name)`), then press Share " +
      "again.",
    shared: "Shared to <#{{channel}}>: {{link}}",
    already: "It is already in the showcase: {{link}}",
    busy: "It is being shared right now; it will appear in the showcase in a moment.",
    nothing: "I can't find this video's result any more, so there is nothing to share.",
    postGone: "This showcase post is no longer in use.",
  },
  /** why a job failed, on its progress message (public: the server's language); fal's own words stay as fal wrote them */
  failure: {
    /** saved elements that could not be hosted before submit, then what it cost */
    notHosted: "{{problems}} Nothing was sent to fal or charged.",
    /** sentences one after another (no space between them in Japanese) */
    sentences: "{{first}} {{rest}}",
    restartedInDoubt:
      "the bot restarted while sending this job to fal, so I can't tell whether fal received it. Nothing more will happen to it; press " +
      "Retry or run the command again.",
    answerLost:
      "fal's answer to this job was lost on the way back, so I can't tell whether fal received it, and sending it again could pay " +
      "twice. Nothing more will happen to it here; press Retry or run the command again.",
    notPosted: "the video was made but I could not post it here.{{link}}",
    link: " Link: {{url}}",
    deadline: "fal did not finish within {{span}}, so I cancelled it.",
    tooOld: "the bot was offline and this job is over {{span}} old, so it was closed.{{link}}",
    lastLink: " The last known result: {{url}}",
    hour: "1 hour",
    hours: "{{n}} hours",
    minute: "1 minute",
    minutes: "{{n}} minutes",
    seconds: "{{n}} s",
    quotaUnchecked:
      "I couldn't check this job against the server's limits (my database did not answer), so I didn't send it to fal. Nothing was " +
      "charged; please try again.",
    notPlayable:
      "fal sent back a file that is not a playable video ({{why}}), so I did not post it. fal made it, so it counts against the budget; " +
      "press Retry or run the command again.",
    noFrames: "it holds no video frames",
    noVideo: "fal finished, but its answer has no usable video: {{problems}}. Nothing was posted.",
    falFields: "fal refused the input — {{fields}}.",
    falField: "{{field}}: {{msg}}",
    falInput: "fal refused the input: {{detail}}.",
    falAuth:
      "The bot is misconfigured: fal did not accept its credentials. The server owner needs to check the bot's logs.",
    model: "The model failed: “{{reason}}”",
    modelStatus: "The model failed (fal answered HTTP {{status}}).",
    unavailable:
      "fal is overloaded or unavailable right now (HTTP {{status}}). Nothing was generated; please try again in a few minutes.",
    refused: "fal refused the job: “{{reason}}”",
    refusedStatus: "fal refused the job (HTTP {{status}}).",
    unreachable: "The bot could not reach fal. Nothing was generated; please try again in a few minutes.",
    /** the input fal named (src/fal/errors.ts describeFalField) */
    field: {
      video: "the video",
      images: "the images",
      image: "image {{n}} (@Image{{n}})",
      elements: "the elements",
      elementImage: "element {{n}}'s image (@Element{{n}})",
      elementReference: "element {{n}}'s reference image",
      element: "element {{n}} (@Element{{n}})",
      prompt: "the prompt",
      duration: "the duration",
      aspectRatio: "the aspect ratio",
      request: "the request",
    },
  },
  /** the progress message's "Inputs" line (public: the server's language), its parts joined with " · " */
  inputs: {
    video: "video {{width}}×{{height}} · {{seconds}} s",
    videoUnmeasured: "video",
    elementOne: "1 element{{refs}}",
    elementMany: "{{count}} elements{{refs}}",
    refs: " (+{{count}} ref)",
    saved: "saved: {{list}}",
    imageOne: "1 image",
    imageMany: "{{count}} images",
    seconds: "{{s}} s",
    defaultLength: "default length",
    audioKept: "audio kept",
    audioDropped: "audio dropped",
  },
  /** "Edit with Kling": the form (labels ≤ 45 characters, descriptions ≤ 100) and its refusals (the member's language) */
  editWithKling: {
    title: "Edit with Kling",
    prompt: "Prompt",
    promptHelp: "Say @Video1 for the clip and @Image1…@Image4 for the images, in upload order.",
    images: "Images (optional)",
    imagesHelp: "Up to {{max}} style or appearance references: JPG, PNG or WebP.",
    guildOnly: "I only work in server channels.",
    noVideo:
      "That message has no video I can edit: it needs an attached MP4 or MOV clip, or a link to one. Use " +
      "**$t(cmd.edit-with-kling.name)** on a message with a clip, or run /$t(cmd.kling-edit.name) with the file.",
    formGone:
      "This form is no longer valid (it is over an hour old, or for another channel): use **$t(cmd.edit-with-kling.name)** on the " +
      "message again.",
    cannotSee: "You can no longer see this channel, so I can't edit its video for you.",
    tooManyImages: "You uploaded {{count}} images; the form takes at most {{max}}. Send it again with fewer.",
  },
  /** the progress message (public: the server's language) */
  progress: {
    title: { edit: "Kling edit", reference: "Kling reference", pro: " · Pro" },
    requestedBy: "Requested by",
    inputs: "Inputs",
    estimatedCost: "Estimated cost",
    estimate: "{{cost}} (estimate{{source}})",
    cost: "Cost",
    status: "Status",
    note: "Note",
    footer: "job {{id}}",
    stopping:
      "🛑 Stopping — <@{{user}}> pressed Cancel and fal was asked to stop; if it finishes anyway, the video is posted here.",
    falUnreachable: "⚠️ fal is not answering since <t:{{since}}:R> — the job is safe; I keep checking.",
    checking: "🔎 Preparing inputs…",
    submitted: "📨 Sent to fal <t:{{at}}:R>",
    queuedAt: "⏳ Queued at fal — position {{position}} (sent <t:{{at}}:R>)",
    queued: "⏳ Queued at fal (sent <t:{{at}}:R>)",
    running: "🎬 Generating — started <t:{{since}}:R>\n{{bar}} (estimate){{log}}",
    delivering: "📦 Finished — posting the video…",
    done: "✅ Done{{took}}{{link}}",
    took: " in {{duration}}",
    seeResult: " — [see the result]({{url}})",
    failed: "❌ Failed — {{reason}}",
    unknownError: "unknown error",
    cancelledBy: "🚫 Cancelled by <@{{user}}>",
    cancelled: "🚫 Cancelled",
    costNote: {
      deliveredMeasured: "{{seconds}} of video made",
      deliveredEstimate: "{{seconds}} of video (estimate)",
      "failed-after-result": "fal made a video, so it is billed",
      failed: "not billed",
      "cancelled-queued": "not billed: cancelled before fal started it",
      "cancelled-running": "billed in full: fal had started it",
      "submit-in-doubt": "counted at the estimate: fal may have received and run it",
      "deadline-running": "counted at the estimate: fal may have run it",
      "too-old-running": "counted at the estimate: fal may have run it",
      "deadline-queued": "not billed: fal had not started it",
      "too-old-queued": "not billed: fal had not started it",
      "dry-run": "not charged: a dry run sends nothing to fal",
    },
  },
  /** the result post (public: the server's language) */
  delivery: {
    ready: {
      edit: "<@{{user}}> your Kling edit is ready.{{extra}}",
      reference: "<@{{user}}> your Kling reference clip is ready.{{extra}}",
    },
    noUpload: "I may not upload files here, so here is fal's link:",
    overLimitSized: "At {{size}} it is over this server's {{limit}} upload limit, so here is fal's link:",
    overLimit: "It is over this server's {{limit}} upload limit, so here is fal's link:",
    overServerLimit: "It is over this server's upload limit, so here is fal's link:",
    noDownload: "I could not download it to attach it, so here is fal's link:",
    comparisonSideBySide: "Before / after: the clip you sent left, the result right.",
    comparisonStacked: "Before / after: the clip you sent top, the result below.",
  },
  /** ephemeral replies (the member's language) */
  refusal: {
    headOne: "I can't start this job:",
    headMany: "I can't start this job — {{count}} problems:",
    more: "…and {{count}} more.",
    tail: "Nothing was sent to fal and nothing was charged.",
  },
  /** the job buttons (labels: the job's language; replies and the Remix form: the member's) */
  buttons: {
    inputsGone: "I no longer have this job's inputs: run the command again.",
    cancel: "Cancel",
    retry: "Retry",
    remix: "Remix",
    remixTitle: "Remix: edit the prompt",
    remixPrompt: "Prompt",
    jobGone: "I can't find this job any more.",
    rerunNotAllowed:
      "Only <@{{user}}>, who made this video, or members with Manage Messages can press " +
      "$t(buttons.retry) or $t(buttons.remix) on it. Run /{{command}} to make your own.",
    cancelNotAllowed: "Only <@{{user}}>, who started this job, or members with Manage Messages can cancel it.",
    storageDown:
      "I can't reach my storage right now, so this job was **not** cancelled. Please press " +
      "$t(buttons.cancel) again in a minute.",
    alreadyFinished: "Too late to cancel: this job has already finished.",
    cancelled: "Cancelled. Nothing more will be generated for this job.",
    stopping:
      "Asked fal to stop. It had already started this job, so it may still finish: if it does, the " +
      "video is posted here (fal bills it either way).",
    posting: "Too late to cancel: the video is finished and being posted.",
  },
  started: "Started! Follow it here: {{link}}",
  boundary: {
    apologyJob: "Something went wrong on my side, so I didn't start the job. Nothing was charged; please try again.",
    apologyNothing: "Something went wrong on my side; please try again.",
    unknownCommand: "I don't know this command any more; the server's commands may need redeploying.",
    buttonGone: "This button is no longer in use.",
    unknownSubcommand: "I don't know this subcommand any more; the server's commands may need redeploying.",
    formGone: "This form is no longer in use.",
  },
  /**
   * violations (src/requests/check-shape.ts, src/media/rules.ts, start-job): their `message` stays English (logs,
   * the CLI); these render it in the member's language. {{opt…}} placeholders are option names, localized.
   */
  violation: {
    guildOnly: "I only work in server channels: use me in a text channel or thread of a server.",
    botPermissions:
      "I can't post progress here: I'm missing {{missing}} in this channel. Ask a moderator to grant them, or use another channel.",
    noVideo:
      "No video: attach your clip to `{{optVideo}}` (or, if it is over your upload limit, paste a link in `{{optUrl}}`).",
    videoTwice: "Both `{{optVideo}}` and `{{optUrl}}` were given: use one of them.",
    videoUrlNotLink: "`{{optUrl}}` is not a link: paste the full https:// address of the clip.",
    videoUrlScheme: "`{{optUrl}}` uses {{scheme}}; only https:// links can be fetched.",
    promptTooLong: "The prompt is {{length}} characters; the limit is {{max}}: shorten it.",
    promptElement:
      "The prompt mentions {{mention}} but no `{{opt}}` was given: attach its image to `{{opt}}` or remove {{mention}}.",
    promptImage:
      "The prompt mentions {{mention}} but no `{{opt}}` was given: attach it to `{{opt}}` or remove {{mention}}.",
    promptVideo: "The prompt mentions {{mention}}, but there is only one video: call it @Video1.",
    unmentionedElements: "Your prompt doesn't mention {{names}}; Kling may ignore elements the prompt doesn't name.",
    refWithoutElement: "`{{optRef}}` was given without `{{opt}}`: attach the element's front image to `{{opt}}` too.",
    tooManyInputs:
      "{{elements}} elements + {{images}} images = {{total}}; with a video Kling takes at most {{max}} in total: drop {{drop}}.",
    videoTooShort: "video is {{seconds}} s; Kling accepts {{range}}: use a longer clip",
    videoTooLong: "video is {{seconds}} s; Kling accepts {{range}}: trim it",
    videoTooSmall:
      "video is {{width}}×{{height}} px; Kling needs each side between {{min}} and {{max}} px: export it at 720p or higher",
    videoTooLarge:
      "video is {{width}}×{{height}} px; Kling needs each side between {{min}} and {{max}} px: export it at 1080p",
    fpsUnknown:
      "the video's frame rate could not be measured (no frames found); Kling accepts {{min}}–{{max}} fps: export it again",
    fpsLow: "video is {{fps}} fps; Kling accepts {{min}}–{{max}} fps: export it at {{min}} or 30 fps",
    fpsHigh: "video is {{fps}} fps; Kling accepts {{min}}–{{max}} fps: export it at 30 or {{max}} fps",
    videoBytes: "video is {{size}}; Kling accepts at most {{max}}: trim it or export it at a lower bitrate",
    videoContainer: "video is a {{container}} file; Kling accepts {{accepted}}: re-export it as MP4 (H.264)",
    imageFormat: "`{{opt}}` is a {{format}} image; Kling takes {{accepted}}: convert it to PNG or JPG",
    imageSmall:
      "`{{opt}}` is {{width}}×{{height}} px; Kling needs at least {{min}} px on each side: use a larger image",
    imageAspect:
      "`{{opt}}` is {{width}}×{{height}} px ({{shape}}); Kling accepts shapes from 1:{{max}} to {{max}}:1: crop it",
    imageBytes: "`{{opt}}` is {{size}}; Kling accepts at most {{max}}: save it as JPG or scale it down",
    qualityOff:
      "Pro quality is off on this server: a server manager can turn it on with /$t(cmd.kling-config.name) " +
      "$t(cmd.kling-config.quality.name) $t(cmd.config.proEnabled.name):True",
  },
  /** quota refusals (src/quota/access.ts) */
  quota: {
    paused:
      "Kling is paused on this server by its moderators. Jobs already running will finish; new ones " +
      "can start once a moderator runs `/$t(cmd.kling-config.name) $t(cmd.kling-config.resume.name)`.",
    pausedBecause:
      'Kling is paused on this server by its moderators: "{{reason}}". Jobs already running will ' +
      "finish; new ones can start once a moderator runs `/$t(cmd.kling-config.name) $t(cmd.kling-config.resume.name)`.",
    channel: "Kling can't be used in this channel on this server. Allowed channels: {{channels}}.",
    role: "Kling is limited to members with one of the roles {{roles}} on this server. Ask a moderator if you should have it.",
    blockedWord:
      'Your prompt contains "{{word}}", which this server\'s moderators have blocked. Rephrase the prompt and try again.',
    concurrency:
      "You already have {{current}} jobs running, and this server allows {{max}} at a time per member. " +
      "A slot frees when one of them finishes (or is cancelled).",
    cooldown:
      "This server has a cooldown of {{cooldown}} between jobs per member; your last job started " +
      "{{last}}. You can start the next one {{ready}}.",
    userDaily:
      "Your daily allowance on this server is {{max}} of video; you've used {{used}} today ({{left}} " +
      "left) and this job needs {{needed}}{{note}}. It resets {{reset}} (00:00 {{zone}}).",
    guildDaily:
      "This server's daily Kling budget is {{max}}; {{current}} is spent or reserved today and this " +
      "job would cost about {{needed}}{{priced}}{{note}}. The budget resets {{reset}} (00:00 {{zone}}).",
    guildMonthly:
      "This server's monthly Kling budget is {{max}}; {{current}} is spent or reserved this month and " +
      "this job would cost about {{needed}}{{priced}}{{note}}. The budget resets {{reset}} (the 1st, 00:00 {{zone}}).",
    provisional: " (an edit reserves up to 10 s until its clip has been checked)",
    lapsed:
      "This job's hold on your allowance lapsed before it reached fal (checking its files took too " +
      "long), and it can't be taken again: {{reason}}",
  },
  /** the start of an ephemeral command reply (/kling-help, /kling-usage, /kling-config), in the member's language */
  reply: {
    serverOnly: "This command works in a server only.",
  },
  /** /kling-help (src/help/render-help.ts); command and option names as the member's command list shows them */
  help: {
    title: "**Kling on this server**",
    command: "**/{{command}}** — {{description}}.\n> e.g. `{{example}}`",
    editWithKling:
      "**$t(cmd.edit-with-kling.name)** (a message's Apps menu) — edit the video of any message: a form asks for the " +
      "prompt and up to {{maxImages}} images; the result comes in a thread on that message.",
    naming:
      "**Naming inputs in a prompt**: the clip is `@Video1`; `{{element1}}`…`{{element4}}` (a front image, plus " +
      "`{{element1Ref}}`… for another view) are `@Element1`…`@Element4`; `{{image1}}`…`{{image4}}` (style or look) " +
      "are `@Image1`…`@Image4`.",
    saved:
      "**Saved characters**: `/kling-element save` one once (a front image and up to {{maxViews}} more views), then " +
      "give its name in `{{elements}}` and write `@name` in the prompt; `/kling-element list` shows yours and the server's.",
    limits:
      "**Limits**: video .mp4 or .mov, {{minSec}}–{{maxSec}} s, {{minPx}}–{{maxPx}} px a side, {{minFps}}–{{maxFps}} fps, " +
      "up to {{videoMb}} (bigger: use `{{videoUrl}}`); images jpg/png/webp, ≥ {{imagePx}} px a side, up to {{imageMb}}; " +
      "at most {{maxInputs}} elements and images together; prompt up to {{maxChars}} characters.",
    costs: "**What a job costs here** (estimates, charged by seconds of output):",
    price: "- {{tier}}: {{rate}} of output ({{examples}})",
    priceExample: "{{seconds}} s ≈ {{cost}}",
    tier: { standard: "Standard", pro: "Pro" },
  },
  /** /kling-config's replies (commands/kling-config.ts); the labels are `cmd.settingLabel` */
  config: {
    heading: "**Kling settings for this server**",
    line: "• {{label}}: {{value}}{{source}}",
    done: "✅ {{what}}",
    isDefault: " *(default)*",
    footer:
      "-# Limits are checked in this order: channel, role, blocked words, jobs at once, cooldown, daily seconds, " +
      "server budget. Days reset at 00:00 {{zone}}, months on the 1st. Changes apply at once.",
    repairedUnreadable:
      "⚠️ repaired: the stored settings could not be read at all, so every setting fell back to the default. " +
      "Set them again.",
    repairedEntries: "⚠️ repaired: {{label}} had invalid entries, which were dropped; it is now {{value}}.",
    repairedInvalid:
      "⚠️ repaired: {{label}} was invalid and fell back to {{value}} (the default). Set it again to change it.",
    comparisonsOn: "ℹ️ Before/after clips: on (ffmpeg found; a comparison clip follows each result in its thread)",
    comparisonsOff:
      "ℹ️ Before/after clips: off — ffmpeg was not found on the bot's PATH at start-up (install ffmpeg and restart " +
      "the bot to turn them on)",
    dryRun:
      "🧪 **Dry run** (FAL_DRY_RUN, set where the bot runs): jobs run every check and limit but nothing is sent to " +
      "fal or charged; results are the inputs through a filter.",
    changed: {
      pause: "Paused: members' new jobs are refused with the reason; running jobs finish.",
      resume: "Resumed: new jobs are accepted again.",
      limits: "Limits updated.",
      budget: "Budget updated (jobs already running keep the price they were accepted at).",
      channels: "Allowed channels updated.",
      roles: "Allowed roles updated.",
      blockWords: "Blocked words updated.",
      showcaseUnset: "Showcase channel unset.",
      showcaseSet: "Showcase channel set.",
      showcaseAuto: "Every result @everyone can see is posted to the showcase.",
      showcaseShared: "Results are posted to the showcase when their requester presses Share.",
      threadsOn: "Results go in a thread again.",
      threadsOff: "Results stay in the channel (no threads).",
      rerunsAnyone:
        "Anyone may now press Retry and Remix on anyone's result (each rerun is a new job, checked and charged as usual).",
      rerunsRequester: "Retry and Remix of a result are now for its requester and members with Manage Messages.",
      qualityOn: "Pro quality is on: members may choose `quality:pro` (billed at the Pro price per second).",
      qualityOff: "Pro quality is off: every job uses standard quality.",
      resetAll: "Every setting is back to the default.",
      reset: "{{label}} is back to the default.",
    },
    error: {
      managersOnly:
        "Only members with **Manage Server** can view or change Kling's settings. `/$t(cmd.kling-usage.name)` shows " +
        "your own use.",
      guildUnseen: "I can't see this server yet; try again in a minute.",
      unknownSetting: "I don't know that setting.",
      sayWhich: "Say which one to {{action}}.",
      tooMany: "That would make {{count}}; the limit is {{max}}.",
      giveOne: "Give at least one of {{options}}.",
      wordTooLong: "Each blocked word or phrase may be at most {{max}} characters.",
    },
    /** settings' values as `show` says them (src/guild/settings.ts) */
    value: {
      yes: "yes",
      yesBecause: 'yes — "{{reason}}"',
      no: "no",
      noReason: "none",
      noWords: "none",
      noCooldown: "none",
      noChannel: "none",
      everywhere: "everywhere",
      everyone: "everyone",
      noLimit: "no limit",
      libraryOff: "off (no elements may be saved)",
      libraryMb: "{{mb}} MB of images",
      estimate: "{{rate}} (estimate)",
      proOn: "on (members may choose `quality:pro`, billed at the Pro price)",
      proOff: "off (standard quality only)",
      showcaseAuto: "auto (every result in a channel @everyone can see is posted there)",
      showcaseShared: "shared (a result is posted when its requester presses Share to showcase)",
      threadsOn: "on (results go in a thread on the progress message)",
      threadsOff: "off (results stay in the channel)",
      rerunsRequester: "the requester and members with Manage Messages",
    },
  },
  /** /kling-usage (src/quota/usage.ts, commands/kling-usage.ts) */
  usage: {
    mine: "**Your Kling use on this server**",
    ofLimit: "{{used}} of {{limit}} ({{left}} left)",
    noLimit: "{{used}} (no limit)",
    jobs_one: "{{count}} job",
    jobs_other: "{{count}} jobs",
    today: "Today: {{amount}} of video, about {{cost}} — resets {{reset}} (00:00 {{zone}})",
    month: "This month: {{seconds}} of video in {{jobs}}, about {{cost}} — resets {{reset}}",
    running: "Running now: {{active}} of {{max}} allowed at once",
    cooldownWait: "Cooldown: next job {{ready}}",
    cooldownReady: "Cooldown: ready",
    note: "-# Amounts include jobs still running at their estimate; prices are estimates.",
    server: "**This server's Kling use**",
    noBudget: "{{spent}} (no budget set)",
    serverToday: "Today: {{budget}} · {{seconds}} in {{jobs}} — resets {{reset}} (00:00 {{zone}})",
    serverMonth: "This month: {{budget}} · {{seconds}} in {{jobs}} — resets {{reset}}",
    serverRunning: "Running now: {{active}}",
    top: "**Top members this month**",
    topLine: "{{rank}}. <@{{user}}> — {{cost}} · {{seconds}} · {{jobs}}",
    serverNote:
      "-# Running jobs count at their estimate; prices are estimates (`/$t(cmd.kling-config.name)` sets the rate). " +
      "Export the ledger with `$t(cmd.kling-usage.export.name): True`.",
    ledger: "📄 Ledger for {{month}}: {{jobs}}, {{cost}} (running jobs at their estimate).",
    managersOnly:
      "The server's totals and the ledger are for members with **Manage Server**. Run `/$t(cmd.kling-usage.name)` " +
      "without options to see your own use.",
    badMonth: "`$t(cmd.kling-usage.month.name)` must look like 2025-06.",
  },
  /** /kling-config check (src/setup/check.ts); permission names as Discord's own settings show them */
  setup: {
    title: "**Kling set-up check**",
    noChannel: "⚠️ There is no text channel where I may be used (check the allowed channels).",
    allGood: "✅ Channels: all {{count}} have every permission I need.",
    missingHead: "Channels missing permissions ({{count}} of {{checked}}):",
    missingLine: "• <#{{channel}}>: no {{permissions}} → {{costs}}",
    fal: "fal: {{detail}}",
    store: "Store: {{detail}}",
    price: "💲 Price: {{price}}",
    permission: {
      ViewChannel: "View Channel",
      SendMessages: "Send Messages",
      EmbedLinks: "Embed Links",
      CreatePublicThreads: "Create Public Threads",
      SendMessagesInThreads: "Send Messages in Threads",
      AttachFiles: "Attach Files",
    },
    cost: {
      refused: "jobs are refused here",
      noProgress: "jobs are refused here (no progress message)",
      noThread: "no thread: results are posted in the channel",
      linkOnly: "results are posted as a link only",
    },
    falAccepts: "fal accepts the key",
    falRefused: "fal refused the key (HTTP {{status}}): check FAL_KEY",
    falUnasked: "could not ask fal ({{error}})",
    falNotRead: "fal's price list has not been read yet",
    falDryRun: "dry run: no key needed (FAL_DRY_RUN sends nothing to fal)",
    storeOk: "reachable ({{ms}} ms)",
    storeDown: "not reachable: {{error}}",
    priceFal: "{{rate}} for Standard, from fal's price list",
    priceServer:
      "{{rate}} for Standard, this server's price (an owner's or the environment's, else the default where fal's " +
      "list was not read)",
    priceUnknown: "unknown ({{error}})",
  },
  /** FAL_DRY_RUN's marks: public ones in the server's language, the member's acknowledgement in theirs */
  dryRun: {
    note: "🧪 Dry run: nothing was sent to fal or charged; the result is your clip through a filter.",
    title: "{{title}} · 🧪 dry run",
    field: "Dry run",
    costNote: "; a dry run is not charged",
    notShown: "{{why}}, so the dry run's result cannot be shown here.",
  },
  /**
   * More violations (src/requests/check-shape.ts, src/media/rules.ts, start-job), as `violation` above. Read errors
   * keep their English detail ({{detail}}) inside a sentence in the member's language.
   */
  checks: {
    promptEmpty: "The prompt is empty: describe what Kling should make.",
    videoType:
      "`{{opt}}` is {{found}} ({{file}}); Kling accepts MP4 or MOV only: export the clip as .mp4 (H.264) and attach that.",
    videoSize: "`{{opt}}` is {{size}}; the limit is {{max}}: trim it or lower its bitrate.",
    videoSides: "`{{opt}}` is {{width}}×{{height}} px; Kling needs {{min}}–{{max}} px on each side: {{fix}}.",
    upscale: "upscale it (e.g. to 1280×720)",
    downscale: "downscale it (e.g. to 1920×1080)",
    imageType: "`{{opt}}` is {{found}} ({{file}}); images must be JPG, PNG or WebP: convert it and attach it again.",
    imageSize: "`{{opt}}` is {{size}}; images may be at most {{max}}: save it as a smaller JPG.",
    imageSides:
      "`{{opt}}` is {{width}}×{{height}} px; images need at least {{min}} px on each side: use a larger picture.",
    elementReferences:
      "Element {{slot}}{{saved}} has {{count}} reference images; Kling takes at most {{max}} per element: drop {{drop}}.",
    slotGap:
      "`{{optSet}}` is set but `{{optEmpty}}` is empty: fill the slots in order (`{{optFirst}}` first) so the " +
      "{{mention}} numbers match.",
    duration: "Duration {{seconds}} s is not offered; choose 3–15 s.",
    aspectRatio: "Aspect ratio “{{ratio}}” is not offered; choose auto, 16:9, 9:16 or 1:1.",
    quality: "Quality “{{quality}}” is not offered; choose {{offered}}.",
    readFormat: "`{{opt}}` is not in a format Kling takes: {{detail}}",
    readFetch: "`{{opt}}` could not be fetched: {{detail}}",
    readSize: "`{{opt}}` is too large: {{detail}}",
    readUnreadable: "`{{opt}}` could not be read: {{detail}}",
    busy: "I'm reading too many files right now: nothing was read or charged; try again in a minute.",
    deadline:
      "reading your files took longer than {{seconds}} s, the most the bot spends checking one request (a link may " +
      "be very slow): upload the files to Discord instead, or try again later",
    inputsExpired:
      "The original files can't be fetched any more, even with fresh links from Discord (the message they came with " +
      "may have been deleted): run /{{command}} again with the files.",
    cannotPost:
      "I can't post in this channel (Discord says I'm missing permissions). Ask a moderator to let me post here, or " +
      "use another channel.",
    postFailed: "I couldn't post the progress message in this channel, so I didn't start the job. Please try again.",
    notRecorded:
      "The bot is restarting and could not confirm this job was recorded. If no progress message appears here within " +
      "a few minutes, run the command again.",
  },
  /** how a list's items are separated in a sentence: "a, b" and "a; b" */
  list: { comma: ", ", semicolon: "; " },
  /** the job queue's worker: a request it could not check (src/jobs/input-check.ts) */
  queueChecks: {
    replyExpired: "this request waited too long to be checked (the bot was busy or restarting), so I didn't start it.",
    checkFailed:
      "Something went wrong on my side while checking this request, so I didn't start it. Nothing was charged; " +
      "please try again.",
  },
};

/** A catalog: the source's shape, every leaf a string. */
export type Catalog = { [K in keyof typeof en]: Shape<(typeof en)[K]> };
type Shape<T> = T extends string ? string : { [K in keyof T]: Shape<T[K]> };
