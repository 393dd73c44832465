import type { ChatInputCommandInteraction } from "discord.js";
import type { CommandInput } from "./requests/kling-request.js";

/** What command handlers may call: the rest of the bot, injected. */
export interface BotContext {
  startJob(interaction: ChatInputCommandInteraction, input: CommandInput): Promise<void>;
}
