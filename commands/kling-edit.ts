import type { ChatInputCommandInteraction } from "discord.js";
import { readArgs, type CommandData } from "../src/discord/command-args.js";
import type { BotContext } from "../src/bot-context.js";
import { sharedOptions } from "./options.js";

export const data = {
  name: "kling-edit",
  description: "Restyle or change a video clip with a prompt (Kling O3, fal)",
  options: [...sharedOptions],
} as const satisfies CommandData;

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const args = readArgs(data, interaction);
  await ctx.startJob(interaction, { kind: "edit", ...args });
}
