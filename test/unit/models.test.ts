import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, expectTypeOf, it } from "vitest";
import type { EndpointTypeMap } from "@fal-ai/client/endpoints";
import { defaultsFromEnv } from "../../src/guild/settings.js";
import { loadConfig } from "../../src/config.js";
import { qualityRefusal, TIERS, type FalInputOf } from "../../src/models/model.js";
import { EDIT, endpointOf, MODELS, REFERENCE, titleOf } from "../../src/models/models.js";
import { estimateOutput } from "../../src/quota/quota-service.js";
import { buildKlingRequest, type AttachmentLike, type CommandInput } from "../../src/requests/kling-request.js";
import { endpointFor, inputsSummary, outputSeconds, toFalInput } from "../../src/requests/to-fal-input.js";
import { checkRequestShape } from "../../src/requests/check-shape.js";

/** The endpoint ids @fal-ai/client has typings for: the keys of its EndpointTypeMap (the client exports no list at run time). */
function typedEndpointIds(): Set<string> {
  const typings = createRequire(import.meta.url)
    .resolve("@fal-ai/client/endpoints")
    .replace(/\.js$/, ".d.ts");
  const source = readFileSync(typings, "utf8");
  const start = source.indexOf("export type EndpointTypeMap = {");
  expect(start).toBeGreaterThan(0);
  const block = source.slice(start, source.indexOf("\n};", start));
  return new Set([...block.matchAll(/^ {4}"([^"]+)": \{$/gm)].map((m) => m[1]!));
}

const clip: AttachmentLike = {
  url: "https://cdn.discordapp.com/attachments/1/2/clip.mp4?ex=1",
  name: "clip.mp4",
  contentType: "video/mp4",
  size: 1_000_000,
  width: 1280,
  height: 720,
};
const png = (name: string): AttachmentLike => ({
  url: `https://cdn.discordapp.com/attachments/1/2/${name}`,
  name,
  contentType: "image/png",
  size: 50_000,
  width: 512,
  height: 512,
});
const request = (input: Omit<CommandInput, "prompt"> & { prompt?: string }) =>
  buildKlingRequest({ prompt: "make @Video1 rain", video: clip, ...input });

describe("model descriptors", () => {
  it("every endpoint id is one fal's client has typings for, and Pro is fal's O3 Pro video-to-video pair", () => {
    const typed = typedEndpointIds();
    expect(typed.size).toBeGreaterThan(500);
    const ids = Object.values(MODELS).flatMap((model) => Object.values(model.endpoints));
    expect(ids.filter((id) => !typed.has(id))).toEqual([]);
    expect(Object.fromEntries(Object.entries(MODELS).map(([kind, model]) => [kind, model.endpoints]))).toEqual({
      edit: {
        standard: "fal-ai/kling-video/o3/standard/video-to-video/edit",
        pro: "fal-ai/kling-video/o3/pro/video-to-video/edit",
      },
      reference: {
        standard: "fal-ai/kling-video/o3/standard/video-to-video/reference",
        pro: "fal-ai/kling-video/o3/pro/video-to-video/reference",
      },
    });
  });

  it("fal's typings give Standard and Pro one input schema per model (checked by tsc)", () => {
    expectTypeOf<FalInputOf<typeof EDIT.endpoints.pro>>().toEqualTypeOf<FalInputOf<typeof EDIT.endpoints.standard>>();
    expectTypeOf<FalInputOf<typeof REFERENCE.endpoints.pro>>().toEqualTypeOf<
      FalInputOf<typeof REFERENCE.endpoints.standard>
    >();
    expectTypeOf<EndpointTypeMap[typeof REFERENCE.endpoints.pro]["output"]>().toEqualTypeOf<
      EndpointTypeMap[typeof EDIT.endpoints.standard]["output"]
    >();
  });

  it("edit: fal input without the reference options, output as long as the clip", () => {
    const edit = request({
      kind: "edit",
      element1: png("hero.png"),
      element1_ref: png("side.png"),
      image1: png("style.png"),
      duration: 5,
      aspect_ratio: "1:1",
      keep_audio: false,
    });
    expect(toFalInput(edit)).toEqual({
      prompt: "make @Video1 rain",
      video_url: clip.url,
      image_urls: [png("style.png").url],
      elements: [{ frontal_image_url: png("hero.png").url, reference_image_urls: [png("side.png").url] }],
      keep_audio: false,
      shot_type: "customize",
    });
    expect(outputSeconds(edit, { durationSec: 4.26 } as never)).toBe(4.3);
    expect(estimateOutput({ kind: "edit", durationSec: 7 })).toEqual({ ms: 10_000, minimumMs: 3_000 });
    expect(endpointFor(edit)).toBe(EDIT.endpoints.standard);
  });

  it("reference: aspect ratio and duration reach fal (duration as fal's string), and the duration is the output length", () => {
    const reference = request({ kind: "reference", duration: 7, aspect_ratio: "9:16" });
    expect(toFalInput(reference)).toEqual({
      prompt: "make @Video1 rain",
      video_url: clip.url,
      keep_audio: true,
      shot_type: "customize",
      aspect_ratio: "9:16",
      duration: "7",
    });
    expect(outputSeconds(reference, { durationSec: 4.26 } as never)).toBe(7);
    expect(inputsSummary(reference, undefined)).toBe("video · 9:16 · 7 s · audio kept");
    expect(estimateOutput({ kind: "reference", durationSec: 7 })).toEqual({ ms: 7_000, minimumMs: 7_000 });
    expect(checkRequestShape({ ...reference, durationSec: 2 }).map((v) => v.rule)).toEqual(["duration"]);
  });

  it("quality: pro picks the Pro endpoint with the same fal input; the title says Pro; old records read as standard", () => {
    for (const kind of ["edit", "reference"] as const) {
      const standard = request({ kind, duration: 5 });
      const pro = request({ kind, duration: 5, quality: "pro" });
      expect(pro.quality).toBe("pro");
      expect(standard).not.toHaveProperty("quality");
      expect(endpointFor(pro)).toBe(MODELS[kind].endpoints.pro);
      expect(endpointFor(standard)).toBe(MODELS[kind].endpoints.standard);
      expect(toFalInput(pro)).toEqual(toFalInput(standard));
    }
    expect(endpointOf({ kind: "edit" })).toBe("fal-ai/kling-video/o3/standard/video-to-video/edit");
    expect([
      titleOf({ kind: "edit" }),
      titleOf({ kind: "reference", quality: "standard" }),
      titleOf({ kind: "reference", quality: "pro" }),
    ]).toEqual(["Kling edit", "Kling reference", "Kling reference · Pro"]);
  });

  it(
    "the Pro gate: off by default with a message naming the switch; on where the server enabled it; " +
      "standard never reads settings",
    async () => {
      const defaults = defaultsFromEnv(
        loadConfig({ DISCORD_TOKEN: "t", DISCORD_APPLICATION_ID: "123456789012345678", FAL_KEY: "k" }),
      );
      const never = async () => {
        throw new Error("settings read for standard");
      };
      expect(await qualityRefusal(undefined, never)).toBeUndefined();
      expect(await qualityRefusal("standard", never)).toBeUndefined();
      expect(await qualityRefusal("pro", async () => defaults)).toMatchObject({
        rule: "quality-off",
        message:
          "Pro quality is off on this server: a server manager can turn it on with /kling-config quality pro_enabled:True",
      });
      expect(await qualityRefusal("pro", async () => undefined)).toMatchObject({ rule: "quality-off" });
      expect(await qualityRefusal("pro", async () => ({ ...defaults, proEnabled: true }))).toBeUndefined();
      expect(await qualityRefusal("ultra", never)).toEqual({
        rule: "quality",
        message: "Quality “ultra” is not offered; choose standard or pro.",
        key: "checks.quality",
        vars: { quality: "ultra", offered: "standard / pro" },
      });
      expect([TIERS.standard.pricePerSecondMicros(defaults), TIERS.pro.pricePerSecondMicros(defaults)]).toEqual([
        126_000, 336_000,
      ]);
    },
  );
});
