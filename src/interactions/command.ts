import type {
  APIApplicationCommandSubcommandOption,
  ChatInputCommandInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord.js";
import type { BotContext } from "../bot-context.js";
import { readArgs, type ArgsOf, type OptionsData } from "./command-args.js";

/** An error whose message is meant for the member (thrown anywhere below a command handler). */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UserError";
  }
}

/**
 * What a failed interaction had at stake, for the error boundary's apology: "job" where it was starting a job
 * (the member is told it did not start and nothing was charged), "nothing" for everything else.
 */
export type AtStake = "job" | "nothing";

/** A command with subcommands: its options are the subcommands (each with its own options). */
export type SubcommandsData = Omit<RESTPostAPIChatInputApplicationCommandsJSONBody, "options"> & {
  readonly options: readonly APIApplicationCommandSubcommandOption[];
};

/** A command as the bot registers and dispatches it: its JSON, what it has at stake, and its handler. */
export interface Command {
  readonly data: OptionsData | SubcommandsData;
  readonly atStake: AtStake;
  execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void>;
}

/** A command whose options are values: the handler gets them read and typed from `data`. */
export function optionsCommand<const D extends OptionsData>(spec: {
  data: D;
  atStake: AtStake;
  run(interaction: ChatInputCommandInteraction, ctx: BotContext, args: ArgsOf<D>): Promise<void>;
}): Command {
  return {
    data: spec.data,
    atStake: spec.atStake,
    execute: (interaction, ctx) => spec.run(interaction, ctx, readArgs(spec.data, interaction)),
  };
}

/** The names of a command's subcommands, from its JSON. */
export type SubcommandOf<D extends SubcommandsData> = D["options"][number]["name"];

/** A command with subcommands: the handler gets the subcommand the member chose. */
export function subcommandsCommand<const D extends SubcommandsData>(spec: {
  data: D;
  atStake: AtStake;
  run(interaction: ChatInputCommandInteraction, ctx: BotContext, subcommand: SubcommandOf<D>): Promise<void>;
}): Command {
  const names = new Set<string>(spec.data.options.map((sub) => sub.name));
  const isSubcommand = (name: string): name is SubcommandOf<D> => names.has(name);
  return {
    data: spec.data,
    atStake: spec.atStake,
    execute: (interaction, ctx) => {
      const name = interaction.options.getSubcommand(true);
      if (!isSubcommand(name))
        throw new UserError("I don't know this subcommand any more; the server's commands may need redeploying.");
      return spec.run(interaction, ctx, name);
    },
  };
}
