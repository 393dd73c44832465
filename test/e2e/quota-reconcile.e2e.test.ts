import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Job } from "../../src/job.js";
import { JobStore } from "../../src/jobs/job-store.js";
import { settlementFor } from "../../src/quota/billing.js";
import type { QuotaLedger } from "../../src/quota/ledger.js";
import { costMicros } from "../../src/money.js";
import { monthKey } from "../../src/periods.js";
import { ORPHAN_RESERVATION_MS } from "../../src/quota/quota-service.js";
import { openLedger, openStore } from "../../src/store/open-store.js";
import { closeWorld, startWorld, type World } from "./harness.js";

let world: World;
beforeEach(async () => {
  world = await startWorld();
});
afterEach(async () => {
  await closeWorld(world);
});

const PRICE = 126_000; // the default price per output second

/**
 * What a process that died leaves behind in the store: a job that ended (its record saved as delivered) before its
 * reservation was settled, an orphan reservation whose job record was never written, and one reserved a moment ago.
 */
async function leftBehind(ledger: QuotaLedger, now: number): Promise<Job> {
  const reserve = async (id: string, at: number) => {
    const result = await ledger.reserve({
      id,
      guildId: world.guildId,
      userId: world.userId,
      userName: "ana",
      kind: "reference",
      now: at,
      amountMs: 5_000,
      pricePerSecondMicros: PRICE,
      limits: {
        concurrentJobs: 10,
        cooldownMs: 0,
        userDailyMs: null,
        guildDailyMicros: null,
        guildMonthlyMicros: null,
      },
    });
    expect(result.ok).toBe(true);
  };
  await reserve("ended-unwatched", now - 60_000);
  await reserve("orphan-old", now - ORPHAN_RESERVATION_MS - 60_000);
  await reserve("orphan-young", now - 60_000);
  const job = {
    id: "ended-unwatched",
    reservationId: "ended-unwatched",
    kind: "reference",
    endpoint: "fal-ai/kling-video/o3/standard/video-to-video/reference",
    falInput: {
      prompt: "p",
      video_url: "https://cdn.example/v.mp4",
      keep_audio: true,
      shot_type: "customize",
      duration: "5",
    },
    requestId: "req-ended",
    state: "delivered",
    requester: { id: world.userId, name: "ana" },
    guildId: world.guildId,
    channelId: world.channelId,
    channelType: 0,
    appPermissions: "0",
    attachmentSizeLimit: 10 * 1024 * 1024,
    prompt: "p",
    inputsSummary: "",
    warnings: [],
    outputSec: 5,
    resultMessageId: "1",
    resultChannelId: world.channelId,
    finalShown: true,
    createdAt: now - 60_000,
    finishedAt: now - 30_000,
    updatedAt: now - 30_000,
    attempts: { submit: 1, status: 4, deliver: 1 },
  } as Job;
  const keyv = await openStore(world.env.STORE_URL!);
  try {
    await new JobStore(keyv).save(job);
  } finally {
    await keyv.disconnect();
  }
  return job;
}

describe("quota reconciliation at start-up", () => {
  it("settles a job that ended unwatched at what the billing rules charge and releases an old orphan; a young one stays", async () => {
    const ledger = await openLedger(world.env.STORE_URL!);
    try {
      const job = await leftBehind(ledger, Date.now());
      const logsBefore = world.logs.length;
      await world.restart();

      const reconciled = world.logs
        .slice(logsBefore)
        .map((line) => JSON.parse(line) as { msg: string; settled?: number; released?: number })
        .filter((l) => l.msg === "quota reservations reconciled");
      expect(reconciled).toMatchObject([{ settled: 1, released: 1 }]);
      const want = settlementFor(job, Date.now());
      const entries = await ledger.entries(world.guildId, monthKey(Date.now()));
      expect(entries.map((e) => [e.id, e.state]).sort()).toEqual([
        ["ended-unwatched", "settled"],
        ["orphan-young", "reserved"],
      ]);
      expect(entries.find((e) => e.id === "ended-unwatched")).toMatchObject({
        outcome: want.outcome,
        billedMs: want.billedMs,
        billedMicros: costMicros(want.billedMs, PRICE),
      });
      expect((await ledger.openReservations()).map((o) => o.id)).toEqual(["orphan-young"]);
      // the member's slots: only the young reservation still counts
      expect(await ledger.userUsage(world.guildId, world.userId, Date.now())).toMatchObject({ active: 1 });
    } finally {
      await ledger.close();
    }
  });
});
