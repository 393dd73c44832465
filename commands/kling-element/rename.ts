import { ApplicationCommandOptionType } from "discord.js";
import { ELEMENT_NAME_LIMITS, nameProblemMessage, normalizeName } from "../../src/elements/element-names.js";
import { render } from "../../src/i18n/index.js";
import { UserError } from "../../src/interactions/command.js";
import {
  NAME_OPTION,
  WHICH_OPTION,
  elementNamed,
  mayChange,
  namedElement,
  replyPrivately,
  say,
  shownName,
  type ElementSubcommand,
} from "./shared.js";

export const rename: ElementSubcommand = {
  data: {
    type: ApplicationCommandOptionType.Subcommand,
    ...elementNamed("rename", "rename"),
    options: [
      NAME_OPTION,
      {
        type: ApplicationCommandOptionType.String,
        ...elementNamed("new_name", "newName", {
          min: ELEMENT_NAME_LIMITS.minChars,
          max: ELEMENT_NAME_LIMITS.maxChars,
        }),
        required: true,
        max_length: ELEMENT_NAME_LIMITS.maxChars + 1,
      },
      WHICH_OPTION,
    ],
  },
  async run(interaction, ctx) {
    const text = say(interaction);
    const element = await namedElement(interaction, ctx);
    const from = shownName(element.name);
    if (!mayChange(interaction, element)) throw new UserError(text("renameNotAllowed", { name: from }));
    const name = normalizeName(interaction.options.getString("new_name", true));
    const to = shownName(name);
    const problem = nameProblemMessage(name);
    if (problem) throw new UserError(text("badName", { name: to, problem: render(interaction.locale, problem) }));
    const renamed = await ctx.elements.rename(interaction.guildId, element.id, name);
    if (!renamed) throw new UserError(text("deletedMeanwhile", { name: from }));
    if (renamed.problem)
      throw new UserError(text(element.scope === "server" ? "renameTakenServer" : "renameTakenMine", { name: to }));
    await replyPrivately(interaction, text("renamed", { from, to }));
  },
};
