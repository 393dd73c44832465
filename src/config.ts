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

const isRedisUrl = (url: string) => /^rediss?:\/\/.+/.test(url);

export const configSchema = z.object({
  DISCORD_TOKEN: z.string({ error: "is required" }).min(1, "is required"),
  DISCORD_APPLICATION_ID: z.string({ error: "is required" }).regex(SNOWFLAKE, "must be a Discord snowflake (digits)"),
  DISCORD_GUILD_ID: z.string().regex(SNOWFLAKE, "must be a Discord snowflake (digits)").optional(),
  DISCORD_API_URL: httpUrl("https://discord.com/api"),
  /** required unless FAL_DRY_RUN=true (a dry run sends nothing to fal): loadConfig checks that */
  FAL_KEY: z.string().min(1).optional(),
  FAL_QUEUE_URL: httpUrl("https://queue.fal.run"),
  FAL_REST_URL: httpUrl("https://rest.fal.ai"),
  /** fal's platform API (its price list: src/fal/pricing.ts). */
  FAL_API_URL: httpUrl("https://api.fal.ai"),
  MEDIA_ALLOWED_HOSTS: hostList,
  STORE_URL: z
    .string()
    .default(DEFAULT_STORE_URL)
    .refine(isSupportedStoreUrl, {
      message: `must start with ${SUPPORTED_STORE_URLS}`,
    }),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /**
   * How often the bot asks fal for a job's status. Default 5 s, or — when fal's webhooks tell the bot (FAL_WEBHOOK_URL)
   * — POLL_INTERVAL_WITH_WEBHOOKS_MS: polling is then only the safety net for a lost webhook. An explicit value wins.
   */
  FAL_POLL_INTERVAL_MS: z.coerce.number().int().min(1).optional(),
  /**
   * The public base URL of the bot's HTTP listener (needs HTTP_PORT), e.g. https://bot.example.com: jobs are submitted
   * with fal's webhook pointing at <FAL_WEBHOOK_URL>/fal/webhook and completions arrive there. Off when unset.
   */
  FAL_WEBHOOK_URL: z
    .string()
    .pipe(z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }))
    .transform((url) => url.replace(/\/+$/, ""))
    .optional(),
  /** fal's webhook signing keys (a JWKS of Ed25519 keys); read at most once a day, or when a signature names none of them. */
  FAL_JWKS_URL: httpUrl("https://rest.fal.ai/.well-known/jwks.json"),
  /** The progress message is edited at most this often. */
  PROGRESS_EDIT_INTERVAL_MS: positiveMs(5_000),
  /** A job fal has not finished after this many minutes is cancelled at fal and reported as failed. */
  JOB_DEADLINE_MINUTES: z.coerce.number().positive().default(60),
  /** On start-up, unfinished jobs older than this are closed with a message instead of resumed. */
  JOB_RESUME_MAX_AGE_HOURS: z.coerce.number().positive().default(24),
  /** Finished jobs (their final progress edit made) are deleted from the store this many days after they ended. */
  JOB_RETENTION_DAYS: z.coerce.number().positive().default(30),
  /**
   * Dry run: every check, quota, progress message and delivery, but nothing is sent to fal and nothing is charged; the
   * result is the input clip through the sandbox filter, marked "dry run" (src/fal/dry-run.ts). FAL_KEY is not needed.
   */
  FAL_DRY_RUN: z.stringbool({ error: "must be true or false" }).default(false),
  /** The bot's HTTP listener (health, metrics, fal webhooks) listens on this port; off when unset. */
  HTTP_PORT: z.coerce.number().int().min(0).max(65_535).optional(),
  /**
   * Gateway sharding: unset = one process, no manager (the default); `auto` = as many shards as Discord recommends
   * (GET /gateway/bot); N = N shards. With it set, `npm start` runs discord.js's ShardingManager, which starts one
   * process per shard (src/shard-manager.ts).
   */
  SHARD_COUNT: z
    .string()
    .regex(/^(auto|[1-9]\d{0,5})$/, 'must be "auto" or a whole number of shards (1 or more)')
    .transform((raw) => (raw === "auto" ? ("auto" as const) : Number(raw)))
    .optional(),
  /**
   * The job queue (BullMQ on Redis): a job's steps run as BullMQ work any worker process may pick up. Defaults to
   * STORE_URL when that is Redis; unset with another store: one process runs every job itself (the default).
   */
  QUEUE_URL: z
    .string()
    .refine(isRedisUrl, { message: "must be a redis:// or rediss:// URL (BullMQ runs on Redis)" })
    .optional(),
  /**
   * With a queue: a job whose worker process died is taken over by another within this (BullMQ's lock duration
   * and stalled-check interval are a third of it, src/jobs/job-queue.ts); it also paces the sweep that queues
   * unfinished job records no queued job stands for.
   */
  QUEUE_STALL_MS: z.coerce.number().int().min(1_000).default(30_000),
  /** What this process runs: the Discord gateway (commands, buttons), the job workers, or both. */
  BOT_ROLE: z.enum(["all", "gateway", "worker"]).default("all"),
  /** every guild's default settings (README: "Server owners' settings") */
  ...guildDefaultsEnv,
});

/** FAL_POLL_INTERVAL_MS without webhooks; with them, the safety net's (a lost webhook is noticed this late). */
export const POLL_INTERVAL_MS = 5_000;
export const POLL_INTERVAL_WITH_WEBHOOKS_MS = 300_000;

export type Config = Omit<z.infer<typeof configSchema>, "FAL_POLL_INTERVAL_MS" | "FAL_KEY"> & {
  FAL_POLL_INTERVAL_MS: number;
  /** "" in a dry run given no key (nothing reads it then) */
  FAL_KEY: string;
};

/** FAL_KEY is needed unless the environment asks for a dry run (named with the other problems when that is unreadable). */
function falKeyProblem(input: Record<string, unknown>): string | undefined {
  if (input.FAL_KEY !== undefined) return undefined;
  const dryRun = configSchema.shape.FAL_DRY_RUN.safeParse(input.FAL_DRY_RUN);
  return dryRun.success && dryRun.data
    ? undefined
    : "FAL_KEY is required (or set FAL_DRY_RUN=true to try the bot without one)";
}

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
  const keyProblem = falKeyProblem(input);
  if (!parsed.success || keyProblem) {
    throw new ConfigError([
      ...(keyProblem ? [keyProblem] : []),
      ...(parsed.error?.issues ?? []).map((issue) => `${issue.path.join(".") || "(environment)"} ${issue.message}`),
    ]);
  }
  const config = { ...parsed.data, FAL_KEY: parsed.data.FAL_KEY ?? "" };
  if (config.FAL_WEBHOOK_URL !== undefined && config.HTTP_PORT === undefined) {
    throw new ConfigError([
      "FAL_WEBHOOK_URL needs HTTP_PORT: fal's webhooks arrive at the bot's HTTP listener (<FAL_WEBHOOK_URL>/fal/webhook)." +
        " Set HTTP_PORT to the port FAL_WEBHOOK_URL reaches, or unset FAL_WEBHOOK_URL to poll fal instead.",
    ]);
  }
  if (config.BOT_ROLE !== "all" && !queueUrlOf(config)) {
    throw new ConfigError([
      `BOT_ROLE =${config.BOT_ROLE} needs the job queue shared with the other processes: set QUEUE_URL=redis://… ` +
        "(or STORE_URL=redis://…), or use BOT_ROLE=all for one process",
    ]);
  }
  // a dry run gets no webhooks (fal never has its jobs): it polls as without them
  const pushed = config.FAL_WEBHOOK_URL !== undefined && !config.FAL_DRY_RUN;
  const pollDefault = pushed ? POLL_INTERVAL_WITH_WEBHOOKS_MS : POLL_INTERVAL_MS;
  return { ...config, FAL_POLL_INTERVAL_MS: config.FAL_POLL_INTERVAL_MS ?? pollDefault };
}

/** The job queue's Redis: QUEUE_URL, else STORE_URL when that is Redis; undefined: jobs run in this process. */
export function queueUrlOf(config: Pick<Config, "QUEUE_URL" | "STORE_URL">): string | undefined {
  return config.QUEUE_URL ?? (isRedisUrl(config.STORE_URL) ? config.STORE_URL : undefined);
}
