import { ConfigError, loadConfig, type Config } from "./config.js";
import { startBot, type Bot } from "./bot.js";
import { errorMessage } from "./text.js";

let config: Config;
try {
  config = loadConfig();
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : String(error));
  process.exit(1);
}

let bot: Bot;
try {
  bot = await startBot(config);
} catch (error) {
  const reason = errorMessage(error);
  console.error(`kling-bot could not start: ${reason.replaceAll(config.DISCORD_TOKEN, "[token]")}`);
  process.exit(1);
}

let stopping = false;
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    bot.logger.info({ signal }, "shutting down");
    // Job records are saved at every state change, so stopping never loses a job: the next start resumes it.
    const force = setTimeout(() => process.exit(0), 5_000);
    force.unref();
    void bot.stop().finally(() => process.exit(0));
  });
}
