import { ApplicationCommandOptionType, type AutocompleteInteraction } from "discord.js";
import type { BotContext } from "../src/bot-context.js";
import { elementChoices } from "../src/elements/element-choices.js";
import { REQUEST_LIMITS } from "../src/media/limits.js";
import { QUALITIES, TIERS } from "../src/models/model.js";

/** Options both commands share, in the order Discord shows them (required first). Names are a contract. */
export const sharedOptions = [
  {
    type: ApplicationCommandOptionType.String,
    name: "prompt",
    description: "What to make. Refer to inputs as @Video1, @Element1…@Element4, @Image1…@Image4",
    required: true,
    max_length: REQUEST_LIMITS.maxPromptChars,
  },
  {
    type: ApplicationCommandOptionType.Attachment,
    name: "video",
    description: "The source clip (@Video1): .mp4 or .mov, 3–10 s, 720–2160 px per side",
  },
  {
    type: ApplicationCommandOptionType.String,
    name: "video_url",
    description: "Or a https link to the clip, for files over your Discord upload limit",
    max_length: 2000,
  },
  ...([1, 2, 3, 4] as const).map((n) => ({
    type: ApplicationCommandOptionType.Attachment as const,
    name: `element${n}` as const,
    description: `Frontal image of a character or object (@Element${n}): jpg, png or webp`,
  })),
  ...([1, 2, 3, 4] as const).map((n) => ({
    type: ApplicationCommandOptionType.Attachment as const,
    name: `element${n}_ref` as const,
    description: `Another view of element ${n} (needs element${n})`,
  })),
  ...([1, 2, 3, 4] as const).map((n) => ({
    type: ApplicationCommandOptionType.Attachment as const,
    name: `image${n}` as const,
    description: `Style or appearance reference (@Image${n}): jpg, png or webp`,
  })),
  {
    type: ApplicationCommandOptionType.String,
    name: "elements",
    description: "Saved elements by name, comma-separated (/kling-element); write @name in the prompt",
    max_length: 300,
    autocomplete: true,
  },
  {
    type: ApplicationCommandOptionType.Boolean,
    name: "keep_audio",
    description: "Keep the source clip's audio (default: yes)",
  },
  {
    type: ApplicationCommandOptionType.String,
    name: "quality",
    description: "Standard (default), or Pro where this server has turned it on (priced higher)",
    choices: QUALITIES.map((quality) => ({ name: TIERS[quality].choice, value: quality })),
  },
] as const;

/** Autocomplete of `elements`: the member's own saved elements and the server's, completing the last name typed. */
export async function suggestElements(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void> {
  const focused = interaction.options.getFocused(true);
  if (focused.name !== "elements" || !interaction.guildId) return interaction.respond([]);
  const visible = await ctx.elements.list(interaction.guildId, interaction.user.id);
  await interaction.respond(elementChoices(visible, interaction.user.id, String(focused.value)));
}
