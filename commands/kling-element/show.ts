import { AttachmentBuilder } from "discord.js";
import { NO_MENTIONS } from "../../src/discord/render.js";
import { elementImages } from "../../src/elements/element-library.js";
import { UserError } from "../../src/interactions/command.js";
import { namedElement, namedElementSubcommand, say, shownName, type ElementSubcommand } from "./shared.js";

const EXTENSIONS: Record<string, string> = { "image/jpeg": "jpg", "image/png": "png", "image/webp": "webp" };

export const show: ElementSubcommand = {
  data: namedElementSubcommand("show", "show"),
  async run(interaction, ctx) {
    const text = say(interaction);
    const element = await namedElement(interaction, ctx);
    const name = shownName(element.name);
    const images = elementImages(element);
    const files = await Promise.all(
      images.map(async (image, i) => {
        const data = await ctx.elements.imageData(image.id);
        if (!data) throw new UserError(text("imagesMissing", { name }));
        const file = `${element.name}-${i === 0 ? "front" : `ref${i}`}.${EXTENSIONS[image.contentType] ?? "png"}`;
        return new AttachmentBuilder(data, { name: file });
      }),
    );
    const count = element.references.length;
    const shown =
      count === 0 ? text("theFront") : count === 1 ? text("theFrontRefOne") : text("theFrontRefs", { count });
    await interaction.editReply({
      content: text(element.scope === "server" ? "showServer" : "showMine", { name, images: shown }),
      files,
      allowedMentions: NO_MENTIONS,
    });
  },
};
