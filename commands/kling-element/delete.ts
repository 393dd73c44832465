import {
  elementToChange,
  namedElementSubcommand,
  replyPrivately,
  say,
  shownName,
  type ElementSubcommand,
} from "./shared.js";

export const remove: ElementSubcommand = {
  data: namedElementSubcommand("delete", "delete"),
  async run(interaction, ctx) {
    const text = say(interaction);
    const element = await elementToChange(interaction, ctx, ({ scope, name }) =>
      text(scope === "server" ? "deleteNeedsManage" : "deleteOnlyOwner", { name: shownName(name) }),
    );
    const name = shownName(element.name);
    const removed = await ctx.elements.remove(interaction.guildId, element.id);
    await replyPrivately(interaction, text(removed ? "deleted" : "alreadyDeleted", { name }));
  },
};
