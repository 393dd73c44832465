import { createRequire } from "node:module";
import { afterEach, describe, expect, it } from "vitest";
import { startWorld, type World } from "../e2e/harness.js";
import { freeRedisDb } from "../support/redis-db.js";
import { makeBackend, TEST_POSTGRES_URL, TEST_REDIS_URL, unreachable } from "./backends.js";
import { connectionsTo, ownDescriptors } from "./connections.js";

const CI = !!process.env.CI && process.env.CI !== "false";
const problems = Object.fromEntries(
  await Promise.all(
    (["redis", "postgres"] as const).map(async (name) => [name, await unreachable(makeBackend(name))] as const),
  ),
);

/** the bot's connections settle once start-up is over; give a closing socket a moment to go */
const settle = () => new Promise((resolve) => setTimeout(resolve, 100));

let world: World | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

describe("the bot opens one connection to STORE_URL, shared by the job records, guild settings and the ledger", () => {
  it("sqlite: one Database on the file, closed once the bot stops", async () => {
    world = await startWorld();
    const file = world.env.STORE_URL!.slice("sqlite://".length);
    const onFile = () => ownDescriptors().filter((link) => link === file).length;
    await settle();
    expect(onFile()).toBe(1);
    await world.restart();
    await settle();
    expect(onFile()).toBe(1);
    await world.bot.stop();
    expect(onFile()).toBe(0);
    await world.restart(); // world.close() stops it again
  });

  it.skipIf(!!problems.redis && !CI)(
    "redis: one store connection and the job queue's three, all closed once the bot stops",
    async () => {
      if (problems.redis) throw new Error(`redis is not reachable at ${TEST_REDIS_URL}: ${problems.redis}`);
      const port = Number(new URL(TEST_REDIS_URL).port || 6379);
      // the job queue (on STORE_URL): commands, BullMQ's blocking reads, forwarded cancels (src/jobs/job-queue.ts)
      const opened = 1 + 3;
      const redisDb = await freeRedisDb();
      try {
        const before = connectionsTo(port);
        world = await startWorld({ env: { STORE_URL: redisDb.url } });
        await settle();
        expect(connectionsTo(port) - before).toBe(opened);
        await world.restart();
        await settle();
        expect(connectionsTo(port) - before).toBe(opened);
        await world.bot.stop();
        await settle();
        expect(connectionsTo(port) - before).toBe(0);
        await world.restart();
      } finally {
        await world?.close();
        world = undefined;
        await redisDb.cleanup();
      }
    },
  );

  it.skipIf(!!problems.postgres && !CI)("postgres: one pg Pool, ended exactly once when the bot stops", async () => {
    if (problems.postgres) throw new Error(`postgres is not reachable at ${TEST_POSTGRES_URL}: ${problems.postgres}`);
    // the pg every part of the bot loads (@keyv/postgres's); a pool may hold several connections, so pools are counted
    const require = createRequire(import.meta.url);
    const pg = createRequire(require.resolve("@keyv/postgres"))("pg") as {
      Pool: new (...args: unknown[]) => { end(): Promise<void> };
    };
    const Pool = pg.Pool;
    let made = 0;
    let ended = 0;
    pg.Pool = class CountedPool extends Pool {
      constructor(...args: unknown[]) {
        super(...args);
        made++;
      }
      override end() {
        ended++;
        return super.end();
      }
    };
    try {
      world = await startWorld({ env: { STORE_URL: TEST_POSTGRES_URL } });
      expect({ made, ended }).toEqual({ made: 1, ended: 0 });
      await world.bot.stop();
      expect({ made, ended }).toEqual({ made: 1, ended: 1 });
      await settle();
      expect(connectionsTo(Number(new URL(TEST_POSTGRES_URL).port || 5432))).toBe(0);
      await world.restart();
      expect({ made, ended }).toEqual({ made: 2, ended: 1 });
    } finally {
      pg.Pool = Pool;
    }
  });
});
