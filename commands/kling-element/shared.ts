import {
  ApplicationCommandOptionType,
  MessageFlags,
  PermissionFlagsBits,
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandSubcommandOption,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
} from "discord.js";
import type { BotContext } from "../../src/bot-context.js";
import { NO_MENTIONS } from "../../src/discord/render.js";
import { elementChoices } from "../../src/elements/element-choices.js";
import type { ElementScope, SavedElement } from "../../src/elements/element-library.js";
import { ELEMENT_NAME_LIMITS, normalizeName } from "../../src/elements/element-names.js";
import { choiceName, named } from "../../src/i18n/commands.js";
import { t, type Vars } from "../../src/i18n/index.js";
import { inertUserText } from "../../src/inert-text.js";
import { UserError } from "../../src/interactions/command.js";

/** One subcommand of /kling-element: its JSON and its handler. */
export interface ElementSubcommand {
  readonly data: APIApplicationCommandSubcommandOption;
  run(interaction: ChatInputCommandInteraction & { guildId: string }, ctx: BotContext): Promise<void>;
}

/** /kling-element's catalog entry (`cmd.kling-element.<key>`): a subcommand's or option's names and descriptions. */
export const elementNamed = <const N extends string>(name: N, key: string, vars?: Vars) =>
  named(name, `cmd.kling-element.${key}`, vars);

export const SCOPE_CHOICES = [
  { ...choiceName("cmd.kling-element.me"), value: "me" },
  { ...choiceName("cmd.kling-element.server"), value: "server" },
];

/** The `name` option of show/rename/delete: an element's name, completed from those the member can see. */
const NAME_OPTION = {
  type: ApplicationCommandOptionType.String,
  ...elementNamed("name", "elementName"),
  required: true,
  max_length: ELEMENT_NAME_LIMITS.maxChars + 1,
  autocomplete: true,
} as const;

/** The `scope` option of show/rename/delete: which one, when the member and the server both have the name. */
const WHICH_OPTION = {
  type: ApplicationCommandOptionType.String,
  ...elementNamed("scope", "which"),
  choices: SCOPE_CHOICES,
} as const;

/** The JSON of a subcommand on one named element (show, rename, delete): `name`, its own options, then `scope`. */
export const namedElementSubcommand = (
  name: string,
  key: string,
  ...options: APIApplicationCommandBasicOption[]
): APIApplicationCommandSubcommandOption => ({
  type: ApplicationCommandOptionType.Subcommand,
  ...elementNamed(name, key),
  options: [NAME_OPTION, ...options, WHICH_OPTION],
});

export const shownName = (name: string) => `@${inertUserText(name, 40)}`;

/** The member's own language for a reply (every /kling-element answer is private). */
export const say =
  (interaction: { locale: string }) =>
  (key: string, vars?: Vars): string =>
    t(interaction.locale, `element.${key}`, vars);

export const canManageServer = (interaction: { memberPermissions: { has(flag: bigint): boolean } | null }) =>
  interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) === true;

export async function replyPrivately(interaction: ChatInputCommandInteraction, content: string): Promise<void> {
  const body = { content, allowedMentions: NO_MENTIONS };
  if (interaction.deferred || interaction.replied) await interaction.editReply(body);
  else await interaction.reply({ ...body, flags: MessageFlags.Ephemeral });
}

const NOT_FOUND = { me: "notFoundMine", server: "notFoundServer", any: "notFoundAny" } as const;

/** The element the member names (theirs first, then the server's, unless `scope` says which). */
export async function namedElement(
  interaction: ChatInputCommandInteraction & { guildId: string },
  ctx: BotContext,
): Promise<SavedElement> {
  const name = normalizeName(interaction.options.getString("name", true));
  const given = interaction.options.getString("scope");
  const scope: ElementScope | null = given === "me" || given === "server" ? given : null;
  const visible = await ctx.elements.list(interaction.guildId, interaction.user.id);
  const mine = visible.find((e) => e.scope === "me" && e.name === name);
  const server = visible.find((e) => e.scope === "server" && e.name === name);
  const element = scope === "me" ? mine : scope === "server" ? server : (mine ?? server);
  if (!element) throw new UserError(say(interaction)(NOT_FOUND[scope ?? "any"], { name: shownName(name) }));
  return element;
}

/**
 * The element the member names, for renaming or deleting: only the member who saved it may, and for a server element
 * also anyone with Manage Server; anyone else gets `refusal`.
 */
export async function elementToChange(
  interaction: ChatInputCommandInteraction & { guildId: string },
  ctx: BotContext,
  refusal: (element: SavedElement) => string,
): Promise<SavedElement> {
  const element = await namedElement(interaction, ctx);
  const mayChange =
    element.ownerId === interaction.user.id || (element.scope === "server" && canManageServer(interaction));
  if (!mayChange) throw new UserError(refusal(element));
  return element;
}

export async function suggestNames(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void> {
  const focused = interaction.options.getFocused(true);
  if (focused.name !== "name" || !interaction.guildId) return interaction.respond([]);
  const visible = await ctx.elements.list(interaction.guildId, interaction.user.id);
  // one name, not a list: a comma is not part of any name
  const typed = String(focused.value).replace(/,/g, "");
  await interaction.respond(elementChoices(visible, interaction.user.id, typed, interaction.locale));
}
