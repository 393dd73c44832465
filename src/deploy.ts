import { REST, Routes } from "discord.js";
import { loadCommands } from "../commands/index.js";
import { ConfigError, loadConfig } from "./config.js";

/** `npm run deploy`: registers the commands in DISCORD_GUILD_ID when set (instant), else globally. */
async function deploy(): Promise<void> {
  const config = loadConfig();
  const commands = [...loadCommands().values()].map((command) => ({
    ...command.data,
    contexts: [0],
    integration_types: [0],
  }));
  const rest = new REST({ api: config.DISCORD_API_URL }).setToken(config.DISCORD_TOKEN);
  const route = config.DISCORD_GUILD_ID
    ? Routes.applicationGuildCommands(config.DISCORD_APPLICATION_ID, config.DISCORD_GUILD_ID)
    : Routes.applicationCommands(config.DISCORD_APPLICATION_ID);
  const registered = (await rest.put(route, { body: commands })) as { name: string }[];
  const where = config.DISCORD_GUILD_ID ? `guild ${config.DISCORD_GUILD_ID}` : "all guilds (global; may take up to an hour to appear)";
  console.log(`Registered ${registered.length} commands in ${where}: ${registered.map((c) => `/${c.name}`).join(", ")}`);
}

deploy().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : `Deploy failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
