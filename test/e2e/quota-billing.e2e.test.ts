import { readFile } from "node:fs/promises";
import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { GuildSettingsStore } from "../../src/guild/settings-store.js";
import { JobStore } from "../../src/jobs/job-store.js";
import { LEDGER_CSV_COLUMNS, parseCsv } from "../../src/quota/csv.js";
import type { LedgerEntry } from "../../src/quota/ledger.js";
import { monthKey } from "../../src/periods.js";
import { ORPHAN_RESERVATION_MS, QuotaService } from "../../src/quota/quota-service.js";
import { openLedger, openStore } from "../../src/store/open-store.js";
import type { CommandOptionValue, StoredMessage } from "../../emulators/discord/index.js";
import type { Scenario } from "../../emulators/fal/index.js";
import { makeVideo } from "../media/corpus.js";
import { createInspectPool, type InspectPool } from "../../src/media/inspect-pool.js";
import { MediaError } from "../../src/media/types.js";
import { makeClip } from "../support/clip.js";
import { closeWorld, startWorld, statusOf, type World, type WorldOptions } from "./harness.js";
import { command, OWNER_PERMISSIONS } from "./quota-helpers.js";

let world: World | undefined;
let cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
  await closeWorld(world);
  world = undefined;
});

async function begin(options: WorldOptions = {}): Promise<World> {
  world = await startWorld(options);
  return world;
}

const until = async (check: () => Promise<boolean> | boolean, label: string, timeoutMs = 15_000) => {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${label}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};

/** Starts a job without waiting for the reply; resolves with its interaction id and, once posted, its progress message. */
function send(w: World, name: "kling-edit" | "kling-reference", options: Record<string, CommandOptionValue>) {
  const before = new Set(w.discord.messages(w.channelId).map((m) => m.raw.id));
  const { id } = w.discord.sendCommand({ channelId: w.channelId, userId: w.userId, name, options });
  const reply = () =>
    w.discord.waitFor(
      () => w.discord.interaction(id)?.edits.at(-1)?.body.content as string | undefined,
      20_000,
      `reply to ${name}`,
    );
  const progress = () =>
    w.discord.waitFor(
      () =>
        w.discord
          .messages(w.channelId)
          .find((m) => !before.has(m.raw.id) && m.raw.embeds?.[0]?.title?.startsWith("Kling")),
      20_000,
      "progress message",
    );
  return { id, reply, progress };
}

const current = (w: World, message: StoredMessage) => w.discord.message(w.channelId, message.raw.id)!;
const finalStatus = (w: World, message: StoredMessage, prefix: string) =>
  w.discord.waitFor(
    () => (statusOf(current(w, message)).startsWith(prefix) ? statusOf(current(w, message)) : undefined),
    20_000,
    `status ${prefix}`,
  );
const costOf = (w: World, message: StoredMessage) =>
  current(w, message).raw.embeds[0].fields.find((f: { name: string }) => f.name === "Cost")?.value as
    string | undefined;
const results = (w: World) =>
  [w.channelId, ...w.discord.threads().map((t) => t.id)]
    .flatMap((id) => w.discord.messages(id))
    .filter((m) => m.raw.content?.includes("is ready"));

/** The month's ledger as the bot's store holds it, read over a second connection. */
async function ledgerEntries(w: World): Promise<LedgerEntry[]> {
  const ledger = await openLedger(w.env.STORE_URL!);
  try {
    return await ledger.entries(w.guildId, monthKey(Date.now()));
  } finally {
    await ledger.close();
  }
}

/** The `/kling-usage export` CSV, as the owner downloads it: job id → [outcome, output_seconds, cost_usd]. */
async function csvByJob(w: World): Promise<Record<string, string[]>> {
  const sent = await command(w, "kling-usage", { export: true }, { memberPermissions: OWNER_PERMISSIONS });
  const [header, ...rows] = parseCsv(sent.files[0]!.data.toString("utf8"));
  expect(header).toEqual([...LEDGER_CSV_COLUMNS]);
  const col = (name: (typeof LEDGER_CSV_COLUMNS)[number]) => LEDGER_CSV_COLUMNS.indexOf(name);
  return Object.fromEntries(
    rows.map((r) => [r[col("job_id")]!, [r[col("outcome")]!, r[col("output_seconds")]!, r[col("cost_usd")]!]]),
  );
}

const billed = (entries: LedgerEntry[]) =>
  entries.map((e) => ({ state: e.state, outcome: e.outcome, billedMs: e.billedMs, billedMicros: e.billedMicros }));

/**
 * The orphan sweep of another process sharing the store (or this one 16 minutes on): the same QuotaService code
 * the bot runs every 5 minutes, with its clock past ORPHAN_RESERVATION_MS.
 */
async function sweepLater(w: World) {
  const config = loadConfig(w.env);
  const keyv = await openStore(config.STORE_URL);
  const ledger = await openLedger(config.STORE_URL);
  const jobs = new JobStore(keyv);
  const later = { now: () => Date.now() + ORPHAN_RESERVATION_MS + 60_000 };
  const sweeper = new QuotaService(ledger, new GuildSettingsStore(keyv, config), later, w.bot.logger);
  cleanups.push(
    () => ledger.close(),
    () => keyv.disconnect(),
  );
  await until(async () => (await ledger.openReservations()).some((o) => o.guildId === w.guildId), "the reservation");
  const stop = sweeper.startSweeper((id) => jobs.get(id), 20);
  await until(async () => (await ledger.guildUsage(w.guildId, Date.now())).active === 0, "the sweep to release it");
  stop();
}

/** A clip on fal's CDN given as `video_url`: while the fal emulator is paused, every read of it waits. */
async function slowLink(w: World): Promise<string> {
  const clip = await makeClip();
  return w.fal.putFile(await readFile(clip), { fileName: "slow.mp4" });
}

const quick = (outcome: Scenario["outcome"]): Scenario => ({ timeline: [{ status: "IN_PROGRESS", ms: 100 }], outcome });

describe("a reservation is confirmed open when the job is recorded (issue 8.2)", () => {
  it("an inspection that outlasts the orphan sweep takes its reservation again: the job is billed and counted", async () => {
    const w = await begin();
    const url = await slowLink(w);
    w.fal.script(quick({ type: "result", video: { seconds: 5 } }));
    w.fal.pause();
    const job = send(w, "kling-reference", { prompt: "a paper boat in @Video1", video_url: url, duration: 5 });
    await sweepLater(w);
    w.fal.resume();
    expect(await job.reply()).toContain("Started!");
    const progress = await job.progress();
    await finalStatus(w, progress, "✅");
    expect(billed(await ledgerEntries(w))).toEqual([
      { state: "settled", outcome: "delivered", billedMs: 5_000, billedMicros: 630_000 },
    ]);
    expect(costOf(w, progress)).toBe("$0.63 — 5.0 s of video made");
    expect(w.logs.join("")).toContain("the job's quota reservation had lapsed; taken again");
    expect(results(w)).toHaveLength(1);
  });

  it("taking it again goes through the same checks: the member started another job meanwhile, so this one is refused, unsent", async () => {
    const w = await begin(); // one job at once per member
    const url = await slowLink(w);
    w.fal.pause();
    const slow = send(w, "kling-reference", { prompt: "a paper boat in @Video1", video_url: url, duration: 5 });
    await sweepLater(w);
    w.fal.script(quick({ type: "result", video: { seconds: 3 } }));
    const other = await command(w, "kling-reference", {
      prompt: "a kite in @Video1",
      video: await w.video(),
      duration: 3,
    });
    expect(other.content).toContain("Started!");
    w.fal.resume();
    expect(await slow.reply()).toBe(
      "I can't start this job:\n• This job's hold on your allowance lapsed before it reached fal " +
        "(checking its files took too long), and it can't be taken again: " +
        "You already have 1 job running, and this server allows 1 at a time per member. A slot frees " +
        "when one of them finishes (or is cancelled).\n" +
        "Nothing was sent to fal and nothing was charged.",
    );
    await w.discord.waitFor(() => results(w).length === 1, 20_000, "the other job delivered");
    expect(w.fal.requests.filter((r) => r.kind === "submit")).toHaveLength(1);
    await until(async () => (await ledgerEntries(w)).every((e) => e.state === "settled"), "settlement");
    expect(billed(await ledgerEntries(w))).toEqual([
      { state: "settled", outcome: "delivered", billedMs: 3_000, billedMicros: 378_000 },
    ]);
  });
});

describe("a reservation is confirmed open right before submit (issue 8.2)", () => {
  it("a recorded job whose reservation was released before it reached fal takes it again at submit", async () => {
    const w = await begin();
    w.fal.pause(); // the re-host upload before submit waits
    w.fal.script(quick({ type: "result", video: { seconds: 4 } }));
    const clip = await w.video();
    const job = send(w, "kling-reference", { prompt: "a paper boat in @Video1", video: clip, duration: 4 });
    expect(await job.reply()).toContain("Started!");
    const progress = await job.progress();
    // past the confirm before submit: the runner downloads the clip to re-host it on fal storage
    await w.discord.waitFor(
      () => w.discord.cdnRequests.some((r) => r.path.includes("clip.mp4") && r.range === undefined),
      10_000,
      "re-host download",
    );
    const ledger = await openLedger(w.env.STORE_URL!);
    cleanups.push(() => ledger.close());
    const [open] = (await ledger.openReservations()).filter((o) => o.guildId === w.guildId);
    // released behind the job's back (an operator, a process of an older version): the record still says "checking"
    expect(await ledger.release(open!, Date.now())).toBe(true);
    await w.restart();
    w.fal.resume();
    await finalStatus(w, progress, "✅");
    expect(w.fal.requests.filter((r) => r.kind === "submit")).toHaveLength(1);
    expect(billed(await ledgerEntries(w))).toEqual([
      { state: "settled", outcome: "delivered", billedMs: 4_000, billedMicros: 504_000 },
    ]);
    expect(w.logs.join("")).toContain("the job's quota reservation had lapsed; taken again");
  });
});

describe("billing follows what fal made (issue 8.2)", () => {
  it("a longer result than the clip, a fragmented result, and a file that is not a video", async () => {
    const w = await begin({ env: { KLING_USER_CONCURRENT_JOBS: "5" } });
    const video = await w.video(); // 3.5 s: the estimate is 3.5 × $0.126 = $0.441

    w.fal.script(quick({ type: "result", video: { seconds: 10 } }));
    const longer = send(w, "kling-edit", { prompt: "make it rain on @Video1", video });
    const longerProgress = await longer.progress();
    expect(await finalStatus(w, longerProgress, "✅")).toContain("see the result");

    const fragmented = await makeVideo({
      width: 1280,
      height: 720,
      durationSec: 6,
      fps: 24,
      pattern: "color",
      fragmented: true,
    });
    w.fal.script(quick({ type: "result", video: { path: fragmented } }));
    const frag = send(w, "kling-edit", { prompt: "snow on @Video1", video });
    const fragProgress = await frag.progress();
    await finalStatus(w, fragProgress, "✅");
    // a fragmented file is measured by its fragments (its mvhd says 0 s); its AAC track runs 21 ms past the video

    w.fal.script(
      quick({
        type: "result",
        video: {
          bytes: Buffer.from("<!doctype html><html><body>502 Bad Gateway</body></html>"),
          contentType: "video/mp4",
        },
      }),
    );
    const junk = send(w, "kling-edit", { prompt: "fog on @Video1", video });
    const junkProgress = await junk.progress();
    expect(await finalStatus(w, junkProgress, "❌")).toBe(
      "❌ Failed — fal sent back a file that is not a playable video (this is a web page (HTML), not " +
        "MP4/MOV), so I did not post it. fal made it, so it counts against the budget; press Retry or run the command again.",
    );
    expect(results(w)).toHaveLength(2);
    expect(billed(await ledgerEntries(w)).sort((a, b) => a.billedMs - b.billedMs)).toEqual([
      { state: "settled", outcome: "failed-after-result", billedMs: 3_500, billedMicros: 441_000 },
      { state: "settled", outcome: "delivered", billedMs: 6_021, billedMicros: 758_646 },
      { state: "settled", outcome: "delivered", billedMs: 10_000, billedMicros: 1_260_000 },
    ]);
    const jobs = [];
    for await (const job of w.bot.store.all()) jobs.push(job);
    expect(jobs.map((j) => j.resultSec).sort()).toEqual([10, 6.021, undefined].sort());
    expect(costOf(w, longerProgress)).toBe("$1.26 — 10.0 s of video made");
    expect(costOf(w, fragProgress)).toBe("$0.76 — 6.0 s of video made");
    expect(costOf(w, junkProgress)).toBe("$0.44 — fal made a video, so it is billed");
  });
});

describe("the result's measure waits for a busy media inspection", () => {
  it("a result measured while the inspection is full is billed at its length once a thread is free", async () => {
    // the bot's own pool, refusing as busy (as when full) the next few files it is given
    let refuseNext = 0;
    const pool = createInspectPool();
    const busyPool: InspectPool = {
      inspect: ((...args: Parameters<InspectPool["inspect"]>) => {
        if (refuseNext > 0) {
          refuseNext -= 1;
          return Promise.reject(new MediaError("busy", "the bot is reading too many files right now"));
        }
        return pool.inspect(...args);
      }) as InspectPool["inspect"],
      get inFlight() {
        return pool.inFlight;
      },
      close: () => pool.close(),
    };
    const w = await begin({ overrides: { inspectPool: busyPool } });
    const video = await w.video(); // 3.5 s: the estimate
    w.fal.script(quick({ type: "result", video: { seconds: 6 } }));
    const job = send(w, "kling-edit", { prompt: "make it snow on @Video1", video });
    await until(() => w.fal.requests.some((r) => r.kind === "submit"), "the submit");
    // the inputs were read: what comes to the pool next is the result
    refuseNext = 2;
    expect(await finalStatus(w, await job.progress(), "✅")).toContain("see the result");
    expect(refuseNext).toBe(0);
    expect(billed(await ledgerEntries(w))).toEqual([
      { state: "settled", outcome: "delivered", billedMs: 6_000, billedMicros: 756_000 },
    ]);
    expect(w.logs.join("")).not.toContain("billed at the estimate");
  });
});

describe("jobs fal may have run are not recorded as free (issue 9.2)", () => {
  const reference = async (w: World, duration: number) => ({
    prompt: "a paper boat in @Video1",
    video: await w.video(),
    duration,
  });

  it("cancelled at JOB_DEADLINE_MINUTES: free while fal still had it queued, at the estimate once it ran", async () => {
    const w = await begin({ env: { JOB_DEADLINE_MINUTES: "0.03", KLING_USER_CONCURRENT_JOBS: "5" } });
    w.fal.script({ timeline: [{ status: "IN_QUEUE", queuePosition: 2, ms: 60_000 }], outcome: { type: "never" } });
    const queued = send(w, "kling-reference", await reference(w, 4));
    const queuedProgress = await queued.progress();
    w.fal.script({ timeline: [{ status: "IN_PROGRESS", logs: ["Starting"], ms: 100 }], outcome: { type: "never" } });
    const running = send(w, "kling-reference", await reference(w, 5));
    const runningProgress = await running.progress();

    expect(await finalStatus(w, queuedProgress, "❌")).toBe(
      "❌ Failed — fal did not finish within 1.8 s, so I cancelled it.",
    );
    await finalStatus(w, runningProgress, "❌");
    expect([...w.fal.jobs.values()].map((j) => j.cancelCalls)).toEqual([1, 1]);
    expect(Object.values(await csvByJob(w)).sort()).toEqual([
      ["deadline-queued", "0.000", "0.000000"],
      ["deadline-running", "5.000", "0.630000"],
    ]);
    expect(costOf(w, queuedProgress)).toBe("$0.00 — not billed: fal had not started it");
    expect(costOf(w, runningProgress)).toBe("$0.63 — counted at the estimate: fal may have run it");
  });

  it(
    "at the deadline fal is asked again: a job that left the queue since the last poll is counted; " +
      "one that finished is delivered",
    async () => {
      // polls 2 s apart and a 1.8 s deadline: the only poll before the deadline said IN_QUEUE
      const w = await begin({
        env: { JOB_DEADLINE_MINUTES: "0.03", FAL_POLL_INTERVAL_MS: "2000", KLING_USER_CONCURRENT_JOBS: "5" },
      });
      w.fal.script({
        timeline: [
          { status: "IN_QUEUE", queuePosition: 0, ms: 300 },
          { status: "IN_PROGRESS", ms: 60_000 },
        ],
        outcome: { type: "never" },
      });
      const started = await send(w, "kling-reference", await reference(w, 5)).progress();
      w.fal.script({
        timeline: [{ status: "IN_QUEUE", queuePosition: 0, ms: 600 }],
        outcome: { type: "result", video: { seconds: 4 } },
      });
      const finished = await send(w, "kling-reference", await reference(w, 4)).progress();
      await finalStatus(w, started, "❌");
      await finalStatus(w, finished, "✅");
      expect(Object.values(await csvByJob(w)).sort()).toEqual([
        ["deadline-running", "5.000", "0.630000"],
        ["delivered", "4.000", "0.504000"],
      ]);
      expect(results(w)).toHaveLength(1);
    },
  );

  it("closed at resume as too old: free if fal still had it queued, at the estimate if it was running", async () => {
    const w = await begin({ env: { KLING_USER_CONCURRENT_JOBS: "5" } });
    w.fal.script({ timeline: [{ status: "IN_QUEUE", queuePosition: 2, ms: 60_000 }], outcome: { type: "never" } });
    const queued = await send(w, "kling-reference", await reference(w, 4)).progress();
    await finalStatus(w, queued, "⏳");
    w.fal.script({ timeline: [{ status: "IN_PROGRESS", logs: ["Starting"], ms: 60_000 }], outcome: { type: "never" } });
    const running = await send(w, "kling-reference", await reference(w, 5)).progress();
    await finalStatus(w, running, "🎬");
    await w.restart({ JOB_RESUME_MAX_AGE_HOURS: "0.00001" });

    expect(await finalStatus(w, queued, "❌")).toMatch(/offline.*closed/);
    await finalStatus(w, running, "❌");
    expect(Object.values(await csvByJob(w)).sort()).toEqual([
      ["too-old-queued", "0.000", "0.000000"],
      ["too-old-running", "5.000", "0.630000"],
    ]);
    expect(costOf(w, queued)).toBe("$0.00 — not billed: fal had not started it");
    expect(costOf(w, running)).toBe("$0.63 — counted at the estimate: fal may have run it");
  });

  it("submit in doubt (the process stopped while fal was answering the submit): counted at the estimate", async () => {
    const w = await begin();
    // fal takes a minute to answer this submit: the restart happens while it is in flight
    w.fal.failNext({ kind: "submit", delayMs: 60_000, drop: true });
    const progress = await send(w, "kling-reference", await reference(w, 5)).progress();
    await until(async () => {
      for await (const job of w.bot.store.all()) if (job.attempts.submit === 1) return true;
      return false;
    }, "the submit to be under way");
    await w.restart();
    expect(await finalStatus(w, progress, "❌")).toMatch(/restarted while sending this job to fal/);
    expect(Object.values(await csvByJob(w))).toEqual([["submit-in-doubt", "5.000", "0.630000"]]);
    expect(costOf(w, progress)).toBe("$0.63 — counted at the estimate: fal may have received and run it");
  });
});
