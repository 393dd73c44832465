import { z } from "zod";

/**
 * The environment variables that set every guild's defaults (documented in the README, "Server owners' settings").
 * config.ts spreads these into its schema, so the environment is still read in one place.
 * Unset or 0 for a limit means "no limit".
 */
/** "a, b,,c" → ["a", "b", "c"]; unset → [] */
const wordList = z
  .string()
  .optional()
  .transform((raw) =>
    (raw ?? "")
      .split(",")
      .map((entry) => entry.trim())
      .filter(Boolean),
  );

const snowflakeList = wordList.pipe(z.array(z.string().regex(/^\d{5,25}$/, "each entry must be a Discord id (digits)")));

const bool = (fallback: boolean) =>
  z
    .enum(["true", "false", "1", "0", "yes", "no", "on", "off"], { error: "must be true or false" })
    .default(fallback ? "true" : "false")
    .transform((v) => ["true", "1", "yes", "on"].includes(v));

/** Price per second of output: fal's price for O3 Standard video-to-video is unverified (see FACTS.md). */
export const DEFAULT_PRICE_PER_SECOND_USD = 0.126;

export const guildDefaultsEnv = {
  /** USD per second of output video; an estimate until fal's invoice says otherwise */
  KLING_PRICE_PER_SECOND_USD: z.coerce.number().min(0).max(100).default(DEFAULT_PRICE_PER_SECOND_USD),
  KLING_USER_CONCURRENT_JOBS: z.coerce.number().int().min(1).max(20).default(1),
  KLING_USER_COOLDOWN_SEC: z.coerce.number().int().min(0).max(7 * 86_400).default(0),
  KLING_USER_DAILY_SECONDS: z.coerce.number().int().min(0).max(86_400).optional(),
  KLING_GUILD_DAILY_BUDGET_USD: z.coerce.number().min(0).max(1_000_000).optional(),
  KLING_GUILD_MONTHLY_BUDGET_USD: z.coerce.number().min(0).max(10_000_000).optional(),
  KLING_ALLOWED_CHANNEL_IDS: snowflakeList,
  KLING_ALLOWED_ROLE_IDS: snowflakeList,
  KLING_BLOCKED_PROMPT_WORDS: wordList,
  KLING_SHOWCASE_CHANNEL_ID: z.string().regex(/^\d{5,25}$/, "must be a Discord channel id (digits)").optional(),
  KLING_THREADS: bool(true),
  KLING_PAUSED: bool(false),
  /** Retry/Remix of someone else's result: false = the requester and Manage Messages only */
  KLING_RERUN_BY_ANYONE: bool(false),
};

const schema = z.object(guildDefaultsEnv);
export type GuildDefaultsEnv = z.infer<typeof schema>;
