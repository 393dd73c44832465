import { Keyv, type KeyvStoreAdapter } from "keyv";
import type { QuotaLedger } from "../quota/ledger.js";
import type { StoreBackend, StoreConnection } from "./backend.js";
import { loadBackendFor, storeUrlScheme, SUPPORTED_STORE_URLS } from "./backends/index.js";

export interface StoreOptions {
  /** Keyv namespace: keys are `<namespace>:<key>` (sqlite, postgres) or `<namespace>::<key>` (redis). Default "kling". */
  namespace?: string;
  /** sqlite and postgres: the table. Default "keyv". */
  table?: string;
  /** postgres: the schema (created when missing). Default "public". */
  schema?: string;
  /** redis and postgres: how long connecting may take at start-up. Default 10 s. */
  connectTimeoutMs?: number;
}

export interface LedgerOptions {
  /** SQL table name (tests use their own). Default "kling_quota_ledger". */
  table?: string;
  /** Redis key prefix (tests use their own). Default "kling:quota". */
  redisPrefix?: string;
  connectTimeoutMs?: number;
}

export interface StorageOptions extends StoreOptions {
  ledger?: Omit<LedgerOptions, "connectTimeoutMs">;
}

/** What STORE_URL holds, on one connection: the Keyv store (job records, guild settings) and the quota ledger. */
export interface Storage {
  keyv: Keyv;
  ledger: QuotaLedger;
  /** closes both parts and then the connection, once (again: nothing) */
  close(): Promise<void>;
}

/** STORE_URL could not be opened; the message names the scheme and host (or file), never a password. */
export class StoreOpenError extends Error {
  override name = "StoreOpenError";
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Opens the store named by STORE_URL — sqlite://<path> (default), redis://…, postgres://… — on one connection,
 * and checks that it answers, so a wrong STORE_URL stops start-up with a clear message instead of failing the
 * first job. Errors are thrown by every Keyv call (Keyv's default is to swallow them: a failed save would look saved).
 */
export async function openStorage(storeUrl: string, options: StorageOptions = {}): Promise<Storage> {
  const opened = await open(storeUrl, { keyv: options, ledger: options.ledger ?? {} }, options.connectTimeoutMs);
  const { keyv, ledger } = opened as { keyv: Keyv; ledger: QuotaLedger };
  return {
    keyv,
    ledger,
    async close() {
      await Promise.allSettled([keyv.disconnect(), ledger.close()]);
    },
  };
}

/** The Keyv store alone, on a connection of its own (ended by its disconnect). For tools and tests. */
export async function openStore(storeUrl: string, options: StoreOptions | string = {}): Promise<Keyv> {
  const opts: StoreOptions = typeof options === "string" ? { namespace: options } : options;
  return (await open(storeUrl, { keyv: opts }, opts.connectTimeoutMs)).keyv!;
}

/** The quota ledger alone, on a connection of its own (ended by its close). For tools and tests. */
export async function openLedger(storeUrl: string, options: LedgerOptions = {}): Promise<QuotaLedger> {
  return (await open(storeUrl, { ledger: options }, options.connectTimeoutMs)).ledger!;
}

async function open(
  storeUrl: string,
  parts: { keyv?: StoreOptions; ledger?: LedgerOptions },
  connectTimeoutMs = 10_000,
): Promise<{ keyv?: Keyv; ledger?: QuotaLedger }> {
  const keyvPlace = parts.keyv && keyvPlaceOf(parts.keyv);
  const ledgerPlace = parts.ledger && ledgerPlaceOf(parts.ledger);
  const loading = loadBackendFor(storeUrl);
  if (!loading) {
    throw new StoreOpenError(
      `STORE_URL scheme "${storeUrlScheme(storeUrl)}" is not supported (use ${SUPPORTED_STORE_URLS})`,
    );
  }
  let backend: StoreBackend;
  let connection: StoreConnection;
  try {
    backend = await loading;
    connection = await backend.connect(storeUrl, { connectTimeoutMs });
  } catch (error) {
    throw openError(storeUrl, error);
  }
  // the connection is ended once, when the last part opened on it is done (each part's done counts once)
  let users = 0;
  let ended: Promise<void> | undefined;
  const end = () => (ended ??= connection.end());
  const user = () => {
    users++;
    let done: Promise<void> | undefined;
    return () => (done ??= --users === 0 ? end() : Promise.resolve());
  };
  const opened: { keyv?: Keyv; ledger?: QuotaLedger } = {};
  try {
    if (keyvPlace) {
      const adapter = await connection.keyvAdapter(keyvPlace, user());
      opened.keyv = keyvOn(adapter, keyvPlace.namespace, backend.keyvPrefixesKeys);
    }
    if (ledgerPlace) opened.ledger = await connection.ledger(ledgerPlace, user());
    return opened;
  } catch (error) {
    await opened.keyv?.disconnect().catch(() => undefined);
    await end().catch(() => undefined);
    throw openError(storeUrl, error);
  }
}

function keyvPlaceOf(opts: StoreOptions) {
  const place = { namespace: opts.namespace ?? "kling", table: opts.table ?? "keyv", schema: opts.schema ?? "public" };
  if (!/^[\w.-]+$/.test(place.namespace))
    throw new StoreOpenError(`store namespace "${place.namespace}" must be letters, digits, _ . -`);
  for (const [what, name] of [
    ["table", place.table],
    ["schema", place.schema],
  ] as const) {
    if (!IDENTIFIER.test(name)) throw new StoreOpenError(`store ${what} "${name}" must be a lower-case identifier`);
  }
  return place;
}

function ledgerPlaceOf(opts: LedgerOptions) {
  const place = { table: opts.table ?? "kling_quota_ledger", redisPrefix: opts.redisPrefix ?? "kling:quota" };
  if (!IDENTIFIER.test(place.table))
    throw new StoreOpenError(`ledger table "${place.table}" must be a lower-case identifier`);
  return place;
}

function keyvOn(adapter: KeyvStoreAdapter, namespace: string, prefixesKeys: boolean): Keyv {
  // @keyv/redis prefixes keys with its namespace itself; Keyv's own prefix on top would double it
  const keyv = new Keyv({ store: adapter, namespace, throwOnErrors: true, useKeyPrefix: prefixesKeys });
  keyv.on("error", () => {
    // Keyv emits adapter errors and also throws them (throwOnErrors); an unhandled 'error' must not crash.
  });
  return keyv;
}

function openError(storeUrl: string, error: unknown): StoreOpenError {
  if (error instanceof StoreOpenError) return error;
  const reason = error instanceof Error ? error.message || error.name : String(error);
  return new StoreOpenError(redact(`could not open STORE_URL ${describeStoreUrl(storeUrl)}: ${reason}`, storeUrl));
}

/** "redis://host:6379/0", "postgres://host:5432/db", "sqlite:///data/x.sqlite": no user or password */
export function describeStoreUrl(storeUrl: string): string {
  if (storeUrl.startsWith("sqlite:")) return storeUrl;
  try {
    const url = new URL(storeUrl);
    return `${url.protocol}//${url.host}${url.pathname === "/" ? "" : url.pathname}`;
  } catch {
    return `${storeUrlScheme(storeUrl)}://(unparsable URL)`;
  }
}

/** removes the URL's password (raw and decoded) from a message, in case a driver quoted it */
function redact(message: string, storeUrl: string): string {
  let password: string;
  try {
    password = new URL(storeUrl).password;
  } catch {
    const match = /^[a-z]+:\/\/[^:/@]*:([^@/]*)@/i.exec(storeUrl);
    password = match?.[1] ?? "";
  }
  if (!password) return message;
  let out = message.replaceAll(password, "***");
  try {
    const decoded = decodeURIComponent(password);
    if (decoded) out = out.replaceAll(decoded, "***");
  } catch {
    // not percent-encoded
  }
  return out;
}
