import { describe, expect, it } from "vitest";
import { IMAGE_LIMITS, VIDEO_LIMITS } from "../../src/media/limits.js";
import { checkImageFacts, checkVideoFacts, violationFromMediaError } from "../../src/media/rules.js";
import type { ImageFacts, VideoFacts } from "../../src/media/types.js";
import { MediaError } from "../../src/media/types.js";

const video = (over: Partial<VideoFacts> = {}): VideoFacts => ({
  kind: "video",
  container: "mp4",
  durationSec: 5,
  width: 1280,
  height: 720,
  fps: 30,
  videoCodec: "avc1",
  hasAudio: true,
  bytes: 5_000_000,
  ...over,
});
const image = (over: Partial<ImageFacts> = {}): ImageFacts => ({
  kind: "image",
  format: "png",
  width: 800,
  height: 600,
  bytes: 100_000,
  ...over,
});
const ids = (v: { rule: string }[]) => v.map((x) => x.rule);

describe("checkVideoFacts", () => {
  it("accepts the boundaries: 3.0 s, 10.05 s (fal's tolerance), 720 and 2160 px, 24 and 60 fps, 200 MB", () => {
    expect(checkVideoFacts(video({ durationSec: VIDEO_LIMITS.minDurationSec }))).toEqual([]);
    expect(checkVideoFacts(video({ durationSec: VIDEO_LIMITS.maxDurationToleranceSec }))).toEqual([]);
    expect(checkVideoFacts(video({ width: 720, height: 2160 }))).toEqual([]);
    expect(checkVideoFacts(video({ fps: 24 }))).toEqual([]);
    expect(checkVideoFacts(video({ fps: 60 }))).toEqual([]);
    expect(checkVideoFacts(video({ fps: 23.976 }))).toEqual([]);
    expect(checkVideoFacts(video({ bytes: VIDEO_LIMITS.maxBytes }))).toEqual([]);
  });

  it("refuses just outside, with the measured value and the fix", () => {
    expect(checkVideoFacts(video({ durationSec: 2.96 }))).toMatchObject([
      { rule: "video-duration", message: "video is 2.96 s; Kling accepts 3–10 s: use a longer clip" },
    ]);
    expect(checkVideoFacts(video({ durationSec: 12.4 }))).toMatchObject([
      { rule: "video-duration", message: "video is 12.4 s; Kling accepts 3–10 s: trim it" },
    ]);
    expect(checkVideoFacts(video({ durationSec: 10.06 }))[0]?.message).toBe(
      "video is 10.1 s; Kling accepts 3–10 s: trim it",
    );
    expect(ids(checkVideoFacts(video({ width: 719 })))).toEqual(["video-resolution"]);
    expect(ids(checkVideoFacts(video({ height: 2161 })))).toEqual(["video-resolution"]);
    expect(ids(checkVideoFacts(video({ fps: 23.5 })))).toEqual(["video-fps"]);
    expect(ids(checkVideoFacts(video({ fps: 120 })))).toEqual(["video-fps"]);
    expect(ids(checkVideoFacts(video({ fps: 0 })))).toEqual(["video-fps"]);
    expect(checkVideoFacts(video({ bytes: 250_000_000 }))).toMatchObject([
      {
        rule: "video-size",
        message: "video is 250 MB; Kling accepts at most 200 MB: trim it or export it at a lower bitrate",
      },
    ]);
  });

  it("reports every broken rule at once", () => {
    expect(ids(checkVideoFacts(video({ durationSec: 20, width: 640, height: 360, fps: 15, bytes: 300e6 })))).toEqual([
      "video-duration",
      "video-resolution",
      "video-fps",
      "video-size",
    ]);
  });
});

describe("checkImageFacts", () => {
  it("accepts the boundaries", () => {
    expect(checkImageFacts(image({ width: IMAGE_LIMITS.minSidePx, height: 750 }), "Image 1")).toEqual([]);
    expect(checkImageFacts(image({ bytes: IMAGE_LIMITS.maxBytes }), "Image 1")).toEqual([]);
  });

  it("refuses small, extreme shapes and large files, naming the image", () => {
    expect(ids(checkImageFacts(image({ width: 299 }), "x"))).toEqual(["image-resolution"]);
    expect(checkImageFacts(image({ width: 400, height: 1200 }), "Element 1's front image")).toMatchObject([
      {
        rule: "image-aspect",
        message: "Element 1's front image is 400×1200 px (1:3); Kling accepts shapes from 1:2.5 to 2.5:1: crop it",
      },
    ]);
    expect(checkImageFacts(image({ bytes: 12_300_000 }), "Image 2")).toMatchObject([
      { rule: "image-size", message: "Image 2 is 12 MB; Kling accepts at most 10 MB: save it as JPG or scale it down" },
    ]);
  });
});

describe("violationFromMediaError", () => {
  it("maps error codes to stable rule ids", () => {
    expect(violationFromMediaError(new MediaError("unsupported-format", "this is a WebM file"), "video")).toEqual({
      rule: "video-container",
      message: "this is a WebM file",
    });
    expect(violationFromMediaError(new MediaError("unsupported-format", "GIF"), "image", "Image 1").rule).toBe(
      "image-format",
    );
    expect(violationFromMediaError(new MediaError("blocked-address", "x"), "video").rule).toBe("video-fetch");
    expect(violationFromMediaError(new MediaError("truncated", "x"), "video").rule).toBe("video-unreadable");
    expect(violationFromMediaError(new MediaError("too-large", "x"), "image").rule).toBe("image-size");
  });
});
