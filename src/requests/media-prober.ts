import type { InspectPool } from "../media/inspect-pool.js";
import { checkImageFacts, checkVideoFacts } from "../media/rules.js";
import type { RangeSource } from "../media/types.js";
import type { MediaProber, MediaRules } from "./inspect-inputs.js";

export interface RangeOpener {
  openRange(url: string, options?: { byteBudget?: number; signal?: AbortSignal }): Promise<RangeSource>;
}

/**
 * Inspects request inputs by range reads through the guarded fetcher (on this thread) while the pool parses the
 * bytes in a worker — the same path `npm run check` uses. `signal` (the request's deadline) stops both.
 */
export function createMediaProber(fetcher: RangeOpener, pool: InspectPool): MediaProber {
  return {
    probeVideo: async (input, signal) =>
      pool.inspect("video", await fetcher.openRange(input.url, { signal }), { signal }),
    probeImage: async (input, signal) =>
      pool.inspect("image", await fetcher.openRange(input.url, { signal }), { signal }),
  };
}

export const mediaRules: MediaRules = {
  checkVideo: (facts, input) =>
    checkVideoFacts(facts).map((v) => ({
      ...v,
      message: input.option === "video" ? v.message : `\`${input.option}\`: ${v.message}`,
    })),
  checkImage: (facts, input) => checkImageFacts(facts, `\`${input.option}\``, input.option),
};
