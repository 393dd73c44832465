import { costMicros } from "../money.js";
import { dayKey, monthKey } from "../periods.js";
import type {
  ConfirmResult,
  Denial,
  GuildUsage,
  LedgerEntry,
  LimitName,
  OpenReservation,
  QuotaLedger,
  QuotaLimits,
  ReservationRef,
  ReserveRequest,
  ReserveResult,
  Settlement,
  TopUser,
  UserUsage,
} from "./ledger.js";
import { reservationFor } from "./ledger.js";

/** The commands used here, as @redis/client 5 exposes them. */
export interface RedisLike {
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
  hGetAll(key: string): Promise<Record<string, string>>;
  hmGet(key: string, fields: string[]): Promise<(string | null)[]>;
  zRange(key: string, min: number, max: number): Promise<string[]>;
  zRangeWithScores(
    key: string,
    min: number,
    max: number,
    options: { REV: true },
  ): Promise<{ value: string; score: number }[]>;
  hGet(key: string, field: string): Promise<string | null | undefined>;
  sMembers(key: string): Promise<string[]>;
  close?(): Promise<unknown>;
  quit?(): Promise<unknown>;
}

/** Day counters are kept a few days (usage asks only for today); month counters and entries stay for the CSV. */
const DAY_TTL_SEC = 3 * 86_400;

// The decision in the same order as ledger.ts `decide`; -1 means "no limit". ARGV[14] '1': confirm() taking a
// released reservation again (its old hash is replaced).
const RESERVE = `
local function n(v) return tonumber(v) or 0 end
local st = redis.call('HGET', KEYS[8], 'state')
if st and not (ARGV[14] == '1' and st == 'released') then return {'exists', '0'} end
if st then redis.call('DEL', KEYS[8]) end
local now = tonumber(ARGV[1])
local active = n(redis.call('HGET', KEYS[1], 'active'))
if active >= tonumber(ARGV[2]) then return {'concurrency', tostring(active)} end
local last = redis.call('HGET', KEYS[1], 'last')
local cooldown = tonumber(ARGV[3])
if cooldown > 0 and last and now < tonumber(last) + cooldown then return {'cooldown', last} end
local ams = tonumber(ARGV[7])
local amic = tonumber(ARGV[8])
local used = n(redis.call('HGET', KEYS[2], 'ms'))
local lim = tonumber(ARGV[4])
if lim >= 0 and used + ams > lim then return {'user-daily', tostring(used)} end
used = n(redis.call('HGET', KEYS[4], 'micros'))
lim = tonumber(ARGV[5])
if lim >= 0 and used + amic > lim then return {'guild-daily', tostring(used)} end
used = n(redis.call('HGET', KEYS[5], 'micros'))
lim = tonumber(ARGV[6])
if lim >= 0 and used + amic > lim then return {'guild-monthly', tostring(used)} end
redis.call('HINCRBY', KEYS[1], 'active', 1)
redis.call('HSET', KEYS[1], 'last', ARGV[1])
for i = 2, 5 do
  redis.call('HINCRBY', KEYS[i], 'ms', ams)
  redis.call('HINCRBY', KEYS[i], 'micros', amic)
  redis.call('HINCRBY', KEYS[i], 'jobs', 1)
end
redis.call('EXPIRE', KEYS[2], ARGV[12])
redis.call('EXPIRE', KEYS[4], ARGV[12])
redis.call('ZINCRBY', KEYS[6], amic, ARGV[10])
redis.call('ZADD', KEYS[7], now, ARGV[9])
redis.call('HINCRBY', KEYS[9], 'active', 1)
redis.call('SADD', KEYS[10], ARGV[11])
redis.call('HSET', KEYS[11], ARGV[10], ARGV[13])
local fields = {}
for i = 15, #ARGV do fields[#fields + 1] = ARGV[i] end
if last then
  fields[#fields + 1] = 'prev_last'
  fields[#fields + 1] = last
end
redis.call('HSET', KEYS[8], unpack(fields))
return {'ok', '0'}
`;

// confirm() of an open reservation: resize (growth re-checked without the job's own share) and mark it confirmed.
const CONFIRM = `
local function n(v) return tonumber(v) or 0 end
if redis.call('HGET', KEYS[6], 'state') ~= 'reserved' then return {'gone', '0'} end
local oldMs = n(redis.call('HGET', KEYS[6], 'charge_ms'))
local oldMic = n(redis.call('HGET', KEYS[6], 'charge_micros'))
local newMs = tonumber(ARGV[1])
local newMic = tonumber(ARGV[2])
if newMs > oldMs or newMic > oldMic then
  local used = n(redis.call('HGET', KEYS[1], 'ms')) - oldMs
  local lim = tonumber(ARGV[3])
  if lim >= 0 and used + newMs > lim then return {'user-daily', tostring(used)} end
  used = n(redis.call('HGET', KEYS[3], 'micros')) - oldMic
  lim = tonumber(ARGV[4])
  if lim >= 0 and used + newMic > lim then return {'guild-daily', tostring(used)} end
  used = n(redis.call('HGET', KEYS[4], 'micros')) - oldMic
  lim = tonumber(ARGV[5])
  if lim >= 0 and used + newMic > lim then return {'guild-monthly', tostring(used)} end
end
for i = 1, 4 do
  redis.call('HINCRBY', KEYS[i], 'ms', newMs - oldMs)
  redis.call('HINCRBY', KEYS[i], 'micros', newMic - oldMic)
end
redis.call('ZINCRBY', KEYS[5], newMic - oldMic, redis.call('HGET', KEYS[6], 'user_id'))
redis.call('HSET', KEYS[6], 'reserved_ms', newMs, 'reserved_micros', newMic,
  'charge_ms', newMs, 'charge_micros', newMic, 'confirmed_at', ARGV[6])
return {'ok', '0'}
`;

// ARGV[1] 'settle' | 'release'; ARGV[7] (release only): leave it open if taken or confirmed at or after this instant
const FINISH = `
local function n(v) return tonumber(v) or 0 end
if redis.call('HGET', KEYS[7], 'state') ~= 'reserved' then return 0 end
if ARGV[7] ~= '' then
  local touched = math.max(n(redis.call('HGET', KEYS[7], 'created_at')), n(redis.call('HGET', KEYS[7], 'confirmed_at')))
  if touched >= tonumber(ARGV[7]) then return 0 end
end
local oldMs = n(redis.call('HGET', KEYS[7], 'charge_ms'))
local oldMic = n(redis.call('HGET', KEYS[7], 'charge_micros'))
local bms = tonumber(ARGV[2])
local bmic = tonumber(ARGV[3])
local release = ARGV[1] == 'release'
if release then bms = 0 bmic = 0 end
for i = 2, 5 do
  redis.call('HINCRBY', KEYS[i], 'ms', bms - oldMs)
  redis.call('HINCRBY', KEYS[i], 'micros', bmic - oldMic)
  if release then redis.call('HINCRBY', KEYS[i], 'jobs', -1) end
end
redis.call('ZINCRBY', KEYS[6], bmic - oldMic, redis.call('HGET', KEYS[7], 'user_id'))
redis.call('HINCRBY', KEYS[1], 'active', -1)
redis.call('HINCRBY', KEYS[8], 'active', -1)
if release then
  local created = redis.call('HGET', KEYS[7], 'created_at')
  if redis.call('HGET', KEYS[1], 'last') == created then
    local prev = redis.call('HGET', KEYS[7], 'prev_last')
    if prev then redis.call('HSET', KEYS[1], 'last', prev) else redis.call('HDEL', KEYS[1], 'last') end
  end
end
redis.call('HSET', KEYS[7], 'state', release and 'released' or 'settled', 'outcome', ARGV[4],
  'billed_ms', bms, 'billed_micros', bmic, 'charge_ms', bms, 'charge_micros', bmic, 'settled_at', ARGV[5])
redis.call('SREM', KEYS[9], ARGV[6])
return 1
`;

const num = (v: string | null | undefined) => (v === null || v === undefined ? 0 : Number(v));

function toEntry(h: Record<string, string>): LedgerEntry {
  return {
    id: h.id ?? "",
    guildId: h.guild_id ?? "",
    userId: h.user_id ?? "",
    userName: h.user_name ?? "",
    kind: h.kind ?? "",
    day: h.day ?? "",
    month: h.month ?? "",
    createdAt: num(h.created_at),
    state: (h.state ?? "reserved") as LedgerEntry["state"],
    outcome: (h.outcome ?? null) as LedgerEntry["outcome"],
    pricePerSecondMicros: num(h.price_micros_per_sec),
    reservedMs: num(h.reserved_ms),
    reservedMicros: num(h.reserved_micros),
    billedMs: num(h.billed_ms),
    billedMicros: num(h.billed_micros),
    settledAt: h.settled_at ? num(h.settled_at) : null,
    confirmedAt: h.confirmed_at ? num(h.confirmed_at) : null,
  };
}

const limitArg = (v: number | null) => String(v ?? -1);

/**
 * The ledger on Redis: counters per member/guild and day/month, one hash per entry, and three Lua scripts
 * (reserve, confirm, settle/release). Redis runs a script alone, so a reservation is atomic across every process
 * sharing the server. Keys carry the guild as a hash tag ({guild}) so one guild's keys share a cluster slot
 * (except the global set of open reservations: plain Redis, not Cluster, is what this supports).
 */
export class RedisLedger implements QuotaLedger {
  readonly kind = "redis" as const;

  constructor(
    private readonly redis: RedisLike,
    private readonly prefix = "kling:quota",
  ) {}

  private keys(guildId: string, userId: string, day: string, month: string, id: string) {
    const g = `${this.prefix}:{${guildId}}`;
    return {
      user: `${g}:u:${userId}`,
      userDay: `${g}:u:${userId}:d:${day}`,
      userMonth: `${g}:u:${userId}:m:${month}`,
      guildDay: `${g}:d:${day}`,
      guildMonth: `${g}:m:${month}`,
      top: `${g}:m:${month}:top`,
      entries: `${g}:m:${month}:entries`,
      entry: `${g}:e:${id}`,
      guild: `${g}:g`,
      open: `${this.prefix}:open`,
      names: `${g}:names`,
    };
  }

  private entryKey(ref: ReservationRef) {
    return `${this.prefix}:{${ref.guildId}}:e:${ref.id}`;
  }

  private async entry(ref: ReservationRef): Promise<LedgerEntry | undefined> {
    const hash = await this.redis.hGetAll(this.entryKey(ref));
    return hash && hash.id ? toEntry(hash) : undefined;
  }

  private static denial(
    reply: unknown,
    needed: { ms: number; micros: number },
    limits: QuotaLimits,
  ): Denial | undefined {
    const [code, figure] = reply as [string, string];
    if (code === "ok") return undefined;
    if (code === "exists" || code === "gone") throw new Error(`reservation state conflict: ${code}`);
    const limit = code as LimitName;
    const current = Number(figure);
    switch (limit) {
      case "concurrency":
        return { limit, current, max: limits.concurrentJobs, needed: 1 };
      case "cooldown":
        return { limit, current, max: limits.cooldownMs, needed: 0 };
      case "user-daily":
        return { limit, current, max: limits.userDailyMs ?? 0, needed: needed.ms };
      case "guild-daily":
        return { limit, current, max: limits.guildDailyMicros ?? 0, needed: needed.micros };
      case "guild-monthly":
        return { limit, current, max: limits.guildMonthlyMicros ?? 0, needed: needed.micros };
    }
  }

  reserve(request: ReserveRequest): Promise<ReserveResult> {
    return this.take(request, false);
  }

  /** The RESERVE script: a new reservation, or (again) one that was released. */
  private async take(request: ReserveRequest, again: boolean): Promise<ReserveResult> {
    const day = dayKey(request.now);
    const month = monthKey(request.now);
    const amountMicros = costMicros(request.amountMs, request.pricePerSecondMicros);
    const k = this.keys(request.guildId, request.userId, day, month, request.id);
    const fields: Record<string, string | number> = {
      id: request.id,
      guild_id: request.guildId,
      user_id: request.userId,
      user_name: request.userName,
      kind: request.kind,
      day,
      month,
      created_at: request.now,
      state: "reserved",
      price_micros_per_sec: request.pricePerSecondMicros,
      reserved_ms: request.amountMs,
      reserved_micros: amountMicros,
      charge_ms: request.amountMs,
      charge_micros: amountMicros,
      billed_ms: 0,
      billed_micros: 0,
      ...(again ? { confirmed_at: request.now } : {}),
    };
    const reply = await this.redis.eval(RESERVE, {
      keys: [
        k.user,
        k.userDay,
        k.userMonth,
        k.guildDay,
        k.guildMonth,
        k.top,
        k.entries,
        k.entry,
        k.guild,
        k.open,
        k.names,
      ],
      arguments: [
        String(request.now),
        String(request.limits.concurrentJobs),
        String(request.limits.cooldownMs),
        limitArg(request.limits.userDailyMs),
        limitArg(request.limits.guildDailyMicros),
        limitArg(request.limits.guildMonthlyMicros),
        String(request.amountMs),
        String(amountMicros),
        request.id,
        request.userId,
        `${request.guildId}|${request.id}`,
        String(DAY_TTL_SEC),
        request.userName,
        again ? "1" : "0",
        ...Object.entries(fields).flatMap(([key, value]) => [key, String(value)]),
      ],
    });
    const denial = RedisLedger.denial(reply, { ms: request.amountMs, micros: amountMicros }, request.limits);
    if (denial) return { ok: false, denial };
    return { ok: true, reservation: reservationFor(request, amountMicros, day, month) };
  }

  async confirm(request: ReserveRequest): Promise<ConfirmResult> {
    const { amountMs, limits } = request;
    const entry = await this.entry(request);
    if (entry?.state === "settled") throw new Error(`reservation ${request.id} is already settled`);
    if (entry?.state === "reserved") {
      const amountMicros = costMicros(amountMs, entry.pricePerSecondMicros);
      const k = this.keys(entry.guildId, entry.userId, entry.day, entry.month, entry.id);
      const reply = await this.redis.eval(CONFIRM, {
        keys: [k.userDay, k.userMonth, k.guildDay, k.guildMonth, k.top, k.entry],
        arguments: [
          String(amountMs),
          String(amountMicros),
          limitArg(limits.userDailyMs),
          limitArg(limits.guildDailyMicros),
          limitArg(limits.guildMonthlyMicros),
          String(request.now),
        ],
      });
      if ((reply as [string])[0] !== "gone") {
        const denial = RedisLedger.denial(reply, { ms: amountMs, micros: amountMicros }, limits);
        if (denial) return { ok: false, denial, lapsed: false };
        const { id, guildId, userId, pricePerSecondMicros, day, month, createdAt } = entry;
        return {
          ok: true,
          reservation: { id, guildId, userId, amountMs, amountMicros, pricePerSecondMicros, day, month, createdAt },
          renewed: false,
        };
      }
    }
    // gone (released by the sweep, or never written): taken again as a new reservation, through every check
    const result = await this.take(request, true);
    return result.ok ? { ...result, renewed: true } : { ...result, lapsed: true };
  }

  private async finish(
    ref: ReservationRef,
    mode: "settle" | "release",
    billedMs: number,
    outcome: string,
    now: number,
    untouchedBefore?: number,
  ): Promise<LedgerEntry | undefined> {
    const entry = await this.entry(ref);
    if (!entry || entry.state !== "reserved") return undefined;
    const billedMicros = mode === "release" ? 0 : costMicros(billedMs, entry.pricePerSecondMicros);
    const k = this.keys(entry.guildId, entry.userId, entry.day, entry.month, entry.id);
    const changed = await this.redis.eval(FINISH, {
      keys: [k.user, k.userDay, k.userMonth, k.guildDay, k.guildMonth, k.top, k.entry, k.guild, k.open],
      arguments: [
        mode,
        String(billedMs),
        String(billedMicros),
        outcome,
        String(now),
        `${entry.guildId}|${entry.id}`,
        untouchedBefore === undefined ? "" : String(untouchedBefore),
      ],
    });
    if (Number(changed) !== 1) return undefined;
    return {
      ...entry,
      state: mode === "release" ? "released" : "settled",
      outcome: outcome as LedgerEntry["outcome"],
      billedMs: mode === "release" ? 0 : billedMs,
      billedMicros,
      settledAt: now,
    };
  }

  settle(ref: ReservationRef, settlement: Settlement): Promise<LedgerEntry | undefined> {
    return this.finish(ref, "settle", settlement.billedMs, settlement.outcome, settlement.now);
  }

  async release(ref: ReservationRef, now: number, options: { untouchedBefore?: number } = {}): Promise<boolean> {
    return (await this.finish(ref, "release", 0, "released", now, options.untouchedBefore)) !== undefined;
  }

  async userUsage(guildId: string, userId: string, now: number): Promise<UserUsage> {
    const k = this.keys(guildId, userId, dayKey(now), monthKey(now), "-");
    const { dayJobs: _, ...usage } = await this.usage(k.userDay, k.userMonth, k.user);
    return usage;
  }

  async guildUsage(guildId: string, now: number): Promise<GuildUsage> {
    const k = this.keys(guildId, "-", dayKey(now), monthKey(now), "-");
    const { lastStartAt: _, ...usage } = await this.usage(k.guildDay, k.guildMonth, k.guild);
    return usage;
  }

  /** a member's or a server's counters: the day's and the month's hashes, and the holder's active/last fields */
  private async usage(dayHash: string, monthHash: string, holderHash: string): Promise<UserUsage & GuildUsage> {
    const [day, month, holder] = await Promise.all([
      this.redis.hmGet(dayHash, ["ms", "micros", "jobs"]),
      this.redis.hmGet(monthHash, ["ms", "micros", "jobs"]),
      this.redis.hmGet(holderHash, ["active", "last"]),
    ]);
    return {
      dayMs: num(day[0]),
      dayMicros: num(day[1]),
      dayJobs: num(day[2]),
      monthMs: num(month[0]),
      monthMicros: num(month[1]),
      monthJobs: num(month[2]),
      active: num(holder[0]),
      lastStartAt: holder[1] ? num(holder[1]) : null,
    };
  }

  async topUsers(guildId: string, month: string, limit: number): Promise<TopUser[]> {
    const k = this.keys(guildId, "-", "-", month, "-");
    const ranked = await this.redis.zRangeWithScores(k.top, 0, -1, { REV: true });
    const users = await Promise.all(
      ranked.map(async ({ value: userId, score }) => {
        const uk = this.keys(guildId, userId, "-", month, "-");
        const [[ms, jobs], name] = await Promise.all([
          this.redis.hmGet(uk.userMonth, ["ms", "jobs"]),
          this.redis.hGet(k.names, userId),
        ]);
        return { userId, userName: name ?? userId, ms: num(ms), micros: Math.round(score), jobs: num(jobs) };
      }),
    );
    return users
      .filter((u) => u.jobs > 0)
      .sort((a, b) => b.micros - a.micros || (a.userId < b.userId ? -1 : 1))
      .slice(0, limit);
  }

  async entries(guildId: string, month: string): Promise<LedgerEntry[]> {
    const k = this.keys(guildId, "-", "-", month, "-");
    const ids = await this.redis.zRange(k.entries, 0, -1);
    const entries = await Promise.all(ids.map((id) => this.entry({ guildId, id })));
    return (
      entries
        // an entry taken again in a later month is listed (and counted) in that month only
        .filter((e): e is LedgerEntry => e !== undefined && e.state !== "released" && e.month === month)
        .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1))
    );
  }

  async openReservations(): Promise<OpenReservation[]> {
    const members = await this.redis.sMembers(`${this.prefix}:open`);
    const refs = members.map((m) => {
      const [guildId = "", id = ""] = m.split("|");
      return { guildId, id };
    });
    const entries = await Promise.all(refs.map((ref) => this.entry(ref)));
    return entries
      .filter((e): e is LedgerEntry => e !== undefined)
      .map((e) => ({
        guildId: e.guildId,
        id: e.id,
        createdAt: e.createdAt,
        touchedAt: Math.max(e.createdAt, e.confirmedAt ?? 0),
      }));
  }

  async close(): Promise<void> {
    if (this.redis.close) await this.redis.close();
    else await this.redis.quit?.();
  }
}
