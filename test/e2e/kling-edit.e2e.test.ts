import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { KLING_O3_EDIT } from "../emulators/fal/index.js";
import { closeWorld, startWorld, statusHistory, statusOf, type World } from "./harness.js";

let world: World;
beforeEach(async () => {
  world = await startWorld();
});
afterEach(async () => {
  await closeWorld(world);
});

describe("/kling-edit end to end", () => {
  it("defers, checks, posts progress, follows fal and delivers the mp4 in a thread", async () => {
    const { discord, fal } = world;
    fal.script({
      timeline: [
        { status: "IN_QUEUE", queuePosition: 1, ms: 400 },
        { status: "IN_QUEUE", queuePosition: 0, ms: 400 },
        { status: "IN_PROGRESS", logs: ["Loading model", "Rendering frames"], ms: 800 },
      ],
      outcome: { type: "result" },
    });
    const video = await world.video();
    const element = await world.image({ format: "png" }, "hero.png");
    const style = await world.image({ format: "jpg" }, "style.jpg");
    const interaction = discord.sendCommand({
      channelId: world.channelId,
      userId: world.userId,
      name: "kling-edit",
      options: { prompt: "Make @Element1 walk through rain in the style of @Image1 @everyone", video, element1: element, image1: style },
    });

    const delivered = await discord.waitFor(
      () => discord.threads().find((t) => discord.messages(t.id).some((m) => m.files.length > 0)),
      20_000,
      "result in a thread",
    );

    // acknowledged fast, ephemerally, and the reply links to the progress message
    const record = discord.interaction(interaction.id)!;
    expect(record.callbacks[0]).toMatchObject({ type: 5, status: 204 });
    expect(record.callbacks[0]!.delayMs).toBeLessThan(3000);
    expect(record.callbacks[0]!.body.data.flags & 64).toBe(64);
    const progress = world.progressMessage()!;
    expect(record.edits.at(-1)!.body.content).toContain(progress.raw.id);

    // fal got the mapped input, from inputs re-hosted on fal storage (the emulator CDN is loopback)
    const [job] = [...fal.jobs.values()];
    expect(job!.endpoint).toBe(KLING_O3_EDIT);
    expect(job!.input).toMatchObject({
      prompt: expect.stringContaining("@Element1"),
      video_url: expect.stringContaining("/cdn/files/"),
      image_urls: [expect.stringContaining("/cdn/files/")],
      elements: [{ frontal_image_url: expect.stringContaining("/cdn/files/") }],
      keep_audio: true,
      shot_type: "customize",
    });
    expect(fal.uploads.map((u) => u.file_name).sort()).toEqual(["clip.mp4", "hero.png", "style.jpg"]);

    // the progress message went through queued (with position) → generating (with the log line) → done
    await discord.waitFor(() => statusOf(world.progressMessage()).startsWith("✅"), 5000, "progress done");
    const history = statusHistory(discord, world.progressMessage()!);
    expect(history.some((s) => s.includes("position 2"))).toBe(true);
    expect(history.some((s) => s.includes("Rendering frames"))).toBe(true);
    expect(history.at(-1)).toContain(delivered.id);
    // the progress post disables mentions, and its prompt is echoed without pinging anyone
    const progressPost = discord.requests.find((r) => r.method === "POST" && r.response?.id === progress.raw.id)!;
    expect(progressPost.body.allowed_mentions).toEqual({ parse: [] });
    // the thread starts from the progress message and holds the mp4
    expect(delivered.fromMessageId).toBe(progress.raw.id);
    const result = discord.messages(delivered.id).find((m) => m.files.length)!;
    expect(result.files[0]!.contentType).toBe("video/mp4");
    expect(result.files[0]!.data.subarray(4, 8).toString()).toBe("ftyp");
    expect(result.raw.content).toContain(`<@${world.userId}>`);

    // status calls were spaced by the poll interval, not the client's 500 ms default nor a busy loop
    const statusCalls = fal.requests.filter((r) => r.kind === "status");
    const gaps = statusCalls.slice(1).map((r, i) => r.timestamp - statusCalls[i]!.timestamp);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(90);

    // no secret reached the log
    const log = world.logs.join("");
    expect(log).not.toContain(world.env.FAL_KEY);
    expect(log).not.toContain(world.env.DISCORD_TOKEN);
    expect(log).not.toMatch(/hm=[0-9a-f]/);
  });
});
