import type { QuotaLedger } from "./ledger.js";
import { ledgerDdl, SqlLedger } from "./sql-ledger.js";
import { PostgresDriver, SqliteDriver } from "./sql-drivers.js";
import { RedisLedger, type RedisLike } from "./redis-ledger.js";

export interface LedgerOptions {
  /** SQL table name (tests use their own) */
  table?: string;
  /** Redis key prefix (tests use their own) */
  redisPrefix?: string;
}

/** The quota ledger in the same store as the job records (STORE_URL): SQLite file, PostgreSQL or Redis. */
export async function openLedger(storeUrl: string, options: LedgerOptions = {}): Promise<QuotaLedger> {
  const scheme = storeUrl.slice(0, storeUrl.indexOf(":"));
  const table = options.table ?? "kling_quota_ledger";
  switch (scheme) {
    case "sqlite": {
      const path = storeUrl.slice("sqlite://".length) || "data/kling-bot.sqlite";
      return new SqlLedger(new SqliteDriver(path, ledgerDdl(table)), table);
    }
    case "postgres":
    case "postgresql":
      return new SqlLedger(await PostgresDriver.open(storeUrl, ledgerDdl(table)), table);
    case "redis":
    case "rediss": {
      const { createClient } = await import("@keyv/redis");
      const client = createClient({ url: storeUrl });
      client.on("error", () => undefined);
      await client.connect();
      return new RedisLedger(client as unknown as RedisLike, options.redisPrefix);
    }
    default:
      throw new Error(`STORE_URL scheme "${scheme}" is not supported for the quota ledger`);
  }
}
