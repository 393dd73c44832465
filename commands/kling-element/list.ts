import { ApplicationCommandOptionType } from "discord.js";
import { DISCORD_LIMITS } from "../../src/discord/render.js";
import { elementBytes } from "../../src/elements/element-library.js";
import { formatMegabytes, truncate } from "../../src/text.js";
import { inertUserText } from "../../src/inert-text.js";
import { replyPrivately, shownName, type ElementSubcommand } from "./shared.js";

export const list: ElementSubcommand = {
  data: {
    type: ApplicationCommandOptionType.Subcommand,
    name: "list",
    description: "The saved elements you can use: yours and the server's",
  },
  async run(interaction, ctx) {
    const [visible, all, capMb] = await Promise.all([
      ctx.elements.list(interaction.guildId, interaction.user.id),
      ctx.elements.all(interaction.guildId),
      ctx.quota.settings.get(interaction.guildId).then((s) => s.elementLibraryMb),
    ]);
    const used = all.reduce((sum, e) => sum + elementBytes(e), 0);
    const footer = `\nLibrary: ${formatMegabytes(used)} of ${formatMegabytes(capMb * 1_000_000)} used on this server.`;
    if (visible.length === 0) {
      await replyPrivately(interaction, `No saved elements yet: save one with \`/kling-element save\`.${footer}`);
      return;
    }
    const line = (e: (typeof visible)[number]) =>
      `• ${shownName(e.name)} — ${e.scope === "server" ? `server (by ${inertUserText(e.ownerName, 40)})` : "yours"}, ${1 + e.references.length} image${e.references.length ? "s" : ""}`;
    const mine = visible.filter((e) => e.scope === "me").map(line);
    const server = visible.filter((e) => e.scope === "server").map(line);
    const body = [
      ...(mine.length ? ["**Yours**", ...mine] : []),
      ...(server.length ? ["**This server's**", ...server] : []),
    ].join("\n");
    await replyPrivately(interaction, truncate(body, DISCORD_LIMITS.content - footer.length) + footer);
  },
};
