import { afterEach, describe, expect, it } from "vitest";
import { closeWorld, startWorld, statusHistory, statusOf, type World } from "./harness.js";

let world: World | undefined;
afterEach(async () => {
  await closeWorld(world);
  world = undefined;
});

async function run(world: World, prompt = "make it snow") {
  return world.discord.sendCommand({
    channelId: world.channelId,
    userId: world.userId,
    name: "kling-edit",
    options: { prompt, video: await world.video() },
  });
}

const finalStatus = (w: World, prefix: string) =>
  w.discord.waitFor(
    () => (statusOf(w.progressMessage()).startsWith(prefix) ? statusOf(w.progressMessage()) : undefined),
    15_000,
    `status ${prefix}`,
  );

describe("fal failures become messages a member understands", () => {
  it("a 422 names the input and fal's reason", async () => {
    world = await startWorld();
    world.fal.script({
      submit: {
        status: 422,
        body: {
          detail: [
            { loc: ["body", "video_url"], msg: "Video duration must be between 3 and 10 seconds", type: "value_error" },
          ],
        },
      },
    });
    await run(world);
    const status = await finalStatus(world, "❌");
    expect(status).toContain("the video");
    expect(status).toContain("Video duration must be between 3 and 10 seconds");
    expect(world.fal.jobs.size).toBe(0);
  });

  it("a failed model quotes fal's reason", async () => {
    world = await startWorld();
    world.fal.script({
      timeline: [{ status: "IN_PROGRESS", logs: ["Starting"], ms: 200 }],
      outcome: { type: "error", status: 500, body: { detail: "Content policy violation detected in frame 12" } },
    });
    await run(world);
    const status = await finalStatus(world, "❌");
    expect(status).toContain("The model failed");
    expect(status).toContain("Content policy violation detected in frame 12");
  });

  it("an authentication failure says the bot is misconfigured and keeps details in the log", async () => {
    world = await startWorld({ env: { FAL_KEY: "wrong-key" } });
    await run(world);
    const status = await finalStatus(world, "❌");
    expect(status).toContain("misconfigured");
    expect(world.logs.join("")).toMatch(/"status":401/);
    expect(world.logs.join("")).not.toContain("wrong-key");
  });
});

describe("fal storage refusing an upload", () => {
  it("sends the input's own link instead of failing the job; fal, which cannot reach a loopback host, says so with its 422", async () => {
    world = await startWorld();
    world.fal.failNext({ kind: "upload-initiate", status: 400, body: { detail: "storage unavailable" } });
    world.fal.script({ timeline: [{ status: "IN_PROGRESS", ms: 200 }], outcome: { type: "result" } });
    await run(world);
    const status = await finalStatus(world, "❌");
    const [job] = [...world.fal.jobs.values()];
    expect((job!.input as { video_url: string }).video_url).toContain("/ephemeral-attachments/");
    expect(world.logs.join("")).toContain("could not re-host an input; sending its link");
    expect(world.fal.inputFetches.map((f) => [f.loc, f.ok])).toEqual([[["body", "video_url"], false]]);
    expect(status).toContain(
      "fal refused the input — the video: Failed to download the file from the URL: could not connect to 127.0.0.1",
    );
  });
});

describe("a job that outlives its interaction token", () => {
  it("keeps updating progress and delivers the result through the bot token", async () => {
    const w = (world = await startWorld());
    const { discord, fal } = w;
    // fal works on the job until the test settles it: the token dies first, whenever the "Started!" reply lands
    fal.script({
      timeline: [
        { status: "IN_QUEUE", queuePosition: 0, ms: 300 },
        { status: "IN_PROGRESS", logs: ["Long render step"], ms: 600_000 },
      ],
      outcome: { type: "result" },
    });
    const interaction = await run(w);
    await discord.waitFor(
      () => discord.interaction(interaction.id)?.edits.at(-1)?.body.content?.includes("Started!"),
      15_000,
      "started",
    );
    // as Discord does 15 minutes after the interaction
    discord.expireToken(interaction.id);
    const record = discord.interaction(interaction.id)!;
    await discord.waitFor(
      () => statusHistory(discord, w.progressMessage()!).some((s) => s.includes("Long render step")),
      15_000,
      "fal's log in the progress",
    );
    const requestId = fal.requests.find((r) => r.kind === "submit" && r.status === 200)!.requestId!;
    await fal.settle(requestId);
    const thread = await discord.waitFor(
      () => discord.threads().find((t) => discord.messages(t.id).some((m) => m.files.length)),
      15_000,
      "result",
    );
    expect(discord.messages(thread.id).filter((m) => m.files.length)).toHaveLength(1);
    // the token died before the job ended, and progress edits went on after it
    expect(thread.createdAt).toBeGreaterThan(record.expiresAt);
    expect(world.progressMessage()!.edits.some((e) => e.at > record.expiresAt)).toBe(true);
    // no call on the interaction token after it expired
    const late = discord.requests.filter((r) => r.path.startsWith("/webhooks/") && r.at > record.expiresAt);
    expect(late).toEqual([]);
    await finalStatus(world, "✅");
  });

  it("a dismissed or expired reply before the job starts does not stop the job", async () => {
    world = await startWorld();
    const { discord, fal } = world;
    fal.script({ timeline: [{ status: "IN_PROGRESS", ms: 300 }], outcome: { type: "result" } });
    discord.failNext({
      method: "PATCH",
      path: /^\/webhooks\//,
      status: 401,
      body: { message: "Invalid Webhook Token", code: 50027 },
      times: 5,
    });
    await run(world);
    await finalStatus(world, "✅");
    expect(discord.requests.some((r) => r.path.startsWith("/webhooks/") && r.status === 401)).toBe(true);
  });
});
