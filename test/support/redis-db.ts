import { Redis } from "ioredis";
import { TEST_REDIS_URL } from "../store/backends.js";

/** A database of the shared Redis no one uses, kept for this loop (its keys are deleted afterwards). */
export async function freeRedisDb(): Promise<{ url: string; cleanup(): Promise<void> }> {
  const base = TEST_REDIS_URL.replace(/\/\d*$/, "");
  const start = 1 + Math.floor(Math.random() * 15);
  for (let i = 0; i < 15; i += 1) {
    const db = ((start + i - 1) % 15) + 1;
    const redis = new Redis(`${base}/${db}`, { lazyConnect: true, maxRetriesPerRequest: 1 });
    await redis.connect();
    // claimed with a marker key, so two loops at once do not pick the same database
    const claimed = (await redis.dbsize()) === 0 && (await redis.set("kling-test:claimed", "1", "NX")) === "OK";
    if (!claimed) {
      await redis.quit();
      continue;
    }
    return {
      url: `${base}/${db}`,
      async cleanup() {
        for (const pattern of ["kling:*", "kling-comparisons:*", "bull:*", "kling-test:*"]) {
          let cursor = "0";
          do {
            const [next, keys] = await redis.scan(cursor, "MATCH", pattern, "COUNT", 500);
            cursor = next;
            if (keys.length) await redis.del(...keys);
          } while (cursor !== "0");
        }
        await redis.quit();
      },
    };
  }
  throw new Error(`no free database on ${base} (every one of 1–15 holds keys)`);
}
