import { describe, expect, it } from "vitest";
import { checkRequestShape, isError } from "../../src/requests/check-shape.js";
import { buildKlingRequest, type AttachmentLike, type CommandInput } from "../../src/requests/kling-request.js";
import { toFalInput } from "../../src/requests/to-fal-input.js";

const file = (name: string, contentType: string | null, extra: Partial<AttachmentLike> = {}): AttachmentLike => ({
  url: `https://cdn.example/attachments/1/2/${name}?ex=1&is=2&hm=secret`,
  name,
  contentType,
  size: 1_000_000,
  width: null,
  height: null,
  ...extra,
});
const clip = file("clip.mp4", "video/mp4", { width: 1280, height: 720 });
const png = (name: string) => file(name, "image/png", { width: 800, height: 800 });

const rules = (input: CommandInput) => checkRequestShape(buildKlingRequest(input)).map((v) => v.rule);
const errors = (input: CommandInput) => checkRequestShape(buildKlingRequest(input)).filter(isError);

describe("checkRequestShape", () => {
  it("accepts a plain edit", () => {
    expect(
      checkRequestShape(buildKlingRequest({ kind: "edit", prompt: "make it rain on @Video1", video: clip })),
    ).toEqual([]);
  });

  it("refuses a request without a video, with the fix", () => {
    const found = errors({ kind: "edit", prompt: "x" });
    expect(found.map((v) => v.rule)).toEqual(["video-missing"]);
    expect(found[0]!.message).toContain("video_url");
  });

  it("refuses non-mp4/mov, oversized and out-of-range videos from their metadata", () => {
    expect(rules({ kind: "edit", prompt: "x", video: file("a.webm", "video/webm") })).toContain("video-container");
    expect(rules({ kind: "edit", prompt: "x", video: file("a.mp4", "video/mp4", { size: 250_000_000 }) })).toContain(
      "video-size",
    );
    const small = errors({ kind: "edit", prompt: "x", video: file("a.mp4", "video/mp4", { width: 640, height: 360 }) });
    expect(small[0]!.message).toMatch(/640×360.*720–2160/);
    expect(
      rules({ kind: "edit", prompt: "x", video: file("a.mp4", "video/mp4", { width: 3840, height: 2160 }) }),
    ).toContain("video-resolution");
  });

  it("refuses images that are not jpg/png/webp or too large", () => {
    const found = rules({
      kind: "edit",
      prompt: "@Image1 @Image2",
      video: clip,
      image1: file("a.gif", "image/gif"),
      image2: file("b.png", "image/png", { size: 11_000_000 }),
    });
    expect(found).toEqual(expect.arrayContaining(["image-format", "image-size"]));
  });

  it("refuses more than 4 elements + images and lists every problem", () => {
    const found = errors({
      kind: "edit",
      prompt: "@Element1 @Element2 @Element3 @Image1 @Image2",
      video: clip,
      element1: png("e1.png"),
      element2: png("e2.png"),
      element3: png("e3.png"),
      image1: png("i1.png"),
      image2: png("i2.png"),
    });
    expect(found.map((v) => v.rule)).toEqual(["too-many-references"]);
    expect(found[0]!.message).toContain("at most 4");
  });

  it("refuses an element reference without its element", () => {
    expect(rules({ kind: "edit", prompt: "x", video: clip, element2_ref: png("r.png") })).toContain(
      "element-ref-without-element",
    );
  });

  it("refuses prompt mentions of inputs that were not given", () => {
    const found = errors({
      kind: "edit",
      prompt: "put @Element3 in @Image2's style",
      video: clip,
      element1: png("e.png"),
      image1: png("i.png"),
    });
    expect(found.map((v) => v.message).join("\n")).toMatch(/@Element3[\s\S]*@Image2/);
  });

  it("warns (does not refuse) when elements are given but none is named", () => {
    const found = checkRequestShape(
      buildKlingRequest({ kind: "edit", prompt: "a cat", video: clip, element1: png("e.png") }),
    );
    expect(found).toEqual([expect.objectContaining({ rule: "prompt-no-element", severity: "warning" })]);
  });

  it("refuses gaps in element slots", () => {
    expect(rules({ kind: "edit", prompt: "@Element2", video: clip, element2: png("e.png") })).toContain("element-gap");
  });

  it("refuses both video and video_url, and non-http links", () => {
    expect(rules({ kind: "edit", prompt: "x", video: clip, video_url: "https://x.example/a.mp4" })).toContain(
      "video-twice",
    );
    expect(rules({ kind: "edit", prompt: "x", video_url: "ftp://x.example/a.mp4" })).toContain("video-url");
    expect(rules({ kind: "edit", prompt: "x", video_url: "not a url" })).toContain("video-url");
  });
});

describe("toFalInput", () => {
  it("maps options to fal's input in option order", () => {
    const request = buildKlingRequest({
      kind: "reference",
      prompt: "@Element1 and @Element2 dance, style of @Image1",
      video: clip,
      element1: png("e1.png"),
      element1_ref: png("e1r.png"),
      element2: png("e2.png"),
      image1: png("i1.png"),
      keep_audio: false,
      aspect_ratio: "9:16",
      duration: 7,
    });
    expect(checkRequestShape(request)).toEqual([]);
    expect(toFalInput(request)).toEqual({
      prompt: "@Element1 and @Element2 dance, style of @Image1",
      video_url: clip.url,
      image_urls: [expect.stringContaining("i1.png")],
      elements: [
        {
          frontal_image_url: expect.stringContaining("e1.png"),
          reference_image_urls: [expect.stringContaining("e1r.png")],
        },
        { frontal_image_url: expect.stringContaining("e2.png") },
      ],
      keep_audio: false,
      shot_type: "customize",
      aspect_ratio: "9:16",
      duration: "7",
    });
  });

  it("keeps audio by default and sends no reference-only fields for edits", () => {
    const input = toFalInput(
      buildKlingRequest({ kind: "edit", prompt: "x", video: clip, duration: 5, aspect_ratio: "1:1" }),
    );
    expect(input).toEqual({ prompt: "x", video_url: clip.url, keep_audio: true, shot_type: "customize" });
  });
});
