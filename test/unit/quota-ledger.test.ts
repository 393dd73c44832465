import { afterAll, beforeAll, describe, expect, it as vitestIt } from "vitest";
import type { QuotaLedger, QuotaLimits, ReserveRequest } from "../../src/quota/ledger.js";
import type { GuildSettingsStore } from "../../src/guild/settings-store.js";
import type { Job } from "../../src/job.js";
import { createLogger } from "../../src/logger.js";
import { ORPHAN_RESERVATION_MS, QuotaService } from "../../src/quota/quota-service.js";
import { ledgerDdl } from "../../src/quota/sql-ledger.js";
import { makeBackend, unreachable } from "../store/backends.js";
import { ledgerPlace, type LedgerBackend } from "./quota-backends.js";

const CI = !!process.env.CI && process.env.CI !== "false";
const KINDS: LedgerBackend[] = ["sqlite", "postgres", "redis"];
// Probe the network stores once. In CI an unreachable store is a failure (.ci/run starts them); locally that
// backend's tests are skipped with a warning.
const problems = new Map(
  await Promise.all(
    KINDS.map(async (kind) => [kind, kind === "sqlite" ? undefined : await unreachable(makeBackend(kind))] as const),
  ),
);

const NO_LIMITS: QuotaLimits = {
  concurrentJobs: 100,
  cooldownMs: 0,
  userDailyMs: null,
  guildDailyMicros: null,
  guildMonthlyMicros: null,
};
const PRICE = 126_000; // $0.126/s
const T0 = Date.UTC(2025, 4, 31, 22, 0, 0); // 31 May 2025 22:00 UTC: two hours before a day and a month reset

let seq = 0;
const guild = () => `9${Date.now()}${++seq}`;
const request = (over: Partial<ReserveRequest> & Pick<ReserveRequest, "guildId">): ReserveRequest => ({
  id: `job-${++seq}`,
  userId: "111111",
  userName: "ana",
  kind: "edit",
  now: T0,
  amountMs: 5_000,
  pricePerSecondMicros: PRICE,
  limits: NO_LIMITS,
  ...over,
});

describe.each<LedgerBackend>(KINDS)("quota ledger on %s", (kind) => {
  const problem = problems.get(kind);
  const skip = !!problem && !CI;
  if (skip) console.warn(`quota ledger tests on ${kind} SKIPPED (not reachable; CI would fail): ${problem}`);
  const it = skip ? vitestIt.skip : vitestIt;
  const place = ledgerPlace(kind);
  let ledger: QuotaLedger;
  beforeAll(async () => {
    if (skip) return;
    if (problem)
      throw new Error(
        `the ${kind} store is not reachable (${problem}). Start it (.ci/run does) or point TEST_${kind.toUpperCase()}_URL at one.`,
      );
    ledger = await place.open();
  });
  afterAll(async () => {
    if (!problem) await place.cleanup();
  });

  it("reserves, settles and reports usage to the micro-dollar", async () => {
    const g = guild();
    const r = await ledger.reserve(request({ guildId: g, id: "a", amountMs: 5_000 }));
    expect(r).toMatchObject({
      ok: true,
      reservation: { amountMs: 5_000, amountMicros: 630_000, day: "2025-05-31", month: "2025-05" },
    });
    expect(await ledger.userUsage(g, "111111", T0)).toMatchObject({
      dayMs: 5_000,
      dayMicros: 630_000,
      active: 1,
      lastStartAt: T0,
      monthJobs: 1,
    });
    const entry = await ledger.settle(
      { guildId: g, id: "a" },
      { outcome: "delivered", billedMs: 3_500, now: T0 + 60_000 },
    );
    expect(entry).toMatchObject({ state: "settled", billedMs: 3_500, billedMicros: 441_000 });
    expect(
      await ledger.settle({ guildId: g, id: "a" }, { outcome: "delivered", billedMs: 9_000, now: T0 }),
    ).toBeUndefined();
    expect(await ledger.userUsage(g, "111111", T0)).toMatchObject({
      dayMs: 3_500,
      dayMicros: 441_000,
      monthMicros: 441_000,
      active: 0,
    });
    expect(await ledger.guildUsage(g, T0)).toMatchObject({
      dayMicros: 441_000,
      monthMicros: 441_000,
      dayJobs: 1,
      monthJobs: 1,
      active: 0,
    });
    const [row] = await ledger.entries(g, "2025-05");
    expect(row).toMatchObject({
      id: "a",
      userName: "ana",
      outcome: "delivered",
      state: "settled",
      billedMicros: 441_000,
      reservedMs: 5_000,
    });
  });

  it("checks in order: jobs at once, cooldown, daily seconds, daily budget, monthly budget", async () => {
    const g = guild();
    const limits: QuotaLimits = {
      concurrentJobs: 1,
      cooldownMs: 60_000,
      userDailyMs: 8_000,
      guildDailyMicros: 2_000_000,
      guildMonthlyMicros: 1_500_000,
    };
    expect((await ledger.reserve(request({ guildId: g, id: "first", limits, amountMs: 3_000 }))).ok).toBe(true);
    const deny = async (over: Partial<ReserveRequest>) => {
      const result = await ledger.reserve(request({ guildId: g, limits, ...over }));
      return result.ok ? undefined : result.denial;
    };
    expect(await deny({})).toEqual({ limit: "concurrency", current: 1, max: 1, needed: 1 });
    await ledger.settle({ guildId: g, id: "first" }, { outcome: "delivered", billedMs: 3_000, now: T0 + 1 });
    expect(await deny({ now: T0 + 30_000 })).toEqual({ limit: "cooldown", current: T0, max: 60_000, needed: 0 });
    expect(await deny({ now: T0 + 60_000, amountMs: 6_000 })).toEqual({
      limit: "user-daily",
      current: 3_000,
      max: 8_000,
      needed: 6_000,
    });
    // another member: the guild's budgets (3 s already = $0.378)
    const budgets = { ...limits, userDailyMs: null };
    expect(await deny({ userId: "222222", limits: budgets, amountMs: 15_000 })).toEqual({
      limit: "guild-daily",
      current: 378_000,
      max: 2_000_000,
      needed: 1_890_000,
    });
    expect(await deny({ userId: "222222", limits: budgets, amountMs: 10_000 })).toEqual({
      limit: "guild-monthly",
      current: 378_000,
      max: 1_500_000,
      needed: 1_260_000,
    });
    expect((await ledger.reserve(request({ guildId: g, userId: "222222", limits, amountMs: 8_000 }))).ok).toBe(true);
  });

  it("a released reservation costs nothing and does not start the cooldown", async () => {
    const g = guild();
    const limits = { ...NO_LIMITS, cooldownMs: 60_000 };
    expect((await ledger.reserve(request({ guildId: g, id: "x", limits }))).ok).toBe(true);
    await ledger.release({ guildId: g, id: "x" }, T0 + 10);
    await ledger.release({ guildId: g, id: "x" }, T0 + 20);
    expect(await ledger.userUsage(g, "111111", T0)).toMatchObject({
      dayMs: 0,
      dayMicros: 0,
      monthJobs: 0,
      active: 0,
      lastStartAt: null,
    });
    expect((await ledger.reserve(request({ guildId: g, id: "y", limits, now: T0 + 1_000 }))).ok).toBe(true);
    expect(await ledger.entries(g, "2025-05")).toHaveLength(1);
  });

  it("confirm resizes: shrinking always works, growing is checked without counting the job twice", async () => {
    const g = guild();
    const limits = { ...NO_LIMITS, userDailyMs: 10_000 };
    const r = await ledger.reserve(request({ guildId: g, id: "e", limits, amountMs: 10_000 }));
    expect(r.ok).toBe(true);
    const confirm = (amountMs: number) =>
      ledger.confirm(request({ guildId: g, id: "e", limits, amountMs, now: T0 + 1_000 }));
    expect(await confirm(3_500)).toMatchObject({
      ok: true,
      renewed: false,
      reservation: { amountMs: 3_500, amountMicros: 441_000, createdAt: T0 },
    });
    expect((await ledger.reserve(request({ guildId: g, id: "f", limits, amountMs: 6_000 }))).ok).toBe(true);
    expect(await confirm(4_000)).toMatchObject({ ok: true });
    expect(await confirm(4_500)).toEqual({
      ok: false,
      lapsed: false,
      denial: { limit: "user-daily", current: 6_000, max: 10_000, needed: 4_500 },
    });
    expect(await ledger.userUsage(g, "111111", T0)).toMatchObject({ dayMs: 10_000, active: 2 });
  });

  it("confirm marks an open reservation, even at an unchanged amount, and the orphan sweep's release then leaves it", async () => {
    const g = guild();
    expect((await ledger.reserve(request({ guildId: g, id: "slow", amountMs: 5_000 }))).ok).toBe(true);
    expect(await ledger.openReservations().then((all) => all.find((o) => o.id === "slow"))).toEqual({
      guildId: g,
      id: "slow",
      createdAt: T0,
      touchedAt: T0,
    });
    const later = T0 + 20 * 60_000;
    expect(await ledger.confirm(request({ guildId: g, id: "slow", amountMs: 5_000, now: later }))).toMatchObject({
      ok: true,
      renewed: false,
      reservation: { amountMs: 5_000 },
    });
    expect(await ledger.openReservations().then((all) => all.find((o) => o.id === "slow"))).toEqual({
      guildId: g,
      id: "slow",
      createdAt: T0,
      touchedAt: later,
    });
    // the sweep read the list before the confirm: its release is conditional and changes nothing
    expect(await ledger.release({ guildId: g, id: "slow" }, later + 1, { untouchedBefore: T0 + 5 * 60_000 })).toBe(
      false,
    );
    expect(await ledger.guildUsage(g, T0)).toMatchObject({ active: 1, dayMs: 5_000, dayJobs: 1 });
    expect((await ledger.entries(g, "2025-05"))[0]).toMatchObject({ state: "reserved", confirmedAt: later });
    // an untouched one is released
    expect((await ledger.reserve(request({ guildId: g, id: "lost", amountMs: 3_000 }))).ok).toBe(true);
    expect(await ledger.release({ guildId: g, id: "lost" }, later, { untouchedBefore: T0 + 1 })).toBe(true);
    expect(await ledger.release({ guildId: g, id: "lost" }, later)).toBe(false);
    expect(await ledger.guildUsage(g, T0)).toMatchObject({ active: 1, dayMs: 5_000, dayJobs: 1 });
  });

  it("confirm after the sweep released it: taken again through every check, counted once, settled normally", async () => {
    const g = guild();
    const limits = { ...NO_LIMITS, concurrentJobs: 1, userDailyMs: 12_000 };
    expect((await ledger.reserve(request({ guildId: g, id: "gone", limits, amountMs: 5_000 }))).ok).toBe(true);
    expect(await ledger.release({ guildId: g, id: "gone" }, T0 + 16 * 60_000, { untouchedBefore: T0 + 60_000 })).toBe(
      true,
    );
    expect(await ledger.userUsage(g, "111111", T0)).toMatchObject({ dayMs: 0, active: 0, lastStartAt: null });
    const again = T0 + 17 * 60_000;
    expect(await ledger.confirm(request({ guildId: g, id: "gone", limits, amountMs: 5_000, now: again }))).toEqual({
      ok: true,
      renewed: true,
      reservation: {
        id: "gone",
        guildId: g,
        userId: "111111",
        amountMs: 5_000,
        amountMicros: 630_000,
        pricePerSecondMicros: PRICE,
        day: "2025-05-31",
        month: "2025-05",
        createdAt: again,
      },
    });
    expect(await ledger.userUsage(g, "111111", T0)).toMatchObject({
      dayMs: 5_000,
      dayMicros: 630_000,
      monthJobs: 1,
      active: 1,
      lastStartAt: again,
    });
    // confirming again is an ordinary confirm
    expect(
      await ledger.confirm(request({ guildId: g, id: "gone", limits, amountMs: 5_000, now: again + 1 })),
    ).toMatchObject({ ok: true, renewed: false });
    expect(await ledger.entries(g, "2025-05")).toEqual([
      expect.objectContaining({
        id: "gone",
        state: "reserved",
        createdAt: again,
        confirmedAt: again + 1,
        reservedMs: 5_000,
        outcome: null,
        settledAt: null,
      }),
    ]);
    await ledger.settle({ guildId: g, id: "gone" }, { outcome: "delivered", billedMs: 5_000, now: again + 60_000 });
    expect(await ledger.guildUsage(g, T0)).toMatchObject({
      dayMicros: 630_000,
      monthMicros: 630_000,
      dayJobs: 1,
      monthJobs: 1,
      active: 0,
    });
    expect(await ledger.topUsers(g, "2025-05", 5)).toEqual([
      { userId: "111111", userName: "ana", ms: 5_000, micros: 630_000, jobs: 1 },
    ]);
    await expect(ledger.confirm(request({ guildId: g, id: "gone", limits, now: again + 2 }))).rejects.toThrow(
      "reservation gone is already settled",
    );
  });

  it("confirm of a lapsed reservation is refused when the limits no longer allow it (the member started another job)", async () => {
    const g = guild();
    const limits = { ...NO_LIMITS, concurrentJobs: 1 };
    expect((await ledger.reserve(request({ guildId: g, id: "lapse-1", limits }))).ok).toBe(true);
    await ledger.release({ guildId: g, id: "lapse-1" }, T0 + 16 * 60_000, { untouchedBefore: T0 + 60_000 });
    expect((await ledger.reserve(request({ guildId: g, id: "lapse-2", limits, now: T0 + 16 * 60_000 }))).ok).toBe(true);
    expect(await ledger.confirm(request({ guildId: g, id: "lapse-1", limits, now: T0 + 17 * 60_000 }))).toEqual({
      ok: false,
      lapsed: true,
      denial: { limit: "concurrency", current: 1, max: 1, needed: 1 },
    });
    expect(await ledger.userUsage(g, "111111", T0)).toMatchObject({ dayMs: 5_000, active: 1, monthJobs: 1 });
  });

  it("the sweep counts an orphan's age from its last confirm; a recorded job's reservation is left alone", async () => {
    const own = ledgerPlace(kind); // reconcile sees every open reservation in the table: a table of its own
    try {
      const l = await own.open();
      const g = guild();
      let now = T0;
      const service = new QuotaService(l, {} as GuildSettingsStore, { now: () => now }, createLogger("silent"));
      const recorded = { id: "recorded", state: "running" } as Job;
      const getJob = async (id: string) => (id === "recorded" ? recorded : undefined);
      for (const id of ["confirmed", "untouched", "recorded"])
        expect((await l.reserve(request({ guildId: g, id }))).ok).toBe(true);
      expect((await l.confirm(request({ guildId: g, id: "confirmed", now: T0 + 14 * 60_000 }))).ok).toBe(true);
      now = T0 + ORPHAN_RESERVATION_MS + 1;
      expect(await service.reconcile(getJob)).toEqual({ settled: 0, released: 1 });
      const open = async () => (await l.openReservations()).map((o) => o.id).sort();
      expect(await open()).toEqual(["confirmed", "recorded"]);
      now = T0 + 14 * 60_000 + ORPHAN_RESERVATION_MS + 1;
      expect(await service.reconcile(getJob)).toEqual({ settled: 0, released: 1 });
      expect(await open()).toEqual(["recorded"]);
    } finally {
      await own.cleanup();
    }
  });

  vitestIt.skipIf(kind === "redis" || skip)(
    "a table made before confirm() existed gains its column and works",
    async () => {
      const old = ledgerPlace(kind);
      try {
        const [create] = ledgerDdl(old.table);
        const before = create!.replace(/,\s*confirmed_at BIGINT/, "");
        expect(before).not.toContain("confirmed_at");
        await old.exec([before]);
        const upgraded = await old.open();
        const g = guild();
        expect((await upgraded.reserve(request({ guildId: g, id: "old-1" }))).ok).toBe(true);
        expect(await upgraded.confirm(request({ guildId: g, id: "old-1", now: T0 + 5 }))).toMatchObject({
          ok: true,
          renewed: false,
        });
        expect((await upgraded.entries(g, "2025-05"))[0]).toMatchObject({ confirmedAt: T0 + 5 });
        await (await old.open()).close(); // opening an up-to-date table again is a no-op
      } finally {
        await old.cleanup();
      }
    },
  );

  it("days and months are separate periods (UTC)", async () => {
    const g = guild();
    const limits = { ...NO_LIMITS, userDailyMs: 5_000 };
    expect((await ledger.reserve(request({ guildId: g, limits, amountMs: 5_000 }))).ok).toBe(true);
    expect((await ledger.reserve(request({ guildId: g, limits, amountMs: 1_000 }))).ok).toBe(false);
    const nextDay = Date.UTC(2025, 5, 1, 0, 0, 1);
    expect(await ledger.reserve(request({ guildId: g, limits, amountMs: 5_000, now: nextDay }))).toMatchObject({
      ok: true,
      reservation: { day: "2025-06-01", month: "2025-06" },
    });
    expect(await ledger.guildUsage(g, nextDay)).toMatchObject({ dayMs: 5_000, monthMs: 5_000, active: 2 });
    expect(await ledger.userUsage(g, "111111", T0)).toMatchObject({ dayMs: 5_000, monthMs: 5_000 });
  });

  it("ranks members by cost for the month and lists open reservations", async () => {
    const g = guild();
    await ledger.reserve(request({ guildId: g, id: "u1", userId: "333", userName: "bo", amountMs: 3_000 }));
    await ledger.reserve(request({ guildId: g, id: "u2", userId: "444", userName: "cy", amountMs: 9_000 }));
    await ledger.reserve(request({ guildId: g, id: "u3", userId: "444", userName: "cy", amountMs: 1_000 }));
    await ledger.release({ guildId: g, id: "u3" }, T0);
    expect(await ledger.topUsers(g, "2025-05", 5)).toEqual([
      { userId: "444", userName: "cy", ms: 9_000, micros: 1_134_000, jobs: 1 },
      { userId: "333", userName: "bo", ms: 3_000, micros: 378_000, jobs: 1 },
    ]);
    const open = (await ledger.openReservations())
      .filter((o) => o.guildId === g)
      .map((o) => o.id)
      .sort();
    expect(open).toEqual(["u1", "u2"]);
  });

  it("50 reservations at once from two connections: exactly the allowance is granted", async () => {
    const g = guild();
    const second = await place.open();
    const limits = { ...NO_LIMITS, concurrentJobs: 50, userDailyMs: 15_000 };
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        (i % 2 ? second : ledger).reserve(request({ guildId: g, id: `race-${i}`, limits, amountMs: 5_000 })),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(3);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.denial.limit === "user-daily")).toBe(true);
    expect(await ledger.userUsage(g, "111111", T0)).toMatchObject({ dayMs: 15_000, active: 3 });
    const concurrency = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (i % 2 ? second : ledger).reserve(
          request({ guildId: g, userId: "555", id: `c-${i}`, limits: { ...NO_LIMITS, concurrentJobs: 3 } }),
        ),
      ),
    );
    expect(concurrency.filter((r) => r.ok)).toHaveLength(3);
  });
});
