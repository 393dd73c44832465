import { ApplicationCommandOptionType } from "discord.js";
import { ELEMENT_NAME_LIMITS, normalizeName } from "../../src/elements/element-names.js";
import type { ElementScope } from "../../src/elements/element-library.js";
import { REQUEST_LIMITS } from "../../src/media/limits.js";
import { formatMegabytes } from "../../src/text.js";
import { render } from "../../src/i18n/index.js";
import { UserError } from "../../src/interactions/command.js";
import { elementBytes } from "../../src/elements/element-library.js";
import {
  canManageServer,
  elementNamed,
  replyPrivately,
  say,
  SCOPE_CHOICES,
  shownName,
  type ElementSubcommand,
} from "./shared.js";

const REFERENCE_OPTIONS = Array.from({ length: REQUEST_LIMITS.maxReferenceImagesPerElement }, (_, i) => ({
  type: ApplicationCommandOptionType.Attachment as const,
  ...elementNamed(`ref${i + 1}`, "ref", { n: i + 1 }),
}));

const NAME_CHARS = { min: ELEMENT_NAME_LIMITS.minChars, max: ELEMENT_NAME_LIMITS.maxChars };

export const save: ElementSubcommand = {
  data: {
    type: ApplicationCommandOptionType.Subcommand,
    ...elementNamed("save", "save"),
    options: [
      {
        type: ApplicationCommandOptionType.String,
        ...elementNamed("name", "saveName", NAME_CHARS),
        required: true,
        max_length: ELEMENT_NAME_LIMITS.maxChars + 1,
      },
      {
        type: ApplicationCommandOptionType.Attachment,
        ...elementNamed("front", "front"),
        required: true,
      },
      ...REFERENCE_OPTIONS,
      {
        type: ApplicationCommandOptionType.String,
        ...elementNamed("scope", "scope"),
        choices: SCOPE_CHOICES,
      },
    ],
  },
  async run(interaction, ctx) {
    const text = say(interaction);
    const scope: ElementScope = interaction.options.getString("scope") === "server" ? "server" : "me";
    if (scope === "server" && !canManageServer(interaction)) throw new UserError(text("serverNeedsManage"));
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
      const head = text(saved.problems.length === 1 ? "saveHeadOne" : "saveHeadMany");
      const lines = saved.problems.map((p) => `• ${render(interaction.locale, p)}`);
      await replyPrivately(interaction, `${head}\n${lines.join("\n")}`);
      return;
    }
    const { element } = saved;
    const count = element.references.length;
    await replyPrivately(
      interaction,
      text(scope === "server" ? "savedServer" : "savedMine", {
        name: shownName(element.name),
        images: count === 0 ? text("front") : count === 1 ? text("frontRefOne") : text("frontRefs", { count }),
        size: formatMegabytes(elementBytes(element)),
        value: element.name,
      }),
    );
  },
};
