// The fal emulator's webhooks: fal's body, signed as fal signs (checked here with Node's crypto directly, not
// the bot's verifier), its JWKS, fal's retries, and the faults tests inject.
import { createFalClient } from "@fal-ai/client";
import { createHash, createPublicKey, verify } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KLING_O3_EDIT, falMiddlewareFor, startFalEmulator, type FalEmulator } from "../../emulators/fal/index.js";

const INPUT = { prompt: "make @Video1 a watercolor", video_url: "https://example.invalid/in.mp4" };

type Delivery = { headers: Record<string, string>; body: Buffer };
/** a webhook receiver answering with the statuses listed (then 200, or what `judge` says), recording what it got */
async function receiver(answers: number[] = [], judge: (d: Delivery) => number = () => 200) {
  const got: { headers: Record<string, string>; body: Buffer }[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const delivery = { headers: req.headers as Record<string, string>, body: Buffer.concat(chunks) };
      got.push(delivery);
      res.writeHead(answers.shift() ?? judge(delivery)).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return { got, url, close: () => new Promise<void>((r) => server.close(() => r())) };
}

let fal: FalEmulator;
const submit = async (webhookUrl: string) => {
  const client = createFalClient({
    credentials: fal.key,
    requestMiddleware: falMiddlewareFor(fal.queueUrl, fal.restUrl),
  });
  fal.script({ timeline: [{ status: "IN_PROGRESS", ms: 30 }] });
  return (await client.queue.submit(KLING_O3_EDIT, { input: INPUT, webhookUrl })).request_id;
};

async function publishedKeys() {
  const answer = await fetch(fal.jwksUrl); // no Authorization: fal's keys are public
  expect(answer.status).toBe(200);
  const { keys } = (await answer.json()) as { keys: { kty: string; crv: string; x: string }[] };
  return keys.map((jwk) => createPublicKey({ key: jwk, format: "jwk" }));
}

function verifies(headers: Record<string, string>, body: Buffer, keys: ReturnType<typeof createPublicKey>[]) {
  const digest = createHash("sha256").update(body).digest("hex");
  const message = Buffer.from(
    [
      headers["x-fal-webhook-request-id"],
      headers["x-fal-webhook-user-id"],
      headers["x-fal-webhook-timestamp"],
      digest,
    ].join("\n"),
  );
  const signature = Buffer.from(headers["x-fal-webhook-signature"] ?? "", "hex");
  return keys.some((key) => verify(null, message, key, signature));
}

beforeAll(async () => {
  fal = await startFalEmulator({ fetchInputs: false, webhook: { retryDelayMs: 20 } });
});
afterAll(async () => {
  await fal.close();
});

describe("fal emulator webhooks", () => {
  it("POSTs fal's body signed with a key of its JWKS, timestamped now", async () => {
    const hook = await receiver();
    try {
      const requestId = await submit(hook.url);
      await fal.waitFor((f) => f.webhooks.find((w) => w.requestId === requestId));
      const [delivery] = hook.got;
      expect(JSON.parse(delivery!.body.toString())).toMatchObject({
        request_id: requestId,
        gateway_request_id: requestId,
        status: "OK",
        payload: { video: { content_type: "video/mp4" } },
        error: null,
      });
      expect(delivery!.headers["x-fal-webhook-request-id"]).toBe(requestId);
      expect(Math.abs(Number(delivery!.headers["x-fal-webhook-timestamp"]) - Date.now() / 1000)).toBeLessThan(5);
      expect(delivery!.headers["x-fal-webhook-signature"]).toMatch(/^[0-9a-f]{128}$/);
      expect(verifies(delivery!.headers, delivery!.body, await publishedKeys())).toBe(true);
      // one changed byte and the signature no longer holds
      expect(
        verifies(delivery!.headers, Buffer.concat([delivery!.body, Buffer.from(" ")]), await publishedKeys()),
      ).toBe(false);
    } finally {
      await hook.close();
    }
  });

  it("retries a delivery not answered 2xx, freshly signed, until one is taken", async () => {
    const hook = await receiver([500, 503]);
    try {
      const requestId = await submit(hook.url);
      await fal.waitFor((f) => f.webhooks.find((w) => w.requestId === requestId && w.status === 200), 5_000);
      expect(fal.webhooks.filter((w) => w.requestId === requestId).map((w) => [w.attempt, w.status])).toEqual([
        [1, 500],
        [2, 503],
        [3, 200],
      ]);
      const keys = await publishedKeys();
      expect(hook.got.every((d) => verifies(d.headers, d.body, keys))).toBe(true);
    } finally {
      await hook.close();
    }
  });

  it("sends injected faults: unsigned, mis-signed, stale, replayed", async () => {
    const keys = await publishedKeys();
    const fresh = (d: Delivery) => Math.abs(Number(d.headers["x-fal-webhook-timestamp"]) - Date.now() / 1000) < 300;
    const hook = await receiver([], (d) => (verifies(d.headers, d.body, keys) && fresh(d) ? 200 : 401));
    try {
      fal.failNextWebhook({ kind: "unsigned" });
      const unsigned = await submit(hook.url);
      await fal.waitFor((f) => f.webhooks.some((w) => w.requestId === unsigned && w.status === 200), 5_000);
      fal.failNextWebhook({ kind: "mis-signed" });
      const misSigned = await submit(hook.url);
      await fal.waitFor((f) => f.webhooks.some((w) => w.requestId === misSigned && w.status === 200), 5_000);
      fal.failNextWebhook({ kind: "stale", staleBySeconds: 900 });
      const stale = await submit(hook.url);
      await fal.waitFor((f) => f.webhooks.some((w) => w.requestId === stale && w.status === 200), 5_000);
      fal.failNextWebhook({ kind: "replay" });
      const replayed = await submit(hook.url);
      await fal.waitFor((f) => f.webhooks.filter((w) => w.requestId === replayed).length === 2, 5_000);

      const [u, , m, , s, , r1, r2] = hook.got;
      expect(u!.headers["x-fal-webhook-signature"]).toBeUndefined();
      expect(verifies(m!.headers, m!.body, keys)).toBe(false);
      expect(Number(s!.headers["x-fal-webhook-timestamp"])).toBeLessThan(Date.now() / 1000 - 890);
      expect(verifies(s!.headers, s!.body, keys)).toBe(true); // well signed, just old
      expect(r2!.headers).toMatchObject(r1!.headers);
      expect(r2!.body.equals(r1!.body)).toBe(true);
      // each fault hit only its first attempt: fal's retry was sent properly
      expect(fal.webhooks.filter((w) => w.fault).map((w) => w.fault)).toEqual([
        "unsigned",
        "mis-signed",
        "stale",
        "replay",
        "replay",
      ]);
      expect(verifies(hook.got[1]!.headers, hook.got[1]!.body, keys)).toBe(true);
    } finally {
      await hook.close();
    }
  });

  it("signs any body on request (deliveries tests craft), with fal's user id", async () => {
    const headers = fal.signWebhook('{"request_id":"nope"}', { requestId: "nope" });
    expect(headers["x-fal-webhook-user-id"]).toBe("emulator-user");
    expect(verifies(headers, Buffer.from('{"request_id":"nope"}'), await publishedKeys())).toBe(true);
  });
});
