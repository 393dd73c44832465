import { z } from "zod";
import type { Command } from "../src/interactions/command.js";
import { command as klingEdit } from "./kling-edit.js";
import { command as klingReference } from "./kling-reference.js";
import { command as klingConfig } from "./kling-config.js";
import { command as klingUsage } from "./kling-usage.js";
import { command as klingHelp } from "./kling-help.js";
import { command as editWithKling } from "./edit-with-kling.js";
import { command as klingElement } from "./kling-element/index.js";
import { command as klingShowcase } from "./kling-showcase.js";

/** Every command, in the order Discord lists them. Adding one: its file here, then `npm run deploy`. */
export const COMMANDS: readonly Command[] = [
  klingEdit,
  klingReference,
  klingElement,
  klingConfig,
  klingUsage,
  klingHelp,
  editWithKling,
  klingShowcase,
];

const NAME = /^[-_a-z0-9]{1,32}$/;

/** Checked at load so a malformed command fails start-up and deploy, not a member's click. */
const slashPredicate = z.object({
  name: z.string().regex(NAME),
  description: z.string().min(1).max(100),
  options: z
    .array(
      z.object({
        name: z.string().regex(NAME),
        description: z.string().min(1).max(100),
        type: z.number().int(),
      }),
    )
    .max(25),
});

/** Message context-menu commands: 1–32 characters (spaces and capitals allowed), no description, no options. */
const messagePredicate = z.strictObject({
  name: z.string().min(1).max(32),
  name_localizations: z.record(z.string(), z.string().min(1).max(32)).optional(),
  type: z.literal(3),
});

export function loadCommands(commands: readonly Command[] = COMMANDS): Map<string, Command> {
  const loaded = new Map<string, Command>();
  for (const command of commands) {
    if (command.kind === "slash") slashPredicate.parse(command.data);
    else messagePredicate.parse(command.data);
    if (loaded.has(command.data.name)) throw new Error(`two commands are named ${command.data.name}`);
    loaded.set(command.data.name, command);
  }
  return loaded;
}
