/**
 * The money path. One interface, three stores (SQLite, PostgreSQL, Redis), each making `reserve` / `adjust` /
 * `settle` / `release` atomic for every process sharing the store. Amounts are integer milliseconds of output
 * video and integer micro-dollars.
 *
 * A reservation is taken when a job is accepted and counts against every limit at once (jobs at once, cooldown,
 * the member's daily seconds, the guild's daily and monthly budgets). It is confirmed (resized to the inspected
 * length, and shown to be still open) when the job is recorded and again before submit, settled with what fal bills
 * when the job ends, or released (nothing billed) if the job never reached fal.
 */

export type LimitName = "concurrency" | "cooldown" | "user-daily" | "guild-daily" | "guild-monthly";

/** The limits the ledger enforces atomically, in check order. null = no limit. */
export interface QuotaLimits {
  concurrentJobs: number;
  cooldownMs: number;
  userDailyMs: number | null;
  guildDailyMicros: number | null;
  guildMonthlyMicros: number | null;
}

export interface ReserveRequest {
  /** the reservation id (the job id) */
  id: string;
  guildId: string;
  userId: string;
  userName: string;
  kind: string;
  now: number;
  amountMs: number;
  pricePerSecondMicros: number;
  limits: QuotaLimits;
}

/** What the store knows about the member and guild at the instant of the decision. */
export interface Snapshot {
  active: number;
  lastStartAt: number | null;
  userDayMs: number;
  guildDayMicros: number;
  guildMonthMicros: number;
}

export interface Denial {
  limit: LimitName;
  /** the current figure: jobs running, ms used today, micro-dollars spent; for cooldown the last start (ms epoch) */
  current: number;
  /** the limit, in the same unit (cooldown: ms) */
  max: number;
  /** what this job needs (ms or micro-dollars; 1 for concurrency) */
  needed: number;
}

export interface Reservation {
  id: string;
  guildId: string;
  userId: string;
  amountMs: number;
  amountMicros: number;
  pricePerSecondMicros: number;
  day: string;
  month: string;
  createdAt: number;
}

/** The reservation a granted request becomes (the same on every store). */
export function reservationFor(request: ReserveRequest, amountMicros: number, day: string, month: string): Reservation {
  return {
    id: request.id,
    guildId: request.guildId,
    userId: request.userId,
    amountMs: request.amountMs,
    amountMicros,
    pricePerSecondMicros: request.pricePerSecondMicros,
    day,
    month,
    createdAt: request.now,
  };
}

export type ReserveResult = { ok: true; reservation: Reservation } | { ok: false; denial: Denial };

/**
 * `renewed`: the reservation had been released (e.g. by the orphan sweep during a slow inspection) and was taken
 * again; `lapsed`: it had been released and taking it again was refused.
 */
export type ConfirmResult =
  { ok: true; reservation: Reservation; renewed: boolean } | { ok: false; denial: Denial; lapsed: boolean };

/**
 * How a job's ledger entry ended (the CSV's `outcome` column). Billed in full: delivered, failed-after-result,
 * cancelled-running. Billed at the estimate because fal may have run it: submit-in-doubt, deadline-running,
 * too-old-running. Free: failed, cancelled-queued, deadline-queued, too-old-queued, released, and dry-run (FAL_DRY_RUN:
 * nothing was sent to fal).
 */
export type Outcome =
  | "delivered"
  | "failed"
  | "failed-after-result"
  | "cancelled-queued"
  | "cancelled-running"
  | "submit-in-doubt"
  | "deadline-queued"
  | "deadline-running"
  | "too-old-queued"
  | "too-old-running"
  | "dry-run"
  | "released";

export interface Settlement {
  outcome: Exclude<Outcome, "released">;
  billedMs: number;
  now: number;
}

export type EntryState = "reserved" | "settled" | "released";

/** One row of the ledger: one accepted job. */
export interface LedgerEntry {
  id: string;
  guildId: string;
  userId: string;
  userName: string;
  kind: string;
  day: string;
  month: string;
  createdAt: number;
  state: EntryState;
  outcome: Outcome | null;
  pricePerSecondMicros: number;
  /** the (last adjusted) reservation */
  reservedMs: number;
  reservedMicros: number;
  billedMs: number;
  billedMicros: number;
  settledAt: number | null;
  /** when the job last confirmed its reservation (recorded, about to submit); null before */
  confirmedAt: number | null;
}

export interface UserUsage {
  dayMs: number;
  dayMicros: number;
  monthMs: number;
  monthMicros: number;
  monthJobs: number;
  active: number;
  lastStartAt: number | null;
}

export interface GuildUsage {
  dayMs: number;
  dayMicros: number;
  dayJobs: number;
  monthMs: number;
  monthMicros: number;
  monthJobs: number;
  active: number;
}

export interface TopUser {
  userId: string;
  userName: string;
  ms: number;
  micros: number;
  jobs: number;
}

export interface ReservationRef {
  guildId: string;
  id: string;
}

export interface OpenReservation extends ReservationRef {
  createdAt: number;
  /** the last time the reservation was taken or confirmed: an orphan's age counts from here */
  touchedAt: number;
}

export interface QuotaLedger {
  readonly kind: "sqlite" | "postgres" | "redis";
  /** Checks every limit and takes the reservation in one atomic step (or refuses, changing nothing). */
  reserve(request: ReserveRequest): Promise<ReserveResult>;
  /**
   * One atomic step when the job is recorded and before it is submitted: an open reservation is resized to
   * `amountMs` (growing it is checked against the limits again, the job's own share excluded) and marked confirmed
   * at `now`, which keeps the orphan sweep off it; one that is gone (released) is taken again through every check
   * `reserve` makes. Never skipped for an unchanged amount: that is how a lost reservation is found.
   */
  confirm(request: ReserveRequest): Promise<ConfirmResult>;
  /** Records what fal billed and frees the job's slot. Idempotent: a second call changes nothing and returns undefined. */
  settle(ref: ReservationRef, settlement: Settlement): Promise<LedgerEntry | undefined>;
  /**
   * Frees a reservation that never reached fal: nothing is billed and it does not count for the cooldown. Idempotent.
   * With `untouchedBefore`, only if it was neither taken nor confirmed since then (the orphan sweep: a job that
   * confirmed meanwhile keeps it). Returns whether it released.
   */
  release(ref: ReservationRef, now: number, options?: { untouchedBefore?: number }): Promise<boolean>;
  /** Usage counts open reservations at their reserved amount and settled jobs at what was billed. */
  userUsage(guildId: string, userId: string, now: number): Promise<UserUsage>;
  guildUsage(guildId: string, now: number): Promise<GuildUsage>;
  topUsers(guildId: string, month: string, limit: number): Promise<TopUser[]>;
  /** The month's ledger, oldest first (released reservations left out). */
  entries(guildId: string, month: string): Promise<LedgerEntry[]>;
  /** Open reservations in every guild (for start-up reconciliation). */
  openReservations(): Promise<OpenReservation[]>;
  close(): Promise<void>;
}

/** The one decision, in the documented order; the Redis Lua script mirrors it line for line. */
export function decide(
  snapshot: Snapshot,
  request: { now: number; amountMs: number; amountMicros: number; limits: QuotaLimits },
): Denial | undefined {
  const { limits, now, amountMs, amountMicros } = request;
  if (snapshot.active >= limits.concurrentJobs)
    return { limit: "concurrency", current: snapshot.active, max: limits.concurrentJobs, needed: 1 };
  if (limits.cooldownMs > 0 && snapshot.lastStartAt !== null && now < snapshot.lastStartAt + limits.cooldownMs) {
    return { limit: "cooldown", current: snapshot.lastStartAt, max: limits.cooldownMs, needed: 0 };
  }
  return decideAmounts(snapshot, { amountMs, amountMicros, limits });
}

/** The amount limits alone (also used when a reservation grows: pass the job's own share already subtracted). */
export function decideAmounts(
  snapshot: Pick<Snapshot, "userDayMs" | "guildDayMicros" | "guildMonthMicros">,
  request: { amountMs: number; amountMicros: number; limits: QuotaLimits },
): Denial | undefined {
  const { limits, amountMs, amountMicros } = request;
  if (limits.userDailyMs !== null && snapshot.userDayMs + amountMs > limits.userDailyMs) {
    return { limit: "user-daily", current: snapshot.userDayMs, max: limits.userDailyMs, needed: amountMs };
  }
  if (limits.guildDailyMicros !== null && snapshot.guildDayMicros + amountMicros > limits.guildDailyMicros) {
    return {
      limit: "guild-daily",
      current: snapshot.guildDayMicros,
      max: limits.guildDailyMicros,
      needed: amountMicros,
    };
  }
  if (limits.guildMonthlyMicros !== null && snapshot.guildMonthMicros + amountMicros > limits.guildMonthlyMicros) {
    return {
      limit: "guild-monthly",
      current: snapshot.guildMonthMicros,
      max: limits.guildMonthlyMicros,
      needed: amountMicros,
    };
  }
  return undefined;
}
