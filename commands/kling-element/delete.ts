import { ApplicationCommandOptionType } from "discord.js";
import { UserError } from "../../src/interactions/command.js";
import {
  NAME_OPTION,
  WHICH_OPTION,
  mayChange,
  namedElement,
  replyPrivately,
  shownName,
  type ElementSubcommand,
} from "./shared.js";

export const remove: ElementSubcommand = {
  data: {
    type: ApplicationCommandOptionType.Subcommand,
    name: "delete",
    description: "Delete a saved element (yours, or the server's with Manage Server)",
    options: [NAME_OPTION, WHICH_OPTION],
  },
  async run(interaction, ctx) {
    const element = await namedElement(interaction, ctx);
    if (!mayChange(interaction, element)) {
      throw new UserError(
        element.scope === "server"
          ? `${shownName(element.name)} is a server element saved by someone else: deleting it needs Manage Server.`
          : `Only the member who saved ${shownName(element.name)} can delete it.`,
      );
    }
    const removed = await ctx.elements.remove(interaction.guildId, element.id);
    await replyPrivately(
      interaction,
      removed ? `Deleted ${shownName(element.name)}.` : `${shownName(element.name)} was already deleted.`,
    );
  },
};
