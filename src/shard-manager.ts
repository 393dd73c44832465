import { REST, Routes, ShardingManager, type RESTGetAPIGatewayBotResult, type Shard } from "discord.js";
import type { Config } from "./config.js";
import type { Logger } from "./logger.js";

/** Discord lets one identify through per rate-limit bucket every 5 s (max_concurrency buckets). */
const IDENTIFY_INTERVAL_MS = 5_500;
/** how long a shard may take from spawn to its client's ready */
const SHARD_READY_TIMEOUT_MS = 60_000;
/** on SIGTERM, how long the shards get to stop (each forces its own exit at 5 s) */
const STOP_GRACE_MS = 8_000;

export interface ShardPlan {
  totalShards: number;
  /**
   * Every shard in its own identify bucket (max_concurrency ≥ shards): all start at once. Otherwise each waits for
   * the previous one's ready, as discord.js's manager does, plus `spawnDelayMs`.
   */
  concurrent: boolean;
  /** pause between spawning two shards so that shards of one identify bucket are ≥ 5 s apart */
  spawnDelayMs: number;
}

/**
 * How many shards to start and how fast, from GET /gateway/bot. discord.js's own `totalShards: "auto"` asks
 * discord.com directly, ignoring DISCORD_API_URL, so the manager asks the configured API itself.
 */
export async function planShards(config: Config): Promise<ShardPlan> {
  const rest = new REST({ api: config.DISCORD_API_URL }).setToken(config.DISCORD_TOKEN);
  const gateway = (await rest.get(Routes.gatewayBot())) as RESTGetAPIGatewayBotResult;
  const totalShards = config.SHARD_COUNT === "auto" ? gateway.shards : config.SHARD_COUNT!;
  const limit = gateway.session_start_limit;
  if (limit.remaining < totalShards) {
    throw new Error(
      `Discord allows ${limit.remaining} more gateway sessions before its daily limit resets in ` +
        `${Math.ceil(limit.reset_after / 60_000)} min; ${totalShards} shards need ${totalShards}. ` +
        "Wait for the reset or lower SHARD_COUNT.",
    );
  }
  // shards i and i + max_concurrency share a bucket: spacing spawns by interval / max_concurrency keeps them apart
  const concurrency = Math.max(1, limit.max_concurrency);
  const spawnDelayMs = Math.ceil(IDENTIFY_INTERVAL_MS / concurrency);
  return { totalShards, concurrent: concurrency >= totalShards, spawnDelayMs };
}

export interface RunningShards {
  manager: ShardingManager;
  /** stops every shard (SIGTERM, as to one bot process) and resolves when all have exited */
  stop(): Promise<void>;
}

/**
 * Starts discord.js's ShardingManager: one child process per shard running `entry` (this same program), which
 * discord.js hands SHARDS, SHARD_COUNT and SHARDING_MANAGER in its environment. A shard that dies is respawned.
 */
export async function startShards(config: Config, entry: string, logger: Logger): Promise<RunningShards> {
  const plan = await planShards(config);
  const manager = new ShardingManager(entry, {
    totalShards: plan.totalShards,
    token: config.DISCORD_TOKEN,
    mode: "process",
    respawn: true,
    // the same node flags as this process (source maps, and tsx when run from source)
    execArgv: process.execArgv,
  });
  let stopping = false;
  manager.on("shardCreate", (shard: Shard) => {
    logger.info({ shard: shard.id, totalShards: plan.totalShards }, "starting shard");
    shard.on("death", () => {
      if (!stopping) logger.warn({ shard: shard.id }, "shard process exited (respawning)");
    });
  });
  logger.info(plan, "starting the shard manager");
  const stop = async () => {
    stopping = true;
    await Promise.all(
      [...manager.shards.values()].map((shard): Promise<void> => {
        const child = shard.process;
        if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
        const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
        shard.kill(); // SIGTERM, and no respawn
        const force = setTimeout(() => child.kill("SIGKILL"), STOP_GRACE_MS);
        return exited.finally(() => clearTimeout(force));
      }),
    );
  };
  try {
    if (plan.concurrent) {
      await manager.spawn({ amount: plan.totalShards, delay: 0, timeout: -1 });
      await Promise.all([...manager.shards.values()].map((shard) => readyOf(shard, SHARD_READY_TIMEOUT_MS)));
    } else {
      await manager.spawn({ amount: plan.totalShards, delay: plan.spawnDelayMs, timeout: SHARD_READY_TIMEOUT_MS });
    }
  } catch (error) {
    await stop();
    throw error;
  }
  logger.info({ shards: manager.shards.size }, "all shards ready");
  return { manager, stop };
}

/** Resolves when the shard's client is ready; rejects when its process dies first or the time is up. */
function readyOf(shard: Shard, timeoutMs: number): Promise<void> {
  if (shard.ready) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const done = (error?: Error) => {
      clearTimeout(timer);
      shard.off("ready", onReady);
      shard.off("death", onDeath);
      if (error) reject(error);
      else resolve();
    };
    const onReady = () => done();
    const onDeath = () => done(new Error(`shard ${shard.id} exited before it was ready`));
    const timer = setTimeout(
      () => done(new Error(`shard ${shard.id} was not ready within ${timeoutMs} ms`)),
      timeoutMs,
    );
    shard.once("ready", onReady);
    shard.once("death", onDeath);
  });
}
