import { AttachmentBuilder } from "discord.js";
import { NO_MENTIONS } from "../../src/discord/render.js";
import { elementImages } from "../../src/elements/element-library.js";
import { UserError } from "../../src/interactions/command.js";
import { namedElement, namedElementSubcommand, shownName, type ElementSubcommand } from "./shared.js";

const EXTENSIONS: Record<string, string> = { "image/jpeg": "jpg", "image/png": "png", "image/webp": "webp" };

export const show: ElementSubcommand = {
  data: namedElementSubcommand("show", "Show a saved element's images (only to you)"),
  async run(interaction, ctx) {
    const element = await namedElement(interaction, ctx);
    const images = elementImages(element);
    const files = await Promise.all(
      images.map(async (image, i) => {
        const data = await ctx.elements.imageData(image.id);
        if (!data)
          throw new UserError(`${shownName(element.name)}'s images are missing from the store: save it again.`);
        const name = `${element.name}-${i === 0 ? "front" : `ref${i}`}.${EXTENSIONS[image.contentType] ?? "png"}`;
        return new AttachmentBuilder(data, { name });
      }),
    );
    const refs = element.references.length;
    await interaction.editReply({
      content: `${shownName(element.name)} (${element.scope === "server" ? "server" : "yours"}): the front image${refs ? ` and ${refs} reference${refs === 1 ? "" : "s"}` : ""}.`,
      files,
      allowedMentions: NO_MENTIONS,
    });
  },
};
