import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { KLING_O3_EDIT } from "../../emulators/fal/index.js";
import { MEDIA_PATHS, closeWorld, startWorld, statusHistory, statusOf, type World } from "./harness.js";

describe.each(MEDIA_PATHS)("/kling-edit end to end (%s links)", (media) => {
  let world: World;
  beforeEach(async () => {
    world = await startWorld({ media });
  });
  afterEach(async () => {
    await closeWorld(world);
  });

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
      options: {
        prompt: "Make @Element1 walk through rain in the style of @Image1 @everyone",
        video,
        element1: element,
        image1: style,
      },
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

    const [job] = [...fal.jobs.values()];
    expect(fal.jobs.size).toBe(1);
    expect(job!.endpoint).toBe(KLING_O3_EDIT);
    if (media === "allow-listed") {
      // fal got the mapped input, from inputs re-hosted on fal storage (the emulator CDN is loopback)
      expect(job!.input).toMatchObject({
        prompt: expect.stringContaining("@Element1"),
        video_url: expect.stringContaining("/cdn/files/"),
        image_urls: [expect.stringContaining("/cdn/files/")],
        elements: [{ frontal_image_url: expect.stringContaining("/cdn/files/") }],
        keep_audio: true,
        shot_type: "customize",
      });
      expect(fal.uploads.map((u) => u.file_name).sort()).toEqual(["clip.mp4", "hero.png", "style.jpg"]);
    } else {
      // the production path: the members' own CDN links, checked and passed straight to fal; nothing re-uploaded
      expect(video.url).toMatch(/^https:\/\/cdn\.discordapp\.com\/ephemeral-attachments\//);
      expect(job!.input).toMatchObject({
        prompt: expect.stringContaining("@Element1"),
        video_url: video.url,
        image_urls: [style.url],
        elements: [{ frontal_image_url: element.url }],
        keep_audio: true,
        shot_type: "customize",
      });
      expect(fal.uploads).toEqual([]);
      // fal downloaded each input from Discord's CDN itself
      expect(fal.inputFetches.map((f) => [f.url, f.ok, f.status]).sort()).toEqual(
        [video.url, style.url, element.url].map((u) => [u, true, 200]).sort(),
      );
      // the bot reached cdn.discordapp.com and v3.fal.media only through the DNS answers the guard checked
      const net = world.network!;
      expect(new Set(net.lookups)).toEqual(new Set(["cdn.discordapp.com", "v3.fal.media"]));
      const checked = new Set([net.addressOf("cdn.discordapp.com"), net.addressOf("v3.fal.media")]);
      expect(net.dials.length).toBeGreaterThan(0);
      expect(net.dials.every((d) => checked.has(d.address) && d.port === 443 && d.to > 0)).toBe(true);
    }

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

  it.runIf(media === "public")(
    "the SSRF guard is still on: a public-looking name that resolves to a private address is refused",
    async () => {
      const { discord, fal } = world;
      world.network!.mapName("cdn.evil.example", "10.0.0.7");
      const interaction = discord.sendCommand({
        channelId: world.channelId,
        userId: world.userId,
        name: "kling-edit",
        options: { prompt: "snow", video_url: "https://cdn.evil.example/clip.mp4" },
      });
      const reply = await discord.waitFor(
        () => discord.interaction(interaction.id)?.edits.at(-1)?.body.content,
        15_000,
        "refusal",
      );
      expect(reply).toContain("private address");
      expect(reply).toContain("use a public link");
      expect(fal.jobs.size).toBe(0);
      expect(world.network!.dials.filter((d) => d.address === "10.0.0.7")).toEqual([]);
    },
  );
});
