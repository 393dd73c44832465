import { EventEmitter } from "node:events";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import type { KeyvStoreAdapter, StoredData } from "keyv";
import { likePrefix, storedVersion, type HasJobRecords, type JobRecords, type JobRecordWrite } from "./job-records.js";

/**
 * A Keyv store on an embedded SQLite file (better-sqlite3, synchronous and transactional).
 * @keyv/sqlite needs the sqlite3 package; this keeps one native module and gives us `transaction()`
 * for the atomic updates later issues need.
 */
export class KeyvSqlite extends EventEmitter implements KeyvStoreAdapter, HasJobRecords {
  /** `dialect` and `url` tell Keyv this adapter can iterate */
  readonly opts: { path: string; table: string; dialect: "sqlite"; url: string };
  namespace?: string;
  readonly db: Database.Database;
  private readonly stmts;

  constructor(path: string, table = "keyv") {
    super();
    this.opts = { path, table, dialect: "sqlite", url: `sqlite://${path}` };
    if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.db.pragma("journal_mode = WAL");
    this.db.pragma("busy_timeout = 5000");
    this.db.exec(`CREATE TABLE IF NOT EXISTS ${table} (key TEXT PRIMARY KEY, value TEXT NOT NULL)`);
    this.stmts = {
      get: this.db.prepare<[string], { value: string }>(`SELECT value FROM ${table} WHERE key = ?`),
      set: this.db.prepare(`INSERT INTO ${table} (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`),
      delete: this.db.prepare(`DELETE FROM ${table} WHERE key = ?`),
      clearPrefix: this.db.prepare(`DELETE FROM ${table} WHERE key LIKE ? ESCAPE '\\'`),
      listPrefix: this.db.prepare<[string], { key: string; value: string }>(
        `SELECT key, value FROM ${table} WHERE key LIKE ? ESCAPE '\\' ORDER BY key`,
      ),
    };
  }

  private prefix(namespace = this.namespace): string {
    return namespace ? `${namespace.replace(/[\\%_]/g, (c) => `\\${c}`)}:%` : "%";
  }

  async get<Value>(key: string): Promise<StoredData<Value> | undefined> {
    return this.stmts.get.get(key)?.value as StoredData<Value> | undefined;
  }

  async set(key: string, value: unknown): Promise<void> {
    this.stmts.set.run(key, value);
  }

  async delete(key: string): Promise<boolean> {
    return this.stmts.delete.run(key).changes > 0;
  }

  async clear(): Promise<void> {
    this.stmts.clearPrefix.run(this.prefix());
  }

  async has(key: string): Promise<boolean> {
    return this.stmts.get.get(key) !== undefined;
  }

  async *iterator<Value>(namespace?: string): AsyncGenerator<Array<string | Awaited<Value> | undefined>, void> {
    for (const row of this.stmts.listPrefix.all(this.prefix(namespace))) {
      yield [row.key, row.value as Awaited<Value>];
    }
  }

  async disconnect(): Promise<void> {
    this.db.close();
  }

  /**
   * Job records' compare-and-set: one BEGIN IMMEDIATE transaction (one writer per file, across processes) reads
   * the stored version, writes the record and its index row. The index (`<table>_jobs`) lists unfinished jobs
   * and expiry times, so resume and purge never scan every record.
   */
  jobRecords(namespace: string): JobRecords {
    const table = this.opts.table;
    const index = `${table}_jobs`;
    this.db.exec(
      `CREATE TABLE IF NOT EXISTS ${index} (key TEXT PRIMARY KEY, unfinished INTEGER NOT NULL, expires_at INTEGER);` +
        `CREATE INDEX IF NOT EXISTS ${index}_unfinished ON ${index} (key) WHERE unfinished = 1;` +
        `CREATE INDEX IF NOT EXISTS ${index}_expires ON ${index} (expires_at) WHERE expires_at IS NOT NULL;`,
    );
    const prefix = `${namespace}:job:`;
    const pattern = likePrefix(prefix);
    const read = this.db.prepare<[string], { value: string }>(`SELECT value FROM ${table} WHERE key = ?`);
    const set = this.db.prepare(`INSERT INTO ${table} (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`);
    const setIndex = this.db.prepare(
      `INSERT INTO ${index} (key, unfinished, expires_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET unfinished = excluded.unfinished, expires_at = excluded.expires_at`,
    );
    const unfinished = this.db.prepare<[string], { key: string }>(`SELECT key FROM ${index} WHERE unfinished = 1 AND key LIKE ? ESCAPE '\\'`);
    const purgeRecords = this.db.prepare(
      `DELETE FROM ${table} WHERE key IN (SELECT key FROM ${index} WHERE expires_at <= ? AND key LIKE ? ESCAPE '\\')`,
    );
    const purgeIndex = this.db.prepare(`DELETE FROM ${index} WHERE expires_at <= ? AND key LIKE ? ESCAPE '\\'`);
    const write = this.db.transaction((w: JobRecordWrite): boolean => {
      const key = prefix + w.id;
      if (storedVersion(read.get(key)?.value) !== w.expected) return false;
      set.run(key, w.raw);
      setIndex.run(key, w.unfinished ? 1 : 0, w.expiresAt);
      return true;
    });
    const purge = this.db.transaction((now: number): number => {
      const deleted = purgeRecords.run(now, pattern).changes;
      purgeIndex.run(now, pattern);
      return deleted;
    });
    return {
      read: async (id) => read.get(prefix + id)?.value,
      write: async (w) => write.immediate(w),
      unfinishedIds: async () => unfinished.all(pattern).map((row) => row.key.slice(prefix.length)),
      purgeExpired: async (now) => purge.immediate(now),
    };
  }
}
