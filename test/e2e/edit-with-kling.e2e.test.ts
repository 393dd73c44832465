/**
 * "Edit with Kling" (the message context menu) and Retry after Discord's attachment links expired, end to end:
 * the real bot against the Discord and fal emulators.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { KLING_O3_EDIT } from "../../emulators/fal/index.js";
import { makeImage } from "../media/corpus.js";
import { makeClip } from "../support/clip.js";
import { MEDIA_PATHS, closeWorld, startWorld, type World } from "./harness.js";

const quick = { timeline: [{ status: "IN_PROGRESS" as const, ms: 200 }], outcome: { type: "result" as const } };

const resultsIn = (w: World, channelId: string) =>
  w.discord.messages(channelId).filter((m) => m.raw.content?.includes("is ready"));

/** The bot's ephemeral answer to an interaction: its first reply or its last edit. */
function answerOf(w: World, interactionId: string): string | undefined {
  const record = w.discord.interaction(interactionId);
  return record?.edits.at(-1)?.body.content ?? record?.callbacks.find((c) => c.type === 4)?.body.data?.content;
}

async function memberPostsClip(w: World, content = "my clip") {
  const path = await makeClip();
  return w.discord.postMessage({
    channelId: w.channelId,
    userId: w.userId,
    content,
    files: [{ filename: "mine.mp4", data: readFileSync(path), contentType: "video/mp4" }],
  });
}

function openMenu(w: World, messageId: string) {
  return w.discord.sendCommand({
    channelId: w.channelId,
    userId: w.userId,
    name: "Edit with Kling",
    commandType: 3,
    targetId: messageId,
  });
}

describe("Edit with Kling", () => {
  let world: World;
  beforeEach(async () => {
    world = await startWorld();
  });
  afterEach(async () => {
    await closeWorld(world);
  });

  it("on a message with a video: a form, then the edit with the uploaded images, delivered in a thread on that message", async () => {
    const { discord, fal } = world;
    fal.script(quick);
    const target = await memberPostsClip(world);
    const menu = openMenu(world, target.raw.id);
    const modal = await discord.waitFor(() => discord.interaction(menu.id)?.modal, 10_000, "the form");
    expect(modal.components).toMatchObject([
      { type: 18, label: "Prompt", component: { type: 4, custom_id: "prompt", max_length: 2500 } },
      { type: 18, component: { type: 19, custom_id: "images", min_values: 0, max_values: 4, required: false } },
    ]);
    expect(modal.custom_id).toBe(`edit-with-kling:${world.channelId}:${target.raw.id}`);

    const style = await world.image({ format: "png" }, "style.png");
    const look = await world.image({ format: "jpg" }, "look.jpg");
    const submitted = discord.submitModal({
      channelId: world.channelId,
      userId: world.userId,
      openedBy: menu.id,
      fields: { prompt: "@Video1 in the style of @Image1 with the colours of @Image2", images: [style, look] },
    });
    await discord.waitFor(() => answerOf(world, submitted.id)?.includes("Started!"), 20_000, "started");
    // the thread starts from the member's own message (a thread's id is its message's)
    const delivered = await discord.waitFor(
      () => resultsIn(world, target.raw.id).find((m) => m.files.length > 0),
      20_000,
      "result in the thread on the member's message",
    );
    expect(delivered.files[0]!.contentType).toBe("video/mp4");
    expect(discord.threads().map((t) => t.id)).toEqual([target.raw.id]);
    expect(discord.message(world.channelId, target.raw.id)!.raw.thread?.id).toBe(target.raw.id);

    // the same request /kling-edit makes: the member's clip as @Video1, the uploads as @Image1 and @Image2
    const [job] = [...fal.jobs.values()];
    expect(fal.jobs.size).toBe(1);
    expect(job!.endpoint).toBe(KLING_O3_EDIT);
    expect(job!.input).toMatchObject({
      prompt: "@Video1 in the style of @Image1 with the colours of @Image2",
      video_url: expect.stringContaining("/cdn/files/"),
      image_urls: [expect.stringContaining("/cdn/files/"), expect.stringContaining("/cdn/files/")],
      keep_audio: true,
    });
    expect(fal.uploads.map((u) => u.file_name).sort()).toEqual(["look.jpg", "mine.mp4", "style.png"]);
    // the progress message went where /kling-edit's goes: the channel the member used
    expect(world.progressMessage()).toBeDefined();
  });

  it("on a message with a link to a clip: the link is the video", async () => {
    const { discord, fal } = world;
    fal.script(quick);
    const clip = await world.video(); // a clip hosted somewhere the member links to
    const target = discord.postMessage({
      channelId: world.channelId,
      userId: world.userId,
      content: `look ${clip.url}`,
    });
    const menu = openMenu(world, target.raw.id);
    await discord.waitFor(() => discord.interaction(menu.id)?.modal, 10_000, "the form");
    const submitted = discord.submitModal({
      channelId: world.channelId,
      userId: world.userId,
      openedBy: menu.id,
      fields: { prompt: "@Video1 at night" },
    });
    await discord.waitFor(() => answerOf(world, submitted.id)?.includes("Started!"), 20_000, "started");
    await discord.waitFor(() => resultsIn(world, target.raw.id).length > 0, 20_000, "result in its thread");
    expect(fal.uploads.map((u) => u.file_name)).toEqual(["clip.mp4"]);
  });

  it("on a message without a video: a clear private answer, no form, nothing started or charged", async () => {
    const { discord, fal } = world;
    const picture = await makeImage({ width: 512, height: 512, format: "png" });
    const target = discord.postMessage({
      channelId: world.channelId,
      userId: world.userId,
      content: "just a picture https://example.com/page",
      files: [{ filename: "pic.png", data: readFileSync(picture), contentType: "image/png" }],
    });
    const menu = openMenu(world, target.raw.id);
    const answer = await discord.waitFor(() => answerOf(world, menu.id), 10_000, "the answer");
    expect(answer).toMatch(/no video I can edit.*MP4 or MOV.*Edit with Kling.*\/kling-edit/s);
    const record = discord.interaction(menu.id)!;
    expect(record.callbacks.map((c) => c.type)).toEqual([4]);
    expect(record.callbacks[0]!.body.data.flags & 64).toBe(64);
    expect(record.modal).toBeUndefined();
    expect(fal.requests.filter((r) => r.kind !== "pricing")).toEqual([]); // only the price list, read at start-up
    expect(world.progressMessage()).toBeUndefined();
  });

  it("a form for another channel, or never opened by this member, is refused", async () => {
    const { discord, fal } = world;
    const target = await memberPostsClip(world);
    const other = discord.addUser({ username: "bo" });
    const menu = openMenu(world, target.raw.id);
    await discord.waitFor(() => discord.interaction(menu.id)?.modal, 10_000, "the form");
    // someone else sends the same custom id: the video waits under the member who opened the form
    const foreign = discord.submitModal({
      channelId: world.channelId,
      userId: other.id as string,
      customId: `edit-with-kling:${world.channelId}:${target.raw.id}`,
      fields: { prompt: "@Video1 mine now" },
    });
    const answer = await discord.waitFor(() => answerOf(world, foreign.id), 10_000, "the refusal");
    expect(answer).toMatch(/no longer valid.*Edit with Kling/);
    expect(fal.requests.filter((r) => r.kind !== "pricing")).toEqual([]); // only the price list, read at start-up
  });
});

describe.each(MEDIA_PATHS)("Retry after the input links expired (%s links)", (media) => {
  let world: World;
  beforeEach(async () => {
    world = await startWorld({ media });
  });
  afterEach(async () => {
    await closeWorld(world);
  });

  it("asks Discord for fresh links and runs the job", async () => {
    const { discord, fal } = world;
    fal.script(quick);
    const video = await world.video();
    const image = await world.image();
    discord.sendCommand({
      channelId: world.channelId,
      userId: world.userId,
      name: "kling-edit",
      options: { prompt: "@Video1 like @Image1", video, image1: image },
    });
    const first = await discord.waitFor(
      () => discord.threads().flatMap((t) => resultsIn(world, t.id))[0],
      20_000,
      "first result",
    );
    discord.advanceCdnClock(25 * 3_600_000); // a day and an hour later
    // (the public names resolve only inside the bot's and fal's pretend internet)
    if (media === "allow-listed") expect((await fetch(video.url)).status).toBe(404);

    fal.script(quick);
    const retryId = first.raw.components[0].components[0].custom_id as string;
    const { id } = discord.clickButton({
      channelId: first.channelId,
      messageId: first.raw.id,
      customId: retryId,
      userId: world.userId,
    });
    await discord.waitFor(() => answerOf(world, id)?.includes("Started!"), 20_000, "retry started");
    await discord.waitFor(
      () => discord.threads().flatMap((t) => resultsIn(world, t.id)).length === 2,
      20_000,
      "retry delivered",
    );
    const refreshes = discord.requests.filter((r) => r.route === "POST /attachments/refresh-urls");
    expect(refreshes).toHaveLength(1);
    expect([...refreshes[0]!.body.attachment_urls].sort()).toEqual([video.url, image.url].sort());
    expect(fal.jobs.size).toBe(2);
    if (media === "allow-listed") {
      // the retry's inputs were read from the fresh links and re-hosted on fal storage from them
      expect(fal.uploads.map((u) => u.file_name).sort()).toEqual(["clip.mp4", "clip.mp4", "image.png", "image.png"]);
    } else {
      // fal was given the fresh links and fetched them from Discord's CDN itself
      const retried = [...fal.jobs.values()][1]!.input as { video_url: string; image_urls: string[] };
      expect(retried.video_url).not.toBe(video.url);
      expect(retried.video_url.split("?")[0]).toBe(video.url.split("?")[0]);
      const fetched = fal.inputFetches.filter((f) => f.url === retried.video_url || f.url === retried.image_urls[0]);
      expect(fetched.length).toBeGreaterThan(0);
      expect(fetched.every((f) => f.ok)).toBe(true);
    }
  });
});
