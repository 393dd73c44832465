import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_MEMBER_PERMISSIONS, Perm } from "../../emulators/discord/index.js";
import { Writable } from "node:stream";
import { startBot } from "../../src/bot.js";
import { loadConfig } from "../../src/config.js";
import { isTerminal } from "../../src/job.js";
import { createLogger } from "../../src/logger.js";
import { closeWorld, startWorld, statusHistory, statusOf, type World, type WorldOptions } from "./harness.js";

let world: World | undefined;
afterEach(async () => {
  await closeWorld(world);
  world = undefined;
});

const long = (ms = 4000) => ({
  timeline: [
    { status: "IN_QUEUE" as const, queuePosition: 1, ms: 600 },
    { status: "IN_PROGRESS" as const, logs: ["rendering"], ms },
  ],
  outcome: { type: "result" as const },
});

async function begin(options: WorldOptions = {}, scenario: object = long()) {
  world = await startWorld(options);
  world.fal.script(scenario as never);
  const interaction = world.discord.sendCommand({
    channelId: world.channelId,
    userId: world.userId,
    name: "kling-edit",
    options: { prompt: "a paper boat in @Video1", video: await world.video() },
  });
  const w = world;
  const progress = await w.discord.waitFor(() => w.progressMessage(), 10_000, "progress posted");
  return { world: w, interaction, progress };
}

const waitStatus = (w: World, prefix: string, timeout = 15_000) =>
  w.discord.waitFor(
    () => (statusOf(w.progressMessage()).startsWith(prefix) ? statusOf(w.progressMessage()) : undefined),
    timeout,
    `status ${prefix}`,
  );

/** Every job recorded as finished, its final progress edit made: the store will not change under the test. */
async function settled(w: World): Promise<void> {
  for (let i = 0; i < 200; i += 1) {
    const jobs = [];
    for await (const job of w.bot.store.all()) jobs.push(job);
    if (jobs.length && jobs.every((job) => isTerminal(job) && job.finalShown !== false)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("jobs did not settle");
}

const cancelId = (w: World) => w.progressMessage()!.raw.components[0].components[0].custom_id as string;

function resultMessages(w: World) {
  return [w.channelId, ...w.discord.threads().map((t) => t.id)]
    .flatMap((id) => w.discord.messages(id))
    .filter((m) => m.raw.content?.includes("is ready"));
}

async function click(
  w: World,
  messageChannel: string,
  messageId: string,
  customId: string,
  userId: string,
  memberPermissions?: bigint,
) {
  const { id } = w.discord.clickButton({
    channelId: messageChannel,
    messageId,
    customId,
    userId,
    ...(memberPermissions !== undefined ? { memberPermissions } : {}),
  });
  return w.discord.waitFor(
    () => {
      const record = w.discord.interaction(id);
      const reply =
        record?.edits.at(-1)?.body.content ?? record?.callbacks.find((c) => c.type === 4)?.body.data?.content;
      return reply ? { record: record!, reply: reply as string } : undefined;
    },
    10_000,
    "button reply",
  );
}

describe("Cancel", () => {
  it("the requester cancels while queued: fal is told, the progress says so, nothing is delivered", async () => {
    const { world: w, progress } = await begin(
      {},
      { timeline: [{ status: "IN_QUEUE", queuePosition: 3, ms: 60_000 }], outcome: { type: "result" } },
    );
    await waitStatus(w, "⏳");
    const { reply } = await click(w, w.channelId, progress.raw.id, cancelId(w), w.userId);
    expect(reply).toContain("Cancelled");
    const [job] = [...w.fal.jobs.values()];
    expect(job!.state).toBe("CANCELLED");
    expect(await waitStatus(w, "🚫")).toContain(`<@${w.userId}>`);
    expect(w.progressMessage()!.raw.components).toEqual([]);
    expect(resultMessages(w)).toEqual([]);
  });

  it("a member with Manage Messages cancels while running; a stranger is refused", async () => {
    const { world: w, progress } = await begin(
      {},
      { timeline: [{ status: "IN_PROGRESS", logs: ["busy"], ms: 60_000 }], outcome: { type: "result" } },
    );
    await waitStatus(w, "🎬");
    const stranger = w.discord.addUser({ username: "stranger" });
    const refused = await click(
      w,
      w.channelId,
      progress.raw.id,
      cancelId(w),
      stranger.id as string,
      DEFAULT_MEMBER_PERMISSIONS,
    );
    expect(refused.reply).toMatch(/Only <@\d+>.*Manage Messages/);
    expect(refused.record.callbacks[0]!.body.data.flags & 64).toBe(64);
    expect(refused.record.callbacks[0]!.body.data.allowed_mentions).toEqual({ parse: [] });
    expect(statusOf(w.progressMessage())).toMatch(/^🎬/);

    const moderator = w.discord.addUser({ username: "mod" });
    const done = await click(
      w,
      w.channelId,
      progress.raw.id,
      cancelId(w),
      moderator.id as string,
      DEFAULT_MEMBER_PERMISSIONS | Perm.ManageMessages,
    );
    // fal had started it: its cancel is best-effort, so the member is told a finished video would still come
    expect(done.reply).toContain("Asked fal to stop. It had already started this job");
    await waitStatus(w, "🚫");
    expect([...w.fal.jobs.values()][0]!.cancelCalls).toBe(1);
  });
});

describe("Retry and Remix", () => {
  it("Retry reruns the same inputs through every check; Remix opens a prefilled modal and reruns with the new prompt", async () => {
    const { world: w } = await begin({}, long(300));
    const first = await w.discord.waitFor(() => resultMessages(w)[0], 15_000, "first result");
    const clipReads = () => w.discord.cdnRequests.filter((r) => r.path.includes("clip.mp4")).length;
    const firstReads = clipReads();
    const row = first.raw.components[0].components as { custom_id: string; label: string }[];
    expect(row.map((b) => b.label)).toEqual(["Retry", "Remix"]);

    w.fal.script(long(300));
    const retry = await click(w, first.channelId, first.raw.id, row[0]!.custom_id, w.userId);
    expect(retry.reply).toContain("Started!");
    await w.discord.waitFor(() => resultMessages(w).length === 2, 15_000, "retry delivered");
    const [a, b] = [...w.fal.jobs.values()];
    expect((b!.input as { prompt: string }).prompt).toBe((a!.input as { prompt: string }).prompt);
    // the retry went through the checks again: its inputs were read again, exactly as the first time
    expect(firstReads).toBeGreaterThan(0);
    expect(clipReads()).toBe(2 * firstReads);

    const { id } = w.discord.clickButton({
      channelId: first.channelId,
      messageId: first.raw.id,
      customId: row[1]!.custom_id,
      userId: w.userId,
    });
    const modal = await w.discord.waitFor(
      () => w.discord.interaction(id)?.callbacks.find((c) => c.type === 9),
      10_000,
      "modal",
    );
    expect(JSON.stringify(modal.body.data)).toContain("a paper boat in @Video1");
    w.fal.script(long(300));
    const submitted = w.discord.submitModal({
      channelId: first.channelId,
      customId: modal.body.data.custom_id,
      fields: { prompt: "a paper plane in @Video1" },
      userId: w.userId,
    });
    await w.discord.waitFor(
      () => w.discord.interaction(submitted.id)?.edits.at(-1)?.body.content?.includes("Started!"),
      10_000,
      "remix started",
    );
    await w.discord.waitFor(() => resultMessages(w).length === 3, 15_000, "remix delivered");
    expect(([...w.fal.jobs.values()][2]!.input as { prompt: string }).prompt).toBe("a paper plane in @Video1");
  });

  it("Retry with inputs Discord no longer has (not even a fresh link) is refused clearly", async () => {
    const { world: w } = await begin({}, long(200));
    const first = await w.discord.waitFor(() => resultMessages(w)[0], 15_000, "first result");
    await settled(w);
    // the file is gone from Discord: its link neither verifies nor can be refreshed
    for await (const stored of w.bot.store.all()) {
      const stale = stored.request!;
      stale.video = { ...stale.video!, url: stale.video!.url.replace(/\/\d+\/([^/?]+)\?/, "/1/$1?") };
      await w.bot.store.save({ ...stored, request: stale });
    }
    const retry = await click(
      w,
      first.channelId,
      first.raw.id,
      first.raw.components[0].components[0].custom_id,
      w.userId,
    );
    expect(retry.reply).toMatch(/can't be fetched any more.*run \/kling-edit again/);
    expect(w.fal.jobs.size).toBe(1);
  });
});

describe("restarts", () => {
  it("a restart mid-job resumes following without resubmitting and delivers once", async () => {
    const { world: w } = await begin({}, long(2500));
    await waitStatus(w, "🎬");
    await w.restart();
    await w.discord.waitFor(() => resultMessages(w).length === 1, 20_000, "delivered after restart");
    await waitStatus(w, "✅");
    expect(w.fal.requests.filter((r) => r.kind === "submit")).toHaveLength(1);
    expect(resultMessages(w)).toHaveLength(1);
  });

  it("two processes starting at once on one store: the resume claim lets exactly one drive the job, delivered once", async () => {
    const { world: w } = await begin({}, long(1500));
    await waitStatus(w, "🎬");
    await w.bot.stop();
    const logs: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        logs.push(String(chunk));
        done();
      },
    });
    const config = loadConfig(w.env);
    const [a, b] = await Promise.all([
      startBot(config, { logger: createLogger("debug", sink) }),
      startBot(config, { logger: createLogger("debug", sink) }),
    ]);
    w.bot = a; // stopped by closeWorld
    try {
      await w.discord.waitFor(() => resultMessages(w).length >= 1, 20_000, "delivered");
      await settled(w);
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(resultMessages(w)).toHaveLength(1);
      expect(w.fal.requests.filter((r) => r.kind === "submit")).toHaveLength(1);
      expect(logs.join("").match(/this runner lets go of it/g)).toHaveLength(1);
    } finally {
      await b.stop();
    }
  });

  it("a delivery in doubt is checked against the thread before posting again", async () => {
    const { world: w } = await begin({}, long(200));
    await w.discord.waitFor(() => resultMessages(w)[0], 15_000, "delivered");
    await settled(w);
    // as if the process died after posting but before recording the message id
    for await (const job of w.bot.store.all()) {
      const { resultMessageId: _m, resultChannelId: _c, finishedAt: _f, ...rest } = job;
      await w.bot.store.save({ ...rest, state: "delivering", attempts: { ...job.attempts, deliver: 1 } });
    }
    await w.restart();
    await w.discord.waitFor(
      () => w.logs.join("").includes("found the result posted before a restart"),
      10_000,
      "found result",
    );
    await settled(w);
    expect(resultMessages(w)).toHaveLength(1);
  });

  it("finished jobs are deleted after JOB_RETENTION_DAYS (at start-up and hourly); an unfinished one is kept and resumed", async () => {
    // 0.00002 days = 1.7 s after a job finished
    const { world: w } = await begin({ env: { JOB_RETENTION_DAYS: "0.00002" } }, long(200));
    await w.discord.waitFor(() => resultMessages(w)[0], 15_000, "delivered");
    await settled(w);
    w.fal.script({ timeline: [{ status: "IN_PROGRESS", ms: 60_000 }], outcome: { type: "result" } });
    w.discord.sendCommand({
      channelId: w.channelId,
      userId: w.userId,
      name: "kling-edit",
      options: { prompt: "snow on @Video1", video: await w.video() },
    });
    await w.discord.waitFor(() => w.fal.jobs.size === 2, 15_000, "second job submitted");
    await new Promise((resolve) => setTimeout(resolve, 1_800));
    await w.restart();
    await w.discord.waitFor(
      () => w.logs.join("").includes("deleted finished jobs past JOB_RETENTION_DAYS"),
      10_000,
      "purged",
    );
    const left = [];
    for await (const job of w.bot.store.all()) left.push(job);
    expect(left).toHaveLength(1);
    expect(left[0]!.prompt).toBe("snow on @Video1");
    expect(left[0]!.state).not.toBe("delivered");
    const resumedId = `"jobId":"${left[0]!.id}"`;
    expect(
      w.logs.some((line) => line.includes(resumedId) && line.includes(`"state":"running","msg":"resuming job"`)),
    ).toBe(true);
  });

  it("jobs older than JOB_RESUME_MAX_AGE_HOURS are closed with a message instead of resumed", async () => {
    const { world: w } = await begin(
      {},
      { timeline: [{ status: "IN_PROGRESS", ms: 60_000 }], outcome: { type: "result" } },
    );
    await waitStatus(w, "🎬");
    await w.restart({ JOB_RESUME_MAX_AGE_HOURS: "0.00001" });
    expect(await waitStatus(w, "❌")).toBe(
      "❌ Failed — the bot was offline and this job is over 36 ms old, so it was closed.",
    );
  });
});

describe("faults", () => {
  it("a moderator deleting the progress message gets a fresh one; the job still delivers", async () => {
    const { world: w, progress } = await begin({}, long(1500));
    await waitStatus(w, "🎬");
    w.discord.deleteMessage(w.channelId, progress.raw.id);
    await w.discord.waitFor(() => resultMessages(w)[0], 15_000, "delivered");
    await waitStatus(w, "✅");
    const fresh = w.progressMessage()!;
    expect(fresh.raw.id).not.toBe(progress.raw.id);
    await w.discord.waitFor(
      () => w.logs.join("").includes("progress message was deleted; posted a new one"),
      5000,
      "repost logged",
    );
  });

  // (a 5xx or a dropped answer to a submit is not retried: fal may have the job — fal-half-answers.e2e.test.ts)
  it("fal answering 429 to a submit is retried; fal unreachable for a while is waited out and shown", async () => {
    world = await startWorld();
    const w = world;
    w.fal.failNext({ kind: "submit", status: 429, body: { detail: "Too many requests" }, times: 4 });
    w.fal.script(long(600));
    w.discord.sendCommand({
      channelId: w.channelId,
      userId: w.userId,
      name: "kling-edit",
      options: { prompt: "fog", video: await w.video() },
    });
    await w.discord.waitFor(() => w.fal.jobs.size === 1, 30_000, "submitted after 503s");
    await waitStatus(w, "⏳");
    await w.fal.setUnreachable("refuse");
    await waitStatus(w, "⚠️", 20_000);
    await w.fal.setUnreachable(false);
    await w.discord.waitFor(() => resultMessages(w)[0], 30_000, "delivered");
    expect(statusHistory(w.discord, w.progressMessage()!).some((s) => s.includes("fal is not answering"))).toBe(true);
  });

  it("a job that never finishes is cancelled at the deadline and the member is told", async () => {
    const { world: w } = await begin(
      { env: { JOB_DEADLINE_MINUTES: "0.03" } },
      { timeline: [{ status: "IN_PROGRESS", ms: 100 }], outcome: { type: "never" } },
    );
    expect(await waitStatus(w, "❌")).toBe("❌ Failed — fal did not finish within 1.8 s, so I cancelled it.");
    expect([...w.fal.jobs.values()][0]!.cancelCalls).toBe(1);
  });

  it("the channel deleted mid-job: the job finishes, the result is recorded, the failure logged", async () => {
    const { world: w } = await begin({}, long(800));
    await waitStatus(w, "🎬");
    w.discord.deleteChannel(w.channelId);
    await w.discord.waitFor(() => w.logs.join("").includes('"msg":"job failed"'), 15_000, "job failed");
    const records = [];
    for await (const record of w.bot.store.all()) records.push(record);
    expect(records[0]).toMatchObject({ state: "failed", resultUrl: expect.stringContaining("/cdn/files/") });
  });

  it("Discord 429s on progress edits are waited out, with no edit storm", async () => {
    const { world: w } = await begin({}, long(1500));
    w.discord.failNext({
      method: "PATCH",
      path: /^\/channels\/\d+\/messages\/\d+$/,
      status: 429,
      retryAfter: 0.5,
      times: 2,
    });
    await w.discord.waitFor(() => resultMessages(w)[0], 20_000, "delivered");
    await waitStatus(w, "✅");
    const edits = w.discord.requests.filter((r) => r.method === "PATCH" && r.path.startsWith("/channels/"));
    const limited = edits.filter((r) => r.status === 429);
    expect(limited).toHaveLength(2);
    // each 429 is waited out: the next edit comes no sooner than its retry_after (0.5 s)
    for (const refusal of limited) {
      const next = edits.find((r) => r.seq > refusal.seq)!;
      expect(next.at - refusal.at).toBeGreaterThanOrEqual(500);
    }
    // no edit storm: every edit Discord took changed what the message shows (the job's display moves on its own
    // clock, so the count is not fixed; a repeated edit is what a storm is made of)
    const shown = edits.filter((r) => r.status === 200).map((r) => JSON.stringify(r.body));
    expect(shown.filter((body, i) => i > 0 && body === shown[i - 1])).toEqual([]);
    expect(edits.filter((r) => r.status !== 200 && r.status !== 429)).toEqual([]);
  });
});
