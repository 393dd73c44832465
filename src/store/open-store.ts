import { Keyv, type KeyvStoreAdapter } from "keyv";
import { KeyvSqlite } from "./sqlite-adapter.js";

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

/** STORE_URL could not be opened; the message names the scheme and host (or file), never a password. */
export class StoreOpenError extends Error {
  override name = "StoreOpenError";
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Opens the Keyv store named by STORE_URL — sqlite://<path> (default), redis://…, postgres://… — and checks
 * that it answers, so a wrong STORE_URL stops start-up with a clear message instead of failing the first job.
 * Errors are thrown by every Keyv call (Keyv's default is to swallow them: a failed save would look saved).
 */
export async function openStore(storeUrl: string, options: StoreOptions | string = {}): Promise<Keyv> {
  const opts: StoreOptions = typeof options === "string" ? { namespace: options } : options;
  const namespace = opts.namespace ?? "kling";
  const table = opts.table ?? "keyv";
  const schema = opts.schema ?? "public";
  const connectTimeoutMs = opts.connectTimeoutMs ?? 10_000;
  if (!/^[\w.-]+$/.test(namespace)) throw new StoreOpenError(`store namespace "${namespace}" must be letters, digits, _ . -`);
  for (const [what, name] of [["table", table], ["schema", schema]] as const) {
    if (!IDENTIFIER.test(name)) throw new StoreOpenError(`store ${what} "${name}" must be a lower-case identifier`);
  }

  const scheme = storeUrl.slice(0, Math.max(0, storeUrl.indexOf(":")));
  let adapter: KeyvStoreAdapter;
  try {
    adapter = await adapterFor(scheme, storeUrl, { table, schema, connectTimeoutMs });
  } catch (error) {
    if (error instanceof StoreOpenError) throw error;
    const reason = error instanceof Error ? error.message || error.name : String(error);
    throw new StoreOpenError(redact(`could not open STORE_URL ${describeStoreUrl(storeUrl)}: ${reason}`, storeUrl));
  }
  const keyv = new Keyv({
    store: adapter,
    namespace,
    throwOnErrors: true,
    // @keyv/redis prefixes keys with its namespace itself; Keyv's own prefix on top would double it
    useKeyPrefix: scheme !== "redis" && scheme !== "rediss",
  });
  keyv.on("error", () => {
    // Keyv emits adapter errors and also throws them (throwOnErrors); an unhandled 'error' must not crash.
  });
  return keyv;
}

async function adapterFor(
  scheme: string,
  storeUrl: string,
  opts: { table: string; schema: string; connectTimeoutMs: number },
): Promise<KeyvStoreAdapter> {
  switch (scheme) {
    case "sqlite": {
      const path = storeUrl.slice("sqlite://".length);
      return new KeyvSqlite(path || "data/kling-bot.sqlite", opts.table);
    }
    case "redis":
    case "rediss": {
      const { openRedisAdapter } = await import("./redis-adapter.js");
      return openRedisAdapter(storeUrl, opts.connectTimeoutMs);
    }
    case "postgres":
    case "postgresql": {
      const { openPostgresAdapter } = await import("./postgres-adapter.js");
      return openPostgresAdapter({ url: storeUrl, ...opts });
    }
    default:
      throw new StoreOpenError(`STORE_URL scheme "${scheme}" is not supported (use sqlite://, redis:// or postgres://)`);
  }
}

/** "redis://host:6379/0", "postgres://host:5432/db", "sqlite:///data/x.sqlite": no user or password */
export function describeStoreUrl(storeUrl: string): string {
  if (storeUrl.startsWith("sqlite:")) return storeUrl;
  try {
    const url = new URL(storeUrl);
    return `${url.protocol}//${url.host}${url.pathname === "/" ? "" : url.pathname}`;
  } catch {
    return `${storeUrl.slice(0, Math.max(0, storeUrl.indexOf(":")))}://(unparsable URL)`;
  }
}

/** removes the URL's password (raw and decoded) from a message, in case a driver quoted it */
function redact(message: string, storeUrl: string): string {
  let password = "";
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
