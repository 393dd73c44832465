import { afterAll, describe, expect, it } from "vitest";
import { JobStore } from "../../src/jobs/job-store.js";
import type { Job } from "../../src/job.js";
import type { ReserveRequest } from "../../src/quota/ledger.js";
import { openStorage, StoreOpenError } from "../../src/store/open-store.js";
import { ledgerPlace } from "../unit/quota-backends.js";
import { makeBackend, unreachable, type BackendName } from "./backends.js";
import { connectionsOf } from "./connections.js";

const CI = !!process.env.CI && process.env.CI !== "false";
const NAMES: BackendName[] = ["sqlite", "redis", "postgres"];
const backends = await Promise.all(
  NAMES.map(async (name) => {
    const backend = makeBackend(name);
    return { name, backend, problem: await unreachable(backend) };
  }),
);

const handles = () =>
  process.getActiveResourcesInfo().filter((r) => r !== "TTYWrap" && r !== "Timeout" && r !== "Immediate");
const NOW = Date.UTC(2025, 4, 6, 12);
const reserve = (id: string): ReserveRequest => ({
  id,
  guildId: "223456789012345678",
  userId: "123456789012345678",
  userName: "ana",
  kind: "edit",
  now: NOW,
  amountMs: 5_000,
  pricePerSecondMicros: 168_000,
  limits: { concurrentJobs: 5, cooldownMs: 0, userDailyMs: null, guildDailyMicros: null, guildMonthlyMicros: null },
});
const job = (id: string) =>
  ({
    id,
    state: "queued",
    kind: "edit",
    requester: { id: "123456789012345678", name: "ana" },
    createdAt: NOW,
  }) as unknown as Job;

describe.each(backends)("openStorage on $name", ({ name, backend, problem }) => {
  const skip = !!problem && !CI;
  // the ledger in a place of its own; on sqlite, in the backend's file (the point is one connection to one file)
  const ledger = ledgerPlace(name);
  const options = { ...backend.options, ledger: { table: ledger.table, redisPrefix: ledger.redisPrefix } };
  afterAll(async () => {
    if (skip) return;
    await ledger.cleanup();
    await backend.cleanup();
  });

  it.skipIf(skip)("the job records and the ledger share one connection, ended when the last part is done", async () => {
    if (problem) throw new Error(`the ${name} store is not reachable: ${problem}`);
    const before = handles().length;
    const connections = connectionsOf(backend.url);
    const storage = await openStorage(backend.url, options);
    const jobs = new JobStore(storage.keyv);
    await jobs.save(job("s-1"));
    expect((await storage.ledger.reserve(reserve("s-1"))).ok).toBe(true);
    if (name !== "postgres") expect(connectionsOf(backend.url) - connections).toBe(1); // a pg pool may hold several

    // the store's part done: it refuses work, while the ledger still works on the connection
    await storage.keyv.disconnect();
    await expect(jobs.get("s-1")).rejects.toThrow(/closed/);
    expect((await storage.ledger.userUsage("223456789012345678", "123456789012345678", NOW)).active).toBe(1);

    // the ledger done too: the connection is ended, every handle given back
    await storage.ledger.close();
    await expect(storage.ledger.openReservations()).rejects.toThrow(/closed/);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(handles().length).toBeLessThanOrEqual(before);
    expect(connectionsOf(backend.url)).toBe(connections);
    await storage.close(); // again: nothing to do, no error

    const again = await openStorage(backend.url, options);
    try {
      expect(await new JobStore(again.keyv).get("s-1")).toMatchObject({ id: "s-1", version: 1 });
      expect(await again.ledger.openReservations()).toMatchObject([{ id: "s-1" }]);
    } finally {
      await again.close();
    }
  });

  it.runIf(name === "sqlite")(
    "a ledger that cannot be opened closes the store part and the connection, and names the URL",
    async () => {
      // the ledger's table is the Keyv table: its CREATE INDEX finds no guild_id column
      const error = await openStorage(backend.url, { ...options, ledger: { table: "keyv" } }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(StoreOpenError);
      expect((error as Error).message).toBe(`could not open STORE_URL ${backend.url}: no such column: guild_id`);
      expect(connectionsOf(backend.url)).toBe(0);
    },
  );
});
