import { z } from "zod";
import { SNOWFLAKE } from "./snowflake.js";
import { guildDefaultsEnv } from "./guild/settings.js";
import { isAllowedHost, parseAllowedHost } from "./media/allowed-hosts.js";
import { DEFAULT_STORE_URL, isSupportedStoreUrl, SUPPORTED_STORE_URLS } from "./store/backends/index.js";
import { splitCommaList } from "./text.js";

/** MEDIA_ALLOWED_HOSTS: host:port entries (src/media/allowed-hosts.ts says why the port is required) */
const hostList = z
  .string()
  .optional()
  .transform((raw) => splitCommaList(raw).map((entry) => entry.toLowerCase()))
  .pipe(
    z.array(
      z.string().superRefine((entry, ctx) => {
        const parsed = parseAllowedHost(entry);
        if (!isAllowedHost(parsed)) ctx.addIssue({ code: "custom", message: parsed.problem });
      }),
    ),
  );

const httpUrl = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .pipe(z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }))
    .transform((url) => url.replace(/\/+$/, ""));

const positiveMs = (fallback: number) => z.coerce.number().int().min(1).default(fallback);

export const configSchema = z.object({
  DISCORD_TOKEN: z.string({ error: "is required" }).min(1, "is required"),
  DISCORD_APPLICATION_ID: z.string({ error: "is required" }).regex(SNOWFLAKE, "must be a Discord snowflake (digits)"),
  DISCORD_GUILD_ID: z.string().regex(SNOWFLAKE, "must be a Discord snowflake (digits)").optional(),
  DISCORD_API_URL: httpUrl("https://discord.com/api"),
  FAL_KEY: z.string({ error: "is required" }).min(1, "is required"),
  FAL_QUEUE_URL: httpUrl("https://queue.fal.run"),
  FAL_REST_URL: httpUrl("https://rest.fal.ai"),
  MEDIA_ALLOWED_HOSTS: hostList,
  STORE_URL: z
    .string()
    .default(DEFAULT_STORE_URL)
    .refine(isSupportedStoreUrl, {
      message: `must start with ${SUPPORTED_STORE_URLS}`,
    }),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** How often the bot asks fal for a job's status. */
  FAL_POLL_INTERVAL_MS: positiveMs(5_000),
  /** The progress message is edited at most this often. */
  PROGRESS_EDIT_INTERVAL_MS: positiveMs(5_000),
  /** A job fal has not finished after this many minutes is cancelled at fal and reported as failed. */
  JOB_DEADLINE_MINUTES: z.coerce.number().positive().default(60),
  /** On start-up, unfinished jobs older than this are closed with a message instead of resumed. */
  JOB_RESUME_MAX_AGE_HOURS: z.coerce.number().positive().default(24),
  /** Finished jobs (their final progress edit made) are deleted from the store this many days after they ended. */
  JOB_RETENTION_DAYS: z.coerce.number().positive().default(30),
  /** The bot's HTTP listener (health, metrics, fal webhooks) listens on this port; off when unset. */
  HTTP_PORT: z.coerce.number().int().min(0).max(65_535).optional(),
  /** every guild's default settings (README: "Server owners' settings") */
  ...guildDefaultsEnv,
});

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Parses the environment once; throws ConfigError naming every problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const input = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ""));
  const parsed = configSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new ConfigError(
    parsed.error.issues.map((issue) => `${issue.path.join(".") || "(environment)"} ${issue.message}`),
  );
}
