import { ApplicationCommandOptionType } from "discord.js";
import { ELEMENT_NAME_LIMITS, nameProblem, normalizeName } from "../../src/elements/element-names.js";
import { UserError } from "../../src/interactions/command.js";
import {
  elementToChange,
  namedElementSubcommand,
  replyPrivately,
  shownName,
  type ElementSubcommand,
} from "./shared.js";

export const rename: ElementSubcommand = {
  data: namedElementSubcommand("rename", "Rename a saved element (yours, or the server's with Manage Server)", {
    type: ApplicationCommandOptionType.String,
    name: "new_name",
    description: `Its new name (${ELEMENT_NAME_LIMITS.minChars}–${ELEMENT_NAME_LIMITS.maxChars} of a–z, 0–9, _ and -)`,
    required: true,
    max_length: ELEMENT_NAME_LIMITS.maxChars + 1,
  }),
  async run(interaction, ctx) {
    const element = await elementToChange(
      interaction,
      ctx,
      ({ name }) => `Only the member who saved ${shownName(name)} or someone with Manage Server can rename it.`,
    );
    const name = normalizeName(interaction.options.getString("new_name", true));
    const problem = nameProblem(name);
    if (problem) throw new UserError(`${shownName(name)} can't be a name: ${problem}.`);
    const renamed = await ctx.elements.rename(interaction.guildId, element.id, name);
    if (!renamed) throw new UserError(`${shownName(element.name)} was deleted meanwhile.`);
    if (renamed.problem)
      throw new UserError(
        `${element.scope === "server" ? "This server" : "You"} already ${element.scope === "server" ? "has" : "have"} an element named ${shownName(name)}: choose another name.`,
      );
    await replyPrivately(interaction, `Renamed ${shownName(element.name)} to ${shownName(name)}.`);
  },
};
