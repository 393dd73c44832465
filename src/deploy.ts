import { ConfigError, loadConfig } from "./config.js";
import { readEnvFile } from "./env-file.js";
import { deployCommands } from "./interactions/deploy-commands.js";
import { errorMessage } from "./text.js";
import { loadCommands } from "../commands/index.js";

/** `npm run deploy`: registers the commands in DISCORD_GUILD_ID when set (instant), else globally. */
let envFile: string | undefined;
try {
  envFile = readEnvFile();
  if (envFile) console.log(`Read environment variables from ${envFile}`);
  const { names, where } = await deployCommands(loadConfig(), loadCommands());
  console.log(`Registered ${names.length} commands in ${where}: ${names.join(", ")}`);
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : `Deploy failed: ${errorMessage(error)}`);
  process.exit(1);
}
