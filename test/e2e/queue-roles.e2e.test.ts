/**
 * Issue 11, roles on the job queue: a gateway process (BOT_ROLE=gateway) acknowledges, checks and queues; a worker
 * process (BOT_ROLE=worker, never logged in to the gateway) takes the job from BullMQ and follows and delivers it
 * through the bot token. A Cancel pressed on the gateway reaches the worker holding the job, which ends it as it
 * would in one process (a running job: fal is asked to stop and the job followed to its end). The gateway never reads
 * the member's files: the worker inspects them, and answers the member's ephemeral reply through the interaction's
 * webhook — "Started!", or the refusal with the quota reservation released.
 * Both bots run here (startBot, documented configuration) on one Redis database no one else uses.
 */
import { Writable } from "node:stream";
import { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { startBot, type Bot } from "../../src/bot.js";
import { loadConfig } from "../../src/config.js";
import { createLogger } from "../../src/logger.js";
import { isTerminal, type Job } from "../../src/job.js";
import { closeWorld, startWorld, statusOf, type World } from "./harness.js";
import { freeRedisDb } from "../support/redis-db.js";
import { makeBackend, TEST_REDIS_URL, unreachable } from "../store/backends.js";
import { makeVideo } from "../media/corpus.js";
import { openLedger } from "../../src/store/open-store.js";
import { monthKey } from "../../src/periods.js";

const CI = !!process.env.CI && process.env.CI !== "false";
const problem = await unreachable(makeBackend("redis"));

let redisDb: Awaited<ReturnType<typeof freeRedisDb>> | undefined;
let world: World | undefined;
let worker: Bot | undefined;
let secondWorker: Bot | undefined;
let workerLogs: string[] = [];

beforeAll(async () => {
  if (!problem) redisDb = await freeRedisDb();
});
afterAll(async () => {
  await redisDb?.cleanup();
});
afterEach(async () => {
  workerLogs = [];
  await worker?.stop();
  await secondWorker?.stop();
  worker = secondWorker = undefined;
  await closeWorld(world);
  world = undefined;
});

/** the gateway (the harness's bot) and a worker-only bot beside it, on the same Redis */
async function startRoles(): Promise<World> {
  const w = await startGateway();
  await startWorker(w);
  return w;
}

async function startGateway(): Promise<World> {
  world = await startWorld({ env: { STORE_URL: redisDb!.url, BOT_ROLE: "gateway", QUEUE_STALL_MS: "3000" } });
  return world;
}

type WorkerSeams = Pick<Parameters<typeof startBot>[1] & object, "deliveryInDoubtMs" | "wrapStore">;

async function startWorker(w: World, seams: WorkerSeams = {}, logs = workerLogs): Promise<Bot> {
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const bot = await startBot(loadConfig({ ...w.env, BOT_ROLE: "worker" }), {
    logger: createLogger("debug", sink),
    ...seams,
  });
  if (!worker) worker = bot;
  else secondWorker = bot;
  return bot;
}

/** /kling-edit with the harness's clip; fal runs it for `runMs` */
async function sendEdit(w: World, prompt: string, runMs: number) {
  w.fal.script({ timeline: [{ status: "IN_PROGRESS", logs: ["rendering"], ms: runMs }], outcome: { type: "result" } });
  w.discord.sendCommand({
    channelId: w.channelId,
    userId: w.userId,
    name: "kling-edit",
    options: { prompt, video: await w.video() },
  });
}

/** the worker holding the job loses its BullMQ lock (as when its event loop was too busy to renew it) */
async function expireLock(jobId: string): Promise<void> {
  const redis = new Redis(redisDb!.url);
  await redis.del(`bull:kling-jobs:${jobId}:lock`);
  await redis.quit();
}

/** result messages in the job's channel and its threads */
function resultMessages(w: World) {
  return [w.channelId, ...w.discord.threads().map((t) => t.id)]
    .flatMap((id) => w.discord.messages(id))
    .filter((m) => !m.deleted && m.raw.content?.includes("is ready"));
}

/** /kling-edit with a 12 s clip (fal takes 3–10 s): refused once its bytes are read */
async function sendTooLong(w: World, filename: string) {
  const long = await makeVideo({ width: 1280, height: 720, durationSec: 12, fps: 24, pattern: "color" });
  const video = w.discord.addAttachment({ filename, contentType: "video/mp4", data: long, width: 1280, height: 720 });
  return w.discord.sendCommand({
    channelId: w.channelId,
    userId: w.userId,
    name: "kling-edit",
    options: { prompt: "dust on @Video1", video },
  });
}

/** the ledger's open reservations and entries for the world's guild this month */
async function ledgerOf(w: World) {
  const ledger = await openLedger(w.env.STORE_URL!);
  try {
    const open = (await ledger.openReservations()).filter((o) => o.guildId === w.guildId);
    return { open, entries: await ledger.entries(w.guildId, monthKey(Date.now())) };
  } finally {
    await ledger.close();
  }
}

async function theJob(w: World): Promise<Job | undefined> {
  for await (const job of w.bot.store.all()) if (job.channelId === w.channelId) return job;
  return undefined;
}

describe.skipIf(!!problem && !CI)("BOT_ROLE=gateway and BOT_ROLE=worker on one Redis", () => {
  it("the gateway queues the job, the worker (no gateway session) follows and delivers it", async () => {
    if (problem) throw new Error(`Redis is not reachable at ${TEST_REDIS_URL}: ${problem}`);
    const w = await startRoles();
    expect(w.discord.gatewaySessions.filter((s) => s.socket)).toHaveLength(1);
    w.fal.script({ timeline: [{ status: "IN_PROGRESS", logs: ["rendering"], ms: 300 }], outcome: { type: "result" } });
    w.discord.sendCommand({
      channelId: w.channelId,
      userId: w.userId,
      name: "kling-edit",
      options: { prompt: "snow on @Video1", video: await w.video() },
    });
    await w.discord.waitFor(() => statusOf(w.progressMessage()).startsWith("✅"), 20_000, "delivered");
    const job = await theJob(w);
    expect(job).toMatchObject({ state: "delivered", attempts: { submit: 1, deliver: 1 } });
    // the gateway accepted it; only the worker followed it
    expect(w.logs.join("")).toContain('"msg":"accepted"');
    expect(w.logs.join("")).not.toContain('"msg":"submitted to fal"');
    expect(workerLogs.join("")).toContain('"msg":"working a queued job"');
    expect(workerLogs.join("")).toContain('"msg":"delivered"');
    expect(w.fal.requests.filter((r) => r.kind === "submit")).toHaveLength(1);
  }, 60_000);

  it("a gateway-only process never reads the member's file: the job waits, inspecting, until a worker reads it", async () => {
    if (problem) throw new Error(`Redis is not reachable at ${TEST_REDIS_URL}: ${problem}`);
    const w = await startGateway();
    w.fal.script({ timeline: [{ status: "IN_PROGRESS", ms: 200 }], outcome: { type: "result" } });
    const video = await w.video({}, "member-clip.mp4");
    const clipReads = () => w.discord.cdnRequests.filter((r) => r.path.includes("member-clip.mp4"));
    const command = w.discord.sendCommand({
      channelId: w.channelId,
      userId: w.userId,
      name: "kling-edit",
      options: { prompt: "fog on @Video1", video },
    });
    await vi.waitFor(async () => expect((await theJob(w))?.state).toBe("inspecting"), {
      timeout: 10_000,
      interval: 50,
    });
    // a worker would have read it by now (the queue hands jobs on within milliseconds): nobody here reads it
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const waiting = (await theJob(w))!;
    expect(clipReads()).toEqual([]);
    expect(waiting).toMatchObject({ state: "inspecting", memberReply: { locale: "en-US" } });
    expect(w.progressMessage()).toBeUndefined();
    expect(w.discord.interaction(command.id)?.edits ?? []).toEqual([]);

    const workerStarted = Date.now();
    await startWorker(w);
    await w.discord.waitFor(() => statusOf(w.progressMessage()).startsWith("✅"), 20_000, "delivered");
    expect(clipReads().length).toBeGreaterThan(0);
    expect(clipReads().every((r) => r.at >= workerStarted)).toBe(true);
    // the worker answered the member through the interaction's webhook, and the record keeps no token
    expect(w.discord.interaction(command.id)?.edits.at(-1)?.body.content).toContain("Started!");
    const job = (await theJob(w))!;
    expect(job.state).toBe("delivered");
    expect(job).not.toHaveProperty("memberReply");
    expect(w.logs.join("")).not.toContain(waiting.memberReply!.token);
    expect(workerLogs.join("")).not.toContain(waiting.memberReply!.token);
  }, 60_000);

  it("the worker refuses a bad file: the member's reply says why, the reservation is released, nothing is sent", async () => {
    if (problem) throw new Error(`Redis is not reachable at ${TEST_REDIS_URL}: ${problem}`);
    const w = await startRoles();
    const command = await sendTooLong(w, "short.mp4");
    const reply = await w.discord.waitFor(
      () => w.discord.interaction(command.id)?.edits.at(-1)?.body.content as string | undefined,
      20_000,
      "the refusal",
    );
    expect(reply).toMatch(/12\.0 s.*3–10 s.*trim/);
    expect(reply).toContain("Nothing was sent to fal and nothing was charged.");
    expect(workerLogs.join("")).toContain('"msg":"refused"');
    expect(w.logs.join("")).not.toContain('"msg":"refused"');
    const job = (await theJob(w))!;
    expect(job.state).toBe("failed");
    expect(job).not.toHaveProperty("memberReply");
    expect(await ledgerOf(w)).toEqual({ open: [], entries: [] });
    expect(w.progressMessage()).toBeUndefined();
    expect(w.fal.requests.filter((r) => r.kind === "submit")).toEqual([]);
  }, 60_000);

  it("a refusal whose reply Discord no longer takes (token expired): released, and a public note names no detail", async () => {
    if (problem) throw new Error(`Redis is not reachable at ${TEST_REDIS_URL}: ${problem}`);
    const w = await startGateway();
    const command = await sendTooLong(w, "secret-name.mp4");
    await vi.waitFor(async () => expect((await theJob(w))?.state).toBe("inspecting"), {
      timeout: 10_000,
      interval: 50,
    });
    w.discord.expireToken(command.id);
    await startWorker(w);
    await vi.waitFor(async () => expect((await theJob(w))?.state).toBe("failed"), { timeout: 20_000, interval: 50 });
    const note = await w.discord.waitFor(
      () => w.discord.messages(w.channelId).find((m) => !m.ephemeral && m.raw.content?.includes("privately in time")),
      10_000,
      "the public note",
    );
    expect(note.raw.content).toMatch(new RegExp(`^<@${w.userId}> I couldn't answer your /kling-edit request`));
    expect(note.raw.content).not.toMatch(/secret-name|12\.0 s/);
    const post = w.discord.requests.find((r) => r.method === "POST" && r.response?.id === note.raw.id)!;
    expect(post.body.allowed_mentions).toEqual({ parse: [], users: [w.userId] });
    expect(await ledgerOf(w)).toEqual({ open: [], entries: [] });
    expect(w.progressMessage()).toBeUndefined();
  }, 60_000);

  it("Cancel pressed on the gateway reaches the worker: a running job is asked to stop and followed to its end", async () => {
    if (problem) throw new Error(`Redis is not reachable at ${TEST_REDIS_URL}: ${problem}`);
    const w = await startRoles();
    await sendEdit(w, "rain on @Video1", 8_000);
    await vi.waitFor(async () => expect((await theJob(w))?.state).toBe("running"), { timeout: 20_000, interval: 50 });
    const message = w.progressMessage()!;
    const customId = message.raw.components[0].components[0].custom_id as string;
    const press = w.discord.clickButton({
      channelId: w.channelId,
      messageId: message.raw.id,
      customId,
      userId: w.userId,
    });
    const reply = await w.discord.waitFor(
      () => w.discord.interaction(press.id)?.edits.at(-1)?.body.content as string | undefined,
      15_000,
      "the cancel's answer",
    );
    // the holder's answer (one process would give the same); decided on the record it would be "Cancelled."
    expect(reply).toContain("Asked fal to stop");
    expect(workerLogs.join("")).toContain('"msg":"cancel forwarded from another process"');
    await vi.waitFor(
      async () => {
        const job = await theJob(w);
        expect(job && isTerminal(job) && job.finalShown !== false).toBe(true);
      },
      { timeout: 20_000, interval: 100 },
    );
    const job = (await theJob(w))!;
    expect(job.state).toBe("cancelled");
    expect(job.cancelledBy).toBe(w.userId);
    expect(w.fal.requests.filter((r) => r.kind === "cancel").length).toBeGreaterThanOrEqual(1);
  }, 60_000);

  it("a live worker that loses its lock mid-post lets go; the taker waits out that post and adopts it: one result", async () => {
    if (problem) throw new Error(`Redis is not reachable at ${TEST_REDIS_URL}: ${problem}`);
    const w = await startGateway();
    await startWorker(w, { deliveryInDoubtMs: 20_000 });
    await sendEdit(w, "fog on @Video1", 3_000);
    await vi.waitFor(async () => expect((await theJob(w))?.requestId).toBeDefined(), { timeout: 20_000 });
    // submitted, with its progress message: the next message posted is the result (in the channel or its thread)
    const held = w.discord.hold({ method: "POST", path: /^\/channels\/\d+\/messages$/ });
    await held.reached;
    const id = (await theJob(w))!.id;
    // the first worker is alive and posting, but its lock is gone: BullMQ offers the job again — to the other worker,
    // or to the first, which sets its lost drive aside and takes the job anew: the taker is either
    await expireLock(id);
    const takerLogs: string[] = [];
    await startWorker(w, { deliveryInDoubtMs: 20_000 }, takerLogs);
    await vi.waitFor(() => expect(workerLogs.join("")).toContain("lost the lock on a job"), { timeout: 10_000 });
    const logs = () => [...takerLogs, ...workerLogs].join("");
    await vi.waitFor(() => expect(logs()).toContain("waiting out another process's post"), { timeout: 15_000 });
    held.release();
    await vi.waitFor(async () => expect((await theJob(w))?.state).toBe("delivered"), { timeout: 20_000 });
    expect(resultMessages(w)).toHaveLength(1);
    expect(logs()).toContain("found the result posted before a restart");
    expect(w.fal.requests.filter((r) => r.kind === "submit")).toHaveLength(1);
  }, 90_000);

  it("a worker stuck right after saving a job delivered (not settled): the job is taken anew and settled", async () => {
    if (problem) throw new Error(`Redis is not reachable at ${TEST_REDIS_URL}: ${problem}`);
    const w = await startGateway();
    let unstick!: () => void;
    const stuck = new Promise<void>((resolve) => (unstick = resolve));
    // the first worker's save of "delivered" lands, and then that drive never gets further (as if it died there)
    let stuckOnce = false;
    await startWorker(w, {
      wrapStore: (store) =>
        new Proxy(store, {
          get(target, key) {
            if (key !== "save") return Reflect.get(target, key, target) as unknown;
            return async (job: Job) => {
              const saved = await target.save(job);
              if (job.state === "delivered" && !stuckOnce) {
                stuckOnce = true;
                await stuck;
              }
              return saved;
            };
          },
        }),
    });
    try {
      await sendEdit(w, "mist on @Video1", 3_000);
      await vi.waitFor(async () => expect((await theJob(w))?.requestId).toBeDefined(), { timeout: 20_000 });
      // the other worker is running before the job ends (its start-up reconciliation does not see the job ended);
      // BullMQ may offer the job again to either worker: the stuck drive is set aside and the job taken anew
      const takerLogs: string[] = [];
      await startWorker(w, {}, takerLogs);
      await vi.waitFor(async () => expect((await theJob(w))?.state).toBe("delivered"), { timeout: 20_000 });
      expect((await ledgerOf(w)).open).toHaveLength(1);
      await expireLock((await theJob(w))!.id);
      await vi.waitFor(async () => expect((await ledgerOf(w)).open).toEqual([]), { timeout: 15_000 });
      expect([...takerLogs, ...workerLogs].join("")).toContain('"msg":"quota settled"');
      expect((await ledgerOf(w)).entries.filter((e) => e.outcome === "delivered")).toHaveLength(1);
      expect(resultMessages(w)).toHaveLength(1);
    } finally {
      unstick();
    }
  }, 60_000);
});
