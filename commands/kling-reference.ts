import { ApplicationCommandOptionType, type ChatInputCommandInteraction } from "discord.js";
import { readArgs, type CommandData } from "../src/discord/command-args.js";
import type { BotContext } from "../src/bot-context.js";
import { REQUEST_LIMITS } from "../src/media/limits.js";
import { sharedOptions } from "./options.js";

export const data = {
  name: "kling-reference",
  description: "Make a new clip from a reference video plus characters (Kling O3, fal)",
  options: [
    ...sharedOptions,
    {
      type: ApplicationCommandOptionType.String,
      name: "aspect_ratio",
      description: "Shape of the new clip (default: auto)",
      choices: REQUEST_LIMITS.aspectRatios.map((ratio) => ({ name: ratio, value: ratio })),
    },
    {
      type: ApplicationCommandOptionType.Integer,
      name: "duration",
      description: "Length of the new clip in seconds (3–15)",
      choices: REQUEST_LIMITS.referenceDurations.map((s) => ({ name: `${s} s`, value: s })),
    },
  ],
} as const satisfies CommandData;

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const args = readArgs(data, interaction);
  await ctx.startJob(interaction, { kind: "reference", ...args });
}
