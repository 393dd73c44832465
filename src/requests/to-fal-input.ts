import type { FalKlingInput } from "../fal/endpoints.js";
import { FAL_ENDPOINTS } from "../fal/endpoints.js";
import type { VideoFacts } from "../media/types.js";
import type { KlingRequest } from "./kling-request.js";

/** A checked request in fal's terms: elementN → elements[N-1], imageN → image_urls, the video → video_url. */
export function toFalInput(request: KlingRequest): FalKlingInput {
  if (!request.video) throw new Error("toFalInput needs a checked request with a video");
  const elements = request.elements
    .filter((e) => e.frontal)
    .map((e) => ({
      frontal_image_url: e.frontal!.url,
      ...(e.references.length ? { reference_image_urls: e.references.map((r) => r.url) } : {}),
    }));
  return {
    prompt: request.prompt,
    video_url: request.video.url,
    ...(request.images.length ? { image_urls: request.images.map((i) => i.url) } : {}),
    ...(elements.length ? { elements } : {}),
    keep_audio: request.keepAudio,
    shot_type: "customize",
    ...(request.kind === "reference" && request.aspectRatio ? { aspect_ratio: request.aspectRatio } : {}),
    ...(request.kind === "reference" && request.durationSec !== undefined ? { duration: String(request.durationSec) } : {}),
  };
}

export const endpointFor = (request: KlingRequest) => FAL_ENDPOINTS[request.kind];

/** Seconds of video fal bills for: an edit keeps the input's length; a reference clip has the chosen length. */
export function outputSeconds(request: KlingRequest, video: VideoFacts | undefined): number {
  if (request.kind === "reference" && request.durationSec !== undefined) return request.durationSec;
  return video ? Math.round(video.durationSec * 10) / 10 : 5;
}

export function inputsSummary(request: KlingRequest, video: VideoFacts | undefined): string {
  const parts: string[] = [];
  parts.push(video ? `video ${video.width}×${video.height} · ${video.durationSec.toFixed(1)} s` : "video");
  const elements = request.elements.filter((e) => e.frontal).length;
  const refs = request.elements.reduce((n, e) => n + e.references.length, 0);
  if (elements) parts.push(`${elements} element${elements === 1 ? "" : "s"}${refs ? ` (+${refs} ref)` : ""}`);
  if (request.images.length) parts.push(`${request.images.length} image${request.images.length === 1 ? "" : "s"}`);
  if (request.kind === "reference") {
    parts.push(`${request.aspectRatio ?? "auto"} · ${request.durationSec !== undefined ? `${request.durationSec} s` : "default length"}`);
  }
  parts.push(request.keepAudio ? "audio kept" : "audio dropped");
  return parts.join(" · ");
}
