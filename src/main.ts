import { ConfigError, loadConfig, type Config } from "./config.js";
import { startBot } from "./bot.js";

let config: Config;
try {
  config = loadConfig();
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : String(error));
  process.exit(1);
}

const bot = await startBot(config);
let stopping = false;
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    bot.logger.info({ signal }, "shutting down");
    const force = setTimeout(() => process.exit(0), 5_000);
    force.unref();
    void bot.stop().finally(() => process.exit(0));
  });
}
