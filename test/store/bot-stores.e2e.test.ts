import { spawn } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { openStore } from "../../src/store/open-store.js";
import { startWorld } from "../e2e/harness.js";
import { makeBackend, TEST_POSTGRES_URL, TEST_REDIS_URL, unreachable } from "./backends.js";
import { freePort } from "../support/free-port.js";
import { freeRedisDb } from "../support/redis-db.js";

const CI = !!process.env.CI && process.env.CI !== "false";

/** The real bot on STORE_URL=redis://… and postgres://…: a job is saved there, delivered, and read back after a restart. */
const stores = await Promise.all(
  (["redis", "postgres"] as const).map(async (name) => {
    const problem = await unreachable(makeBackend(name));
    return { name, url: name === "redis" ? TEST_REDIS_URL : TEST_POSTGRES_URL, problem };
  }),
);

describe.each(stores)("the bot with STORE_URL=$url", ({ name, url, problem }) => {
  const created: string[] = [];
  afterAll(async () => {
    if (problem) return;
    // the bot uses the default namespace; remove only the job records this test made
    const keyv = await openStore(url);
    for (const id of created) await keyv.delete(`job:${id}`);
    await keyv.disconnect();
  });

  it.skipIf(!!problem && !CI)("saves, follows and delivers a job, and a restarted bot reads it back", async () => {
    if (problem) throw new Error(`the ${name} store is not reachable at ${url}: ${problem}`);
    // Redis: a database of its own, since the job queue (on STORE_URL) would share jobs with other runs' bots
    const redisDb = name === "redis" ? await freeRedisDb() : undefined;
    const world = await startWorld({ env: { STORE_URL: redisDb?.url ?? url } });
    try {
      world.fal.script({
        timeline: [{ status: "IN_PROGRESS", logs: ["Rendering"], ms: 300 }],
        outcome: { type: "result" },
      });
      const video = await world.video();
      world.discord.sendCommand({
        channelId: world.channelId,
        userId: world.userId,
        name: "kling-edit",
        options: { prompt: "rain on @Video1", video },
      });
      const jobs = async () => {
        const all = [];
        for await (const job of world.bot.store.all()) if (job.requester.id === world.userId) all.push(job);
        return all;
      };
      // delivered with its final progress edit recorded: a restart before that would resume it to make the edit
      const deadline = Date.now() + 20_000;
      let job = (await jobs()).find((j) => j.state === "delivered" && j.finalShown === true);
      while (!job) {
        if (Date.now() > deadline)
          throw new Error(`no delivered job in ${name}: ${JSON.stringify((await jobs()).map((j) => j.state))}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
        job = (await jobs()).find((j) => j.state === "delivered" && j.finalShown === true);
      }
      created.push(job.id);
      await world.restart();
      expect(await world.bot.store.get(job.id)).toMatchObject({
        id: job.id,
        state: "delivered",
        resultUrl: expect.any(String),
      });
      expect((await world.bot.store.unfinished()).map((j) => j.id)).not.toContain(job.id);
    } finally {
      await world.close();
      await redisDb?.cleanup();
    }
  });
});

describe("the bot on an unreachable STORE_URL", () => {
  it.each(["redis", "postgres"])(
    "%s: exits 1 with a start-up error naming scheme and host, not the password",
    async (scheme) => {
      const port = await freePort(); // nothing listens there
      const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
        env: {
          PATH: process.env.PATH!,
          DISCORD_TOKEN: "token-not-used",
          DISCORD_APPLICATION_ID: "123456789012345678",
          FAL_KEY: "key-not-used",
          STORE_URL: `${scheme}://kling:hunter2-secret@127.0.0.1:${port}/${scheme === "redis" ? "0" : "kling"}`,
          LOG_LEVEL: "silent",
        },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let stderr = "";
      child.stderr.on("data", (d) => (stderr += d));
      const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
      expect(code).toBe(1);
      expect(stderr).toContain(`kling-bot could not start: could not open STORE_URL ${scheme}://127.0.0.1:${port}/`);
      expect(stderr).toMatch(/ECONNREFUSED/);
      expect(stderr).not.toContain("hunter2");
    },
  );
});
