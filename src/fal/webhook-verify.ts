import { createHash, createPublicKey, verify, type KeyObject } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { errorMessage } from "../text.js";

/** fal's webhook headers (FACTS "fal webhooks"); Node gives them lower-cased. */
export const FAL_WEBHOOK_HEADERS = {
  requestId: "x-fal-webhook-request-id",
  userId: "x-fal-webhook-user-id",
  timestamp: "x-fal-webhook-timestamp",
  signature: "x-fal-webhook-signature",
} as const;

/** A delivery whose timestamp is further than this from the bot's clock is refused (replays of old captures). */
export const WEBHOOK_TIMESTAMP_TOLERANCE_S = 300;
/** fal's signing keys are read again at least this often. */
export const JWKS_MAX_AGE_MS = 24 * 3_600_000;
/** A signature no cached key verifies makes the bot read the JWKS again, at most this often (key rotation). */
export const JWKS_REFETCH_MIN_INTERVAL_MS = 60_000;
/** One JWKS read gives up after this (the webhook is answered 503 and fal retries it). */
export const JWKS_FETCH_TIMEOUT_MS = 5_000;
/** A JWKS answer larger than this is refused: a key set is a few hundred bytes. */
export const JWKS_MAX_BYTES = 65_536;

/** fal's signing keys could not be read (and none are cached): a delivery can be neither trusted nor refused. */
export class JwksUnavailableError extends Error {
  constructor(why: string) {
    super(`could not read fal's webhook signing keys: ${why}`);
    this.name = "JwksUnavailableError";
  }
}

export interface FalJwks {
  /** the cached keys (read when missing or older than a day); `afterMiss`: a signature matched none, read again if allowed */
  keys(options?: { afterMiss?: boolean }): Promise<readonly KeyObject[]>;
}

export interface FalJwksOptions {
  url: string;
  fetch?: typeof fetch;
  now?: () => number;
  timeoutMs?: number;
  /** told when a read fails while older keys are still used */
  onStaleKeys?: (error: unknown) => void;
}

/** Ed25519 public keys out of a JWKS body; keys of other types, or that Node cannot load, are skipped. */
export function parseJwks(body: unknown): KeyObject[] {
  const keys = (body as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys)) throw new Error("the answer has no keys array");
  const loaded: KeyObject[] = [];
  for (const jwk of keys as unknown[]) {
    if (!jwk || typeof jwk !== "object") continue;
    const { kty, crv, x } = jwk as { kty?: unknown; crv?: unknown; x?: unknown };
    if (kty !== "OKP" || crv !== "Ed25519" || typeof x !== "string") continue;
    try {
      // some publishers pad `x`; a JWK's base64url has no padding
      loaded.push(createPublicKey({ key: { kty, crv, x: x.replace(/=+$/, "") }, format: "jwk" }));
    } catch {
      // not a loadable key: skipped
    }
  }
  return loaded;
}

/** fal's JWKS, cached for at most a day, read with a timeout, and read again on an unknown key at most once a minute. */
export function createFalJwks(options: FalJwksOptions): FalJwks {
  const send = options.fetch ?? globalThis.fetch;
  const now = options.now ?? Date.now;
  let cached: { keys: KeyObject[]; at: number } | undefined;
  let lastAttempt = -Infinity;
  let inFlight: Promise<KeyObject[]> | undefined;

  async function read(): Promise<KeyObject[]> {
    lastAttempt = now();
    const response = await send(options.url, {
      signal: AbortSignal.timeout(options.timeoutMs ?? JWKS_FETCH_TIMEOUT_MS),
      headers: { accept: "application/json" },
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const text = await response.text();
    if (text.length > JWKS_MAX_BYTES) throw new Error(`the answer is over ${JWKS_MAX_BYTES} bytes`);
    const keys = parseJwks(JSON.parse(text));
    if (!keys.length) throw new Error("the answer has no Ed25519 key");
    cached = { keys, at: now() };
    return keys;
  }

  function refresh(): Promise<KeyObject[]> {
    inFlight ??= read().finally(() => (inFlight = undefined));
    return inFlight;
  }

  return {
    async keys({ afterMiss = false } = {}) {
      const fresh = cached && now() - cached.at < JWKS_MAX_AGE_MS;
      const mayRead = now() - lastAttempt >= JWKS_REFETCH_MIN_INTERVAL_MS;
      if (fresh && !(afterMiss && mayRead)) return cached!.keys;
      if (cached && !mayRead) return cached.keys; // old keys until the next allowed read
      try {
        return await refresh();
      } catch (error) {
        if (cached) {
          options.onStaleKeys?.(error);
          return cached.keys;
        }
        throw new JwksUnavailableError(errorMessage(error));
      }
    },
  };
}

export type SignatureVerdict = "unsigned" | "stale" | "bad-signature";

export type SignatureCheck =
  | { ok: true; requestId: string; userId: string; timestamp: number; signature: string }
  | { ok: false; verdict: SignatureVerdict; why: string; requestId?: string };

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return typeof value === "string" && value.length > 0 && value.length <= 256 ? value : undefined;
}

/**
 * fal's webhook signature: Ed25519 over `request_id \n user_id \n timestamp \n hex(sha256(raw body))`, by one of the
 * keys of fal's JWKS, with the timestamp (Unix seconds) within ±300 s of now.
 */
export async function checkFalSignature(
  request: { headers: IncomingHttpHeaders; body: Buffer },
  jwks: FalJwks,
  nowMs: number,
): Promise<SignatureCheck> {
  const requestId = header(request.headers, FAL_WEBHOOK_HEADERS.requestId);
  const userId = header(request.headers, FAL_WEBHOOK_HEADERS.userId);
  const timestampText = header(request.headers, FAL_WEBHOOK_HEADERS.timestamp);
  const signatureHex = header(request.headers, FAL_WEBHOOK_HEADERS.signature);
  const id = requestId ? { requestId } : {};
  if (!requestId || !userId || !timestampText || !signatureHex) {
    const missing = Object.entries(FAL_WEBHOOK_HEADERS)
      .filter(([, name]) => !header(request.headers, name))
      .map(([, name]) => name);
    return { ok: false, verdict: "unsigned", why: `missing ${missing.join(", ")}`, ...id };
  }
  if (!/^\d{1,12}$/.test(timestampText))
    return { ok: false, verdict: "stale", why: "timestamp is not Unix seconds", ...id };
  const timestamp = Number(timestampText);
  const skew = Math.abs(nowMs / 1000 - timestamp);
  if (skew > WEBHOOK_TIMESTAMP_TOLERANCE_S) {
    return {
      ok: false,
      verdict: "stale",
      why: `timestamp is ${Math.round(skew)} s off (limit ${WEBHOOK_TIMESTAMP_TOLERANCE_S} s)`,
      ...id,
    };
  }
  if (!/^[0-9a-f]{128}$/i.test(signatureHex)) {
    return { ok: false, verdict: "bad-signature", why: "signature is not 64 bytes of hex", ...id };
  }
  const signature = Buffer.from(signatureHex, "hex");
  const digest = createHash("sha256").update(request.body).digest("hex");
  const message = Buffer.from(`${requestId}\n${userId}\n${timestampText}\n${digest}`, "utf8");
  const matches = (keys: readonly KeyObject[]) => keys.some((key) => verify(null, message, key, signature));
  if (matches(await jwks.keys()) || matches(await jwks.keys({ afterMiss: true }))) {
    return { ok: true, requestId, userId, timestamp, signature: signatureHex.toLowerCase() };
  }
  return { ok: false, verdict: "bad-signature", why: "no key of fal's JWKS verifies the signature", ...id };
}
