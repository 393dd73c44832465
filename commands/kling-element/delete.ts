import {
  elementToChange,
  namedElementSubcommand,
  replyPrivately,
  shownName,
  type ElementSubcommand,
} from "./shared.js";

export const remove: ElementSubcommand = {
  data: namedElementSubcommand("delete", "Delete a saved element (yours, or the server's with Manage Server)"),
  async run(interaction, ctx) {
    const element = await elementToChange(interaction, ctx, ({ scope, name }) =>
      scope === "server"
        ? `${shownName(name)} is a server element saved by someone else: deleting it needs Manage Server.`
        : `Only the member who saved ${shownName(name)} can delete it.`,
    );
    const removed = await ctx.elements.remove(interaction.guildId, element.id);
    await replyPrivately(
      interaction,
      removed ? `Deleted ${shownName(element.name)}.` : `${shownName(element.name)} was already deleted.`,
    );
  },
};
