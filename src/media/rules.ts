/**
 * Per-file rules: pure functions from facts to member-facing violations. Every number comes from limits.ts.
 * Rule ids are stable (other code and the CLI's JSON output key on them).
 */
import { IMAGE_LIMITS, VIDEO_LIMITS } from "./limits.js";
import type { ImageFacts, MediaError, VideoFacts, Violation } from "./types.js";
import { formatMegabytes } from "../text.js";

export const RULES = {
  videoDuration: "video-duration",
  videoResolution: "video-resolution",
  videoFps: "video-fps",
  videoSize: "video-size",
  videoContainer: "video-container",
  videoUnreadable: "video-unreadable",
  videoFetch: "video-fetch",
  imageFormat: "image-format",
  imageResolution: "image-resolution",
  imageAspect: "image-aspect",
  imageSize: "image-size",
  imageUnreadable: "image-unreadable",
  imageFetch: "image-fetch",
  /** inputs of unknown kind (the CLI) */
  mediaFormat: "media-format",
  mediaUnreadable: "media-unreadable",
  mediaFetch: "media-fetch",
  mediaSize: "media-size",
  /** every parser thread busy and the queue full (any kind of input) */
  mediaBusy: "media-busy",
  /** the request's whole inspection ran past INSPECT_LIMITS.requestDeadlineMs */
  inspectionDeadline: "inspection-deadline",
} as const;

const V = VIDEO_LIMITS;
const I = IMAGE_LIMITS;

/** Seconds with one decimal, or two when one would make a refused value look like the limit ("3.0 s"). */
function seconds(value: number, ...limits: number[]): string {
  const one = value.toFixed(1);
  return limits.some((l) => Number(one) === l) ? value.toFixed(2) : one;
}

function fps(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}

export function checkVideoFacts(facts: VideoFacts): Violation[] {
  const out: Violation[] = [];
  const range = `${V.minDurationSec}–${V.maxDurationSec} s`;
  if (facts.durationSec < V.minDurationSec) {
    out.push({
      rule: RULES.videoDuration,
      message: `video is ${seconds(facts.durationSec, V.minDurationSec)} s; Kling accepts ${range}: use a longer clip`,
      key: "videoTooShort",
      vars: { seconds: seconds(facts.durationSec, V.minDurationSec), range },
    });
  } else if (facts.durationSec > V.maxDurationToleranceSec) {
    out.push({
      rule: RULES.videoDuration,
      message: `video is ${seconds(facts.durationSec, V.maxDurationSec)} s; Kling accepts ${range}: trim it`,
      key: "videoTooLong",
      vars: { seconds: seconds(facts.durationSec, V.maxDurationSec), range },
    });
  }

  const sides = [facts.width, facts.height];
  if (sides.some((s) => s < V.minSidePx)) {
    out.push({
      rule: RULES.videoResolution,
      message:
        `video is ${facts.width}×${facts.height} px; Kling needs each side between ${V.minSidePx} ` +
        `and ${V.maxSidePx} px: export it at 720p or higher`,
      key: "videoTooSmall",
      vars: { width: facts.width, height: facts.height, min: V.minSidePx, max: V.maxSidePx },
    });
  } else if (sides.some((s) => s > V.maxSidePx)) {
    out.push({
      rule: RULES.videoResolution,
      message:
        `video is ${facts.width}×${facts.height} px; Kling needs each side between ${V.minSidePx} ` +
        `and ${V.maxSidePx} px: export it at 1080p`,
      key: "videoTooLarge",
      vars: { width: facts.width, height: facts.height, min: V.minSidePx, max: V.maxSidePx },
    });
  }

  if (!(facts.fps > 0)) {
    out.push({
      rule: RULES.videoFps,
      message: `the video's frame rate could not be measured (no frames found); Kling accepts ${V.minFps}–${V.maxFps} fps: export it again`,
      key: "fpsUnknown",
      vars: { min: V.minFps, max: V.maxFps },
    });
  } else if (facts.fps < V.minFps - V.fpsTolerance) {
    out.push({
      rule: RULES.videoFps,
      message: `video is ${fps(facts.fps)} fps; Kling accepts ${V.minFps}–${V.maxFps} fps: export it at ${V.minFps} or 30 fps`,
      key: "fpsLow",
      vars: { fps: fps(facts.fps), min: V.minFps, max: V.maxFps },
    });
  } else if (facts.fps > V.maxFps + V.fpsTolerance) {
    out.push({
      rule: RULES.videoFps,
      message: `video is ${fps(facts.fps)} fps; Kling accepts ${V.minFps}–${V.maxFps} fps: export it at 30 or ${V.maxFps} fps`,
      key: "fpsHigh",
      vars: { fps: fps(facts.fps), min: V.minFps, max: V.maxFps },
    });
  }

  if (facts.bytes > V.maxBytes) {
    out.push({
      rule: RULES.videoSize,
      message:
        `video is ${formatMegabytes(facts.bytes)}; Kling accepts at most ${formatMegabytes(V.maxBytes)}: ` +
        `trim it or export it at a lower bitrate`,
      key: "videoBytes",
      vars: { size: formatMegabytes(facts.bytes), max: formatMegabytes(V.maxBytes) },
    });
  }

  if (!(V.containers as readonly string[]).includes(facts.container)) {
    out.push({
      rule: RULES.videoContainer,
      message:
        `video is a ${String(facts.container).toUpperCase()} file; Kling accepts ` +
        `${V.containers.join("/").toUpperCase()}: re-export it as MP4 (H.264)`,
      key: "videoContainer",
      vars: { container: String(facts.container).toUpperCase(), accepted: V.containers.join("/").toUpperCase() },
    });
  }
  return out;
}

/**
 * `label` names the image for the member, e.g. "`image2`"; `option` is its option's name, for the member's language
 * (the label's text when not given).
 */
export function checkImageFacts(facts: ImageFacts, label: string, option = label): Violation[] {
  const out: Violation[] = [];
  if (!(I.formats as readonly string[]).includes(facts.format)) {
    out.push({
      rule: RULES.imageFormat,
      message:
        `${label} is a ${String(facts.format).toUpperCase()} image; Kling takes ` +
        `${I.formats.join(", ").toUpperCase()}: convert it to PNG or JPG`,
      key: "imageFormat",
      vars: { opt: option, format: String(facts.format).toUpperCase(), accepted: I.formats.join(", ").toUpperCase() },
    });
  }
  const short = Math.min(facts.width, facts.height);
  const long = Math.max(facts.width, facts.height);
  if (short < I.minSidePx) {
    out.push({
      rule: RULES.imageResolution,
      message: `${label} is ${facts.width}×${facts.height} px; Kling needs at least ${I.minSidePx} px on each side: use a larger image`,
      key: "imageSmall",
      vars: { opt: option, width: facts.width, height: facts.height, min: I.minSidePx },
    });
  }
  if (short > 0 && long / short > I.maxAspectRatio) {
    const ratio = (long / short).toFixed(1).replace(/\.0$/, "");
    const shape = facts.width >= facts.height ? `${ratio}:1` : `1:${ratio}`;
    out.push({
      rule: RULES.imageAspect,
      message:
        `${label} is ${facts.width}×${facts.height} px (${shape}); Kling accepts shapes from ` +
        `1:${I.maxAspectRatio} to ${I.maxAspectRatio}:1: crop it`,
      key: "imageAspect",
      vars: { opt: option, width: facts.width, height: facts.height, shape, max: I.maxAspectRatio },
    });
  }
  if (facts.bytes > I.maxBytes) {
    out.push({
      rule: RULES.imageSize,
      message:
        `${label} is ${formatMegabytes(facts.bytes)}; Kling accepts at most ${formatMegabytes(I.maxBytes)}: ` +
        `save it as JPG or scale it down`,
      key: "imageBytes",
      vars: { opt: option, size: formatMegabytes(facts.bytes), max: formatMegabytes(I.maxBytes) },
    });
  }
  return out;
}

/** A file that could not be inspected, as a violation (the MediaError's message is already member-facing). */
export function violationFromMediaError(
  err: MediaError,
  kind: "video" | "image" | "media",
  label?: string,
  /** the option it came in, for the member's language: its detail stays English inside a translated sentence */
  option?: string,
): Violation {
  if (err.code === "busy") return { rule: RULES.mediaBusy, message: err.message, key: "checks.busy" };
  const ids = {
    video: [RULES.videoContainer, RULES.videoFetch, RULES.videoSize, RULES.videoUnreadable],
    image: [RULES.imageFormat, RULES.imageFetch, RULES.imageSize, RULES.imageUnreadable],
    media: [RULES.mediaFormat, RULES.mediaFetch, RULES.mediaSize, RULES.mediaUnreadable],
  }[kind];
  const index =
    err.code === "unsupported-format"
      ? 0
      : err.code === "fetch-failed" || err.code === "blocked-address" || err.code === "timeout"
        ? 1
        : err.code === "too-large"
          ? 2
          : 3;
  const key = (["checks.readFormat", "checks.readFetch", "checks.readSize", "checks.readUnreadable"] as const)[index];
  return {
    rule: ids[index] as string,
    message: label ? `${label}: ${err.message}` : err.message,
    ...(option ? { key, vars: { opt: option, detail: err.message } } : {}),
  };
}
