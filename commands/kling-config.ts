import {
  ApplicationCommandOptionType,
  MessageFlags,
  PermissionFlagsBits,
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandSubcommandOption,
  type ChatInputCommandInteraction,
} from "discord.js";
import type { BotContext } from "../src/bot-context.js";
import { subcommandsCommand, UserError, type SubcommandsData } from "../src/interactions/command.js";
import { DISCORD_LIMITS, NO_MENTIONS } from "../src/discord/render.js";
import { truncate } from "../src/text.js";
import { isSnowflake } from "../src/snowflake.js";
import { isListCommand, isValueCommand, type OptionValue } from "../src/guild/setting.js";
import {
  describeSetting,
  SETTING_DECLARATIONS,
  SETTING_LABELS,
  type GuildSettings,
  type SettingKey,
  type SettingsOverrides,
  type StoredOverrides,
} from "../src/guild/settings.js";
import { QUOTA_TIMEZONE } from "../src/periods.js";
import { choiceName, named } from "../src/i18n/commands.js";

/**
 * The subcommands, in the order Discord lists them. One that sets values takes its options from the settings that
 * name it (src/guild/settings.ts); `done` is the reply's first line, from the change made.
 */
interface Subcommand {
  /** its description and translations: the catalogs' `cmd.kling-config.<name>` */
  name: string;
  /** a fixed change the subcommand makes besides its options' (pause, resume) */
  sets?: SettingsOverrides;
  /** the change when none of its options is given (else that is refused as "give at least one of …") */
  whenEmpty?: SettingsOverrides;
  done?: (patch: SettingsOverrides) => string;
}

const SUBCOMMANDS: readonly Subcommand[] = [
  { name: "show" },
  { name: "check" },
  {
    name: "pause",
    sets: { paused: true },
    done: () => "Paused: members' new jobs are refused with the reason; running jobs finish.",
  },
  {
    name: "resume",
    sets: { paused: false, pausedReason: null },
    done: () => "Resumed: new jobs are accepted again.",
  },
  {
    name: "limits",
    done: () => "Limits updated.",
  },
  {
    name: "budget",
    done: () => "Budget updated (jobs already running keep the price they were accepted at).",
  },
  {
    name: "channels",
    done: () => "Allowed channels updated.",
  },
  { name: "roles", done: () => "Allowed roles updated." },
  {
    name: "block-words",
    done: () => "Blocked words updated.",
  },
  {
    name: "showcase",
    whenEmpty: { showcaseChannelId: null },
    done: (patch) =>
      [
        patch.showcaseChannelId === null
          ? "Showcase channel unset."
          : patch.showcaseChannelId
            ? "Showcase channel set."
            : "",
        patch.showcaseMode === "auto" ? "Every result @everyone can see is posted to the showcase." : "",
        patch.showcaseMode === "shared" ? "Results are posted to the showcase when their requester presses Share." : "",
      ]
        .filter(Boolean)
        .join(" "),
  },
  {
    name: "threads",
    done: (patch) => (patch.threads ? "Results go in a thread again." : "Results stay in the channel (no threads)."),
  },
  {
    name: "reruns",
    done: (patch) =>
      patch.rerunsByAnyone
        ? "Anyone may now press Retry and Remix on anyone's result (each rerun is a new job, checked and charged as usual)."
        : "Retry and Remix of a result are now for its requester and members with Manage Messages.",
  },
  {
    name: "quality",
    done: (patch) =>
      patch.proEnabled
        ? "Pro quality is on: members may choose `quality:pro` (billed at the Pro price per second)."
        : "Pro quality is off: every job uses standard quality.",
  },
  { name: "reset" },
];

const SUBCOMMAND_NAMES = new Set(SUBCOMMANDS.map((sub) => sub.name));
for (const [key, { command }] of SETTING_DECLARATIONS) {
  for (const name of "subcommands" in command ? command.subcommands : [command.subcommand]) {
    if (!SUBCOMMAND_NAMES.has(name))
      throw new Error(`setting ${key} names /kling-config ${name}, which is not a subcommand`);
  }
}

/** The settings one subcommand sets through its options, in declaration order. */
const valueSettings = (subcommand: string) =>
  SETTING_DECLARATIONS.flatMap(([key, { command }]) =>
    isValueCommand(command) && command.subcommand === subcommand ? [{ key, command }] : [],
  );
/** The list setting a subcommand edits, if it edits one. */
const listSetting = (subcommand: string) => {
  for (const [key, { command }] of SETTING_DECLARATIONS)
    if (isListCommand(command) && command.subcommand === subcommand) return { key, command };
  return undefined;
};

/** Settings `reset` can return to the environment's default on their own (`all` returns every setting). */
const RESETTABLE: readonly SettingKey[] = SETTING_DECLARATIONS.filter(([, d]) => d.resettable !== false).map(
  ([key]) => key,
);

const LIST_ACTIONS = (["add", "remove", "clear"] as const).map((value) => ({
  ...choiceName(`cmd.config.${value}`),
  value,
}));
const LIST_ACTION_OPTION = {
  type: ApplicationCommandOptionType.String,
  ...named("action", "cmd.config.action"),
  required: true,
  choices: LIST_ACTIONS,
} as const;

const RESET_OPTION: APIApplicationCommandBasicOption = {
  type: ApplicationCommandOptionType.String,
  ...named("setting", "cmd.config.setting"),
  required: true,
  choices: [
    { ...choiceName("cmd.config.all"), value: "all" },
    ...RESETTABLE.map((key) => ({
      name: SETTING_LABELS[key],
      name_localizations: choiceName(`cmd.settingLabel.${key}`).name_localizations,
      value: key,
    })),
  ],
};

function subcommandOptions(name: string): APIApplicationCommandBasicOption[] {
  if (name === "reset") return [RESET_OPTION];
  const list = listSetting(name);
  if (list) return [LIST_ACTION_OPTION, list.command.item];
  return valueSettings(name).map(({ command }) => command.option);
}

/** Manage Server only (Discord hides it from others; the handler checks again). Every reply is ephemeral. */
export const data = {
  ...named("kling-config", "cmd.kling-config"),
  default_member_permissions: PermissionFlagsBits.ManageGuild.toString(),
  options: SUBCOMMANDS.map(({ name }): APIApplicationCommandSubcommandOption => {
    const options = subcommandOptions(name);
    const texts = named(name, `cmd.kling-config.${name}`);
    return { type: ApplicationCommandOptionType.Subcommand, ...texts, ...(options.length ? { options } : {}) };
  }),
} satisfies SubcommandsData;

/** The capability line /kling-config shows while the bot runs with FAL_DRY_RUN=true. */
export const DRY_RUN_CAPABILITY =
  "🧪 **Dry run** (FAL_DRY_RUN, set where the bot runs): jobs run every check and limit but nothing is sent to fal or charged; results are the inputs through a filter.";

/** Lines of `show`: every setting with a line of its own, and the settings shown within it. */
const SHOWN = SETTING_DECLARATIONS.filter(([, d]) => d.shownIn === undefined).map(([key]) => ({
  key,
  within: SETTING_DECLARATIONS.filter(([, d]) => d.shownIn === key).map(([inner]) => inner),
}));

/** What `show` says about stored values that no longer parsed (settings-store repairs them field by field). */
function renderRepairs(
  settings: GuildSettings,
  stored: Pick<StoredOverrides, "overrides" | "repaired" | "unreadable">,
): string[] {
  if (stored.unreadable) {
    return [
      "⚠️ repaired: the stored settings could not be read at all, so every setting fell back to the default. Set them again.",
    ];
  }
  return stored.repaired.map((key) => {
    const full = describeSetting(key, settings);
    const value = truncate(full, 100);
    return key in stored.overrides
      ? `⚠️ repaired: ${SETTING_LABELS[key]} had invalid entries, which were dropped; it is now ${value}.`
      : `⚠️ repaired: ${SETTING_LABELS[key]} was invalid and fell back to ${value} (the default). Set it again to change it.`;
  });
}

/** The settings as /kling-config shows them: each value, and whether this server set it or it is the default (pure). */
export function renderSettings(
  settings: GuildSettings,
  overrides: SettingsOverrides,
  heading = "**Kling settings for this server**",
  repairs: Pick<StoredOverrides, "repaired" | "unreadable"> = { repaired: [], unreadable: false },
  /** what the bot itself can do here (not settings: e.g. whether ffmpeg was found) */
  capabilities: readonly string[] = [],
): string {
  const lines = SHOWN.map(({ key, within }) => {
    const source = key in overrides || within.some((inner) => inner in overrides) ? "" : " *(default)*";
    return `• ${SETTING_LABELS[key]}: ${truncate(describeSetting(key, settings), 300)}${source}`;
  });
  return [
    heading,
    ...lines,
    ...renderRepairs(settings, { overrides, ...repairs }),
    ...capabilities,
    `-# Limits are checked in this order: channel, role, blocked words, jobs at once, cooldown, daily seconds, server budget. Days reset at 00:00 ${QUOTA_TIMEZONE}, months on the 1st. Changes apply at once.`,
  ].join("\n");
}

/** A channel or role option's id (read from the option itself: Discord may leave it out of `resolved`). */
function idOption(interaction: ChatInputCommandInteraction, name: string): string | undefined {
  const value = interaction.options.get(name)?.value;
  return isSnowflake(value) ? value : undefined;
}

/** An option's value as its type reads it (undefined: not given). */
function readOption(
  interaction: ChatInputCommandInteraction,
  option: APIApplicationCommandBasicOption,
): OptionValue | undefined {
  const { options } = interaction;
  const required = "required" in option && option.required === true;
  switch (option.type) {
    case ApplicationCommandOptionType.String:
      return options.getString(option.name, required) ?? undefined;
    case ApplicationCommandOptionType.Integer:
      return options.getInteger(option.name, required) ?? undefined;
    case ApplicationCommandOptionType.Number:
      return options.getNumber(option.name, required) ?? undefined;
    case ApplicationCommandOptionType.Boolean:
      return options.getBoolean(option.name, required) ?? undefined;
    case ApplicationCommandOptionType.Channel:
    case ApplicationCommandOptionType.Role:
      return idOption(interaction, option.name);
    default:
      throw new Error(`option type ${option.type} is not read by /kling-config`);
  }
}

/** Adds or removes members of a list setting (pure). */
export function editList(current: readonly string[], action: string, items: readonly string[], max: number): string[] {
  if (action === "clear") return [];
  if (!items.length) throw new UserError(`Say which one to ${action}.`);
  if (action === "add") {
    const next = [...current];
    for (const item of items) if (!next.some((c) => c.toLowerCase() === item.toLowerCase())) next.push(item);
    if (next.length > max) throw new UserError(`That would make ${next.length}; the limit is ${max}.`);
    return next;
  }
  return current.filter((c) => !items.some((item) => item.toLowerCase() === c.toLowerCase()));
}

async function change(
  interaction: ChatInputCommandInteraction,
  ctx: BotContext,
  guildId: string,
  name: string,
): Promise<{ settings: GuildSettings; what: string }> {
  const store = ctx.quota.settings;
  const sub = SUBCOMMANDS.find((s) => s.name === name);
  if (name === "reset") {
    const setting = interaction.options.getString("setting", true);
    if (setting === "all")
      return {
        settings: await store.reset(
          guildId,
          SETTING_DECLARATIONS.map(([key]) => key),
        ),
        what: "Every setting is back to the default.",
      };
    const key = RESETTABLE.find((k) => k === setting);
    if (!key) throw new UserError("I don't know that setting.");
    return { settings: await store.reset(guildId, [key]), what: `${SETTING_LABELS[key]} is back to the default.` };
  }
  if (!sub?.done) return { settings: await store.get(guildId), what: "" };

  const list = listSetting(name);
  if (list) {
    const action = interaction.options.getString(LIST_ACTION_OPTION.name, true);
    const entries = list.command.entries(readOption(interaction, list.command.item) as string | undefined);
    if (!Array.isArray(entries)) throw new UserError(entries.problem);
    const settings = await store.update(guildId, (s) => ({
      [list.key]: editList(s[list.key] as string[], action, entries, list.command.max),
    }));
    return { settings, what: sub.done({}) };
  }

  const patch: Record<string, unknown> = { ...sub.sets };
  const values = valueSettings(name);
  for (const { key, command } of values) {
    const given = readOption(interaction, command.option);
    const value = command.read ? command.read(given) : given;
    if (value !== undefined) patch[key] = value;
  }
  if (!Object.keys(patch).length && sub.whenEmpty) Object.assign(patch, sub.whenEmpty);
  if (!Object.keys(patch).length)
    throw new UserError(
      `Give at least one of ${values.map(({ command }) => `\`${command.option.name}\``).join(", ")}.`,
    );
  return { settings: await store.update(guildId, () => patch), what: sub.done(patch) };
}

/** Before/after clips need ffmpeg on the bot's PATH (found once at start-up). */
function comparisonLine(ctx: BotContext): string {
  return ctx.comparisons
    ? "ℹ️ Before/after clips: on (ffmpeg found; a comparison clip follows each result in its thread)"
    : "ℹ️ Before/after clips: off — ffmpeg was not found on the bot's PATH at start-up (install ffmpeg and restart the bot to turn them on)";
}

async function run(interaction: ChatInputCommandInteraction, ctx: BotContext, subcommand: string): Promise<void> {
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const guildId = interaction.guildId;
  if (!guildId) throw new UserError("This command works in a server only.");
  if (!interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)) {
    throw new UserError(
      "Only members with **Manage Server** can view or change Kling's settings. `/kling-usage` shows your own use.",
    );
  }
  if (subcommand === "check") {
    if (!interaction.guild) throw new UserError("I can't see this server yet; try again in a minute.");
    await interaction.editReply({ content: await ctx.setupCheck(interaction.guild), allowedMentions: NO_MENTIONS });
    return;
  }
  const { settings, what } = await change(interaction, ctx, guildId, subcommand);
  const stored = await ctx.quota.settings.stored(guildId);
  await interaction.editReply({
    content: truncate(
      renderSettings(
        settings,
        stored.overrides,
        what ? `✅ ${what}\n**Kling settings for this server**` : undefined,
        stored,
        // how the bot runs (FAL_DRY_RUN), not a setting of this server
        [comparisonLine(ctx), ...(ctx.dryRun ? [DRY_RUN_CAPABILITY] : [])],
      ),
      DISCORD_LIMITS.content,
    ),
    allowedMentions: NO_MENTIONS,
  });
}

export const command = subcommandsCommand({ data, atStake: "nothing", run });
