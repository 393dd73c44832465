import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Keyv } from "keyv";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { loadConfig } from "../../src/config.js";
import { GuildSettingsStore } from "../../src/guild/settings-store.js";
import type { Job, JobState } from "../../src/job.js";
import { JobStore } from "../../src/jobs/job-store.js";
import { createLogger } from "../../src/logger.js";
import { settlementFor } from "../../src/quota/billing.js";
import type { QuotaLedger, QuotaLimits } from "../../src/quota/ledger.js";
import { costMicros } from "../../src/money.js";
import { monthKey } from "../../src/periods.js";
import { ORPHAN_RESERVATION_MS, QuotaService } from "../../src/quota/quota-service.js";
import { openLedger, openStore } from "../../src/store/open-store.js";

/** Start-up reconciliation and the 5-minute sweep, on a real SQLite ledger and job store, with a clock the test moves. */
const GUILD = "900000000000000001";
const PRICE = 126_000;
const NO_LIMITS: QuotaLimits = {
  concurrentJobs: 100,
  cooldownMs: 0,
  userDailyMs: null,
  guildDailyMicros: null,
  guildMonthlyMicros: null,
};
const T0 = Date.UTC(2026, 5, 10, 12, 0, 0);
const SWEEP_MS = 5 * 60_000;

let dir: string;
let keyv: Keyv;
let ledger: QuotaLedger;
let jobs: JobStore;
let now: number;
let quota: QuotaService;
const getJob = (id: string) => jobs.get(id);

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "kling-reconcile-"));
  const url = `sqlite://${join(dir, "store.sqlite")}`;
  keyv = await openStore(url);
  ledger = await openLedger(url);
  jobs = new JobStore(keyv, { now: () => now }); // finished records expire by this clock too
  now = T0;
  const config = loadConfig({
    DISCORD_TOKEN: "t",
    DISCORD_APPLICATION_ID: "123456789012345678",
    FAL_KEY: "k",
    STORE_URL: url,
  });
  quota = new QuotaService(ledger, new GuildSettingsStore(keyv, config), { now: () => now }, createLogger("silent"));
});
afterEach(async () => {
  vi.useRealTimers();
  await ledger.close();
  await keyv.disconnect();
  rmSync(dir, { recursive: true, force: true });
});

/** Takes a reservation as admission does, at the current clock. */
async function reserve(id: string, amountMs = 5_000) {
  const result = await ledger.reserve({
    id,
    guildId: GUILD,
    userId: "111",
    userName: "ana",
    kind: "edit",
    now,
    amountMs,
    pricePerSecondMicros: PRICE,
    limits: NO_LIMITS,
  });
  expect(result.ok).toBe(true);
}

function job(id: string, state: JobState, patch: Partial<Job> = {}): Job {
  return {
    id,
    reservationId: id,
    kind: "edit",
    endpoint: "fal-ai/kling-video/o3/standard/video-to-video/edit",
    falInput: { prompt: "p", video_url: "https://cdn.example/v.mp4", keep_audio: true, shot_type: "customize" },
    state,
    requester: { id: "111", name: "ana" },
    guildId: GUILD,
    channelId: "200000000000000001",
    channelType: 0,
    appPermissions: "0",
    attachmentSizeLimit: 10 * 1024 * 1024,
    prompt: "p",
    inputsSummary: "",
    warnings: [],
    outputSec: 5,
    estimatedCostMicros: costMicros(5_000, PRICE),
    createdAt: now,
    updatedAt: now,
    attempts: { submit: 1, status: 3, deliver: 1 },
    ...patch,
  } as Job;
}

const entry = async (id: string) => (await ledger.entries(GUILD, monthKey(T0))).find((e) => e.id === id);
const openIds = async () => (await ledger.openReservations()).map((o) => o.id).sort();

describe("start-up reconciliation", () => {
  it(
    "settles reservations whose job ended unwatched, at what the billing rules charge; releases old " +
      "orphans; leaves the rest",
    async () => {
      await reserve("delivered");
      await reserve("in-doubt");
      await reserve("running");
      await reserve("orphan-old");
      const delivered = job("delivered", "delivered", { requestId: "r1", finishedAt: now + 1_000 });
      // the process died while sending it to fal: failed with no request id (the designed "submit in doubt")
      const inDoubt = job("in-doubt", "failed", { failure: "submit in doubt", finishedAt: now + 1_000 });
      await jobs.save(delivered);
      await jobs.save(inDoubt);
      await jobs.save(job("running", "running", { requestId: "r3" }));
      now = T0 + ORPHAN_RESERVATION_MS + 1;
      await reserve("orphan-new"); // reserved a moment ago: its job record may still be on its way

      expect(await quota.reconcile(getJob)).toEqual({ settled: 2, released: 1 });
      for (const [id, record] of [
        ["delivered", delivered],
        ["in-doubt", inDoubt],
      ] as const) {
        const want = settlementFor(record, now);
        expect(await entry(id)).toMatchObject({
          state: "settled",
          outcome: want.outcome,
          billedMs: want.billedMs,
          billedMicros: costMicros(want.billedMs, PRICE),
          settledAt: now,
        });
      }
      expect(await entry("orphan-old")).toBeUndefined(); // released entries are not in the ledger
      expect(await openIds()).toEqual(["orphan-new", "running"]);
      // the orphan costs nothing and frees the member's slot
      expect(await ledger.userUsage(GUILD, "111", now)).toMatchObject({ active: 2 });

      // a second pass changes nothing
      expect(await quota.reconcile(getJob)).toEqual({ settled: 0, released: 0 });
    },
  );

  it("an orphan is released only once ORPHAN_RESERVATION_MS has passed", async () => {
    await reserve("orphan");
    now = T0 + ORPHAN_RESERVATION_MS;
    expect(await quota.reconcile(getJob)).toEqual({ settled: 0, released: 0 });
    expect(await openIds()).toEqual(["orphan"]);
    now += 1;
    expect(await quota.reconcile(getJob)).toEqual({ settled: 0, released: 1 });
    expect(await openIds()).toEqual([]);
  });
});

describe("the sweep every 5 minutes", () => {
  it("frees an orphan's slot without a restart, on the first sweep after it is old enough, and stops when told", async () => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    await reserve("orphan");
    await reserve("ended");
    const stop = quota.startSweeper(getJob);
    await jobs.save(job("ended", "cancelled", { finishedAt: now }));

    // the first sweep: the cancelled job is settled; the orphan is too young
    now = T0 + SWEEP_MS;
    await vi.advanceTimersByTimeAsync(SWEEP_MS);
    await vi.waitFor(async () => expect(await openIds()).toEqual(["orphan"]));
    const want = settlementFor(job("ended", "cancelled"), now);
    expect(await entry("ended")).toMatchObject({ state: "settled", outcome: want.outcome, billedMs: want.billedMs });

    // sweeps 2 and 3 run at 10 and 15 min: not yet past ORPHAN_RESERVATION_MS (15 min)
    for (const at of [2, 3]) {
      now = T0 + at * SWEEP_MS;
      await vi.advanceTimersByTimeAsync(SWEEP_MS);
    }
    await new Promise((r) => setTimeout(r, 50));
    expect(await openIds()).toEqual(["orphan"]);

    // the sweep at 20 min releases it
    now = T0 + 4 * SWEEP_MS;
    await vi.advanceTimersByTimeAsync(SWEEP_MS);
    await vi.waitFor(async () => expect(await openIds()).toEqual([]));

    // stopped: a new orphan stays open however long it waits
    stop();
    await reserve("after-stop");
    now += 10 * ORPHAN_RESERVATION_MS;
    await vi.advanceTimersByTimeAsync(10 * SWEEP_MS);
    await new Promise((r) => setTimeout(r, 50));
    expect(await openIds()).toEqual(["after-stop"]);
  });
});
