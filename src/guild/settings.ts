import { ApplicationCommandOptionType, ChannelType, type ApplicationCommandOptionAllowedChannelType } from "discord.js";
import { z } from "zod";
import { formatRate, formatSeconds, formatUsd, usdToMicros } from "../money.js";
import { QUOTA_TIMEZONE } from "../periods.js";
import { envBool, envChannelId, envList, envSnowflakeList } from "./env.js";
import { isListCommand, setting, type OptionValue, type SettingDeclaration, type SettingsView } from "./setting.js";
import { commaList, splitCommaList } from "../text.js";
import { SNOWFLAKE } from "../snowflake.js";
import { choiceName, named } from "../i18n/commands.js";
import type { Say, Vars } from "../i18n/index.js";

export const SETTINGS_LIMITS = {
  maxChannels: 50,
  maxRoles: 50,
  maxBlockedWords: 200,
  maxBlockedWordLength: 100,
  maxConcurrentJobs: 20,
  maxCooldownSec: 7 * 86_400,
  maxDailySeconds: 86_400,
  maxPauseReason: 200,
  /** the most an owner may let the saved-element library hold (it lives in STORE_URL, images as bytes) */
  maxElementLibraryMb: 2_000,
} as const;

/** Price per second of output: fal's price for O3 Standard video-to-video is unverified (see FACTS.md). */
export const DEFAULT_PRICE_PER_SECOND_USD = 0.126;
/** fal's published price for O3 Pro video-to-video (FACTS.md). */
export const DEFAULT_PRO_PRICE_PER_SECOND_USD = 0.336;

const snowflake = z.string().regex(SNOWFLAKE);
/** how results reach the showcase channel (the showcaseMode setting) */
export const SHOWCASE_MODES = ["auto", "shared"] as const;
export type ShowcaseMode = (typeof SHOWCASE_MODES)[number];
const nullableCount = z.number().int().min(0).nullable();
const POSTABLE_CHANNELS: ApplicationCommandOptionAllowedChannelType[] = [
  ChannelType.GuildText,
  ChannelType.GuildAnnouncement,
];

/** 0 (or unset) means no limit. */
const limitOrNull = (value: number | undefined) => (value === undefined || value === 0 ? null : value);
/** An option given in dollars (not given: unchanged). */
const usd = (given: OptionValue | undefined) => (typeof given === "number" ? usdToMicros(given) : undefined);

/** What names a dollar setting: its label, its variable, and its `/kling-config budget` option's name and texts. */
interface DollarSettingNames<Env extends string> {
  label: string;
  env: Env;
  option: string;
  key: string;
  vars?: Vars;
}

/**
 * A setting in integer micro-dollars, given in dollars from 0 to `maxUsd` (env and `/kling-config budget`): what
 * differs is the stored schema, how an unset or given amount becomes the value, and how the value reads.
 */
const dollarSetting = <T, Env extends string>(
  p: DollarSettingNames<Env> & { maxUsd: number },
  value: {
    schema: z.ZodType<T>;
    fromEnv: (usd: number | undefined) => T;
    read: (given: OptionValue | undefined) => T | undefined;
    describe: (micros: T, settings: SettingsView, say: Say) => string;
  },
) =>
  setting({
    label: p.label,
    schema: value.schema,
    env: { name: p.env, schema: z.coerce.number().min(0).max(p.maxUsd).optional(), toSetting: value.fromEnv },
    describe: value.describe,
    command: {
      subcommand: "budget",
      option: {
        type: ApplicationCommandOptionType.Number,
        ...named(p.option, p.key, p.vars ?? {}),
        min_value: 0,
        max_value: p.maxUsd,
      },
      read: value.read,
    },
  });

/**
 * A price per output second. Set explicitly (the variable, or an owner's value) it is the price; unset, fal's price
 * list is used where it has one (src/fal/pricing.ts), else `fallbackUsd`.
 */
const pricePerSecond = <Env extends string>(p: DollarSettingNames<Env> & { fallbackUsd: number }) =>
  dollarSetting(
    { ...p, maxUsd: 100 },
    {
      schema: z.number().int().min(0),
      fromEnv: (dollars) => usdToMicros(dollars ?? p.fallbackUsd),
      read: usd,
      describe: (micros, _, say) => say("config.value.estimate", { rate: formatRate(micros) }),
    },
  );
/** A server spending limit; 0 means none. */
const usdBudget = <Env extends string>(p: DollarSettingNames<Env> & { maxUsd: number }) =>
  dollarSetting(p, {
    schema: nullableCount,
    fromEnv: (dollars) => limitOrNull(dollars === undefined ? undefined : usdToMicros(dollars)),
    read: (given) => (given === 0 ? null : usd(given)),
    describe: (micros, _, say) => (micros === null ? say("config.value.noLimit") : formatUsd(micros)),
  });

/** A whole number from `min` to `max` (env, `fallback` when unset, and `/kling-config limits`). */
const wholeNumberLimit = <Env extends string>(p: {
  label: string;
  env: Env;
  min: number;
  max: number;
  fallback: number;
  option: string;
  key: string;
  describe: (value: number, settings: SettingsView, say: Say) => string;
}) =>
  setting({
    label: p.label,
    schema: z.number().int().min(p.min).max(p.max),
    env: { name: p.env, schema: z.coerce.number().int().min(p.min).max(p.max).default(p.fallback) },
    describe: p.describe,
    command: {
      subcommand: "limits",
      option: {
        type: ApplicationCommandOptionType.Integer,
        ...named(p.option, p.key),
        min_value: p.min,
        max_value: p.max,
      },
    },
  });
const mentions = (ids: readonly string[], mention: (id: string) => string, none: string) =>
  commaList(ids.map(mention), { empty: none });

/**
 * Every server setting, declared once: its stored schema, the environment variable that sets every server's
 * default, its label, how `/kling-config` sets it and shows it, and whether `reset` offers it. The order is the order
 * `/kling-config show` lists them (the order the limits are checked, then the rest) and `reset` offers them.
 * Money in integer micro-dollars, time in seconds; `null` limits mean "no limit". What an owner sets is stored as
 * overrides; everything else comes from the environment's defaults.
 */
export const SETTINGS = {
  paused: setting({
    label: "Paused",
    schema: z.boolean(),
    env: { name: "KLING_PAUSED", schema: envBool(false) },
    describe: (paused, s, say) =>
      paused
        ? s.pausedReason
          ? say("config.value.yesBecause", { reason: String(s.pausedReason) })
          : say("config.value.yes")
        : say("config.value.no"),
    resettable: false,
    command: { subcommands: ["pause", "resume"] },
  }),
  pausedReason: setting({
    label: "Pause reason",
    schema: z.string().max(SETTINGS_LIMITS.maxPauseReason).nullable(),
    fallback: null,
    describe: (reason, _, say) => reason ?? say("config.value.noReason"),
    shownIn: "paused",
    resettable: false,
    command: {
      subcommand: "pause",
      option: {
        type: ApplicationCommandOptionType.String,
        ...named("reason", "cmd.config.reason"),
        max_length: SETTINGS_LIMITS.maxPauseReason,
      },
      read: (given) => (typeof given === "string" ? given.replace(/\s+/g, " ").trim() : "") || null,
    },
  }),
  /** none = everywhere */
  allowedChannelIds: setting({
    label: "Allowed channels",
    schema: z.array(snowflake).max(SETTINGS_LIMITS.maxChannels),
    env: { name: "KLING_ALLOWED_CHANNEL_IDS", schema: envSnowflakeList },
    describe: (ids, _, say) => mentions(ids, (id) => `<#${id}>`, say("config.value.everywhere")),
    command: {
      subcommand: "channels",
      item: {
        type: ApplicationCommandOptionType.Channel,
        ...named("channel", "cmd.config.allowedChannel"),
        channel_types: POSTABLE_CHANNELS,
      },
      entries: (id) => (id ? [id] : []),
      max: SETTINGS_LIMITS.maxChannels,
    },
  }),
  /** none = everyone */
  allowedRoleIds: setting({
    label: "Allowed roles",
    schema: z.array(snowflake).max(SETTINGS_LIMITS.maxRoles),
    env: { name: "KLING_ALLOWED_ROLE_IDS", schema: envSnowflakeList },
    describe: (ids, _, say) => mentions(ids, (id) => `<@&${id}>`, say("config.value.everyone")),
    command: {
      subcommand: "roles",
      item: { type: ApplicationCommandOptionType.Role, ...named("role", "cmd.config.role") },
      entries: (id) => (id ? [id] : []),
      max: SETTINGS_LIMITS.maxRoles,
    },
  }),
  blockedPromptWords: setting({
    label: "Blocked prompt words",
    schema: z.array(z.string().min(1).max(SETTINGS_LIMITS.maxBlockedWordLength)).max(SETTINGS_LIMITS.maxBlockedWords),
    env: { name: "KLING_BLOCKED_PROMPT_WORDS", schema: envList },
    describe: (words, _, say) => mentions(words, (w) => `\`${w.replaceAll("`", "'")}\``, say("config.value.noWords")),
    command: {
      subcommand: "block-words",
      item: {
        type: ApplicationCommandOptionType.String,
        ...named("words", "cmd.config.words"),
        max_length: 1000,
      },
      entries: (text) => {
        const words = splitCommaList(text).map((w) => w.replace(/\s+/g, " "));
        return words.some((w) => w.length > SETTINGS_LIMITS.maxBlockedWordLength)
          ? { problem: "config.error.wordTooLong", vars: { max: SETTINGS_LIMITS.maxBlockedWordLength } }
          : words;
      },
      max: SETTINGS_LIMITS.maxBlockedWords,
    },
  }),
  userConcurrentJobs: wholeNumberLimit({
    label: "Jobs at once per member",
    env: "KLING_USER_CONCURRENT_JOBS",
    min: 1,
    max: SETTINGS_LIMITS.maxConcurrentJobs,
    fallback: 1,
    option: "jobs_at_once",
    key: "cmd.config.jobsAtOnce",
    describe: String,
  }),
  userCooldownSec: wholeNumberLimit({
    label: "Cooldown per member",
    env: "KLING_USER_COOLDOWN_SEC",
    min: 0,
    max: SETTINGS_LIMITS.maxCooldownSec,
    fallback: 0,
    option: "cooldown_seconds",
    key: "cmd.config.cooldown",
    describe: (sec, _, say) => (sec ? formatCooldown(sec) : say("config.value.noCooldown")),
  }),
  userDailySeconds: setting({
    label: "Daily video per member",
    schema: nullableCount,
    env: {
      name: "KLING_USER_DAILY_SECONDS",
      schema: z.coerce.number().int().min(0).max(SETTINGS_LIMITS.maxDailySeconds).optional(),
      toSetting: limitOrNull,
    },
    describe: (sec, _, say) => (sec === null ? say("config.value.noLimit") : formatSeconds(sec * 1000)),
    command: {
      subcommand: "limits",
      option: {
        type: ApplicationCommandOptionType.Integer,
        ...named("daily_seconds", "cmd.config.dailySeconds", { zone: QUOTA_TIMEZONE }),
        min_value: 0,
        max_value: SETTINGS_LIMITS.maxDailySeconds,
      },
      read: (given) => (typeof given === "number" ? limitOrNull(given) : undefined),
    },
  }),
  /** how much the server's saved elements (/kling-element) may hold, in MB of image bytes */
  elementLibraryMb: wholeNumberLimit({
    label: "Saved-element library size",
    env: "KLING_ELEMENT_LIBRARY_MB",
    min: 0,
    max: SETTINGS_LIMITS.maxElementLibraryMb,
    fallback: 100,
    option: "element_library_mb",
    key: "cmd.config.elementLibraryMb",
    describe: (mb, _, say) => (mb === 0 ? say("config.value.libraryOff") : say("config.value.libraryMb", { mb })),
  }),
  guildDailyBudgetMicros: usdBudget({
    label: "Server daily budget",
    env: "KLING_GUILD_DAILY_BUDGET_USD",
    maxUsd: 1_000_000,
    option: "daily_usd",
    key: "cmd.config.dailyUsd",
    vars: { zone: QUOTA_TIMEZONE },
  }),
  guildMonthlyBudgetMicros: usdBudget({
    label: "Server monthly budget",
    env: "KLING_GUILD_MONTHLY_BUDGET_USD",
    maxUsd: 10_000_000,
    option: "monthly_usd",
    key: "cmd.config.monthlyUsd",
  }),
  /** an estimate: fal's price is unverified */
  pricePerSecondMicros: pricePerSecond({
    label: "Price per output second",
    env: "KLING_PRICE_PER_SECOND_USD",
    fallbackUsd: DEFAULT_PRICE_PER_SECOND_USD,
    option: "price_per_second_usd",
    key: "cmd.config.price",
    vars: { usd: DEFAULT_PRICE_PER_SECOND_USD },
  }),
  /** members may choose the O3 Pro tier (`quality:pro`) */
  proEnabled: setting({
    label: "Pro quality",
    schema: z.boolean(),
    env: { name: "KLING_PRO_ENABLED", schema: envBool(false) },
    describe: (on, _, say) => say(on ? "config.value.proOn" : "config.value.proOff"),
    command: {
      subcommand: "quality",
      option: {
        type: ApplicationCommandOptionType.Boolean,
        ...named("pro_enabled", "cmd.config.proEnabled"),
        required: true,
      },
    },
  }),
  /** what a Pro job is charged per output second (fal's published O3 Pro price; still an estimate) */
  proPricePerSecondMicros: pricePerSecond({
    label: "Pro price per second",
    env: "KLING_PRO_PRICE_PER_SECOND_USD",
    fallbackUsd: DEFAULT_PRO_PRICE_PER_SECOND_USD,
    option: "pro_price_per_second_usd",
    key: "cmd.config.proPrice",
    vars: { usd: DEFAULT_PRO_PRICE_PER_SECOND_USD },
  }),
  showcaseChannelId: setting({
    label: "Showcase channel",
    schema: snowflake.nullable(),
    env: { name: "KLING_SHOWCASE_CHANNEL_ID", schema: envChannelId, toSetting: (id) => id ?? null },
    describe: (id, _, say) => (id ? `<#${id}>` : say("config.value.noChannel")),
    command: {
      subcommand: "showcase",
      option: {
        type: ApplicationCommandOptionType.Channel,
        ...named("channel", "cmd.config.showcaseChannel"),
        channel_types: POSTABLE_CHANNELS,
      },
      // not given: unchanged (`/kling-config showcase` with no option at all unsets it: see its subcommand)
      read: (id) => (typeof id === "string" ? id : undefined),
    },
  }),
  /**
   * how results reach the showcase channel: `auto` cross-posts every result @everyone can see (the behaviour before
   * this setting existed, so a server that had a showcase channel keeps it as it was); `shared`: only results their
   * requester shares with the "Share to showcase" button
   */
  showcaseMode: setting({
    label: "Showcase posts",
    schema: z.enum(SHOWCASE_MODES),
    env: {
      name: "KLING_SHOWCASE_MODE",
      schema: z.enum(SHOWCASE_MODES, { error: "must be auto or shared" }).default("auto"),
    },
    describe: (mode, _, say) => say(mode === "auto" ? "config.value.showcaseAuto" : "config.value.showcaseShared"),
    command: {
      subcommand: "showcase",
      option: {
        type: ApplicationCommandOptionType.String,
        ...named("mode", "cmd.config.showcaseMode"),
        choices: [
          { ...choiceName("cmd.config.showcaseMode.auto"), value: "auto" },
          { ...choiceName("cmd.config.showcaseMode.shared"), value: "shared" },
        ],
      },
      read: (mode) => (mode === "auto" || mode === "shared" ? mode : undefined),
    },
  }),
  /** results may leave the channel into a thread */
  threads: setting({
    label: "Results in threads",
    schema: z.boolean(),
    env: { name: "KLING_THREADS", schema: envBool(true) },
    describe: (on, _, say) => say(on ? "config.value.threadsOn" : "config.value.threadsOff"),
    command: {
      subcommand: "threads",
      option: {
        type: ApplicationCommandOptionType.Boolean,
        ...named("enabled", "cmd.config.threadsEnabled"),
        required: true,
      },
    },
  }),
  /** anyone may press Retry/Remix on anyone's result (else: the requester and Manage Messages) */
  rerunsByAnyone: setting({
    label: "Retry/Remix of others' results",
    schema: z.boolean(),
    env: { name: "KLING_RERUN_BY_ANYONE", schema: envBool(false) },
    describe: (anyone, _, say) => say(anyone ? "config.value.everyone" : "config.value.rerunsRequester"),
    command: {
      subcommand: "reruns",
      option: {
        type: ApplicationCommandOptionType.String,
        ...named("who", "cmd.config.who"),
        required: true,
        choices: [
          { ...choiceName("cmd.config.who.requester"), value: "requester" },
          { ...choiceName("cmd.config.who.everyone"), value: "everyone" },
        ],
      },
      read: (who) => (who === undefined ? undefined : who === "everyone"),
    },
  }),
};

type ValueOf<D> = D extends SettingDeclaration<infer T, string, z.ZodType> ? T : never;
type Declarations = typeof SETTINGS;

/** One guild's settings (what QuotaService, the access checks and delivery read). */
export type GuildSettings = { [K in keyof Declarations]: ValueOf<Declarations[K]> };
export type SettingKey = keyof GuildSettings;

/** The price settings: where neither an owner nor the environment set one, fal's live price applies. */
export const PRICE_SETTINGS = ["pricePerSecondMicros", "proPricePerSecondMicros"] as const;
export type PriceSetting = (typeof PRICE_SETTINGS)[number];

/** The price settings the environment sets explicitly (their variable is given). */
export function pricesSetByEnv(env: GuildDefaultsEnv): ReadonlySet<PriceSetting> {
  const variables = env as unknown as Record<string, unknown>;
  return new Set(PRICE_SETTINGS.filter((key) => variables[SETTINGS[key].env?.name ?? ""] !== undefined));
}

/** The declarations in order, for code that walks them all. */
export const SETTING_DECLARATIONS = Object.entries(SETTINGS) as [SettingKey, SettingDeclaration<unknown>][];

export const isSettingKey = (key: string): key is SettingKey => Object.hasOwn(SETTINGS, key);

/** What may be stored (the overrides). Unknown keys are dropped, bad values refused when read back. */
export const settingsOverridesSchema = z
  .object(
    Object.fromEntries(SETTING_DECLARATIONS.map(([key, d]) => [key, d.schema])) as {
      [K in SettingKey]: z.ZodType<GuildSettings[K]>;
    },
  )
  .partial();

export type SettingsOverrides = Partial<GuildSettings>;

type EnvName<D> = D extends { env?: { name: infer N extends string } } ? N : never;
type EnvSchema<D> = D extends { env?: { schema: infer E } } ? E : never;
type GuildDefaultsEnvShape = { [K in keyof Declarations as EnvName<Declarations[K]>]: EnvSchema<Declarations[K]> };

/**
 * The environment variables that set every guild's defaults (README: "Defaults for every server"), from the
 * declarations; config.ts spreads them into its schema, so the environment is still read in one place.
 */
export const guildDefaultsEnv = Object.fromEntries(
  SETTING_DECLARATIONS.flatMap(([, d]) => (d.env ? [[d.env.name, d.env.schema]] : [])),
) as GuildDefaultsEnvShape;

export type GuildDefaultsEnv = z.infer<z.ZodObject<GuildDefaultsEnvShape>>;

/** Every guild's defaults, from the environment (README: "Server owners' settings"). */
export function defaultsFromEnv(env: GuildDefaultsEnv): GuildSettings {
  const variables = env as unknown as Record<string, unknown>;
  return Object.fromEntries(
    SETTING_DECLARATIONS.map(([key, d]) => {
      if (!d.env) return [key, d.fallback];
      const parsed = variables[d.env.name];
      return [key, d.env.toSetting ? d.env.toSetting(parsed) : parsed];
    }),
  ) as GuildSettings;
}

export function effectiveSettings(defaults: GuildSettings, overrides: SettingsOverrides): GuildSettings {
  const merged: GuildSettings = { ...defaults };
  for (const [key, value] of Object.entries(overrides)) {
    if (value !== undefined) (merged as unknown as Record<string, unknown>)[key] = value;
  }
  return merged;
}

/** What was read back from the store: every field that parses, and the names of those that did not. */
export interface StoredOverrides {
  overrides: SettingsOverrides;
  /** fields dropped (or, for lists, entries dropped) because the stored value no longer parses */
  repaired: SettingKey[];
  /** the stored record was not an object at all: nothing could be kept */
  unreadable: boolean;
}

/**
 * Reads a stored record field by field, so one bad value (an older version's format, a hand edit) costs only that
 * field: budgets, pause and channel/role limits that still parse are kept. A list keeps its entries that parse.
 */
export function repairOverrides(raw: unknown): StoredOverrides {
  if (raw === undefined || raw === null) return { overrides: {}, repaired: [], unreadable: false };
  if (typeof raw !== "object" || Array.isArray(raw)) return { overrides: {}, repaired: [], unreadable: true };
  const overrides: Record<string, unknown> = {};
  const repaired: SettingKey[] = [];
  for (const [key, value] of Object.entries(raw)) {
    if (!isSettingKey(key) || value === undefined) continue; // unknown keys (a newer version's) are ignored
    const declaration = SETTINGS[key] as SettingDeclaration<unknown>;
    const parsed = declaration.schema.safeParse(value);
    if (parsed.success) {
      overrides[key] = parsed.data;
      continue;
    }
    repaired.push(key);
    const { schema, command } = declaration;
    if (isListCommand(command) && schema instanceof z.ZodArray && Array.isArray(value)) {
      // an empty list means "no restriction": when no entry survives, the default applies instead
      const kept = value.filter((item) => z.safeParse(schema.element, item).success).slice(0, command.max);
      if (kept.length) overrides[key] = kept;
    }
  }
  return { overrides: overrides as SettingsOverrides, repaired, unreadable: false };
}

/** Human names of the settings in English, as `reset` names them (translated: the catalogs' `cmd.settingLabel`). */
export const SETTING_LABELS = Object.fromEntries(SETTING_DECLARATIONS.map(([key, d]) => [key, d.label])) as Record<
  SettingKey,
  string
>;

/** One setting's value as text in `say`'s language (channel and role mentions render as names and never ping). */
export function describeSetting(key: SettingKey, settings: GuildSettings, say: Say): string {
  return (SETTINGS[key] as SettingDeclaration<unknown>).describe(settings[key], settings, say);
}

/** A setting's label in `say`'s language (English: its declared label). */
export const settingLabel = (key: SettingKey, say: Say): string => say(`cmd.settingLabel.${key}`);

export function formatCooldown(sec: number): string {
  const h = Math.floor(sec / 3600);
  const m = Math.floor((sec % 3600) / 60);
  const s = sec % 60;
  return [h ? `${h}h` : "", m ? `${m}m` : "", s || (!h && !m) ? `${s}s` : ""].filter(Boolean).join(" ");
}
