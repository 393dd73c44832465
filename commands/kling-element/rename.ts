import { ApplicationCommandOptionType } from "discord.js";
import { ELEMENT_NAME_LIMITS, nameProblemMessage, normalizeName } from "../../src/elements/element-names.js";
import { render } from "../../src/i18n/index.js";
import { UserError } from "../../src/interactions/command.js";
import {
  elementNamed,
  elementToChange,
  namedElementSubcommand,
  replyPrivately,
  say,
  shownName,
  type ElementSubcommand,
} from "./shared.js";

export const rename: ElementSubcommand = {
  data: namedElementSubcommand("rename", "rename", {
    type: ApplicationCommandOptionType.String,
    ...elementNamed("new_name", "newName", { min: ELEMENT_NAME_LIMITS.minChars, max: ELEMENT_NAME_LIMITS.maxChars }),
    required: true,
    max_length: ELEMENT_NAME_LIMITS.maxChars + 1,
  }),
  async run(interaction, ctx) {
    const text = say(interaction);
    const element = await elementToChange(interaction, ctx, ({ name }) =>
      text("renameNotAllowed", { name: shownName(name) }),
    );
    const from = shownName(element.name);
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
