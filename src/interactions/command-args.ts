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

export function readArgs<C extends OptionsData>(data: C, interaction: ChatInputCommandInteraction): ArgsOf<C> {
  const args: Record<string, unknown> = {};
  for (const option of data.options) {
    const required = "required" in option && option.required === true;
    switch (option.type) {
      case ApplicationCommandOptionType.String:
        args[option.name] = interaction.options.getString(option.name, required) ?? undefined;
        break;
      case ApplicationCommandOptionType.Integer:
        args[option.name] = interaction.options.getInteger(option.name, required) ?? undefined;
        break;
      case ApplicationCommandOptionType.Number:
        args[option.name] = interaction.options.getNumber(option.name, required) ?? undefined;
        break;
      case ApplicationCommandOptionType.Boolean:
        args[option.name] = interaction.options.getBoolean(option.name, required) ?? undefined;
        break;
      case ApplicationCommandOptionType.Attachment:
        args[option.name] = interaction.options.getAttachment(option.name, required) ?? undefined;
        break;
      default:
        throw new Error(`option type ${option.type} is not read by readArgs`);
    }
  }
  return args as ArgsOf<C>;
}
