import { z } from "zod";
import { formatRate, formatSeconds, formatUsd, usdToMicros } from "../quota/money.js";
import type { GuildDefaultsEnv } from "./env.js";

/**
 * One guild's settings. Money in integer micro-dollars, time in seconds; `null` limits mean "no limit".
 * What an owner sets is stored as overrides; everything else comes from the environment's defaults.
 */
export interface GuildSettings {
  paused: boolean;
  pausedReason: string | null;
  /** none = everywhere */
  allowedChannelIds: string[];
  /** none = everyone */
  allowedRoleIds: string[];
  userConcurrentJobs: number;
  userCooldownSec: number;
  userDailySeconds: number | null;
  guildDailyBudgetMicros: number | null;
  guildMonthlyBudgetMicros: number | null;
  /** an estimate: fal's price is unverified */
  pricePerSecondMicros: number;
  showcaseChannelId: string | null;
  blockedPromptWords: string[];
  /** results may leave the channel into a thread */
  threads: boolean;
  /** anyone may press Retry/Remix on anyone's result (else: the requester and Manage Messages) */
  rerunsByAnyone: boolean;
}

export type SettingKey = keyof GuildSettings;

export const SETTINGS_LIMITS = {
  maxChannels: 50,
  maxRoles: 50,
  maxBlockedWords: 200,
  maxBlockedWordLength: 100,
  maxConcurrentJobs: 20,
  maxCooldownSec: 7 * 86_400,
  maxDailySeconds: 86_400,
  maxPauseReason: 200,
} as const;

const snowflake = z.string().regex(/^\d{5,25}$/);
const nullableCount = z.number().int().min(0).nullable();

/** What may be stored (the overrides). Unknown keys are dropped, bad values refused when read back. */
export const settingsOverridesSchema = z
  .object({
    paused: z.boolean(),
    pausedReason: z.string().max(SETTINGS_LIMITS.maxPauseReason).nullable(),
    allowedChannelIds: z.array(snowflake).max(SETTINGS_LIMITS.maxChannels),
    allowedRoleIds: z.array(snowflake).max(SETTINGS_LIMITS.maxRoles),
    userConcurrentJobs: z.number().int().min(1).max(SETTINGS_LIMITS.maxConcurrentJobs),
    userCooldownSec: z.number().int().min(0).max(SETTINGS_LIMITS.maxCooldownSec),
    userDailySeconds: nullableCount,
    guildDailyBudgetMicros: nullableCount,
    guildMonthlyBudgetMicros: nullableCount,
    pricePerSecondMicros: z.number().int().min(0),
    showcaseChannelId: snowflake.nullable(),
    blockedPromptWords: z.array(z.string().min(1).max(SETTINGS_LIMITS.maxBlockedWordLength)).max(SETTINGS_LIMITS.maxBlockedWords),
    threads: z.boolean(),
    rerunsByAnyone: z.boolean(),
  })
  .partial();

export type SettingsOverrides = z.infer<typeof settingsOverridesSchema>;

/** What was read back from the store: every field that parses, and the names of those that did not. */
export interface StoredOverrides {
  overrides: SettingsOverrides;
  /** fields dropped (or, for lists, entries dropped) because the stored value no longer parses */
  repaired: SettingKey[];
  /** the stored record was not an object at all: nothing could be kept */
  unreadable: boolean;
}

const FIELDS = settingsOverridesSchema.shape;
const LIST_MAX = {
  allowedChannelIds: SETTINGS_LIMITS.maxChannels,
  allowedRoleIds: SETTINGS_LIMITS.maxRoles,
  blockedPromptWords: SETTINGS_LIMITS.maxBlockedWords,
} as const;

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
    if (!Object.hasOwn(FIELDS, key) || value === undefined) continue; // unknown keys (a newer version's) are ignored
    const field = FIELDS[key as SettingKey].unwrap();
    const parsed = field.safeParse(value);
    if (parsed.success) {
      overrides[key] = parsed.data;
      continue;
    }
    repaired.push(key as SettingKey);
    const max = LIST_MAX[key as keyof typeof LIST_MAX];
    if (max !== undefined && field instanceof z.ZodArray && Array.isArray(value)) {
      // an empty list means "no restriction": when no entry survives, the default applies instead
      const kept = value.filter((item) => field.element.safeParse(item).success).slice(0, max);
      if (kept.length) overrides[key] = kept;
    }
  }
  return { overrides: overrides as SettingsOverrides, repaired, unreadable: false };
}


/** 0 (or unset) in the environment means no limit. */
const limitOrNull = (value: number | undefined) => (value === undefined || value === 0 ? null : value);

/** Every guild's defaults, from the environment (README: "Server owners' settings"). */
export function defaultsFromEnv(env: GuildDefaultsEnv): GuildSettings {
  return {
    paused: env.KLING_PAUSED,
    pausedReason: null,
    allowedChannelIds: env.KLING_ALLOWED_CHANNEL_IDS,
    allowedRoleIds: env.KLING_ALLOWED_ROLE_IDS,
    userConcurrentJobs: env.KLING_USER_CONCURRENT_JOBS,
    userCooldownSec: env.KLING_USER_COOLDOWN_SEC,
    userDailySeconds: limitOrNull(env.KLING_USER_DAILY_SECONDS),
    guildDailyBudgetMicros: limitOrNull(env.KLING_GUILD_DAILY_BUDGET_USD === undefined ? undefined : usdToMicros(env.KLING_GUILD_DAILY_BUDGET_USD)),
    guildMonthlyBudgetMicros: limitOrNull(
      env.KLING_GUILD_MONTHLY_BUDGET_USD === undefined ? undefined : usdToMicros(env.KLING_GUILD_MONTHLY_BUDGET_USD),
    ),
    pricePerSecondMicros: usdToMicros(env.KLING_PRICE_PER_SECOND_USD),
    showcaseChannelId: env.KLING_SHOWCASE_CHANNEL_ID ?? null,
    blockedPromptWords: env.KLING_BLOCKED_PROMPT_WORDS,
    threads: env.KLING_THREADS,
    rerunsByAnyone: env.KLING_RERUN_BY_ANYONE,
  };
}

export function effectiveSettings(defaults: GuildSettings, overrides: SettingsOverrides): GuildSettings {
  const merged: GuildSettings = { ...defaults };
  for (const [key, value] of Object.entries(overrides)) {
    if (value !== undefined) (merged as unknown as Record<string, unknown>)[key] = value;
  }
  return merged;
}

/** Human names of the settings, as /kling-config shows them and as `reset` names them. */
export const SETTING_LABELS: Record<SettingKey, string> = {
  paused: "Paused",
  pausedReason: "Pause reason",
  allowedChannelIds: "Allowed channels",
  allowedRoleIds: "Allowed roles",
  userConcurrentJobs: "Jobs at once per member",
  userCooldownSec: "Cooldown per member",
  userDailySeconds: "Daily video per member",
  guildDailyBudgetMicros: "Server daily budget",
  guildMonthlyBudgetMicros: "Server monthly budget",
  pricePerSecondMicros: "Price per output second",
  showcaseChannelId: "Showcase channel",
  blockedPromptWords: "Blocked prompt words",
  threads: "Results in threads",
  rerunsByAnyone: "Retry/Remix of others' results",
};

/** One setting's value as text (channel and role mentions render as names in Discord and never ping). */
export function describeSetting(key: SettingKey, settings: GuildSettings): string {
  switch (key) {
    case "paused":
      return settings.paused ? `yes${settings.pausedReason ? ` — "${settings.pausedReason}"` : ""}` : "no";
    case "pausedReason":
      return settings.pausedReason ?? "none";
    case "allowedChannelIds":
      return settings.allowedChannelIds.length ? settings.allowedChannelIds.map((id) => `<#${id}>`).join(", ") : "everywhere";
    case "allowedRoleIds":
      return settings.allowedRoleIds.length ? settings.allowedRoleIds.map((id) => `<@&${id}>`).join(", ") : "everyone";
    case "userConcurrentJobs":
      return String(settings.userConcurrentJobs);
    case "userCooldownSec":
      return settings.userCooldownSec ? formatCooldown(settings.userCooldownSec) : "none";
    case "userDailySeconds":
      return settings.userDailySeconds === null ? "no limit" : formatSeconds(settings.userDailySeconds * 1000);
    case "guildDailyBudgetMicros":
      return settings.guildDailyBudgetMicros === null ? "no limit" : formatUsd(settings.guildDailyBudgetMicros);
    case "guildMonthlyBudgetMicros":
      return settings.guildMonthlyBudgetMicros === null ? "no limit" : formatUsd(settings.guildMonthlyBudgetMicros);
    case "pricePerSecondMicros":
      return `${formatRate(settings.pricePerSecondMicros)} (estimate)`;
    case "showcaseChannelId":
      return settings.showcaseChannelId ? `<#${settings.showcaseChannelId}>` : "none";
    case "blockedPromptWords":
      return settings.blockedPromptWords.length ? settings.blockedPromptWords.map((w) => `\`${w.replaceAll("`", "'")}\``).join(", ") : "none";
    case "threads":
      return settings.threads ? "on (results go in a thread on the progress message)" : "off (results stay in the channel)";
    case "rerunsByAnyone":
      return settings.rerunsByAnyone ? "everyone" : "the requester and members with Manage Messages";
  }
}

export function formatCooldown(sec: number): string {
  const h = Math.floor(sec / 3600);
  const m = Math.floor((sec % 3600) / 60);
  const s = sec % 60;
  return [h ? `${h}h` : "", m ? `${m}m` : "", s || (!h && !m) ? `${s}s` : ""].filter(Boolean).join(" ");
}
