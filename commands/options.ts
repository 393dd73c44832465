import { ApplicationCommandOptionType, type AutocompleteInteraction } from "discord.js";
import type { BotContext } from "../src/bot-context.js";
import { elementChoices } from "../src/elements/element-choices.js";
import { REQUEST_LIMITS } from "../src/media/limits.js";
import { QUALITIES, TIERS } from "../src/models/model.js";
import { choiceName, named } from "../src/i18n/commands.js";

/**
 * Options both commands share, in the order Discord shows them (required first). Names are a contract; their
 * descriptions and translations are in the catalogs (src/i18n/catalogs, `cmd.option`).
 */
export const sharedOptions = [
  {
    type: ApplicationCommandOptionType.String,
    ...named("prompt", "cmd.option.prompt"),
    required: true,
    max_length: REQUEST_LIMITS.maxPromptChars,
  },
  { type: ApplicationCommandOptionType.Attachment, ...named("video", "cmd.option.video") },
  { type: ApplicationCommandOptionType.String, ...named("video_url", "cmd.option.video_url"), max_length: 2000 },
  ...([1, 2, 3, 4] as const).map((n) => ({
    type: ApplicationCommandOptionType.Attachment as const,
    ...named(`element${n}`, "cmd.option.element", { n }),
  })),
  ...([1, 2, 3, 4] as const).map((n) => ({
    type: ApplicationCommandOptionType.Attachment as const,
    ...named(`element${n}_ref`, "cmd.option.element_ref", { n }),
  })),
  ...([1, 2, 3, 4] as const).map((n) => ({
    type: ApplicationCommandOptionType.Attachment as const,
    ...named(`image${n}`, "cmd.option.image", { n }),
  })),
  {
    type: ApplicationCommandOptionType.String,
    ...named("elements", "cmd.option.elements"),
    max_length: 300,
    autocomplete: true,
  },
  { type: ApplicationCommandOptionType.Boolean, ...named("keep_audio", "cmd.option.keep_audio") },
  {
    type: ApplicationCommandOptionType.String,
    ...named("quality", "cmd.option.quality"),
    choices: QUALITIES.map((quality) => ({ ...choiceName(TIERS[quality].choice), value: quality })),
  },
] as const;

/** Autocomplete of `elements`: the member's own saved elements and the server's, completing the last name typed. */
export async function suggestElements(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void> {
  const focused = interaction.options.getFocused(true);
  if (focused.name !== "elements" || !interaction.guildId) return interaction.respond([]);
  const visible = await ctx.elements.list(interaction.guildId, interaction.user.id);
  await interaction.respond(elementChoices(visible, interaction.user.id, String(focused.value), interaction.locale));
}
