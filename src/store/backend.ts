import type { KeyvStoreAdapter } from "keyv";
import type { QuotaLedger } from "../quota/ledger.js";
import type { HasJobRecords } from "./job-records.js";

/** the file STORE_URL names by default (and when it is `sqlite://` alone) */
export const DEFAULT_SQLITE_PATH = "data/kling-bot.sqlite";

/**
 * One kind of STORE_URL (src/store/backends/<name>.ts). A backend opens ONE connection per process — a SQLite
 * Database, a pg Pool, a Redis client — and builds on it both the Keyv store (job records, guild settings) and the
 * quota ledger. Adding a backend is one such module, listed with its URL schemes in backends/index.ts.
 */
export interface StoreBackend {
  /** false when the adapter prefixes keys with the Keyv namespace itself (@keyv/redis: `<namespace>::<key>`) */
  readonly keyvPrefixesKeys: boolean;
  /** opens the connection and checks that it answers (throws the driver's error; the caller names the URL) */
  connect(url: string, options: { connectTimeoutMs: number }): Promise<StoreConnection>;
}

/**
 * The parts built on one connection. Each part's own close (Keyv's disconnect, the ledger's close) calls `done`
 * once and refuses work afterwards; the connection itself is ended by `end`, once every part is done with it.
 */
export interface StoreConnection {
  keyvAdapter(place: KeyvPlace, done: () => Promise<void>): Promise<KeyvStoreAdapter & HasJobRecords>;
  ledger(place: LedgerPlace, done: () => Promise<void>): Promise<QuotaLedger>;
  end(): Promise<void>;
}

export interface KeyvPlace {
  /** sqlite and postgres: the table */
  table: string;
  /** postgres: the schema (created when missing) */
  schema: string;
}

export interface LedgerPlace {
  /** sqlite and postgres: the ledger's table */
  table: string;
  /** redis: the ledger's key prefix */
  redisPrefix: string;
}
