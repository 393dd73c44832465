import type { ChatInputCommandInteraction } from "discord.js";
import { readArgs, type CommandData } from "../src/discord/command-args.js";
import type { BotContext } from "../src/bot-context.js";
import { REFERENCE } from "../src/models/models.js";
import { sharedOptions } from "./options.js";

export const data = {
  name: REFERENCE.command,
  description: REFERENCE.description,
  options: [...sharedOptions, ...REFERENCE.options],
} as const satisfies CommandData;

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const args = readArgs(data, interaction);
  await ctx.startJob(interaction, { kind: "reference", ...args });
}
