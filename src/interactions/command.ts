import type {
  APIApplicationCommandSubcommandOption,
  ApplicationCommandType,
  AutocompleteInteraction,
  ChatInputCommandInteraction,
  MessageContextMenuCommandInteraction,
  ModalSubmitInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
  RESTPostAPIContextMenuApplicationCommandsJSONBody,
} from "discord.js";
import type { BotContext } from "../bot-context.js";
import { readArgs, type ArgsOf, type OptionsData } from "./command-args.js";
import { t } from "../i18n/index.js";

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

/** A slash command as the bot registers and dispatches it: its JSON, what it has at stake, and its handler. */
export interface SlashCommand {
  readonly kind: "slash";
  readonly data: OptionsData | SubcommandsData;
  readonly atStake: AtStake;
  execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void>;
  /** answers Discord's autocomplete for an option declared with `autocomplete: true` */
  autocomplete?(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void>;
}

/** A message context-menu command's JSON: a name (1–32 characters, spaces allowed), no description or options. */
export type MessageCommandData = Omit<RESTPostAPIContextMenuApplicationCommandsJSONBody, "type" | "description"> & {
  readonly type: ApplicationCommandType.Message;
};

/**
 * A message context-menu command ("Apps" on a message) that answers with a modal: the modal's custom id starts
 * with `modalPrefix`, and its submit comes back to `submit` (which has `modalAtStake`).
 */
export interface MessageCommand {
  readonly kind: "message";
  readonly data: MessageCommandData;
  readonly atStake: AtStake;
  readonly modalPrefix: string;
  readonly modalAtStake: AtStake;
  execute(interaction: MessageContextMenuCommandInteraction, ctx: BotContext): Promise<void>;
  submit(interaction: ModalSubmitInteraction, ctx: BotContext): Promise<void>;
}

/** Every kind of command the bot registers. */
export type Command = SlashCommand | MessageCommand;

/** The modal custom id prefix a message command owns: `<prefix>:` then its own fields. */
export function ownsModal(command: Command, customId: string): command is MessageCommand {
  return command.kind === "message" && customId.startsWith(`${command.modalPrefix}:`);
}

/** A command whose options are values: the handler gets them read and typed from `data`. */
export function optionsCommand<const D extends OptionsData>(spec: {
  data: D;
  atStake: AtStake;
  run(interaction: ChatInputCommandInteraction, ctx: BotContext, args: ArgsOf<D>): Promise<void>;
  autocomplete?: SlashCommand["autocomplete"];
}): SlashCommand {
  return {
    kind: "slash",
    data: spec.data,
    atStake: spec.atStake,
    execute: (interaction, ctx) => spec.run(interaction, ctx, readArgs(spec.data, interaction)),
    ...(spec.autocomplete ? { autocomplete: spec.autocomplete } : {}),
  };
}

/** The names of a command's subcommands, from its JSON. */
export type SubcommandOf<D extends SubcommandsData> = D["options"][number]["name"];

/** A command with subcommands: the handler gets the subcommand the member chose. */
export function subcommandsCommand<const D extends SubcommandsData>(spec: {
  data: D;
  atStake: AtStake;
  run(interaction: ChatInputCommandInteraction, ctx: BotContext, subcommand: SubcommandOf<D>): Promise<void>;
  autocomplete?: SlashCommand["autocomplete"];
}): SlashCommand {
  const names = new Set<string>(spec.data.options.map((sub) => sub.name));
  const isSubcommand = (name: string): name is SubcommandOf<D> => names.has(name);
  return {
    kind: "slash",
    data: spec.data,
    atStake: spec.atStake,
    ...(spec.autocomplete ? { autocomplete: spec.autocomplete } : {}),
    execute: (interaction, ctx) => {
      const name = interaction.options.getSubcommand(true);
      if (!isSubcommand(name)) throw new UserError(t(interaction.locale, "boundary.unknownSubcommand"));
      return spec.run(interaction, ctx, name);
    },
  };
}
