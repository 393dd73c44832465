import { ApplicationCommandOptionType } from "discord.js";
import { ELEMENT_NAME_LIMITS, normalizeName } from "../../src/elements/element-names.js";
import type { ElementScope } from "../../src/elements/element-library.js";
import { REQUEST_LIMITS } from "../../src/media/limits.js";
import { formatMegabytes } from "../../src/text.js";
import { UserError } from "../../src/interactions/command.js";
import { elementBytes } from "../../src/elements/element-library.js";
import { canManageServer, replyPrivately, SCOPE_CHOICES, shownName, type ElementSubcommand } from "./shared.js";

const REFERENCE_OPTIONS = Array.from({ length: REQUEST_LIMITS.maxReferenceImagesPerElement }, (_, i) => ({
  type: ApplicationCommandOptionType.Attachment as const,
  name: `ref${i + 1}`,
  description: `Another view of it (reference ${i + 1}): jpg, png or webp`,
}));

export const save: ElementSubcommand = {
  data: {
    type: ApplicationCommandOptionType.Subcommand,
    name: "save",
    description: "Save a character or object (a front image + up to 3 more views) to use by name",
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: "name",
        description: `Its name, written @name in prompts (${ELEMENT_NAME_LIMITS.minChars}–${ELEMENT_NAME_LIMITS.maxChars} of a–z, 0–9, _ and -)`,
        required: true,
        max_length: ELEMENT_NAME_LIMITS.maxChars + 1,
      },
      {
        type: ApplicationCommandOptionType.Attachment,
        name: "front",
        description: "Its frontal image: jpg, png or webp, ≥ 300 px a side, ≤ 10 MB",
        required: true,
      },
      ...REFERENCE_OPTIONS,
      {
        type: ApplicationCommandOptionType.String,
        name: "scope",
        description: "Who may use it (default: me)",
        choices: SCOPE_CHOICES,
      },
    ],
  },
  async run(interaction, ctx) {
    const scope: ElementScope = interaction.options.getString("scope") === "server" ? "server" : "me";
    if (scope === "server" && !canManageServer(interaction))
      throw new UserError("Saving a server element needs Manage Server: save it with `scope:me` for yourself.");
    const name = normalizeName(interaction.options.getString("name", true));
    const images = ["front", ...REFERENCE_OPTIONS.map((o) => o.name)].flatMap((option) => {
      const attachment = interaction.options.getAttachment(option);
      return attachment ? [{ option, attachment }] : [];
    });
    const saved = await ctx.elements.save({
      guildId: interaction.guildId,
      userId: interaction.user.id,
      userName: interaction.user.username,
      name,
      scope,
      images,
    });
    if (!saved.ok) {
      const head = saved.problems.length === 1 ? "I can't save this element:" : "I can't save this element —";
      await replyPrivately(interaction, `${head}\n${saved.problems.map((p) => `• ${p}`).join("\n")}`);
      return;
    }
    const { element } = saved;
    const refs = element.references.length;
    await replyPrivately(
      interaction,
      `Saved ${shownName(element.name)} (${scope === "server" ? "for everyone on this server" : "for you"}): a front image${refs ? ` and ${refs} reference${refs === 1 ? "" : "s"}` : ""}, ${formatMegabytes(elementBytes(element))}. Use it with \`elements:${element.name}\` and write ${shownName(element.name)} in the prompt.`,
    );
  },
};
