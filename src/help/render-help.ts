import type { GuildSettings } from "../guild/settings.js";
import { IMAGE_LIMITS, REQUEST_LIMITS, VIDEO_LIMITS } from "../media/limits.js";
import { costMicros, formatRate, formatUsd, secToMs } from "../money.js";
import { MODELS } from "../models/models.js";
import { QUALITIES, TIERS } from "../models/model.js";
import type { UserUsage } from "../quota/ledger.js";
import { renderUserUsage } from "../quota/usage.js";
import { formatMegabytes } from "../text.js";

/** An example prompt per command: how a prompt names the clip, elements and images. */
const EXAMPLES: Readonly<Record<keyof typeof MODELS, string>> = {
  edit: "make @Video1 look like a rainy night in Tokyo, and give the dancer the jacket from @Image1",
  reference: "@Element1 walks through the city of @Video1 at sunset, in the style of @Image1",
};

/** The clip lengths the cost line prices: the shortest, a middle one and the longest the commands take. */
const PRICED_SECONDS = [VIDEO_LIMITS.minDurationSec, 5, VIDEO_LIMITS.maxDurationSec] as const;

/**
 * /kling-help (pure): what each command does with an example, how a prompt names its inputs, the limits (the same
 * constants the checks use), what a job costs on this server, and the member's own allowance today.
 */
export function renderHelp(settings: GuildSettings, usage: UserUsage, now: number): string {
  const commands = Object.entries(MODELS).map(
    ([kind, model]) =>
      `**/${model.command}** — ${model.description}.\n> e.g. \`${EXAMPLES[kind as keyof typeof MODELS]}\``,
  );
  const tiers = QUALITIES.filter((quality) => !TIERS[quality].gate || TIERS[quality].gate.enabledOn(settings));
  const prices = tiers.map((quality) => {
    const rate = TIERS[quality].pricePerSecondMicros(settings);
    const examples = PRICED_SECONDS.map((sec) => `${sec} s ≈ ${formatUsd(costMicros(secToMs(sec), rate))}`);
    return `${quality === "standard" ? "Standard" : "Pro"}: ${formatRate(rate)} of output (${examples.join(", ")})`;
  });
  return [
    "**Kling on this server**",
    ...commands,
    `**Edit with Kling** (a message's Apps menu) — edit the video of any message: a form asks for the prompt and up ` +
      `to ${REQUEST_LIMITS.maxImages} images; the result comes in a thread on that message.`,
    "**Naming inputs in a prompt**: the clip is `@Video1`; `element1`…`element4` (a front image, plus `element1_ref`… " +
      "for another view) are `@Element1`…`@Element4`; `image1`…`image4` (style or look) are `@Image1`…`@Image4`.",
    "**Saved characters**: `/kling-element save` one once (a front image and up to " +
      `${REQUEST_LIMITS.maxReferenceImagesPerElement} more views), then give its name in \`elements\` and write ` +
      "`@name` in the prompt; `/kling-element list` shows yours and the server's.",
    "**Limits**: " +
      `video .mp4 or .mov, ${VIDEO_LIMITS.minDurationSec}–${VIDEO_LIMITS.maxDurationSec} s, ` +
      `${VIDEO_LIMITS.minSidePx}–${VIDEO_LIMITS.maxSidePx} px a side, ${VIDEO_LIMITS.minFps}–${VIDEO_LIMITS.maxFps} fps, ` +
      `up to ${formatMegabytes(VIDEO_LIMITS.maxBytes)} (bigger: use \`video_url\`); images jpg/png/webp, ` +
      `≥ ${IMAGE_LIMITS.minSidePx} px a side, up to ${formatMegabytes(IMAGE_LIMITS.maxBytes)}; ` +
      `at most ${REQUEST_LIMITS.maxElementsPlusImages} elements and images together; ` +
      `prompt up to ${REQUEST_LIMITS.maxPromptChars} characters.`,
    `**What a job costs here** (estimates, charged by seconds of output):\n${prices.map((p) => `- ${p}`).join("\n")}`,
    renderUserUsage(usage, settings, now),
  ].join("\n");
}
