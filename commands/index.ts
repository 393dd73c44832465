import type { ChatInputCommandInteraction } from "discord.js";
import { z } from "zod";
import type { BotContext } from "../src/bot-context.js";
import type { CommandData } from "../src/discord/command-args.js";
import * as klingEdit from "./kling-edit.js";
import * as klingReference from "./kling-reference.js";
import * as klingConfig from "./kling-config.js";
import * as klingUsage from "./kling-usage.js";

export interface Command {
  data: CommandData;
  execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void>;
}

/** Checked at load so a malformed command file fails start-up and deploy, not a member's click. */
const commandPredicate = z.object({
  data: z.object({
    name: z.string().regex(/^[-_a-z0-9]{1,32}$/),
    description: z.string().min(1).max(100),
    options: z
      .array(
        z.object({
          name: z.string().regex(/^[-_a-z0-9]{1,32}$/),
          description: z.string().min(1).max(100),
          type: z.number().int(),
        }),
      )
      .max(25),
  }),
  execute: z.custom<Command["execute"]>((value) => typeof value === "function"),
});

export function loadCommands(modules: unknown[] = [klingEdit, klingReference, klingConfig, klingUsage]): Map<string, Command> {
  const commands = new Map<string, Command>();
  for (const module of modules) {
    // parse() only validates: its output drops keys the predicate does not list (choices, max_length, …).
    commandPredicate.parse(module);
    const command = module as Command;
    commands.set(command.data.name, command);
  }
  return commands;
}
