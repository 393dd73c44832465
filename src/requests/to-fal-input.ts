import { message, render, type Text } from "../i18n/index.js";
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

/** The progress message's Inputs line, part by part, in any language (the job keeps them: src/job.ts `inputs`). */
export function inputParts(request: KlingRequest, video: VideoFacts | undefined): Text[] {
  const parts: Text[] = [];
  parts.push(
    video
      ? message("inputs.video", { width: video.width, height: video.height, seconds: video.durationSec.toFixed(1) })
      : message("inputs.videoUnmeasured"),
  );
  const elements = request.elements.filter((e) => e.frontal).length;
  const refs = request.elements.reduce((n, e) => n + e.references.length, 0);
  const refsPart = refs ? message("inputs.refs", { count: refs }) : "";
  if (elements)
    parts.push(
      elements === 1
        ? message("inputs.elementOne", { refs: refsPart })
        : message("inputs.elementMany", { count: elements, refs: refsPart }),
    );
  const saved = request.elements
    .filter((e) => e.saved)
    .map((e) => `@${inertUserText(e.saved!.name, 40)} → @Element${e.slot}`);
  if (saved.length) parts.push(message("inputs.saved", { list: saved.join(", ") }));
  const images = request.images.length;
  if (images) parts.push(images === 1 ? message("inputs.imageOne") : message("inputs.imageMany", { count: images }));
  parts.push(...modelOf(request).describeOptions(request));
  parts.push(message(request.keepAudio ? "inputs.audioKept" : "inputs.audioDropped"));
  return parts;
}

/** The Inputs line in a reader's language: its parts joined with " · ". */
export const renderInputs = (locale: string | null | undefined, parts: readonly Text[]): string =>
  parts.map((part) => render(locale, part)).join(" · ");

/** The Inputs line in English: "video 1280×720 · 5.0 s · 2 elements · 1 image · audio kept". */
export const inputsSummary = (request: KlingRequest, video: VideoFacts | undefined): string =>
  renderInputs("en", inputParts(request, video));
