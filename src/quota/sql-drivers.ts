import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import type { Row, SqlDriver, SqlOp, SqlSteps } from "./sql-ledger.js";

/**
 * better-sqlite3 on the store's file (its own connection, WAL, 5 s busy timeout). A transaction is BEGIN IMMEDIATE
 * and runs to COMMIT synchronously: it takes the file's write lock before reading, so processes sharing the file
 * decide one after the other, and nothing else in this process runs while the lock is held.
 */
export class SqliteDriver implements SqlDriver {
  readonly kind = "sqlite" as const;
  private readonly db: Database.Database;
  private readonly cache = new Map<string, Database.Statement>();

  constructor(path: string, ddl: string[]) {
    if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.db.pragma("journal_mode = WAL");
    this.db.pragma("busy_timeout = 5000");
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
    this.db.close();
  }
}

/** The part of `pg` used here (pg ships no types; @keyv/postgres brings it). */
interface PgQueryable {
  query(sql: string, params?: unknown[]): Promise<{ rows: Row[]; rowCount: number | null }>;
}
interface PgClient extends PgQueryable {
  release(): void;
}
interface PgPool extends PgQueryable {
  connect(): Promise<PgClient>;
  end(): Promise<void>;
  on(event: "error", listener: (error: Error) => void): void;
}

const toDollarParams = (sql: string) => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};

/** PostgreSQL: a transaction holding a transaction-scoped advisory lock on the guild (released at COMMIT/ROLLBACK). */
export class PostgresDriver implements SqlDriver {
  readonly kind = "postgres" as const;

  private constructor(private readonly pool: PgPool) {}

  static async open(url: string, ddl: string[]): Promise<PostgresDriver> {
    const moduleName = "pg";
    const pg = (await import(moduleName)) as { default: { Pool: new (options: { connectionString: string; max?: number }) => PgPool } };
    const pool = new pg.default.Pool({ connectionString: url, max: 5 });
    pool.on("error", () => undefined);
    const driver = new PostgresDriver(pool);
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

  async transaction<T>(lockKey: string, steps: () => SqlSteps<T>): Promise<T> {
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

  read<T>(steps: () => SqlSteps<T>): Promise<T> {
    return PostgresDriver.drive(this.pool, steps());
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
