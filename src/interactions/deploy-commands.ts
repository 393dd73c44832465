import { REST, Routes } from "discord.js";
import type { Config } from "../config.js";
import type { Command } from "./command.js";

/** Guild-only commands: the bot needs a channel to post progress in and threads to deliver to. */
const GUILD_ONLY = { contexts: [0], integration_types: [0] } as const;

export async function deployCommands(
  config: Pick<Config, "DISCORD_API_URL" | "DISCORD_TOKEN" | "DISCORD_APPLICATION_ID" | "DISCORD_GUILD_ID">,
  commands: ReadonlyMap<string, Command>,
): Promise<{ names: string[]; where: string }> {
  const body = [...commands.values()].map((command) => ({ ...command.data, ...GUILD_ONLY }));
  const rest = new REST({ api: config.DISCORD_API_URL }).setToken(config.DISCORD_TOKEN);
  const route = config.DISCORD_GUILD_ID
    ? Routes.applicationGuildCommands(config.DISCORD_APPLICATION_ID, config.DISCORD_GUILD_ID)
    : Routes.applicationCommands(config.DISCORD_APPLICATION_ID);
  const registered = (await rest.put(route, { body })) as { name: string; type?: number }[];
  return {
    // as members find them: /name for slash commands, the menu entry's name for message commands
    names: registered.map((c) => ((c.type ?? 1) === 1 ? `/${c.name}` : `"${c.name}" (message menu)`)),
    where: config.DISCORD_GUILD_ID
      ? `guild ${config.DISCORD_GUILD_ID}`
      : "all guilds (global; may take up to an hour to appear)",
  };
}
