import { fileURLToPath } from "node:url";
import { ConfigError, loadConfig, type Config } from "./config.js";
import type { Bot } from "./bot.js";
import { readEnvFile } from "./env-file.js";
import { createLogger, type Logger } from "./logger.js";
import { isShardProcess, shardHttpPort, shardsFromEnv } from "./shard.js";
import { errorMessage } from "./text.js";

let config: Config;
let envFile: string | undefined;
try {
  envFile = readEnvFile();
  config = loadConfig();
} catch (error) {
  const read = envFile ? `\n(read from the environment and ${envFile})` : "";
  console.error(error instanceof ConfigError ? `${error.message}${read}` : String(error));
  process.exit(1);
}
const shards = shardsFromEnv();
// in a shard process every line says which shard wrote it
const logger: Logger = isShardProcess()
  ? createLogger(config.LOG_LEVEL).child({ shard: shards.ids.length === 1 ? shards.ids[0] : shards.ids })
  : createLogger(config.LOG_LEVEL);
if (envFile && !isShardProcess()) logger.info({ envFile }, "read environment variables from the .env file");

/** Stops once, on the first signal; `stop` saves nothing itself (job records are saved at every state change). */
function onShutdown(stop: () => Promise<void>) {
  let stopping = false;
  const shutdown = (reason: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal: reason }, "shutting down");
    const force = setTimeout(() => process.exit(0), 10_000);
    force.unref();
    void stop().finally(() => process.exit(0));
  };
  for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, () => shutdown(signal));
  return shutdown;
}

const fail = (what: string, error: unknown): never => {
  const reason = errorMessage(error);
  console.error(`kling-bot could not start${what}: ${reason.replaceAll(config.DISCORD_TOKEN, "[token]")}`);
  process.exit(1);
};

// each branch imports only what it runs: the manager starts quickly without the bot's modules
// a worker-only process has no gateway to shard: SHARD_COUNT is for the gateway processes
if (config.SHARD_COUNT !== undefined && config.BOT_ROLE !== "worker" && !isShardProcess()) {
  // the shard manager: no store, no gateway of its own; each shard process runs the bot below
  const stopping: { stop?: () => Promise<void> } = {};
  onShutdown(async () => stopping.stop?.());
  try {
    const { startShards } = await import("./shard-manager.js");
    stopping.stop = (await startShards(config, fileURLToPath(import.meta.url), logger)).stop;
  } catch (error) {
    fail(" its shards", error);
  }
} else {
  const port = shardHttpPort(config.HTTP_PORT, shards);
  let bot: Bot | undefined;
  // Job records are saved at every state change, so stopping never loses a job: the next start resumes it.
  const shutdown = onShutdown(async () => {
    const force = setTimeout(() => process.exit(0), 5_000);
    force.unref();
    await bot?.stop();
  });
  // a shard whose manager is gone stops (the manager's replacement starts its own shards)
  if (isShardProcess()) process.once("disconnect", () => shutdown("manager disconnected"));
  try {
    const { startBot } = await import("./bot.js");
    bot = await startBot({ ...config, ...(port === undefined ? {} : { HTTP_PORT: port }) }, { logger });
  } catch (error) {
    fail("", error);
  }
}
