// fal's price list (GET /v1/models/pricing) as the emulator serves it, and the bot's reader of it (src/fal/pricing.ts).
import { Writable } from "node:stream";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  DEFAULT_PRICES,
  KLING_O3_EDIT,
  KLING_O3_PRO_EDIT,
  startFalEmulator,
  type FalEmulator,
} from "../../emulators/fal/index.js";
import { FalPricing } from "../../src/fal/pricing.js";
import { createLogger } from "../../src/logger.js";

let fal: FalEmulator;
beforeAll(async () => {
  fal = await startFalEmulator({ fetchInputs: false });
});
afterAll(async () => {
  await fal.close();
});
beforeEach(() => {
  fal.clearRecords();
  fal.clearFaults();
  for (const [endpoint, price] of Object.entries(DEFAULT_PRICES)) fal.setPrice(endpoint, price);
});

const priceList = (query: string, key: string | null = fal.key) =>
  fetch(`${fal.apiUrl}/v1/models/pricing?${query}`, key ? { headers: { authorization: `Key ${key}` } } : {});

describe("the fal emulator's price list", () => {
  it("answers unit_price, unit and currency per endpoint, for repeated or comma-separated ids", async () => {
    const repeated = await priceList(
      `endpoint_id=${encodeURIComponent(KLING_O3_EDIT)}&endpoint_id=${encodeURIComponent(KLING_O3_PRO_EDIT)}`,
    );
    expect(repeated.status).toBe(200);
    expect(await repeated.json()).toEqual({
      prices: [
        { endpoint_id: KLING_O3_EDIT, unit_price: 0.126, unit: "second", currency: "USD" },
        { endpoint_id: KLING_O3_PRO_EDIT, unit_price: 0.336, unit: "second", currency: "USD" },
      ],
      next_cursor: null,
      has_more: false,
    });
    const comma = await priceList(`endpoint_id=${encodeURIComponent(`${KLING_O3_PRO_EDIT},fal-ai/unknown`)}`);
    expect((await comma.json()).prices).toEqual([
      { endpoint_id: KLING_O3_PRO_EDIT, unit_price: 0.336, unit: "second", currency: "USD" },
    ]);
  });

  it("requires the key, and 1–50 ids", async () => {
    expect((await priceList(`endpoint_id=${KLING_O3_EDIT}`, null)).status).toBe(401);
    expect((await priceList(`endpoint_id=${KLING_O3_EDIT}`, "wrong")).status).toBe(401);
    expect((await priceList("")).status).toBe(422);
    const fifty = Array.from({ length: 50 }, (_, i) => `endpoint_id=fal-ai/m${i}`).join("&");
    expect((await priceList(fifty)).status).toBe(200);
    expect((await priceList(`${fifty}&endpoint_id=fal-ai/m50`)).status).toBe(422);
  });
});

describe("FalPricing (the bot's reader of fal's price list)", () => {
  const logs: string[] = [];
  const logger = createLogger(
    "debug",
    new Writable({
      write(chunk, _encoding, done) {
        logs.push(String(chunk));
        done();
      },
    }),
  );
  const reader = (endpoints: readonly string[], extra: Partial<ConstructorParameters<typeof FalPricing>[0]> = {}) =>
    new FalPricing({ apiUrl: fal.apiUrl, key: fal.key, endpoints, logger, ...extra });

  it("reads each endpoint's per-second price in micro-dollars, 50 ids per call at most", async () => {
    const many = [KLING_O3_EDIT, KLING_O3_PRO_EDIT, ...Array.from({ length: 60 }, (_, i) => `fal-ai/other-${i}`)];
    const pricing = reader(many);
    expect(await pricing.refresh()).toBe(true);
    expect(pricing.perSecondMicros(KLING_O3_EDIT)).toBe(126_000);
    expect(pricing.perSecondMicros(KLING_O3_PRO_EDIT)).toBe(336_000);
    expect(pricing.perSecondMicros("fal-ai/other-3")).toBeUndefined();
    const calls = fal.requests.filter((r) => r.kind === "pricing");
    expect(calls.map((r) => r.status)).toEqual([200, 200]);
    expect(calls.every((r) => r.authOk)).toBe(true);
  });

  it("keeps the last known price when a read fails, and takes a new one when fal changes it", async () => {
    const pricing = reader([KLING_O3_EDIT]);
    await pricing.refresh();
    fal.failNext({ kind: "pricing", status: 503 });
    expect(await pricing.refresh()).toBe(false);
    expect(pricing.perSecondMicros(KLING_O3_EDIT)).toBe(126_000);
    expect(logs.join("")).toContain("could not read fal's price list");
    fal.setPrice(KLING_O3_EDIT, { unit_price: 0.252, unit: "second", currency: "USD" });
    await pricing.refresh();
    expect(pricing.perSecondMicros(KLING_O3_EDIT)).toBe(252_000);
  });

  it("gives up on a read that hangs within its timeout", async () => {
    const pricing = reader([KLING_O3_EDIT], { timeoutMs: 200 });
    fal.failNext({ kind: "pricing", delayMs: 5_000, status: 200 });
    const started = Date.now();
    expect(await pricing.refresh()).toBe(false);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(pricing.perSecondMicros(KLING_O3_EDIT)).toBeUndefined();
  });

  it("does not use a price in another currency or unit (the configured price applies)", async () => {
    fal.setPrice(KLING_O3_EDIT, { unit_price: 1.1, unit: "video", currency: "USD" });
    fal.setPrice(KLING_O3_PRO_EDIT, { unit_price: 0.3, unit: "second", currency: "EUR" });
    const pricing = reader([KLING_O3_EDIT, KLING_O3_PRO_EDIT]);
    await pricing.refresh();
    expect(pricing.perSecondMicros(KLING_O3_EDIT)).toBeUndefined();
    expect(pricing.perSecondMicros(KLING_O3_PRO_EDIT)).toBeUndefined();
  });

  it("never logs the key", () => {
    expect(logs.join("")).not.toContain(fal.key);
  });
});
