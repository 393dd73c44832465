/**
 * Issue 11, live prices: the bot reads fal's price list (FAL_API_URL, the fal emulator's /v1/models/pricing) at
 * start-up and on its refresh interval; a job is reserved at fal's price unless this server set one (the
 * environment or /kling-config), and its estimate says which source it used. A price list that cannot be read
 * leaves the configured price in force, and is logged.
 */
import { afterEach, describe, expect, it } from "vitest";
import { KLING_O3_EDIT } from "../../emulators/fal/index.js";
import type { StoredMessage } from "../../emulators/discord/index.js";
import { openLedger } from "../../src/store/open-store.js";
import { monthKey } from "../../src/periods.js";
import { closeWorld, startWorld, type World } from "./harness.js";
import { command, config } from "./quota-helpers.js";

let world: World | undefined;
afterEach(async () => {
  await closeWorld(world);
  world = undefined;
});

const estimate = (message: StoredMessage | undefined) =>
  message?.raw.embeds[0].fields.find((f: { name: string }) => f.name === "Estimated cost")?.value as string | undefined;

/** a 3.5 s edit; resolves with its progress message's estimate and the price its reservation holds */
async function edit(w: World): Promise<{ estimate: string | undefined; priceMicros: number | undefined }> {
  const sent = await command(w, "kling-edit", { prompt: "rain", video: await w.video() });
  expect(sent.content).toContain("Started!");
  const progress = w.progressMessage();
  const ledger = await openLedger(w.env.STORE_URL!);
  try {
    const entries = await ledger.entries(w.guildId, monthKey(Date.now()));
    return { estimate: estimate(progress), priceMicros: entries.at(-1)?.pricePerSecondMicros };
  } finally {
    await ledger.close();
  }
}

describe("live prices from fal's price list", () => {
  it("a job is priced at fal's published price, and an owner's price overrides it", async () => {
    world = await startWorld({
      env: { KLING_USER_CONCURRENT_JOBS: "5" },
      overrides: (fal) => {
        fal.setPrice(KLING_O3_EDIT, { unit_price: 0.252, unit: "second", currency: "USD" });
        return {};
      },
    });
    // read once at start-up, with the fal key
    const reads = world.fal.requests.filter((r) => r.kind === "pricing");
    expect(reads).toHaveLength(1);
    expect(reads[0]!.authOk).toBe(true);
    expect(reads[0]!.query.endpoint_id).toBeDefined();

    expect(await edit(world)).toEqual({ estimate: "$0.88 (estimate, fal's price list)", priceMicros: 252_000 });
    // /kling-help quotes the price jobs are reserved at
    expect((await command(world, "kling-help")).content).toContain("Standard: $0.252/s of output");

    await config(world, "budget", { price_per_second_usd: 0.2 });
    expect((await command(world, "kling-help")).content).toContain("Standard: $0.2/s of output");
    expect(await edit(world)).toEqual({ estimate: "$0.70 (estimate, this server's price)", priceMicros: 200_000 });
  });

  it("the environment's price overrides fal's", async () => {
    world = await startWorld({ env: { KLING_PRICE_PER_SECOND_USD: "0.2" } });
    expect(await edit(world)).toEqual({ estimate: "$0.70 (estimate, this server's price)", priceMicros: 200_000 });
  });

  it("a price list that cannot be read leaves the configured price; the next refresh takes fal's", async () => {
    world = await startWorld({
      env: { KLING_USER_CONCURRENT_JOBS: "5" },
      overrides: (fal) => {
        // fal's price list is down until the faults are cleared (refreshes meanwhile fail too)
        fal.failNext({ kind: "pricing", status: 503, times: 1_000 });
        fal.setPrice(KLING_O3_EDIT, { unit_price: 0.252, unit: "second", currency: "USD" });
        return { pricing: { refreshMs: 400 } };
      },
    });
    const w = world;
    expect(w.logs.join("")).toContain("could not read fal's price list");
    // the documented default, $0.126
    expect(await edit(w)).toEqual({ estimate: "$0.44 (estimate, this server's price)", priceMicros: 126_000 });
    w.fal.clearFaults();
    await w.fal.waitFor((fal) => fal.requests.some((r) => r.kind === "pricing" && r.status === 200), 10_000);
    expect(await edit(w)).toEqual({ estimate: "$0.88 (estimate, fal's price list)", priceMicros: 252_000 });
  });
});
