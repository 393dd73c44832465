import { ApplicationCommandOptionType } from "discord.js";
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

export const remove: ElementSubcommand = {
  data: {
    type: ApplicationCommandOptionType.Subcommand,
    ...elementNamed("delete", "delete"),
    options: [NAME_OPTION, WHICH_OPTION],
  },
  async run(interaction, ctx) {
    const text = say(interaction);
    const element = await namedElement(interaction, ctx);
    const name = shownName(element.name);
    if (!mayChange(interaction, element))
      throw new UserError(text(element.scope === "server" ? "deleteNeedsManage" : "deleteOnlyOwner", { name }));
    const removed = await ctx.elements.remove(interaction.guildId, element.id);
    await replyPrivately(interaction, text(removed ? "deleted" : "alreadyDeleted", { name }));
  },
};
