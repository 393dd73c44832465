import type { GuildSettings } from "../guild/settings.js";
import { IMAGE_LIMITS, REQUEST_LIMITS, VIDEO_LIMITS } from "../media/limits.js";
import { costMicros, formatRate, formatUsd, secToMs } from "../money.js";
import { MODELS } from "../models/models.js";
import { QUALITIES, TIERS } from "../models/model.js";
import type { UserUsage } from "../quota/ledger.js";
import { renderUserUsage } from "../quota/usage.js";
import { formatMegabytes } from "../text.js";
import { sayIn } from "../i18n/index.js";
import { optionName } from "../i18n/commands.js";

/**
 * An example prompt per command: how a prompt names the clip, elements and images. Kept in English in every
 * language: it is what a member would send Kling, not a message to them.
 */
const EXAMPLES: Readonly<Record<keyof typeof MODELS, string>> = {
  edit: "make @Video1 look like a rainy night in Tokyo, and give the dancer the jacket from @Image1",
  reference: "@Element1 walks through the city of @Video1 at sunset, in the style of @Image1",
};

/** The clip lengths the cost line prices: the shortest, a middle one and the longest the commands take. */
const PRICED_SECONDS = [VIDEO_LIMITS.minDurationSec, 5, VIDEO_LIMITS.maxDurationSec] as const;

/**
 * /kling-help (pure), in the member's language (`locale`): what each command does with an example, how a prompt
 * names its inputs (option names as the member's command list shows them), the limits (the same constants the
 * checks use), what a job costs on this server, and the member's own allowance today.
 */
export function renderHelp(settings: GuildSettings, usage: UserUsage, now: number, locale?: string | null): string {
  const say = sayIn(locale);
  const option = (name: string) => optionName(locale, name);
  const commands = Object.entries(MODELS).map(([kind, model]) =>
    say("help.command", {
      command: say(`cmd.${model.command}.name`),
      description: say(`cmd.${model.command}.description`),
      example: EXAMPLES[kind as keyof typeof MODELS],
    }),
  );
  const tiers = QUALITIES.filter((quality) => !TIERS[quality].gate || TIERS[quality].gate.enabledOn(settings));
  const prices = tiers.map((quality) => {
    const rate = TIERS[quality].pricePerSecondMicros(settings);
    const examples = PRICED_SECONDS.map((seconds) =>
      say("help.priceExample", { seconds, cost: formatUsd(costMicros(secToMs(seconds), rate)) }),
    );
    return say("help.price", {
      tier: say(`help.tier.${quality}`),
      rate: formatRate(rate),
      examples: examples.join(say("list.comma")),
    });
  });
  return [
    say("help.title"),
    ...commands,
    say("help.editWithKling", { maxImages: REQUEST_LIMITS.maxImages }),
    say("help.naming", {
      element1: option("element1"),
      element4: option("element4"),
      element1Ref: option("element1_ref"),
      image1: option("image1"),
      image4: option("image4"),
    }),
    say("help.saved", { maxViews: REQUEST_LIMITS.maxReferenceImagesPerElement, elements: option("elements") }),
    say("help.limits", {
      minSec: VIDEO_LIMITS.minDurationSec,
      maxSec: VIDEO_LIMITS.maxDurationSec,
      minPx: VIDEO_LIMITS.minSidePx,
      maxPx: VIDEO_LIMITS.maxSidePx,
      minFps: VIDEO_LIMITS.minFps,
      maxFps: VIDEO_LIMITS.maxFps,
      videoMb: formatMegabytes(VIDEO_LIMITS.maxBytes),
      videoUrl: option("video_url"),
      imagePx: IMAGE_LIMITS.minSidePx,
      imageMb: formatMegabytes(IMAGE_LIMITS.maxBytes),
      maxInputs: REQUEST_LIMITS.maxElementsPlusImages,
      maxChars: REQUEST_LIMITS.maxPromptChars,
    }),
    `${say("help.costs")}\n${prices.join("\n")}`,
    renderUserUsage(usage, settings, now, say),
  ].join("\n");
}
