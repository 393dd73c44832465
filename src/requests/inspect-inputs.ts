import { INSPECT_LIMITS } from "../media/limits.js";
import { RULES, violationFromMediaError } from "../media/rules.js";
import { MediaError, type ImageFacts, type MediaFacts, type VideoFacts, type Violation } from "../media/types.js";
import { mediaInputs, type KlingRequest, type MediaInput } from "./kling-request.js";

/** Reads a file's real facts from its bytes (range reads through the guarded fetcher); stops when `signal` aborts. */
export interface MediaProber {
  probeVideo(input: MediaInput, signal?: AbortSignal): Promise<VideoFacts>;
  probeImage(input: MediaInput, signal?: AbortSignal): Promise<ImageFacts>;
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

export function deadlineMessage(deadlineMs: number): string {
  return (
    `reading your files took longer than ${Math.round(deadlineMs / 1000)} s, the most the bot ` +
    `spends checking one request (a link may be very slow): upload the files to Discord instead, or try again later`
  );
}

/**
 * Inspects every file of the request in parallel and applies the per-file rules. Never throws for bad media.
 * The whole inspection — every input, every range read, every parse — has one deadline; past it every read and
 * parse is stopped and the request is refused with one violation (the caller releases the reservation).
 */
export async function inspectInputs(
  request: KlingRequest,
  prober: MediaProber,
  rules: MediaRules,
  deadlineMs: number = INSPECT_LIMITS.requestDeadlineMs,
): Promise<InspectedInputs> {
  // a saved element's images were inspected when it was saved (its bytes cannot change since)
  const inputs = mediaInputs(request).filter((input) => input.source !== "saved");
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  // the deadline holds even for a read that ignores its signal
  const expired = new Promise<"expired">((resolve) => {
    timer = setTimeout(() => {
      controller.abort(new MediaError("timeout", deadlineMessage(deadlineMs)));
      resolve("expired");
    }, deadlineMs);
  });
  try {
    const inspected = Promise.all(
      inputs.map(async (input): Promise<{ facts?: MediaFacts; violations: Violation[] }> => {
        try {
          if (input.role === "video") {
            const video = await prober.probeVideo(input, controller.signal);
            return { facts: video, violations: rules.checkVideo(video, input) };
          }
          const image = await prober.probeImage(input, controller.signal);
          return { facts: image, violations: rules.checkImage(image, input) };
        } catch (error) {
          if (!(error instanceof MediaError)) throw error;
          return {
            violations: [
              violationFromMediaError(error, input.role === "video" ? "video" : "image", label(input), input.option),
            ],
          };
        }
      }),
    );
    const results = await Promise.race([inspected, expired]);
    if (results === "expired" || controller.signal.aborted) {
      inspected.catch(() => undefined);
      return {
        facts: new Map(),
        violations: [
          {
            rule: RULES.inspectionDeadline,
            message: deadlineMessage(deadlineMs),
            key: "checks.deadline",
            vars: { seconds: Math.round(deadlineMs / 1000) },
          },
        ],
      };
    }
    const facts = new Map<string, MediaFacts>();
    results.forEach((result, i) => result.facts && facts.set(inputs[i]!.option, result.facts));
    return { facts, violations: results.flatMap((r) => r.violations) };
  } finally {
    clearTimeout(timer);
  }
}
