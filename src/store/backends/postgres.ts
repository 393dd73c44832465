import type { EventEmitter } from "node:events";
import { createRequire } from "node:module";
import KeyvPostgres from "@keyv/postgres";
import type { KeyvStoreAdapter } from "keyv";
import { ledgerDdl, SqlLedger, type Row, type SqlDriver, type SqlSteps } from "../../quota/sql-ledger.js";
import type { KeyvPlace, StoreBackend } from "../backend.js";
import { likePrefix, storedVersion, type HasJobRecords, type JobRecords } from "../job-records.js";

/** the part of pg's Pool we use (pg is @keyv/postgres's own dependency; it ships no types) */
interface PgResult {
  rows: Row[];
  rowCount: number | null;
}
interface PgQueryable {
  query(sql: string, values?: unknown[]): Promise<PgResult>;
}
interface PgClient extends PgQueryable {
  release(error?: Error | boolean): void;
}
interface PgPool extends PgQueryable, EventEmitter {
  connect(): Promise<PgClient>;
  end(): Promise<void>;
}
interface PgModule {
  Pool: new (config: Record<string, unknown>) => PgPool;
}
const require = createRequire(import.meta.url);
/** the very pg @keyv/postgres was installed with */
const pg = createRequire(require.resolve("@keyv/postgres"))("pg") as PgModule;

/**
 * postgres://…: one pg Pool per process for the Keyv store and the ledger. Neither part holds a pooled client
 * while it waits for another, so sharing the pool cannot starve it.
 */
export const postgresBackend: StoreBackend = {
  keyvPrefixesKeys: true,
  async connect(url, { connectTimeoutMs }) {
    const pool = new pg.Pool({ connectionString: url, connectionTimeoutMillis: connectTimeoutMs, max: 10 });
    // an idle client's error (a dropped connection) is reported by the next query; unhandled, it would crash
    pool.on("error", () => undefined);
    try {
      await pool.query("SELECT 1");
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw error;
    }
    return {
      keyvAdapter: (place, done) => openKeyvPostgres(pool, place, done),
      ledger: async (place, done) =>
        new SqlLedger(await PostgresDriver.open(pool, ledgerDdl(place.table), done), place.table),
      end: () => pool.end(),
    };
  },
};

/**
 * @keyv/postgres with three fixes:
 * - it runs on the backend's pool, handed back by its own disconnect (@keyv/postgres keeps one pool per process
 *   of its own: a second store on the same URL shares it and one disconnect ends it for both; a store on another
 *   URL replaces it and the first pool is never ended — an open handle);
 * - the pool's idle-client 'error' is handled (by the backend, above);
 * - iteration throws on a database error instead of emitting it and ending early (which made a failing
 *   database look like one with no unfinished jobs), with quoted identifiers and bigger pages.
 */
class BackendPoolKeyvPostgres extends KeyvPostgres implements HasJobRecords {
  // `declare`: assigned in connect(), which the base constructor calls before subclass fields would be set
  declare private pool: PgPool | undefined;
  declare private ended: boolean | undefined;

  override async connect(): Promise<(sql: string, values?: unknown) => Promise<unknown[]>> {
    const pool = (this.opts as { pool: PgPool }).pool;
    this.pool = pool;
    return async (sql, values) => {
      if (this.ended) throw new Error("the postgres store is closed");
      return (await pool.query(sql, values as unknown[] | undefined)).rows;
    };
  }

  /** this part is done; the pool is ended once the ledger is done with it too */
  override async disconnect(): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    await (this.opts as { done: () => Promise<void> }).done();
  }

  /**
   * Job records' compare-and-set: one transaction takes the record's row lock (SELECT … FOR UPDATE; a new record
   * is INSERT … ON CONFLICT DO NOTHING, so of two creators one wins), compares the version, writes the record and
   * its row in the index table `<table>_jobs` (unfinished flag, expiry).
   */
  jobRecords(namespace: string): JobRecords {
    const table = `${quote(this.opts.schema!)}.${quote(this.opts.table!)}`;
    const index = `${quote(this.opts.schema!)}.${quote(`${this.opts.table!}_jobs`)}`;
    const prefix = `${namespace}:job:`;
    const pattern = likePrefix(prefix);
    const ready = this.query(`SELECT 1`).then(async () => {
      const ddl = [
        `CREATE TABLE IF NOT EXISTS ${index} (key TEXT PRIMARY KEY, unfinished BOOLEAN NOT NULL, expires_at BIGINT)`,
        `CREATE INDEX IF NOT EXISTS ${quote(`${this.opts.table!}_jobs_unfinished`)} ON ${index} (key) WHERE unfinished`,
        `CREATE INDEX IF NOT EXISTS ${quote(`${this.opts.table!}_jobs_expires`)} ON ${index} (expires_at) WHERE expires_at IS NOT NULL`,
      ];
      for (const statement of ddl) {
        // two processes creating it at once: the loser's unique violation (23505) means it is there
        await this.pool!.query(statement).catch((error: { code?: string }) => {
          if (error?.code !== "23505" && error?.code !== "42P07") throw error;
        });
      }
    });
    ready.catch(() => undefined); // reported by the first call that awaits it
    const inTransaction = async <T>(work: (client: PgClient) => Promise<T>): Promise<T> => {
      await ready;
      if (this.ended) throw new Error("the postgres store is closed");
      const client = await this.pool!.connect();
      try {
        await client.query("BEGIN");
        const result = await work(client);
        await client.query("COMMIT");
        client.release();
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        client.release(true);
        throw error;
      }
    };
    return {
      read: async (id) => {
        await ready;
        const rows = (await this.query(`SELECT value FROM ${table} WHERE key = $1`, [prefix + id])) as Array<{
          value: string;
        }>;
        return rows[0]?.value;
      },
      write: (w) =>
        inTransaction(async (client) => {
          const key = prefix + w.id;
          const { rows } = await client.query(`SELECT value FROM ${table} WHERE key = $1 FOR UPDATE`, [key]);
          const current = storedVersion(rows[0]?.value as string | undefined);
          if (current !== w.expected) return false;
          if (current === null) {
            const inserted = await client.query(
              `INSERT INTO ${table} (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING`,
              [key, w.raw],
            );
            if (inserted.rowCount !== 1) return false;
          } else {
            await client.query(`UPDATE ${table} SET value = $2 WHERE key = $1`, [key, w.raw]);
          }
          await client.query(
            `INSERT INTO ${index} (key, unfinished, expires_at) VALUES ($1, $2, $3)
             ON CONFLICT (key) DO UPDATE SET unfinished = excluded.unfinished, expires_at = excluded.expires_at`,
            [key, w.unfinished, w.expiresAt],
          );
          return true;
        }),
      unfinishedIds: async () => {
        await ready;
        const rows = (await this.query(`SELECT key FROM ${index} WHERE unfinished AND key LIKE $1`, [
          pattern,
        ])) as Array<{ key: string }>;
        return rows.map((row) => row.key.slice(prefix.length));
      },
      purgeExpired: (now) =>
        inTransaction(async (client) => {
          const deleted = await client.query(
            `DELETE FROM ${table} WHERE key IN (SELECT key FROM ${index} WHERE expires_at <= $1 AND key LIKE $2)`,
            [now, pattern],
          );
          await client.query(`DELETE FROM ${index} WHERE expires_at <= $1 AND key LIKE $2`, [now, pattern]);
          return deleted.rowCount ?? 0;
        }),
    };
  }

  override async *iterator(namespace?: string): AsyncGenerator<string[], void, unknown> {
    const limit = 500;
    const table = `${quote(this.opts.schema!)}.${quote(this.opts.table!)}`;
    const pattern = `${namespace ? `${namespace.replace(/[%_\\]/g, "\\$&")}:` : ""}%`;
    let lastKey: string | undefined;
    for (;;) {
      const rows = (
        lastKey === undefined
          ? await this.query(`SELECT key, value FROM ${table} WHERE key LIKE $1 ORDER BY key LIMIT $2`, [
              pattern,
              limit,
            ])
          : await this.query(`SELECT key, value FROM ${table} WHERE key LIKE $1 AND key > $2 ORDER BY key LIMIT $3`, [
              pattern,
              lastKey,
              limit,
            ])
      ) as Array<{ key: string; value: string }>;
      for (const row of rows) yield [row.key, row.value];
      if (rows.length < limit) return;
      lastKey = rows[rows.length - 1]!.key;
    }
  }
}

const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

async function openKeyvPostgres(
  pool: PgPool,
  place: KeyvPlace,
  done: () => Promise<void>,
): Promise<KeyvStoreAdapter & HasJobRecords> {
  // schema and table are plain lower-case identifiers (checked by the caller): @keyv/postgres interpolates
  // them unquoted when it creates the table and we quote them, which agree only for such names
  const adapter = new BackendPoolKeyvPostgres({ pool, done, schema: place.schema, table: place.table } as never);
  let startupError: unknown;
  const onError = (error: unknown) => {
    startupError ??= error;
  };
  adapter.on("error", onError);
  try {
    // waits for @keyv/postgres's CREATE [SCHEMA and] TABLE; fails when the server, database or table is not there
    await adapter.query(`SELECT 1 FROM ${quote(place.schema)}.${quote(place.table)} LIMIT 0`);
  } catch (error) {
    await adapter.disconnect().catch(() => undefined);
    // the CREATE's error names the cause better than the follow-up SELECT's "relation does not exist"
    throw (startupError as Error | undefined)?.message ? startupError : error;
  }
  // onError stays: it only remembers the first error, and keeps an 'error' with no other listener from throwing
  return adapter as unknown as KeyvStoreAdapter & HasJobRecords;
}

const toDollarParams = (sql: string) => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};

/** The ledger's SQL on the backend's pool: a transaction holding a transaction-scoped advisory lock on the guild. */
class PostgresDriver implements SqlDriver {
  readonly kind = "postgres" as const;
  private closed = false;

  private constructor(
    private readonly pool: PgPool,
    private readonly done: () => Promise<void>,
  ) {}

  static async open(pool: PgPool, ddl: string[], done: () => Promise<void>): Promise<PostgresDriver> {
    const driver = new PostgresDriver(pool, done);
    await driver.transaction("ddl", function* (): SqlSteps<void> {
      for (const statement of ddl) yield { op: "run", sql: statement, params: [] };
    });
    return driver;
  }

  private static async drive<T>(db: PgQueryable, steps: SqlSteps<T>): Promise<T> {
    let step = steps.next();
    while (!step.done) {
      const op = step.value;
      const result = await db.query(toDollarParams(op.sql), op.params);
      step = steps.next(op.op === "all" ? result.rows : (result.rowCount ?? 0));
    }
    return step.value;
  }

  private usable(): void {
    if (this.closed) throw new Error("the postgres ledger is closed");
  }

  async transaction<T>(lockKey: string, steps: () => SqlSteps<T>): Promise<T> {
    this.usable();
    const client = await this.pool.connect();
    try {
      await client.query("BEGIN");
      await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [`kling-quota:${lockKey}`]);
      const result = await PostgresDriver.drive(client, steps());
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async read<T>(steps: () => SqlSteps<T>): Promise<T> {
    this.usable();
    return PostgresDriver.drive(this.pool, steps());
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.done();
  }
}
