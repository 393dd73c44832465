import KeyvRedis, { createClient } from "@keyv/redis";
import { RedisLedger, type RedisLike } from "../../quota/redis-ledger.js";
import type { StoreBackend } from "../backend.js";
import type { HasJobRecords, JobRecords } from "../job-records.js";

/**
 * redis://…, rediss://…: one client per process for the Keyv store and the ledger (commands are pipelined on
 * its one socket; the ledger's and the job records' atomic steps are Lua scripts, so nothing holds the client).
 * It is connected here, so start-up fails fast with the real cause (KeyvRedis connects lazily on the first
 * command and, with its default reconnect strategy, retries an unreachable server forever: the first save would
 * hang).
 */
export const redisBackend: StoreBackend = {
  keyvPrefixesKeys: false,
  async connect(url, { connectTimeoutMs }) {
    let connected = false;
    const client = createClient({
      url,
      socket: {
        connectTimeout: connectTimeoutMs,
        // at start-up one attempt (the caller reports the cause); once connected, reconnect with backoff
        // (commands wait in the offline queue meanwhile)
        reconnectStrategy: (retries: number, cause: Error) => (connected ? Math.min(2 ** retries * 100, 2_000) : cause),
      },
    });
    let lastError: unknown;
    client.on("error", (error: unknown) => {
      lastError = error; // re-emitted through Keyv once the adapter exists; before that, must not be unhandled
    });
    try {
      await client.connect();
    } catch (error) {
      if (client.isOpen) client.destroy();
      throw error ?? lastError;
    }
    connected = true;
    return {
      keyvAdapter: async (_place, done) => new ClosableKeyvRedis(client, done),
      ledger: async (place, done) =>
        new RedisLedger(closableRedis(client as unknown as RedisLike, done), place.redisPrefix),
      end: async () => {
        if (client.isOpen) await client.close();
      },
    };
  },
};

/** the ledger's view of the shared client: its close() hands the client back, and later commands are refused */
function closableRedis(client: RedisLike, done: () => Promise<void>): RedisLike {
  let closed = false;
  const open = () => {
    if (closed) throw new Error("the redis ledger is closed");
    return client;
  };
  return {
    eval: async (script, options) => open().eval(script, options),
    hGetAll: async (key) => open().hGetAll(key),
    hmGet: async (key, fields) => open().hmGet(key, fields),
    zRange: async (key, min, max) => open().zRange(key, min, max),
    zRangeWithScores: async (key, min, max, options) => open().zRangeWithScores(key, min, max, options),
    hGet: async (key, field) => open().hGet(key, field),
    sMembers: async (key) => open().sMembers(key),
    close: async () => {
      closed = true;
      await done();
    },
  };
}

/**
 * Job records' compare-and-set, atomic on the server: the stored envelope's version is compared with the
 * expected one, then the record is written with its expiry (PXAT) or none, and the job id is added to or removed
 * from the set of unfinished jobs. KEYS: record, unfinished set. ARGV: expected version ("" = must not exist),
 * envelope, "1"/"0" unfinished, expiry epoch ms ("" = none), job id. Returns 1 when written, 0 on a conflict.
 */
const WRITE_JOB = `
local current = redis.call('GET', KEYS[1])
local version = nil
if current then
  version = 0
  local ok, decoded = pcall(cjson.decode, current)
  if ok and type(decoded) == 'table' and type(decoded.value) == 'table' then
    local v = decoded.value.version
    if type(v) == 'number' and v == math.floor(v) then version = v end
  end
end
if ARGV[1] == '' then
  if version ~= nil then return 0 end
elseif version == nil or version ~= tonumber(ARGV[1]) then
  return 0
end
if ARGV[4] == '' then
  redis.call('SET', KEYS[1], ARGV[2])
else
  redis.call('SET', KEYS[1], ARGV[2], 'PXAT', ARGV[4])
end
if ARGV[3] == '1' then redis.call('SADD', KEYS[2], ARGV[5]) else redis.call('SREM', KEYS[2], ARGV[5]) end
return 1
`;

/**
 * @keyv/redis on the backend's client. After a disconnect it refuses commands instead of silently reconnecting
 * (which would also leave a socket open).
 */
class ClosableKeyvRedis<T> extends KeyvRedis<T> implements HasJobRecords {
  private closed = false;

  constructor(
    client: ConstructorParameters<typeof KeyvRedis>[0],
    private readonly done: () => Promise<void>,
  ) {
    super(client, { throwOnErrors: true, throwOnConnectError: true });
  }

  override async getClient(): ReturnType<KeyvRedis<T>["getClient"]> {
    if (this.closed) throw new Error("the redis store is closed");
    return super.getClient();
  }

  /** SCAN may return a key twice and a key may vanish between SCAN and MGET: skip the vanished ones. */
  override async *iterator<U = T>(namespace?: string): AsyncGenerator<[string, U | undefined], void, unknown> {
    for await (const [key, value] of super.iterator<U>(namespace)) if (value !== undefined) yield [key, value];
  }

  /** expiry is Redis's own (PXAT): finished records vanish by themselves; the index is a set of ids */
  jobRecords(namespace: string): JobRecords {
    const key = (id: string) => `${namespace}::job:${id}`;
    const index = `${namespace}::jobs:unfinished`;
    return {
      read: async (id) => (await (await this.getClient()).get(key(id))) ?? undefined,
      write: async (w) => {
        const client = await this.getClient();
        const written = await client.eval(WRITE_JOB, {
          keys: [key(w.id), index],
          arguments: [
            w.expected === null ? "" : String(w.expected),
            w.raw,
            w.unfinished ? "1" : "0",
            w.expiresAt === null ? "" : String(Math.max(1, Math.floor(w.expiresAt))),
            w.id,
          ],
        });
        return written === 1;
      },
      unfinishedIds: async () => (await this.getClient()).sMembers(index),
      purgeExpired: async () => 0,
    };
  }

  /** this part is done; the client is closed once the ledger is done with it too */
  override async disconnect(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.done();
  }
}
