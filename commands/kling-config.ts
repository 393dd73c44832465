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
  settingLabel,
  type GuildSettings,
  type SettingKey,
  type SettingsOverrides,
  type StoredOverrides,
} from "../src/guild/settings.js";
import { QUOTA_TIMEZONE } from "../src/periods.js";
import { choiceName, named } from "../src/i18n/commands.js";
import { sayIn, type Say } from "../src/i18n/index.js";

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
  /** the reply's first line: its sentences, by key in the catalogs' `config.changed` */
  done?: (patch: SettingsOverrides) => readonly string[];
}

const SUBCOMMANDS: readonly Subcommand[] = [
  { name: "show" },
  { name: "check" },
  { name: "pause", sets: { paused: true }, done: () => ["pause"] },
  { name: "resume", sets: { paused: false, pausedReason: null }, done: () => ["resume"] },
  { name: "limits", done: () => ["limits"] },
  { name: "budget", done: () => ["budget"] },
  { name: "channels", done: () => ["channels"] },
  { name: "roles", done: () => ["roles"] },
  { name: "block-words", done: () => ["blockWords"] },
  {
    name: "showcase",
    whenEmpty: { showcaseChannelId: null },
    done: (patch) => [
      ...(patch.showcaseChannelId === null ? ["showcaseUnset"] : patch.showcaseChannelId ? ["showcaseSet"] : []),
      ...(patch.showcaseMode === "auto" ? ["showcaseAuto"] : []),
      ...(patch.showcaseMode === "shared" ? ["showcaseShared"] : []),
    ],
  },
  { name: "threads", done: (patch) => [patch.threads ? "threadsOn" : "threadsOff"] },
  { name: "reruns", done: (patch) => [patch.rerunsByAnyone ? "rerunsAnyone" : "rerunsRequester"] },
  { name: "quality", done: (patch) => [patch.proEnabled ? "qualityOn" : "qualityOff"] },
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

/** Lines of `show`: every setting with a line of its own, and the settings shown within it. */
const SHOWN = SETTING_DECLARATIONS.filter(([, d]) => d.shownIn === undefined).map(([key]) => ({
  key,
  within: SETTING_DECLARATIONS.filter(([, d]) => d.shownIn === key).map(([inner]) => inner),
}));

/** What `show` says about stored values that no longer parsed (settings-store repairs them field by field). */
function renderRepairs(
  settings: GuildSettings,
  stored: Pick<StoredOverrides, "overrides" | "repaired" | "unreadable">,
  say: Say,
): string[] {
  if (stored.unreadable) return [say("config.repairedUnreadable")];
  return stored.repaired.map((key) => {
    const vars = { label: settingLabel(key, say), value: truncate(describeSetting(key, settings, say), 100) };
    return key in stored.overrides ? say("config.repairedEntries", vars) : say("config.repairedInvalid", vars);
  });
}

/**
 * The settings as /kling-config shows them, in `say`'s language: each value, and whether this server set it or it is
 * the default (pure). `heading`: the first line (default: the settings' title).
 */
export function renderSettings(
  settings: GuildSettings,
  overrides: SettingsOverrides,
  heading?: string,
  repairs: Pick<StoredOverrides, "repaired" | "unreadable"> = { repaired: [], unreadable: false },
  /** what the bot itself can do here (not settings: e.g. whether ffmpeg was found) */
  capabilities: readonly string[] = [],
  say: Say = sayIn("en"),
): string {
  const lines = SHOWN.map(({ key, within }) => {
    const source = key in overrides || within.some((inner) => inner in overrides) ? "" : say("config.isDefault");
    const value = truncate(describeSetting(key, settings, say), 300);
    return say("config.line", { label: settingLabel(key, say), value, source });
  });
  return [
    heading ?? say("config.heading"),
    ...lines,
    ...renderRepairs(settings, { overrides, ...repairs }, say),
    ...capabilities,
    say("config.footer", { zone: QUOTA_TIMEZONE }),
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

/** Adds or removes members of a list setting (pure); a refusal is in `say`'s language. */
export function editList(
  current: readonly string[],
  action: string,
  items: readonly string[],
  max: number,
  say: Say = sayIn("en"),
): string[] {
  if (action === "clear") return [];
  if (!items.length) throw new UserError(say("config.error.sayWhich", { action: say(`cmd.config.${action}`) }));
  if (action === "add") {
    const next = [...current];
    for (const item of items) if (!next.some((c) => c.toLowerCase() === item.toLowerCase())) next.push(item);
    if (next.length > max) throw new UserError(say("config.error.tooMany", { count: next.length, max }));
    return next;
  }
  return current.filter((c) => !items.some((item) => item.toLowerCase() === c.toLowerCase()));
}

async function change(
  interaction: ChatInputCommandInteraction,
  ctx: BotContext,
  guildId: string,
  name: string,
  say: Say,
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
        what: say("config.changed.resetAll"),
      };
    const key = RESETTABLE.find((k) => k === setting);
    if (!key) throw new UserError(say("config.error.unknownSetting"));
    const what = say("config.changed.reset", { label: settingLabel(key, say) });
    return { settings: await store.reset(guildId, [key]), what };
  }
  const said = (patch: SettingsOverrides) =>
    (sub?.done?.(patch) ?? []).map((key) => say(`config.changed.${key}`)).join(" ");
  if (!sub?.done) return { settings: await store.get(guildId), what: "" };

  const list = listSetting(name);
  if (list) {
    const action = interaction.options.getString(LIST_ACTION_OPTION.name, true);
    const entries = list.command.entries(readOption(interaction, list.command.item) as string | undefined);
    if (!Array.isArray(entries)) throw new UserError(say(entries.problem, entries.vars));
    const settings = await store.update(guildId, (s) => ({
      [list.key]: editList(s[list.key] as string[], action, entries, list.command.max, say),
    }));
    return { settings, what: said({}) };
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
      say("config.error.giveOne", {
        options: values
          .map(({ command }) => `\`${localizedName(command.option, interaction.locale)}\``)
          .join(say("list.comma")),
      }),
    );
  return { settings: await store.update(guildId, () => patch), what: said(patch) };
}

/** An option's name as the member's command list shows it. */
const localizedName = (option: APIApplicationCommandBasicOption, locale: string) =>
  option.name_localizations?.[locale as keyof typeof option.name_localizations] ?? option.name;

/** Every reply is in the member's language. */
async function run(interaction: ChatInputCommandInteraction, ctx: BotContext, subcommand: string): Promise<void> {
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const say = sayIn(interaction.locale);
  const guildId = interaction.guildId;
  if (!guildId) throw new UserError(say("reply.serverOnly"));
  if (!interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)) {
    throw new UserError(say("config.error.managersOnly"));
  }
  if (subcommand === "check") {
    if (!interaction.guild) throw new UserError(say("config.error.guildUnseen"));
    await interaction.editReply({
      content: await ctx.setupCheck(interaction.guild, interaction.locale),
      allowedMentions: NO_MENTIONS,
    });
    return;
  }
  const { settings, what } = await change(interaction, ctx, guildId, subcommand, say);
  const stored = await ctx.quota.settings.stored(guildId);
  // how the bot runs (ffmpeg found, FAL_DRY_RUN), not settings of this server; before/after clips need ffmpeg
  const capabilities = [
    say(ctx.comparisons ? "config.comparisonsOn" : "config.comparisonsOff"),
    ...(ctx.dryRun ? [say("config.dryRun")] : []),
  ];
  await interaction.editReply({
    content: truncate(
      renderSettings(
        settings,
        stored.overrides,
        what ? `${say("config.done", { what })}\n${say("config.heading")}` : undefined,
        stored,
        capabilities,
        say,
      ),
      DISCORD_LIMITS.content,
    ),
    allowedMentions: NO_MENTIONS,
  });
}

export const command = subcommandsCommand({ data, atStake: "nothing", run });
