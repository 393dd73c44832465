import { inertUserText } from "../inert-text.js";
import type { VideoFacts } from "../media/types.js";
import { endpointOf, modelOf, type FalKlingInput } from "../models/models.js";
import type { KlingRequest } from "./kling-request.js";

/** A checked request in fal's terms, as its model builds it. */
export function toFalInput(request: KlingRequest): FalKlingInput {
  if (!request.video) throw new Error("toFalInput needs a checked request with a video");
  return modelOf(request).toFalInput({ ...request, video: request.video });
}

/** The fal endpoint of the request's model at its quality. */
export const endpointFor = (request: KlingRequest): string => endpointOf(request);

/** Seconds of video fal bills for: what the model's options fix, else the input clip's length. */
export function outputSeconds(request: KlingRequest, video: VideoFacts | undefined): number {
  const chosen = modelOf(request).chosenOutputSec(request);
  if (chosen !== undefined) return chosen;
  return video ? Math.round(video.durationSec * 10) / 10 : 5;
}

export function inputsSummary(request: KlingRequest, video: VideoFacts | undefined): string {
  const parts: string[] = [];
  parts.push(video ? `video ${video.width}×${video.height} · ${video.durationSec.toFixed(1)} s` : "video");
  const elements = request.elements.filter((e) => e.frontal).length;
  const refs = request.elements.reduce((n, e) => n + e.references.length, 0);
  if (elements) parts.push(`${elements} element${elements === 1 ? "" : "s"}${refs ? ` (+${refs} ref)` : ""}`);
  const saved = request.elements
    .filter((e) => e.saved)
    .map((e) => `@${inertUserText(e.saved!.name, 40)} → @Element${e.slot}`);
  if (saved.length) parts.push(`saved: ${saved.join(", ")}`);
  if (request.images.length) parts.push(`${request.images.length} image${request.images.length === 1 ? "" : "s"}`);
  const options = modelOf(request).describeOptions(request);
  if (options) parts.push(options);
  parts.push(request.keepAudio ? "audio kept" : "audio dropped");
  return parts.join(" · ");
}
