import { inspectImage, inspectVideo } from "../media/inspect.js";
import { checkImageFacts, checkVideoFacts } from "../media/rules.js";
import type { RangeSource } from "../media/types.js";
import type { MediaProber, MediaRules } from "./inspect-inputs.js";

export interface RangeOpener {
  openRange(url: string, options?: { byteBudget?: number }): Promise<RangeSource>;
}

/** Inspects request inputs by range reads through the guarded fetcher (the same path `npm run check` uses). */
export function createMediaProber(fetcher: RangeOpener): MediaProber {
  return {
    probeVideo: async (input) => inspectVideo(await fetcher.openRange(input.url)),
    probeImage: async (input) => inspectImage(await fetcher.openRange(input.url)),
  };
}

export const mediaRules: MediaRules = {
  checkVideo: (facts, input) =>
    checkVideoFacts(facts).map((v) => ({ ...v, message: input.option === "video" ? v.message : `\`${input.option}\`: ${v.message}` })),
  checkImage: (facts, input) => checkImageFacts(facts, `\`${input.option}\``),
};
