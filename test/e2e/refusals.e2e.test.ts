import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CommandOptionValue } from "../../emulators/discord/index.js";
import { makeClip } from "../support/clip.js";
import { MEDIA_PATHS, closeWorld, startWorld, statusOf, type World } from "./harness.js";

let world: World;

/** Runs a command and returns the ephemeral reply once the bot has answered it. */
async function reply(name: string, options: Record<string, CommandOptionValue>): Promise<string> {
  const { discord } = world;
  const { id } = discord.sendCommand({ channelId: world.channelId, userId: world.userId, name, options });
  const record = await discord.waitFor(
    () => {
      const r = discord.interaction(id);
      return r?.edits.length ? r : undefined;
    },
    15_000,
    "ephemeral reply",
  );
  expect(record.callbacks[0]!.body.data.flags & 64).toBe(64);
  expect(record.edits.at(-1)!.body.allowed_mentions).toEqual({ parse: [] });
  return record.edits.at(-1)!.body.content as string;
}

function expectNothingSubmitted() {
  expect(world.fal.requests.filter((r) => r.kind === "submit" || r.kind?.startsWith("upload"))).toEqual([]);
  expect(world.progressMessage()).toBeUndefined();
}

describe.each(MEDIA_PATHS)(
  "refusals: one ephemeral message listing every problem, nothing submitted (%s links)",
  (media) => {
    beforeAll(async () => {
      world = await startWorld({ media });
    });
    afterAll(async () => {
      await closeWorld(world);
    });

    it("no video", async () => {
      const text = await reply("kling-edit", { prompt: "make it rain" });
      expect(text).toMatch(/No video.*`video`.*`video_url`/);
      expect(text).toContain("nothing was charged");
      expectNothingSubmitted();
    });

    it("video metadata: not mp4/mov, over 200 MB, under 720 px — all listed at once", async () => {
      const webm = world.discord.addAttachment({
        filename: "clip.webm",
        contentType: "video/webm",
        data: Buffer.from("x"),
      });
      expect(await reply("kling-edit", { prompt: "x", video: webm })).toMatch(/video\/webm.*MP4 or MOV/);
      const path = await makeClip();
      const huge = world.discord.addAttachment({
        filename: "big.mp4",
        contentType: "video/mp4",
        data: path,
        sizeOverride: 250_000_000,
        width: 640,
        height: 360,
      });
      const text = await reply("kling-edit", { prompt: "x", video: huge });
      expect(text).toContain("2 problems");
      expect(text).toMatch(/250 MB.*limit is 200 MB/);
      expect(text).toMatch(/640×360.*720–2160/);
      expectNothingSubmitted();
    });

    it("images: wrong format and over the size limit", async () => {
      const gif = await world.image({ format: "gif" }, "anim.gif");
      const big = world.discord.addAttachment({
        filename: "big.png",
        contentType: "image/png",
        data: Buffer.from("x"),
        sizeOverride: 12_000_000,
      });
      const text = await reply("kling-edit", {
        prompt: "@Image1 @Image2",
        video: await world.video(),
        image1: gif,
        image2: big,
      });
      expect(text).toMatch(/`image1` is image\/gif.*JPG, PNG or WebP/);
      expect(text).toMatch(/`image2` is 12 MB.*10 MB/);
      expectNothingSubmitted();
    });

    it("more than 4 elements + images, a reference without its element, and prompt mentions of missing inputs", async () => {
      const img = await world.image();
      const text = await reply("kling-edit", {
        prompt: "@Element1 @Element2 @Element3 meet @Image3",
        video: await world.video(),
        element1: img,
        element2: img,
        element3: img,
        element4_ref: img,
        image1: img,
        image2: img,
      });
      expect(text).toMatch(/3 elements \+ 2 images = 5.*at most 4/);
      expect(text).toMatch(/`element4_ref` was given without `element4`/);
      expect(text).toMatch(/@Image3.*no `image3`/);
      expectNothingSubmitted();
    });

    it("media whose bytes contradict Discord's metadata is refused from the bytes", async () => {
      const long = await makeClip({ durationSec: 12 });
      const lying = world.discord.addAttachment({
        filename: "short.mp4",
        contentType: "video/mp4",
        data: long,
        width: 1280,
        height: 720,
      });
      const text = await reply("kling-edit", { prompt: "x", video: lying });
      expect(text).toMatch(/12\.0 s.*3–10 s.*trim/);
      const notImage = world.discord.addAttachment({
        filename: "face.png",
        contentType: "image/png",
        data: Buffer.from("just some text, not a picture\n".repeat(10)),
      });
      const text2 = await reply("kling-edit", { prompt: "@Element1", video: await world.video(), element1: notImage });
      expect(text2).toMatch(/`element1`.*text/i);
      expectNothingSubmitted();
    });

    it("video_url links to private or loopback addresses are refused before any byte is fetched", async () => {
      const cases: [string, RegExp][] = [
        ["https://10.1.2.3/clip.mp4", /private address \(10\.1\.2\.3\)/],
        ["https://169.254.169.254/latest/meta-data", /link-local address/],
        ["https://[::1]/clip.mp4", /loopback address \(::1\)/],
        ["http://example.com/clip.mp4", /only fetches https links/],
      ];
      for (const [url, reason] of cases) {
        const text = await reply("kling-edit", { prompt: "x", video_url: url });
        expect(text, url).toMatch(/`video_url`/);
        expect(text, url).toMatch(reason);
        expect(text, url).not.toContain("Started!");
      }
      expectNothingSubmitted();
    });

    it("a video_url on a host the bot may fetch from (allow-listed, or public) is inspected by range and accepted", async () => {
      const { fal } = world;
      const path = await makeClip();
      const { readFile } = await import("node:fs/promises");
      const url = fal.putFile(await readFile(path), { contentType: "video/mp4", fileName: "linked.mp4" });
      fal.script({ timeline: [{ status: "IN_PROGRESS", ms: 200 }], outcome: { type: "result" } });
      const text = await reply("kling-edit", { prompt: "x", video_url: url });
      expect(text).toContain("Started!");
      await world.discord.waitFor(() => world.fal.jobs.size === 1, 10_000, "submitted");
      await world.discord.waitFor(
        () => statusOf(world.progressMessage()).startsWith("✅") || undefined,
        10_000,
        "delivered",
      );
      for (const m of world.discord.messages(world.channelId)) world.discord.deleteMessage(world.channelId, m.raw.id);
      world.fal.jobs.clear();
      world.fal.requests.length = 0;
      world.fal.uploads.length = 0;
    });

    it("a prompt naming none of the given elements is warned about, not refused", async () => {
      world.fal.script({ timeline: [{ status: "IN_PROGRESS", ms: 200 }], outcome: { type: "result" } });
      const text = await reply("kling-edit", {
        prompt: "a rainy street",
        video: await world.video(),
        element1: await world.image(),
      });
      expect(text).toContain("Started!");
      expect(text).toMatch(/doesn't mention @Element1/);
      await world.discord.waitFor(() => world.fal.jobs.size === 1, 10_000, "submitted");
    });
  },
);
