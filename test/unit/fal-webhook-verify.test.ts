import { createHash, generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.js";
import type { CompletionNotice } from "../../src/fal/completion-inbox.js";
import { createFalWebhookRoute, FAL_WEBHOOK_PATH, type FalWebhookVerdict } from "../../src/fal/webhook-route.js";
import {
  checkFalSignature,
  createFalJwks,
  JwksUnavailableError,
  parseJwks,
  type FalJwks,
} from "../../src/fal/webhook-verify.js";

const NOW = 1_780_000_000_000;
const falKey = generateKeyPairSync("ed25519");

function jwkOf(key: KeyObject, pad = false) {
  const jwk = key.export({ format: "jwk" }) as { kty: string; crv: string; x: string };
  return { ...jwk, x: pad ? jwk.x + "=" : jwk.x };
}

function signed(
  body: string,
  opts: { requestId?: string; timestampS?: number; key?: KeyObject; userId?: string } = {},
): Record<string, string> {
  const requestId = opts.requestId ?? "req-1";
  const userId = opts.userId ?? "user-1";
  const timestamp = String(opts.timestampS ?? Math.floor(NOW / 1000));
  const digest = createHash("sha256").update(body).digest("hex");
  const signature = sign(
    null,
    Buffer.from(`${requestId}\n${userId}\n${timestamp}\n${digest}`),
    opts.key ?? falKey.privateKey,
  );
  return {
    "x-fal-webhook-request-id": requestId,
    "x-fal-webhook-user-id": userId,
    "x-fal-webhook-timestamp": timestamp,
    "x-fal-webhook-signature": signature.toString("hex"),
  };
}

const staticJwks = (keys: KeyObject[]): FalJwks => ({ keys: async () => keys });
const body = (requestId = "req-1", status = "OK") =>
  JSON.stringify({ request_id: requestId, gateway_request_id: requestId, status, payload: {}, error: null });

describe("checkFalSignature (fal's documented scheme)", () => {
  const jwks = staticJwks(parseJwks({ keys: [jwkOf(falKey.publicKey, true)] })); // a padded `x` still loads
  const check = (headers: Record<string, string>, raw = body()) =>
    checkFalSignature({ headers, body: Buffer.from(raw) }, jwks, NOW);

  it("accepts a delivery signed by a JWKS key over id, user, timestamp and the body's sha256", async () => {
    await expect(check(signed(body()))).resolves.toMatchObject({ ok: true, requestId: "req-1", userId: "user-1" });
  });

  it("refuses unsigned, mis-signed, altered and stale deliveries, saying why", async () => {
    const good = signed(body());
    const { "x-fal-webhook-signature": _, ...unsigned } = good;
    await expect(check(unsigned)).resolves.toMatchObject({ ok: false, verdict: "unsigned" });
    const stranger = generateKeyPairSync("ed25519").privateKey;
    await expect(check(signed(body(), { key: stranger }))).resolves.toMatchObject({ verdict: "bad-signature" });
    // the body changed after signing: its digest no longer matches
    await expect(check(good, body("req-1", "ERROR"))).resolves.toMatchObject({ verdict: "bad-signature" });
    await expect(check({ ...good, "x-fal-webhook-user-id": "someone-else" })).resolves.toMatchObject({
      verdict: "bad-signature",
    });
    await expect(check({ ...good, "x-fal-webhook-signature": "zz" })).resolves.toMatchObject({
      verdict: "bad-signature",
    });
    const nowS = Math.floor(NOW / 1000);
    await expect(check(signed(body(), { timestampS: nowS - 301 }))).resolves.toMatchObject({ verdict: "stale" });
    await expect(check(signed(body(), { timestampS: nowS + 301 }))).resolves.toMatchObject({ verdict: "stale" });
    await expect(check(signed(body(), { timestampS: nowS - 299 }))).resolves.toMatchObject({ ok: true });
  });
});

describe("createFalJwks", () => {
  function server(keys: () => object[]) {
    const calls: number[] = [];
    let clock = NOW;
    const fetcher = (async () => {
      calls.push(clock);
      return new Response(JSON.stringify({ keys: keys() }), { status: 200 });
    }) as unknown as typeof fetch;
    return { calls, fetcher, now: () => clock, advance: (ms: number) => (clock += ms) };
  }

  it("reads once, serves from cache for up to a day, and reads again on an unknown key at most once a minute", async () => {
    let published = [jwkOf(falKey.publicKey)];
    const s = server(() => published);
    const jwks = createFalJwks({ url: "https://fal.example/jwks", fetch: s.fetcher, now: s.now });
    await jwks.keys();
    await jwks.keys();
    expect(s.calls).toHaveLength(1);
    // fal rotates its key: the first miss reads again, the next misses within a minute do not
    const rotated = generateKeyPairSync("ed25519");
    published = [jwkOf(rotated.publicKey)];
    s.advance(61_000);
    const headers = signed(body(), { key: rotated.privateKey, timestampS: Math.floor(s.now() / 1000) });
    const verdict = await checkFalSignature({ headers, body: Buffer.from(body()) }, jwks, s.now());
    expect(verdict.ok).toBe(true);
    expect(s.calls).toHaveLength(2);
    await jwks.keys({ afterMiss: true });
    expect(s.calls).toHaveLength(2);
    s.advance(24 * 3_600_000);
    await jwks.keys();
    expect(s.calls).toHaveLength(3);
  });

  it("gives up after its timeout; with nothing cached that is JwksUnavailableError", async () => {
    const hanging = ((_url: string, init?: RequestInit) =>
      new Promise((_, reject) =>
        init?.signal?.addEventListener("abort", () => reject(init.signal!.reason)),
      )) as unknown as typeof fetch;
    const jwks = createFalJwks({ url: "https://fal.example/jwks", fetch: hanging, timeoutMs: 50 });
    await expect(jwks.keys()).rejects.toBeInstanceOf(JwksUnavailableError);
  });
});

describe("POST /fal/webhook route verdicts", () => {
  function route(complete: (id: string) => CompletionNotice) {
    const verdicts: FalWebhookVerdict[] = [];
    const handler = createFalWebhookRoute({
      jwks: staticJwks([falKey.publicKey]),
      now: () => NOW,
      logger: createLogger("silent"),
      complete: async (id) => complete(id),
      onVerdict: (v) => verdicts.push(v),
    });
    const post = async (headers: Record<string, string>, raw: string) =>
      (
        await handler({
          method: "POST",
          path: FAL_WEBHOOK_PATH,
          query: new URLSearchParams(),
          headers,
          body: Buffer.from(raw),
        })
      ).status;
    return { verdicts, post };
  }

  it("takes a completion once: fal's retry is 200 without acting, the same signed bytes again are a replay", async () => {
    const done = new Set<string>();
    const { verdicts, post } = route((id) =>
      id !== "req-1" ? "unknown" : done.has(id) ? "seen" : (done.add(id), "new"),
    );
    const first = signed(body());
    expect(await post(first, body())).toBe(200);
    expect(await post(first, body())).toBe(409);
    const retry = signed(body(), { timestampS: Math.floor(NOW / 1000) + 5 });
    expect(await post(retry, body())).toBe(200);
    expect(await post(signed(body("req-x"), { requestId: "req-x" }), body("req-x"))).toBe(404);
    expect(await post(signed("not json"), "not json")).toBe(400);
    expect(await post({}, body())).toBe(401);
    expect(verdicts).toEqual(["accepted", "replayed", "duplicate", "unknown-request", "malformed", "unsigned"]);
  });
});
