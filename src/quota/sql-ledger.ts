import { costMicros } from "../money.js";
import { dayKey, monthKey } from "../periods.js";
import {
  decide,
  decideAmounts,
  reservationFor,
  type ConfirmResult,
  type GuildUsage,
  type LedgerEntry,
  type OpenReservation,
  type QuotaLedger,
  type Reservation,
  type ReservationRef,
  type ReserveRequest,
  type ReserveResult,
  type Settlement,
  type Snapshot,
  type TopUser,
  type UserUsage,
} from "./ledger.js";

/**
 * The ledger's SQL is written once as generators that yield statements: SQLite runs them synchronously inside one
 * better-sqlite3 transaction (nothing else in the process can run in between, so no other connection can hit the
 * held lock), PostgreSQL awaits each statement inside its transaction.
 */
export type SqlOp = { op: "all"; sql: string; params: unknown[] } | { op: "run"; sql: string; params: unknown[] };
/** `yield all(...)` gives rows, `yield run(...)` the number of changed rows. */
export type SqlSteps<T> = Generator<SqlOp, T, unknown>;
export type Row = Record<string, unknown>;

export const all = (sql: string, params: unknown[] = []): SqlOp => ({ op: "all", sql, params });
export const run = (sql: string, params: unknown[] = []): SqlOp => ({ op: "run", sql, params });

export interface SqlDriver {
  readonly kind: "sqlite" | "postgres";
  /**
   * Runs the steps in a transaction that no other writer for `lockKey` (a guild) can interleave with, in this
   * process or another: SQLite BEGIN IMMEDIATE (one writer per file), PostgreSQL a transaction-scoped advisory lock.
   */
  transaction<T>(lockKey: string, steps: () => SqlSteps<T>): Promise<T>;
  /** Runs read-only steps (no lock). */
  read<T>(steps: () => SqlSteps<T>): Promise<T>;
  close(): Promise<void>;
}

const num = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));

/**
 * `charge_ms`/`charge_micros` is what a row counts against the limits: the reservation while open, what fal billed
 * once settled, 0 once released. Every limit is then a plain SUM.
 */
export function ledgerDdl(table: string): string[] {
  return [
    `CREATE TABLE IF NOT EXISTS ${table} (
      id TEXT PRIMARY KEY,
      guild_id TEXT NOT NULL,
      user_id TEXT NOT NULL,
      user_name TEXT NOT NULL,
      kind TEXT NOT NULL,
      day TEXT NOT NULL,
      month TEXT NOT NULL,
      created_at BIGINT NOT NULL,
      state TEXT NOT NULL,
      outcome TEXT,
      price_micros_per_sec BIGINT NOT NULL,
      reserved_ms BIGINT NOT NULL,
      reserved_micros BIGINT NOT NULL,
      charge_ms BIGINT NOT NULL,
      charge_micros BIGINT NOT NULL,
      billed_ms BIGINT NOT NULL DEFAULT 0,
      billed_micros BIGINT NOT NULL DEFAULT 0,
      settled_at BIGINT,
      confirmed_at BIGINT
    )`,
    // tables made before confirm() existed (SqliteDriver drops IF NOT EXISTS and ignores "duplicate column")
    `ALTER TABLE ${table} ADD COLUMN IF NOT EXISTS confirmed_at BIGINT`,
    `CREATE INDEX IF NOT EXISTS ${table}_user ON ${table} (guild_id, user_id, day)`,
    `CREATE INDEX IF NOT EXISTS ${table}_guild_day ON ${table} (guild_id, day)`,
    `CREATE INDEX IF NOT EXISTS ${table}_guild_month ON ${table} (guild_id, month, created_at)`,
    `CREATE INDEX IF NOT EXISTS ${table}_state ON ${table} (state)`,
  ];
}

function toEntry(row: Record<string, unknown>): LedgerEntry {
  return {
    id: String(row.id),
    guildId: String(row.guild_id),
    userId: String(row.user_id),
    userName: String(row.user_name),
    kind: String(row.kind),
    day: String(row.day),
    month: String(row.month),
    createdAt: num(row.created_at),
    state: row.state as LedgerEntry["state"],
    outcome: (row.outcome ?? null) as LedgerEntry["outcome"],
    pricePerSecondMicros: num(row.price_micros_per_sec),
    reservedMs: num(row.reserved_ms),
    reservedMicros: num(row.reserved_micros),
    billedMs: num(row.billed_ms),
    billedMicros: num(row.billed_micros),
    settledAt: row.settled_at === null || row.settled_at === undefined ? null : num(row.settled_at),
    confirmedAt: row.confirmed_at === null || row.confirmed_at === undefined ? null : num(row.confirmed_at),
  };
}

const toReservation = (e: LedgerEntry): Reservation => ({
  id: e.id,
  guildId: e.guildId,
  userId: e.userId,
  amountMs: e.reservedMs,
  amountMicros: e.reservedMicros,
  pricePerSecondMicros: e.pricePerSecondMicros,
  day: e.day,
  month: e.month,
  createdAt: e.createdAt,
});

/** The ledger on SQLite or PostgreSQL: one table, the same statements, the driver supplies the locking. */
export class SqlLedger implements QuotaLedger {
  readonly kind: "sqlite" | "postgres";

  constructor(
    private readonly db: SqlDriver,
    private readonly table = "kling_quota_ledger",
  ) {
    this.kind = db.kind;
  }

  private *snapshot(guildId: string, userId: string, day: string, month: string): SqlSteps<Snapshot> {
    const t = this.table;
    const [user] = (yield all(
      `SELECT COALESCE(SUM(CASE WHEN state = 'reserved' THEN 1 ELSE 0 END), 0) AS active,
              MAX(CASE WHEN state <> 'released' THEN created_at END) AS last_start,
              COALESCE(SUM(CASE WHEN day = ? THEN charge_ms ELSE 0 END), 0) AS day_ms
         FROM ${t} WHERE guild_id = ? AND user_id = ?`,
      [day, guildId, userId],
    )) as Row[];
    const [guild] = (yield all(
      `SELECT COALESCE(SUM(CASE WHEN day = ? THEN charge_micros ELSE 0 END), 0) AS day_micros,
              COALESCE(SUM(charge_micros), 0) AS month_micros
         FROM ${t} WHERE guild_id = ? AND month = ?`,
      [day, guildId, month],
    )) as Row[];
    return {
      active: num(user?.active),
      lastStartAt: user?.last_start === null || user?.last_start === undefined ? null : num(user.last_start),
      userDayMs: num(user?.day_ms),
      guildDayMicros: num(guild?.day_micros),
      guildMonthMicros: num(guild?.month_micros),
    };
  }

  private *entry(ref: ReservationRef): SqlSteps<LedgerEntry | undefined> {
    const [row] = (yield all(`SELECT * FROM ${this.table} WHERE id = ? AND guild_id = ?`, [
      ref.id,
      ref.guildId,
    ])) as Row[];
    return row ? toEntry(row) : undefined;
  }

  private *insert(
    request: ReserveRequest,
    day: string,
    month: string,
    amountMicros: number,
    confirmedAt: number | null,
  ): SqlSteps<void> {
    yield run(
      `INSERT INTO ${this.table} (id, guild_id, user_id, user_name, kind, day, month, created_at, state, price_micros_per_sec,
         reserved_ms, reserved_micros, charge_ms, charge_micros, confirmed_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'reserved', ?, ?, ?, ?, ?, ?)`,
      [
        request.id,
        request.guildId,
        request.userId,
        request.userName,
        request.kind,
        day,
        month,
        request.now,
        request.pricePerSecondMicros,
        request.amountMs,
        amountMicros,
        request.amountMs,
        amountMicros,
        confirmedAt,
      ],
    );
  }

  reserve(request: ReserveRequest): Promise<ReserveResult> {
    const day = dayKey(request.now);
    const month = monthKey(request.now);
    const amountMicros = costMicros(request.amountMs, request.pricePerSecondMicros);
    return this.db.transaction(
      request.guildId,
      function* (this: SqlLedger): SqlSteps<ReserveResult> {
        const existing = yield* this.entry(request);
        if (existing) throw new Error(`reservation ${request.id} already exists`);
        const snapshot = yield* this.snapshot(request.guildId, request.userId, day, month);
        const denial = decide(snapshot, {
          now: request.now,
          amountMs: request.amountMs,
          amountMicros,
          limits: request.limits,
        });
        if (denial) return { ok: false, denial };
        yield* this.insert(request, day, month, amountMicros, null);
        return { ok: true, reservation: reservationFor(request, amountMicros, day, month) };
      }.bind(this),
    );
  }

  confirm(request: ReserveRequest): Promise<ConfirmResult> {
    const { amountMs, limits, now } = request;
    return this.db.transaction(
      request.guildId,
      function* (this: SqlLedger): SqlSteps<ConfirmResult> {
        const entry = yield* this.entry(request);
        if (entry?.state === "settled") throw new Error(`reservation ${request.id} is already settled`);
        if (entry?.state === "reserved") {
          const amountMicros = costMicros(amountMs, entry.pricePerSecondMicros);
          if (amountMs > entry.reservedMs || amountMicros > entry.reservedMicros) {
            const s = yield* this.snapshot(entry.guildId, entry.userId, entry.day, entry.month);
            const denial = decideAmounts(
              {
                userDayMs: s.userDayMs - entry.reservedMs,
                guildDayMicros: s.guildDayMicros - entry.reservedMicros,
                guildMonthMicros: s.guildMonthMicros - entry.reservedMicros,
              },
              { amountMs, amountMicros, limits },
            );
            if (denial) return { ok: false, denial, lapsed: false };
          }
          yield run(
            `UPDATE ${this.table} SET reserved_ms = ?, reserved_micros = ?, charge_ms = ?, charge_micros ` +
              `= ?, confirmed_at = ? WHERE id = ? AND state = 'reserved'`,
            [amountMs, amountMicros, amountMs, amountMicros, now, request.id],
          );
          return {
            ok: true,
            reservation: toReservation({ ...entry, reservedMs: amountMs, reservedMicros: amountMicros }),
            renewed: false,
          };
        }
        // gone (released by the sweep, or never written): taken again as a new reservation, through every check
        const day = dayKey(now);
        const month = monthKey(now);
        const amountMicros = costMicros(amountMs, request.pricePerSecondMicros);
        const snapshot = yield* this.snapshot(request.guildId, request.userId, day, month);
        const denial = decide(snapshot, { now, amountMs, amountMicros, limits });
        if (denial) return { ok: false, denial, lapsed: true };
        if (entry) {
          yield run(
            `UPDATE ${this.table} SET user_name = ?, kind = ?, day = ?, month = ?, created_at = ?, state = 'reserved', outcome = NULL,
             price_micros_per_sec = ?, reserved_ms = ?, reserved_micros = ?, charge_ms = ?, charge_micros = ?,
             billed_ms = 0, billed_micros = 0,
             settled_at = NULL, confirmed_at = ? WHERE id = ? AND guild_id = ? AND state = 'released'`,
            [
              request.userName,
              request.kind,
              day,
              month,
              now,
              request.pricePerSecondMicros,
              amountMs,
              amountMicros,
              amountMs,
              amountMicros,
              now,
              request.id,
              request.guildId,
            ],
          );
        } else {
          yield* this.insert(request, day, month, amountMicros, now);
        }
        return { ok: true, reservation: reservationFor(request, amountMicros, day, month), renewed: true };
      }.bind(this),
    );
  }

  settle(ref: ReservationRef, settlement: Settlement): Promise<LedgerEntry | undefined> {
    return this.db.transaction(
      ref.guildId,
      function* (this: SqlLedger): SqlSteps<LedgerEntry | undefined> {
        const entry = yield* this.entry(ref);
        if (!entry || entry.state !== "reserved") return undefined;
        const billedMicros = costMicros(settlement.billedMs, entry.pricePerSecondMicros);
        yield run(
          `UPDATE ${this.table} SET state = 'settled', outcome = ?, billed_ms = ?, billed_micros = ?,
          charge_ms = ?, charge_micros = ?, settled_at = ?
          WHERE id = ? AND state = 'reserved'`,
          [
            settlement.outcome,
            settlement.billedMs,
            billedMicros,
            settlement.billedMs,
            billedMicros,
            settlement.now,
            ref.id,
          ],
        );
        return {
          ...entry,
          state: "settled",
          outcome: settlement.outcome,
          billedMs: settlement.billedMs,
          billedMicros,
          settledAt: settlement.now,
        };
      }.bind(this),
    );
  }

  release(ref: ReservationRef, now: number, options: { untouchedBefore?: number } = {}): Promise<boolean> {
    const table = this.table;
    const untouched = options.untouchedBefore === undefined ? "" : " AND COALESCE(confirmed_at, created_at) < ?";
    const params = [
      now,
      ref.id,
      ref.guildId,
      ...(options.untouchedBefore === undefined ? [] : [options.untouchedBefore]),
    ];
    return this.db.transaction(ref.guildId, function* (): SqlSteps<boolean> {
      const changed = (yield run(
        `UPDATE ${table} SET state = 'released', outcome = 'released', charge_ms = 0, charge_micros = 0, settled_at = ?
          WHERE id = ? AND guild_id = ? AND state = 'reserved'${untouched}`,
        params,
      )) as number;
      return changed > 0;
    });
  }

  private rows(sql: string, params: unknown[] = []): Promise<Row[]> {
    return this.db.read(function* (): SqlSteps<Row[]> {
      return (yield all(sql, params)) as Row[];
    });
  }

  async userUsage(guildId: string, userId: string, now: number): Promise<UserUsage> {
    const { dayJobs: _, ...usage } = await this.usage("guild_id = ? AND user_id = ?", [guildId, userId], now);
    return usage;
  }

  async guildUsage(guildId: string, now: number): Promise<GuildUsage> {
    const { lastStartAt: _, ...usage } = await this.usage("guild_id = ?", [guildId], now);
    return usage;
  }

  /** today's and this month's charges, jobs and reservations of the rows `where` selects */
  private async usage(where: string, params: unknown[], now: number): Promise<UserUsage & GuildUsage> {
    const day = dayKey(now);
    const month = monthKey(now);
    const [row] = await this.rows(
      `SELECT COALESCE(SUM(CASE WHEN day = ? THEN charge_ms ELSE 0 END), 0) AS day_ms,
              COALESCE(SUM(CASE WHEN day = ? THEN charge_micros ELSE 0 END), 0) AS day_micros,
              COALESCE(SUM(CASE WHEN day = ? AND state <> 'released' THEN 1 ELSE 0 END), 0) AS day_jobs,
              COALESCE(SUM(CASE WHEN month = ? THEN charge_ms ELSE 0 END), 0) AS month_ms,
              COALESCE(SUM(CASE WHEN month = ? THEN charge_micros ELSE 0 END), 0) AS month_micros,
              COALESCE(SUM(CASE WHEN month = ? AND state <> 'released' THEN 1 ELSE 0 END), 0) AS month_jobs,
              COALESCE(SUM(CASE WHEN state = 'reserved' THEN 1 ELSE 0 END), 0) AS active,
              MAX(CASE WHEN state <> 'released' THEN created_at END) AS last_start
         FROM ${this.table} WHERE ${where}`,
      [day, day, day, month, month, month, ...params],
    );
    return {
      dayMs: num(row?.day_ms),
      dayMicros: num(row?.day_micros),
      dayJobs: num(row?.day_jobs),
      monthMs: num(row?.month_ms),
      monthMicros: num(row?.month_micros),
      monthJobs: num(row?.month_jobs),
      active: num(row?.active),
      lastStartAt: row?.last_start === null || row?.last_start === undefined ? null : num(row.last_start),
    };
  }

  async topUsers(guildId: string, month: string, limit: number): Promise<TopUser[]> {
    const rows = await this.rows(
      `SELECT user_id, MAX(user_name) AS user_name, SUM(charge_ms) AS ms, SUM(charge_micros) AS micros, COUNT(*) AS jobs
         FROM ${this.table} WHERE guild_id = ? AND month = ? AND state <> 'released'
         GROUP BY user_id ORDER BY micros DESC, user_id LIMIT ?`,
      [guildId, month, limit],
    );
    return rows.map((r) => ({
      userId: String(r.user_id),
      userName: String(r.user_name),
      ms: num(r.ms),
      micros: num(r.micros),
      jobs: num(r.jobs),
    }));
  }

  async entries(guildId: string, month: string): Promise<LedgerEntry[]> {
    const rows = await this.rows(
      `SELECT * FROM ${this.table} WHERE guild_id = ? AND month = ? AND state <> 'released' ORDER BY created_at, id`,
      [guildId, month],
    );
    return rows.map(toEntry);
  }

  async openReservations(): Promise<OpenReservation[]> {
    const rows = await this.rows(
      `SELECT id, guild_id, created_at, confirmed_at FROM ${this.table} WHERE state = 'reserved'`,
    );
    return rows.map((r) => ({
      id: String(r.id),
      guildId: String(r.guild_id),
      createdAt: num(r.created_at),
      touchedAt: Math.max(num(r.created_at), num(r.confirmed_at)),
    }));
  }

  async close(): Promise<void> {
    await this.db.close();
  }
}
