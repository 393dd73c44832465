import { violationFromMediaError } from "../media/rules.js";
import { MediaError, type ImageFacts, type MediaFacts, type VideoFacts, type Violation } from "../media/types.js";
import { mediaInputs, type KlingRequest, type MediaInput } from "./kling-request.js";

/** Reads a file's real facts from its bytes (range reads through the guarded fetcher). */
export interface MediaProber {
  probeVideo(input: MediaInput): Promise<VideoFacts>;
  probeImage(input: MediaInput): Promise<ImageFacts>;
}

export interface MediaRules {
  checkVideo(facts: VideoFacts, input: MediaInput): Violation[];
  checkImage(facts: ImageFacts, input: MediaInput): Violation[];
}

export interface InspectedInputs {
  facts: Map<string, MediaFacts>;
  violations: Violation[];
}

const label = (input: MediaInput) => `\`${input.option}\``;

/** Inspects every file of the request in parallel and applies the per-file rules. Never throws for bad media. */
export async function inspectInputs(request: KlingRequest, prober: MediaProber, rules: MediaRules): Promise<InspectedInputs> {
  const inputs = mediaInputs(request);
  const results = await Promise.all(
    inputs.map(async (input): Promise<{ facts?: MediaFacts; violations: Violation[] }> => {
      try {
        if (input.role === "video") {
          const video = await prober.probeVideo(input);
          return { facts: video, violations: rules.checkVideo(video, input) };
        }
        const image = await prober.probeImage(input);
        return { facts: image, violations: rules.checkImage(image, input) };
      } catch (error) {
        if (!(error instanceof MediaError)) throw error;
        return { violations: [violationFromMediaError(error, input.role === "video" ? "video" : "image", label(input))] };
      }
    }),
  );
  const facts = new Map<string, MediaFacts>();
  results.forEach((result, i) => result.facts && facts.set(inputs[i]!.option, result.facts));
  return { facts, violations: results.flatMap((r) => r.violations) };
}
