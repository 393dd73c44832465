import { EventEmitter } from "node:events";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import type { KeyvStoreAdapter, StoredData } from "keyv";
import { ledgerDdl, SqlLedger, type Row, type SqlDriver, type SqlOp, type SqlSteps } from "../../quota/sql-ledger.js";
import { DEFAULT_SQLITE_PATH, type StoreBackend } from "../backend.js";
import { likePrefix, storedVersion, type HasJobRecords, type JobRecords, type JobRecordWrite } from "../job-records.js";

/**
 * sqlite://<path>: one better-sqlite3 Database (WAL, 5 s busy timeout) per process for the Keyv store and the
 * ledger. Transactions are BEGIN IMMEDIATE and run to COMMIT synchronously: they take the file's write lock before
 * reading, so processes sharing the file decide one after the other, and nothing else in this process runs
 * while the lock is held (so the two parts never wait on each other).
 */
export const sqliteBackend: StoreBackend = {
  keyvPrefixesKeys: true,
  async connect(url) {
    const path = url.slice("sqlite://".length) || DEFAULT_SQLITE_PATH;
    if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
    const db = new Database(path);
    try {
      db.pragma("journal_mode = WAL");
      db.pragma("busy_timeout = 5000");
    } catch (error) {
      db.close();
      throw error;
    }
    return {
      keyvAdapter: async (place, done) => new KeyvSqlite(db, path, place.table, done),
      ledger: async (place, done) => new SqlLedger(new SqliteDriver(db, ledgerDdl(place.table), done), place.table),
      end: async () => void db.close(),
    };
  },
};

/**
 * A Keyv store on an embedded SQLite file (better-sqlite3, synchronous and transactional).
 * @keyv/sqlite needs the sqlite3 package; this keeps one native module and gives us `transaction()`
 * for the atomic updates later issues need.
 */
export class KeyvSqlite extends EventEmitter implements KeyvStoreAdapter, HasJobRecords {
  /** `dialect` and `url` tell Keyv this adapter can iterate */
  readonly opts: { path: string; table: string; dialect: "sqlite"; url: string };
  namespace?: string;
  private readonly stmts;
  private closed = false;

  constructor(
    private readonly db: Database.Database,
    path: string,
    table: string,
    private readonly done: () => Promise<void>,
  ) {
    super();
    this.opts = { path, table, dialect: "sqlite", url: `sqlite://${path}` };
    this.db.exec(`CREATE TABLE IF NOT EXISTS ${table} (key TEXT PRIMARY KEY, value TEXT NOT NULL)`);
    this.stmts = {
      get: this.db.prepare<[string], { value: string }>(`SELECT value FROM ${table} WHERE key = ?`),
      set: this.db.prepare(
        `INSERT INTO ${table} (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
      ),
      delete: this.db.prepare(`DELETE FROM ${table} WHERE key = ?`),
      clearPrefix: this.db.prepare(`DELETE FROM ${table} WHERE key LIKE ? ESCAPE '\\'`),
      listPrefix: this.db.prepare<[string], { key: string; value: string }>(
        `SELECT key, value FROM ${table} WHERE key LIKE ? ESCAPE '\\' ORDER BY key`,
      ),
    };
  }

  private open(): Database.Database {
    if (this.closed) throw new Error("the sqlite store is closed");
    return this.db;
  }

  private prefix(namespace = this.namespace): string {
    return namespace ? `${namespace.replace(/[\\%_]/g, (c) => `\\${c}`)}:%` : "%";
  }

  async get<Value>(key: string): Promise<StoredData<Value> | undefined> {
    this.open();
    return this.stmts.get.get(key)?.value as StoredData<Value> | undefined;
  }

  async set(key: string, value: unknown): Promise<void> {
    this.open();
    this.stmts.set.run(key, value);
  }

  async delete(key: string): Promise<boolean> {
    this.open();
    return this.stmts.delete.run(key).changes > 0;
  }

  async clear(): Promise<void> {
    this.open();
    this.stmts.clearPrefix.run(this.prefix());
  }

  async has(key: string): Promise<boolean> {
    this.open();
    return this.stmts.get.get(key) !== undefined;
  }

  async *iterator<Value>(namespace?: string): AsyncGenerator<Array<string | Awaited<Value> | undefined>, void> {
    this.open();
    for (const row of this.stmts.listPrefix.all(this.prefix(namespace))) {
      yield [row.key, row.value as Awaited<Value>];
    }
  }

  /** this part is done; the Database is closed once the ledger is done with it too */
  async disconnect(): Promise<void> {
    this.closed = true;
    await this.done();
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
    const set = this.db.prepare(
      `INSERT INTO ${table} (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
    );
    const setIndex = this.db.prepare(
      `INSERT INTO ${index} (key, unfinished, expires_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE ` +
        `SET unfinished = excluded.unfinished, expires_at = excluded.expires_at`,
    );
    const unfinished = this.db.prepare<[string], { key: string }>(
      `SELECT key FROM ${index} WHERE unfinished = 1 AND key LIKE ? ESCAPE '\\'`,
    );
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
      read: async (id) => (this.open(), read.get(prefix + id)?.value),
      write: async (w) => (this.open(), write.immediate(w)),
      unfinishedIds: async () => (this.open(), unfinished.all(pattern).map((row) => row.key.slice(prefix.length))),
      purgeExpired: async (now) => (this.open(), purge.immediate(now)),
    };
  }
}

/** The ledger's SQL on the store's Database (see sqliteBackend). */
class SqliteDriver implements SqlDriver {
  readonly kind = "sqlite" as const;
  private readonly cache = new Map<string, Database.Statement>();
  private closed = false;

  constructor(
    private readonly db: Database.Database,
    ddl: string[],
    private readonly done: () => Promise<void>,
  ) {
    this.db.transaction(() => ddl.forEach((statement) => this.execDdl(statement))).immediate();
  }

  /** SQLite has no ADD COLUMN IF NOT EXISTS: the column is added unless it is there already. */
  private execDdl(statement: string): void {
    const addColumn = /^ALTER TABLE \S+ ADD COLUMN IF NOT EXISTS /.test(statement);
    try {
      this.db.exec(addColumn ? statement.replace(" IF NOT EXISTS", "") : statement);
    } catch (error) {
      if (!(addColumn && error instanceof Error && error.message.includes("duplicate column name"))) throw error;
    }
  }

  private exec(op: SqlOp): unknown {
    let statement = this.cache.get(op.sql);
    if (!statement) this.cache.set(op.sql, (statement = this.db.prepare(op.sql)));
    return op.op === "all" ? (statement.all(...op.params) as Row[]) : statement.run(...op.params).changes;
  }

  private drive<T>(steps: SqlSteps<T>): T {
    if (this.closed) throw new Error("the sqlite ledger is closed");
    let step = steps.next();
    while (!step.done) step = steps.next(this.exec(step.value));
    return step.value;
  }

  async transaction<T>(_lockKey: string, steps: () => SqlSteps<T>): Promise<T> {
    return this.db.transaction(() => this.drive(steps())).immediate();
  }

  async read<T>(steps: () => SqlSteps<T>): Promise<T> {
    return this.drive(steps());
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.done();
  }
}
