import { mkdtempSync, rmSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { openLedger } from "../../src/store/open-store.js";
import type { QuotaLedger } from "../../src/quota/ledger.js";

/** The network stores the tests use (.ci/run starts both on these defaults). */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL || "redis://127.0.0.1:6379";
export const TEST_POSTGRES_URL = process.env.TEST_POSTGRES_URL || "postgres://postgres@127.0.0.1:5432/test";

export type LedgerBackend = "sqlite" | "postgres" | "redis";

/** A ledger in a place of its own (file, table, key prefix); `open()` again gives a second, independent connection. */
export function ledgerPlace(kind: LedgerBackend) {
  const run = `${process.pid.toString(36)}${randomBytes(4).toString("hex")}`;
  const dir = kind === "sqlite" ? mkdtempSync(join(tmpdir(), "kling-quota-")) : "";
  const url =
    kind === "sqlite" ? `sqlite://${join(dir, "store.sqlite")}` : kind === "redis" ? TEST_REDIS_URL : TEST_POSTGRES_URL;
  const table = `kling_quota_t${run}`;
  const redisPrefix = `kling-test:${run}`;
  const opened: QuotaLedger[] = [];
  return {
    url,
    table,
    redisPrefix,
    async open(): Promise<QuotaLedger> {
      const ledger = await openLedger(url, { table, redisPrefix });
      opened.push(ledger);
      return ledger;
    },
    /** runs SQL on the place's database over a connection of its own (sqlite, postgres) */
    async exec(statements: string[]) {
      if (kind === "sqlite") {
        const db = new Database(url.slice("sqlite://".length));
        for (const statement of statements) db.exec(statement);
        db.close();
      }
      if (kind === "postgres") {
        const moduleName = "pg";
        const pg = (await import(moduleName)) as {
          default: {
            Client: new (o: { connectionString: string }) => {
              connect(): Promise<void>;
              query(s: string): Promise<unknown>;
              end(): Promise<void>;
            };
          };
        };
        const client = new pg.default.Client({ connectionString: url });
        await client.connect();
        for (const statement of statements) await client.query(statement);
        await client.end();
      }
    },
    async cleanup() {
      if (kind === "postgres") await this.exec([`DROP TABLE IF EXISTS ${table}`]);
      if (kind === "redis") {
        const { createClient } = await import("@keyv/redis");
        const client = createClient({ url });
        await client.connect();
        for await (const keys of client.scanIterator({ MATCH: `${redisPrefix}:*`, COUNT: 500 })) {
          if (keys.length) await client.del(keys);
        }
        await client.close();
      }
      await Promise.all(opened.map((l) => l.close().catch(() => undefined)));
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
