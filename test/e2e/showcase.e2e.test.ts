/**
 * Issue 12, "Before/after" and "Showcase", through the real bot and both emulators: the comparison clip follows the
 * result (its length and size read with the project's own inspector), Share to showcase is the requester's, stars
 * count once per member (toggling, and under concurrent presses), `/kling-showcase top` ranks them, and without
 * ffmpeg on PATH the clips are off and `/kling-config show` says so.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DiscordAttachment, StoredMessage } from "../../emulators/discord/index.js";
import { DEFAULT_MEMBER_PERMISSIONS } from "../../emulators/discord/model.js";
import { makeResultVideo } from "../../emulators/fal/video.js";
import { inspectVideo } from "../../src/media/inspect.js";
import { inertUserText } from "../../src/inert-text.js";
import { BufferRangeSource } from "../../src/media/range-source.js";
import { closeWorld, startWorld, statusOf, type World } from "./harness.js";
import { channelOption, command, config } from "./quota-helpers.js";

const HOSTILE = "# Big [claim](https://evil.test/x) **now** @everyone <@&123456789012345678> in @Video1";
const HOSTILE_INERT =
  "\\# Big \\[claim\\](<https://evil.test/x>) \\*\\*now\\*\\* @everyone <@&123456789012345678> in @Video1";

let world: World;
let video: DiscordAttachment;
let showcaseId: string;

beforeAll(async () => {
  // smaller, faster clips than production's 540 px veryfast: the test CPUs are shared (the bounds are the same code)
  world = await startWorld({ comparisons: true });
  video = await world.video({ durationSec: 3.5 });
  showcaseId = world.discord.addChannel({ guildId: world.guildId, type: 0, name: "showcase" }).id as string;
  expect(await config(world, "showcase", { channel: channelOption(showcaseId), mode: "shared" })).toContain(
    "Results are posted to the showcase when their requester presses Share.",
  );
  world.fal.script({ timeline: [{ status: "IN_PROGRESS", ms: 100 }], outcome: { type: "result" } });
});
afterAll(async () => {
  await closeWorld(world);
});

const member = (username: string) => world.discord.addUser({ username }).id as string;

interface Delivered {
  threadId: string;
  result: StoredMessage;
  comparison: StoredMessage;
}

/** Runs /kling-edit (optionally with a smaller upload limit) and waits for the result and the comparison clip. */
async function runJob(userId: string, prompt: string, attachmentSizeLimit?: number): Promise<Delivered> {
  const { discord } = world;
  const previous = world.progressMessage()?.raw.id;
  discord.sendCommand({
    channelId: world.channelId,
    userId,
    name: "kling-edit",
    options: { prompt, video },
    ...(attachmentSizeLimit ? { attachmentSizeLimit } : {}),
  });
  const progressId = await discord.waitFor(
    () => {
      const id = world.progressMessage()?.raw.id;
      return id !== previous ? id : undefined;
    },
    10_000,
    "progress message",
  );
  await discord.waitFor(() => statusOf(discord.message(world.channelId, progressId)).startsWith("✅"), 20_000, "done");
  const thread = discord.threads().find((t) => t.fromMessageId === progressId)!;
  const result = discord.messages(thread.id).find((m) => m.raw.content?.includes("is ready"))!;
  const comparison = await discord.waitFor(
    () => discord.messages(thread.id).find((m) => m.raw.content?.startsWith("Before / after") && m.files.length),
    30_000,
    "before/after clip",
  );
  return { threadId: thread.id, result, comparison };
}

async function click(channelId: string, messageId: string, customId: string, userId: string) {
  const { id } = world.discord.clickButton({
    channelId,
    messageId,
    customId,
    userId,
    memberPermissions: DEFAULT_MEMBER_PERMISSIONS,
  });
  return world.discord.waitFor(
    () => {
      const record = world.discord.interaction(id);
      const callback = record?.callbacks[0];
      if (!callback || callback.status === 0) return undefined;
      if (callback.type === 7) return { updated: callback.body.data, reply: "" };
      const reply = record?.edits.at(-1)?.body.content ?? callback.body.data?.content;
      return reply ? { updated: undefined, reply: reply as string, callback } : undefined;
    },
    15_000,
    "button answer",
  );
}

const customIdOf = (message: StoredMessage, prefix: string): string =>
  (message.raw.components as { components: { custom_id?: string }[] }[])
    .flatMap((row) => row.components)
    .map((c) => c.custom_id ?? "")
    .find((id) => id.startsWith(prefix))!;
const starLabel = (message: StoredMessage | undefined) =>
  (message?.raw.components as { components: { label?: string }[] }[] | undefined)?.[0]?.components[0]?.label;

let first: Delivered;
let portrait: Delivered;
let ana: string;

describe("before/after clip", () => {
  it("follows the result in its thread: side by side, as long as the result, under the upload limit", async () => {
    ana = member("ana-maker");
    const limit = 600_000; // the interaction's upload limit: the clip's bitrate is chosen from it
    first = await runJob(ana, HOSTILE, limit);
    const [job] = world.fal.jobs.values();
    const resultBytes = new Uint8Array(await (await fetch(job!.videoUrl!)).arrayBuffer());
    const resultFacts = await inspectVideo(new BufferRangeSource(resultBytes));
    const clip = first.comparison.files[0]!;
    expect(clip.contentType).toBe("video/mp4");
    expect(clip.data.length).toBeLessThanOrEqual(limit);
    const facts = await inspectVideo(new BufferRangeSource(new Uint8Array(clip.data)));
    expect(Math.abs(facts.durationSec - resultFacts.durationSec)).toBeLessThan(0.1);
    // two 480×270 halves (a landscape result): side by side
    expect([facts.width, facts.height]).toEqual([960, 270]);
    expect(first.comparison.raw.content).toBe("Before / after: the clip you sent left, the result right.");
    // the result was posted first; the clip is a second message
    expect(BigInt(first.comparison.raw.id)).toBeGreaterThan(BigInt(first.result.raw.id));
  });

  it("a portrait result is stacked", async () => {
    world.fal.script({
      timeline: [{ status: "IN_PROGRESS", ms: 100 }],
      outcome: { type: "result", video: { path: await makeResultVideo({ width: 720, height: 1280, seconds: 3 }) } },
    });
    portrait = await runJob(ana, "a quiet second clip of @Video1");
    const facts = await inspectVideo(new BufferRangeSource(new Uint8Array(portrait.comparison.files[0]!.data)));
    expect(facts.width).toBe(270);
    expect(facts.height).toBeGreaterThan(facts.width * 2);
    expect(Math.abs(facts.durationSec - 3)).toBeLessThan(0.1);
    world.fal.script({ timeline: [{ status: "IN_PROGRESS", ms: 100 }], outcome: { type: "result" } });
  });
});

describe("Share to showcase", () => {
  it("is refused to anyone but the requester, privately, and nothing is posted", async () => {
    const before = world.discord.messages(showcaseId).length;
    const share = customIdOf(first.result, "kling-showcase:share:");
    const answer = await click(first.threadId, first.result.raw.id, share, member("mallory"));
    expect(answer.reply).toContain(`Only <@${ana}>, who made this video, can share it to the showcase.`);
    expect(answer.callback!.body.data.flags & 64).toBe(64);
    expect(answer.callback!.body.data.allowed_mentions).toEqual({ parse: [] });
    expect(world.discord.messages(showcaseId).length).toBe(before);
  });

  it("by the requester: posted in the showcase with the inert prompt, the clip and a link back; once", async () => {
    const share = customIdOf(first.result, "kling-showcase:share:");
    const answer = await click(first.threadId, first.result.raw.id, share, ana);
    const post = await world.discord.waitFor(() => world.discord.messages(showcaseId).at(-1), 10_000, "showcase post");
    const link = `https://discord.com/channels/${world.guildId}/${first.threadId}/${first.result.raw.id}`;
    expect(post.raw.content).toBe(`🎬 New Kling edit by <@${ana}>: ${link}\n> ${HOSTILE_INERT}`);
    const request = world.discord.requests.find(
      (r) => r.method === "POST" && r.path.endsWith(`/channels/${showcaseId}/messages`),
    )!;
    expect(request.body.allowed_mentions).toEqual({ parse: [] });
    expect(post.files.map((f) => f.filename)).toEqual(["before-after.mp4"]);
    expect(Buffer.from(post.files[0]!.data).equals(Buffer.from(first.comparison.files[0]!.data))).toBe(true);
    expect(starLabel(post)).toBe("0");
    expect(answer.reply).toBe(
      `Shared to <#${showcaseId}>: https://discord.com/channels/${world.guildId}/${showcaseId}/${post.raw.id}`,
    );
    const again = await click(first.threadId, first.result.raw.id, share, ana);
    expect(again.reply).toContain("It is already in the showcase");
    expect(world.discord.messages(showcaseId).filter((m) => !m.ephemeral)).toHaveLength(1);
  });
});

describe("stars", () => {
  it("count once per member, toggle, and survive concurrent presses; /kling-showcase top ranks by them", async () => {
    const post = world.discord.messages(showcaseId).find((m) => !m.ephemeral)!;
    const star = customIdOf(post, "kling-showcase:star:");
    const bo = member("bo");
    expect((await click(showcaseId, post.raw.id, star, bo)).updated.components[0].components[0].label).toBe("1");
    expect(starLabel(world.discord.message(showcaseId, post.raw.id))).toBe("1");
    expect((await click(showcaseId, post.raw.id, star, bo)).updated.components[0].components[0].label).toBe("0");
    // six members at the same instant: every star is counted
    const crowd = Array.from({ length: 6 }, (_, i) => member(`fan${i}`));
    await Promise.all(crowd.map((id) => click(showcaseId, post.raw.id, star, id)));
    await world.discord.waitFor(() => starLabel(world.discord.message(showcaseId, post.raw.id)) === "6", 5_000, "6");

    // a second post with fewer stars ranks below the first
    const second = portrait;
    await click(second.threadId, second.result.raw.id, customIdOf(second.result, "kling-showcase:share:"), ana);
    const post2 = await world.discord.waitFor(
      () => world.discord.messages(showcaseId).filter((m) => !m.ephemeral)[1],
      10_000,
      "second post",
    );
    await click(showcaseId, post2.raw.id, customIdOf(post2, "kling-showcase:star:"), bo);
    await click(showcaseId, post2.raw.id, customIdOf(post2, "kling-showcase:star:"), crowd[0]!);

    const top = await command(world, "kling-showcase", { period: "week" }, { subcommand: "top", userId: bo });
    const lines = top.content.split("\n");
    expect(lines[0]).toBe("**Most starred in the showcase, the last 7 days**");
    expect(lines[1]).toBe(
      `1\\. ⭐ 6 · ${inertUserText(HOSTILE, 80)} · by ana-maker · ` +
        `<https://discord.com/channels/${world.guildId}/${showcaseId}/${post.raw.id}>`,
    );
    expect(lines[2]).toBe(
      `2\\. ⭐ 2 · a quiet second clip of @Video1 · by ana-maker · ` +
        `<https://discord.com/channels/${world.guildId}/${showcaseId}/${post2.raw.id}>`,
    );
    expect(lines).toHaveLength(3);
  });
});

describe("without ffmpeg on PATH", () => {
  it("the clips are off and /kling-config show says so (with ffmpeg: on)", async () => {
    expect(await config(world, "show")).toContain("ℹ️ Before/after clips: on");
    const path = process.env.PATH;
    process.env.PATH = "/nonexistent"; // only while the bot starts: it looks ffmpeg up once
    try {
      await world.restart();
    } finally {
      process.env.PATH = path;
    }
    expect(await config(world, "show")).toContain(
      "ℹ️ Before/after clips: off — ffmpeg was not found on the bot's PATH at start-up",
    );
    const { discord } = world;
    const sent = await command(world, "kling-edit", { prompt: "no clip for @Video1", video }, { userId: ana });
    expect(sent.content).toContain("Started!");
    const progress = await discord.waitFor(() => world.progressMessage(), 10_000, "progress");
    await discord.waitFor(() => statusOf(discord.message(world.channelId, progress.raw.id)).startsWith("✅"), 20_000);
    const thread = discord.threads().find((t) => t.fromMessageId === progress.raw.id)!;
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(discord.messages(thread.id).map((m) => m.raw.content)).toEqual([`<@${ana}> your Kling edit is ready.`]);
    expect(world.logs.join("")).toContain("ffmpeg not found on PATH: before/after clips are off");
  });
});
