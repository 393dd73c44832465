import { EventEmitter } from "node:events";
import { createRequire } from "node:module";
import KeyvPostgres from "@keyv/postgres";
import type { KeyvStoreAdapter } from "keyv";

/** the part of pg's Pool we use (pg is @keyv/postgres's own dependency; it ships no types) */
interface PgPool extends EventEmitter {
  query(sql: string, values?: unknown[]): Promise<{ rows: Array<Record<string, unknown>> }>;
  end(): Promise<void>;
}
interface PgModule {
  Pool: new (config: Record<string, unknown>) => PgPool;
}
const require = createRequire(import.meta.url);
/** the very pg @keyv/postgres was installed with */
const pg = createRequire(require.resolve("@keyv/postgres"))("pg") as PgModule;

export interface PostgresAdapterOptions {
  url: string;
  schema: string;
  table: string;
  connectTimeoutMs: number;
}

/**
 * @keyv/postgres with three fixes:
 * - one pg pool per store, ended by its own disconnect (@keyv/postgres keeps one pool per process: a second
 *   store on the same URL shares it and one disconnect ends it for both; a store on another URL replaces it
 *   and the first pool is never ended — an open handle);
 * - the pool's idle-client 'error' is handled (unhandled, a dropped connection would crash the process);
 * - iteration throws on a database error instead of emitting it and ending early (which made a failing
 *   database look like one with no unfinished jobs), with quoted identifiers and bigger pages.
 */
class OwnPoolKeyvPostgres extends KeyvPostgres {
  // `declare`: assigned in connect(), which the base constructor calls before subclass fields would be set
  declare private pool: PgPool | undefined;
  declare private ended: boolean | undefined;

  override async connect(): Promise<(sql: string, values?: unknown) => Promise<any[]>> {
    const opts = this.opts as { uri: string; connectionTimeoutMillis?: number; ssl?: unknown; max?: number };
    const pool = new pg.Pool({
      connectionString: opts.uri,
      connectionTimeoutMillis: opts.connectionTimeoutMillis,
      ssl: opts.ssl,
      max: opts.max ?? 10,
    });
    pool.on("error", (error: unknown) => this.emit("error", error));
    this.pool = pool;
    return async (sql, values) => {
      if (this.ended) throw new Error("the postgres store is closed");
      return (await pool.query(sql, values as unknown[] | undefined)).rows;
    };
  }

  override async disconnect(): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    await this.pool?.end();
  }

  override async *iterator(namespace?: string): AsyncGenerator<string[], void, unknown> {
    const limit = 500;
    const table = `${quote(this.opts.schema!)}.${quote(this.opts.table!)}`;
    const pattern = `${namespace ? `${namespace.replace(/[%_\\]/g, "\\$&")}:` : ""}%`;
    let lastKey: string | undefined;
    for (;;) {
      const rows = (
        lastKey === undefined
          ? await this.query(`SELECT key, value FROM ${table} WHERE key LIKE $1 ORDER BY key LIMIT $2`, [pattern, limit])
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

export async function openPostgresAdapter(options: PostgresAdapterOptions): Promise<KeyvStoreAdapter> {
  // schema and table are plain lower-case identifiers (checked by the caller): @keyv/postgres interpolates
  // them unquoted when it creates the table and we quote them, which agree only for such names
  const adapter = new OwnPoolKeyvPostgres({
    uri: options.url,
    schema: options.schema,
    table: options.table,
    connectionTimeoutMillis: options.connectTimeoutMs,
  });
  let startupError: unknown;
  const onError = (error: unknown) => {
    startupError ??= error;
  };
  adapter.on("error", onError);
  try {
    // waits for @keyv/postgres's CREATE [SCHEMA and] TABLE; fails when the server, database or table is not there
    await adapter.query(`SELECT 1 FROM ${quote(options.schema)}.${quote(options.table)} LIMIT 0`);
  } catch (error) {
    await adapter.disconnect().catch(() => undefined);
    // the CREATE's error names the cause better than the follow-up SELECT's "relation does not exist"
    throw (startupError as Error | undefined)?.message ? startupError : error;
  }
  // onError stays: it only remembers the first error, and keeps an 'error' with no other listener from throwing
  return adapter as unknown as KeyvStoreAdapter;
}
