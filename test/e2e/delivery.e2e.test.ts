import { afterEach, describe, expect, it } from "vitest";
import { KLING_O3_REFERENCE } from "../../emulators/fal/index.js";
import { Perm, DEFAULT_BOT_PERMISSIONS, type FaultRule } from "../../emulators/discord/index.js";
import { MEDIA_PATHS, closeWorld, startWorld, statusOf, type World } from "./harness.js";

let world: World | undefined;
afterEach(async () => {
  await closeWorld(world);
  world = undefined;
});

const quick = {
  timeline: [{ status: "IN_PROGRESS" as const, logs: ["working"], ms: 300 }],
  outcome: { type: "result" as const },
};

/** A member's `/kling-edit` on the default clip, in the world's channel unless `channelId` says where. */
async function edit(w: World, prompt: string, channelId = w.channelId) {
  w.discord.sendCommand({
    channelId,
    userId: w.userId,
    name: "kling-edit",
    options: { prompt, video: await w.video() },
  });
}

/** The first message with a file in `channelId`. */
const fileMessageIn = (w: World, channelId: string, what: string) =>
  w.discord.waitFor(() => w.discord.messages(channelId).find((m) => m.files.length), 15_000, what);

/** The first message in a thread that links fal's CDN (the result Discord would not take as an upload). */
const linkInThread = (w: World, what: string) =>
  w.discord.waitFor(
    () =>
      w.discord
        .threads()
        .flatMap((t) => w.discord.messages(t.id))
        .find((m) => m.raw.content?.includes(`${w.fal.filesBase}/`)),
    15_000,
    what,
  );

const MESSAGE_POST = /^\/channels\/\d+\/messages$/;

/** A job whose result post meets `fault`: the results in threads once it is delivered, and the result posts sent. */
async function deliverThrough(w: World, fault: Omit<FaultRule, "method" | "path">, alsoFailing: FaultRule[] = []) {
  w.fal.script(quick);
  await edit(w, "neon");
  const { discord } = w;
  // the progress post answered: the next post is the result's
  await discord.waitFor(
    () => discord.requests.some((r) => r.method === "POST" && MESSAGE_POST.test(r.path) && r.status === 200),
    10_000,
    "progress posted",
  );
  discord.failNext({ method: "POST", path: MESSAGE_POST, ...fault });
  for (const rule of alsoFailing) discord.failNext(rule);
  await discord.waitFor(() => statusOf(w.progressMessage()).startsWith("✅"), 20_000, "delivered");
  return {
    results: discord
      .threads()
      .flatMap((t) => discord.messages(t.id))
      .filter((m) => m.files.length),
    posts: discord.requests.filter((r) => r.method === "POST" && MESSAGE_POST.test(r.path) && r.files.length),
  };
}

describe.each(MEDIA_PATHS)("delivery (%s links)", (media) => {
  it("/kling-reference sends aspect_ratio and duration and delivers in a thread", async () => {
    world = await startWorld({ media });
    const { discord, fal } = world;
    fal.script(quick);
    discord.sendCommand({
      channelId: world.channelId,
      userId: world.userId,
      name: "kling-reference",
      options: {
        prompt: "@Element1 dances like @Video1",
        video: await world.video(),
        element1: await world.image({}, "dancer.png"),
        element1_ref: await world.image({ format: "webp" }, "dancer-side.webp"),
        aspect_ratio: "9:16",
        duration: 8,
        keep_audio: false,
      },
    });
    const thread = await discord.waitFor(
      () => discord.threads().find((t) => discord.messages(t.id).some((m) => m.files.length)),
      15_000,
      "thread result",
    );
    const [job] = [...fal.jobs.values()];
    expect(job!.endpoint).toBe(KLING_O3_REFERENCE);
    expect(job!.input).toMatchObject({
      aspect_ratio: "9:16",
      duration: "8",
      keep_audio: false,
      elements: [{ frontal_image_url: expect.any(String), reference_image_urls: [expect.any(String)] }],
    });
    expect(thread.name).toMatch(/^Kling reference: @Element1 dances/);
    const inputs = world
      .progressMessage()!
      .raw.embeds[0].fields.find((f: { name: string }) => f.name === "Inputs").value;
    expect(inputs).toContain("9:16 · 8 s");
    expect(inputs).toContain("1 element (+1 ref)");
  });

  it("posts fal's link when the result is over the upload limit", async () => {
    world = await startWorld({ attachmentSizeLimit: 1024 * 1024, media });
    const { discord, fal } = world;
    fal.script({ ...quick, outcome: { type: "result", video: { sizeBytes: 3 * 1024 * 1024 } } });
    await edit(world, "snow");
    const result = await linkInThread(world, "link result");
    expect(result.files).toEqual([]);
    expect(result.raw.content).toMatch(/3\.1 MB.*1\.0 MB upload limit/); // 3 MiB, 1 MiB
    await discord.waitFor(() => statusOf(world!.progressMessage()).startsWith("✅"), 5000);
  });

  it("inside a thread, posts the progress and the result in that thread", async () => {
    world = await startWorld({ media });
    const { discord, fal } = world;
    fal.script(quick);
    const thread = discord.addChannel({
      guildId: world.guildId,
      type: 11,
      name: "my renders",
      parentId: world.channelId,
    });
    await edit(world, "neon", thread.id);
    const result = await fileMessageIn(world, thread.id, "result in the thread");
    expect(result.files[0]!.contentType).toBe("video/mp4");
    await discord.waitFor(
      () => statusOf(world!.progressMessage(thread.id)).startsWith("✅"),
      5_000,
      "done shown in the thread",
    );
    expect(discord.messages(world.channelId)).toEqual([]); // nothing in the parent channel
    expect(discord.threads().filter((t) => t.id !== thread.id)).toEqual([]);
  });

  it("without thread permission, replies in the channel to the progress message", async () => {
    world = await startWorld({ media });
    const { discord, fal } = world;
    fal.script(quick);
    discord.setBotPermissions(world.channelId, DEFAULT_BOT_PERMISSIONS & ~Perm.CreatePublicThreads);
    await edit(world, "neon");
    const result = await fileMessageIn(world, world.channelId, "result in channel");
    expect(result.raw.message_reference?.message_id).toBe(world.progressMessage()!.raw.id);
    expect(discord.threads()).toEqual([]);
    expect(discord.requests.some((r) => r.path.endsWith("/threads"))).toBe(false);
  });

  it("when Discord refuses the thread anyway (50013), falls back to the channel", async () => {
    world = await startWorld({ media });
    const { discord, fal } = world;
    fal.script(quick);
    discord.failNext({
      method: "POST",
      path: /\/threads$/,
      status: 403,
      body: { message: "Missing Permissions", code: 50013 },
    });
    await edit(world, "neon");
    const result = await fileMessageIn(world, world.channelId, "result in channel");
    expect(result.files).toHaveLength(1);
  });

  it("when the upload is refused as too large (413), posts the link instead", async () => {
    world = await startWorld({ media });
    const { discord, fal } = world;
    fal.script(quick);
    await edit(world, "neon");
    await discord.waitFor(() => world!.progressMessage(), 10_000, "progress posted");
    discord.failNext({
      method: "POST",
      path: /^\/channels\/\d+\/messages$/,
      status: 413,
      body: { message: "Request entity too large", code: 40005 },
    });
    const result = await linkInThread(world, "link after 413");
    expect(result.raw.content).toContain("upload limit");
  });

  it("a result post Discord carried out but answered 502 (its edge gave up) is one result: the retry gets it back", async () => {
    world = await startWorld({ media });
    const { results, posts } = await deliverThrough(world, { status: 502, phase: "answer" });
    expect(results).toHaveLength(1);
    // discord.js sent it again with the job's one nonce: Discord answered with the message the first send made
    expect(posts.map((r) => r.status)).toEqual([502, 200]);
    expect(new Set(posts.map((r) => r.body?.nonce)).size).toBe(1);
    expect(posts[0]!.body?.enforce_nonce).toBe(true);
  });

  it("a result post that failed every discord.js try is looked for, then posted again with the same nonce", async () => {
    world = await startWorld({ media });
    // discord.js tries a call 4 times (3 retries)
    const { results, posts } = await deliverThrough(world, { status: 500, times: 4 });
    expect(results).toHaveLength(1);
    expect(posts.map((r) => r.status)).toEqual([500, 500, 500, 500, 200]);
    expect(new Set(posts.map((r) => r.body?.nonce)).size).toBe(1);
    // and it was looked for in between: the thread's messages read
    const { requests } = world.discord;
    const lookedFor = requests.findIndex((r) => r.method === "GET" && /\/messages$/.test(r.path));
    expect(lookedFor).toBeGreaterThan(requests.indexOf(posts[3]!));
    expect(lookedFor).toBeLessThan(requests.indexOf(posts[4]!));
  });

  it("when looking for a failed result post fails too, it is looked for again; the job is not given up", async () => {
    world = await startWorld({ media });
    const { results, posts } = await deliverThrough(world, { status: 500, times: 4 }, [
      { method: "GET", path: MESSAGE_POST, status: 503, times: 4 },
    ]);
    expect(results).toHaveLength(1);
    expect(posts.map((r) => r.status)).toEqual([500, 500, 500, 500, 200]);
    const looks = world.discord.requests.filter((r) => r.method === "GET" && MESSAGE_POST.test(r.path));
    // one look's four tries failed; the next look read the channels it looks in
    expect(looks.map((r) => r.status).slice(0, 5)).toEqual([503, 503, 503, 503, 200]);
  });

  it("a progress post answered 502 after Discord carried it out, retried by discord.js, is still one message", async () => {
    world = await startWorld({ media });
    const { discord } = world;
    world.fal.script(quick);
    discord.failNext({ method: "POST", path: MESSAGE_POST, status: 502, phase: "answer" });
    await edit(world, "neon");
    await discord.waitFor(() => statusOf(world!.progressMessage()).startsWith("✅"), 20_000, "delivered");
    const progressPosts = discord.requests.filter(
      (r) => r.method === "POST" && r.path === `/channels/${world!.channelId}/messages`,
    );
    // discord.js sent it again after the 502, with the same nonce: Discord answered with the message already made
    expect(progressPosts.map((r) => r.status)).toEqual([502, 200]);
    const progress = discord.messages(world.channelId).filter((m) => m.raw.embeds?.length);
    expect(progress).toHaveLength(1);
  });
});
