import {
  ApplicationCommandOptionType,
  type APIApplicationCommandBasicOption,
  type Attachment,
  type ChatInputCommandInteraction,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord.js";

/** A command whose options are values (no subcommands): the JSON Discord registers. */
export type OptionsData = Omit<RESTPostAPIChatInputApplicationCommandsJSONBody, "options"> & {
  readonly options: readonly APIApplicationCommandBasicOption[];
};

type ValueOf<O> = O extends { type: ApplicationCommandOptionType.String }
  ? string
  : O extends { type: ApplicationCommandOptionType.Integer | ApplicationCommandOptionType.Number }
    ? number
    : O extends { type: ApplicationCommandOptionType.Boolean }
      ? boolean
      : O extends { type: ApplicationCommandOptionType.Attachment }
        ? Attachment
        : never;

/** Handler arguments typed from the command's JSON: required options are present, the rest may be undefined. */
export type ArgsOf<C extends OptionsData> = {
  [O in C["options"][number] as O["name"]]: O extends { required: true } ? ValueOf<O> : ValueOf<O> | undefined;
};

type Options = ChatInputCommandInteraction["options"];

/** How each value option is read (an option type missing here is refused when the command is loaded). */
const READERS: Partial<
  Record<ApplicationCommandOptionType, (options: Options, name: string, required: boolean) => unknown>
> = {
  [ApplicationCommandOptionType.String]: (o, name, required) => o.getString(name, required),
  [ApplicationCommandOptionType.Integer]: (o, name, required) => o.getInteger(name, required),
  [ApplicationCommandOptionType.Number]: (o, name, required) => o.getNumber(name, required),
  [ApplicationCommandOptionType.Boolean]: (o, name, required) => o.getBoolean(name, required),
  [ApplicationCommandOptionType.Attachment]: (o, name, required) => o.getAttachment(name, required),
};

export function readArgs<C extends OptionsData>(data: C, interaction: ChatInputCommandInteraction): ArgsOf<C> {
  const args: Record<string, unknown> = {};
  for (const option of data.options) {
    const required = "required" in option && option.required === true;
    const read = READERS[option.type];
    if (!read) throw new Error(`option type ${option.type} is not read by readArgs`);
    args[option.name] = read(interaction.options, option.name, required) ?? undefined;
  }
  return args as ArgsOf<C>;
}
