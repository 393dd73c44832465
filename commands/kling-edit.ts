import type { ChatInputCommandInteraction } from "discord.js";
import { readArgs, type CommandData } from "../src/discord/command-args.js";
import type { BotContext } from "../src/bot-context.js";
import { EDIT } from "../src/models/models.js";
import { sharedOptions } from "./options.js";

export const data = {
  name: EDIT.command,
  description: EDIT.description,
  options: [...sharedOptions, ...EDIT.options],
} as const satisfies CommandData;

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const args = readArgs(data, interaction);
  await ctx.startJob(interaction, { kind: "edit", ...args });
}
