import { ApplicationCommandOptionType } from "discord.js";
import { DISCORD_LIMITS } from "../../src/discord/render.js";
import { elementBytes, type SavedElement } from "../../src/elements/element-library.js";
import { formatMegabytes, truncate } from "../../src/text.js";
import { inertUserText } from "../../src/inert-text.js";
import { elementNamed, replyPrivately, say, shownName, type ElementSubcommand } from "./shared.js";

export const list: ElementSubcommand = {
  data: {
    type: ApplicationCommandOptionType.Subcommand,
    ...elementNamed("list", "list"),
  },
  async run(interaction, ctx) {
    const text = say(interaction);
    const [visible, all, capMb] = await Promise.all([
      ctx.elements.list(interaction.guildId, interaction.user.id),
      ctx.elements.all(interaction.guildId),
      ctx.quota.settings.get(interaction.guildId).then((s) => s.elementLibraryMb),
    ]);
    const used = all.reduce((sum, e) => sum + elementBytes(e), 0);
    const footer = `\n${text("listFooter", { used: formatMegabytes(used), cap: formatMegabytes(capMb * 1_000_000) })}`;
    if (visible.length === 0) {
      await replyPrivately(interaction, `${text("listEmpty")}${footer}`);
      return;
    }
    const line = (e: SavedElement) => {
      const count = 1 + e.references.length;
      const images = count === 1 ? text("imageOne") : text("imageMany", { count });
      return e.scope === "server"
        ? text("lineServer", { name: shownName(e.name), owner: inertUserText(e.ownerName, 40), images })
        : text("lineMine", { name: shownName(e.name), images });
    };
    const mine = visible.filter((e) => e.scope === "me").map(line);
    const server = visible.filter((e) => e.scope === "server").map(line);
    const body = [
      ...(mine.length ? [text("listMine"), ...mine] : []),
      ...(server.length ? [text("listServer"), ...server] : []),
    ].join("\n");
    await replyPrivately(interaction, truncate(body, DISCORD_LIMITS.content - footer.length) + footer);
  },
};
