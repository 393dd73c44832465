import { afterEach, describe, expect, it } from "vitest";
import { LEDGER_CSV_COLUMNS, parseCsv } from "../../src/quota/csv.js";
import type { LedgerEntry } from "../../src/quota/ledger.js";
import { openLedger } from "../../src/store/open-store.js";
import { monthKey } from "../../src/periods.js";
import type { StoredMessage } from "../../emulators/discord/index.js";
import { KLING_O3_EDIT, KLING_O3_PRO_EDIT, KLING_O3_PRO_REFERENCE, type Scenario } from "../../emulators/fal/index.js";
import { closeWorld, startWorld, statusOf, type World, type WorldOptions } from "./harness.js";
import { command, config, OWNER_PERMISSIONS, submits } from "./quota-helpers.js";

let world: World | undefined;
afterEach(async () => {
  await closeWorld(world);
  world = undefined;
});

async function begin(options: WorldOptions = {}): Promise<World> {
  world = await startWorld(options);
  return world;
}

const quick = (seconds: number): Scenario => ({
  timeline: [{ status: "IN_PROGRESS", ms: 100 }],
  outcome: { type: "result", video: { seconds } },
});

async function ledgerEntries(w: World): Promise<LedgerEntry[]> {
  const ledger = await openLedger(w.env.STORE_URL!);
  try {
    return await ledger.entries(w.guildId, monthKey(Date.now()));
  } finally {
    await ledger.close();
  }
}

const field = (message: StoredMessage, name: string) =>
  message.raw.embeds[0].fields.find((f: { name: string }) => f.name === name)?.value as string | undefined;

/** The newest progress message in a channel, once it shows its job delivered. */
async function delivered(w: World, channelId = w.channelId): Promise<StoredMessage> {
  const progress = await w.discord.waitFor(() => w.progressMessage(channelId), 15_000, "a progress message");
  await w.discord.waitFor(
    () => statusOf(w.discord.message(channelId, progress.raw.id)).startsWith("✅"),
    20_000,
    "delivered",
  );
  return w.discord.message(channelId, progress.raw.id)!;
}

describe("quality: pro (issue 10.1)", () => {
  it("is refused where the server has not turned it on: nothing downloaded, submitted or reserved", async () => {
    const w = await begin();
    const video = await w.video();
    for (const name of ["kling-edit", "kling-reference"] as const) {
      const sent = await command(w, name, {
        prompt: "a paper boat in @Video1",
        video,
        quality: "pro",
        ...(name === "kling-reference" ? { duration: 5 } : {}),
      });
      expect(sent.content).toBe(
        "I can't start this job:\n• Pro quality is off on this server: a server manager can turn it " +
          "on with /kling-config quality pro_enabled:True\n" +
          "Nothing was sent to fal and nothing was charged.",
      );
    }
    expect(submits(w)).toBe(0);
    expect(w.fal.uploads).toEqual([]);
    expect(w.discord.cdnRequests.filter((r) => r.path.includes("clip.mp4"))).toEqual([]);
    expect(await ledgerEntries(w)).toEqual([]);
    expect(w.progressMessage()).toBeUndefined();
  });

  it(
    "turned on with /kling-config quality, a pro job goes to fal's Pro endpoint and is billed at the " +
      "Pro price; standard is unchanged",
    async () => {
      const w = await begin({ env: { KLING_USER_CONCURRENT_JOBS: "2" } });
      const shown = await config(w, "quality", { pro_enabled: true });
      expect(shown).toContain(
        "✅ Pro quality is on: members may choose `quality:pro` (billed at the Pro price per second).",
      );
      expect(shown).toContain(
        "• Pro quality: on (members may choose `quality:pro`, billed at the Pro price)\n• Pro price per " +
          "second: $0.336/s (estimate) *(default)*\n",
      );

      w.fal.script(quick(5));
      const pro = await command(w, "kling-reference", {
        prompt: "a paper boat in @Video1",
        video: await w.video(),
        duration: 5,
        quality: "pro",
      });
      expect(pro.content).toContain("Started!");
      const progress = w.progressMessage()!;
      expect(progress.raw.embeds[0].title).toBe("Kling reference · Pro");
      // the reservation, at 5 s × the Pro price $0.336
      expect(field(progress, "Estimated cost")).toBe("$1.68 (estimate, fal's price list)");
      const done = await delivered(w);
      expect(field(done, "Cost")).toBe("$1.68 — 5.0 s of video made");
      const [job] = [...w.fal.jobs.values()];
      expect(job!.endpoint).toBe(KLING_O3_PRO_REFERENCE);
      expect(job!.input).toMatchObject({
        prompt: "a paper boat in @Video1",
        duration: "5",
        keep_audio: true,
        shot_type: "customize",
      });

      // a standard job on the same server: the standard endpoint and price
      w.fal.script(quick(4));
      expect(
        (await command(w, "kling-edit", { prompt: "rain on @Video1", video: await w.video({ durationSec: 4 }) }))
          .content,
      ).toContain("Started!");
      const standard = await delivered(w);
      expect(standard.raw.embeds[0].title).toBe("Kling edit");
      expect(w.fal.jobs.size).toBe(2);
      expect([...w.fal.jobs.values()][1]!.endpoint).toBe(KLING_O3_EDIT);

      const entries = (await ledgerEntries(w)).sort((a, b) => a.createdAt - b.createdAt);
      expect(
        entries.map((e) => [e.kind, e.state, e.outcome, e.pricePerSecondMicros, e.billedMs, e.billedMicros]),
      ).toEqual([
        ["reference", "settled", "delivered", 336_000, 5_000, 1_680_000],
        ["edit", "settled", "delivered", 126_000, 4_000, 504_000],
      ]);
      const sent = await command(w, "kling-usage", { export: true }, { memberPermissions: OWNER_PERMISSIONS });
      const [header, ...rows] = parseCsv(sent.files[0]!.data.toString("utf8"));
      expect(header).toEqual([...LEDGER_CSV_COLUMNS]);
      const col = (name: (typeof LEDGER_CSV_COLUMNS)[number]) => LEDGER_CSV_COLUMNS.indexOf(name);
      expect(
        rows.map((r) => [r[col("price_per_second_usd")], r[col("output_seconds")], r[col("cost_usd")]]).sort(),
      ).toEqual([
        ["0.126000", "4.000", "0.504000"],
        ["0.336000", "5.000", "1.680000"],
      ]);

      // turned off again: refused again
      await config(w, "quality", { pro_enabled: false });
      expect(
        (await command(w, "kling-edit", { prompt: "rain on @Video1", video: await w.video(), quality: "pro" })).content,
      ).toContain("Pro quality is off on this server");
      expect(submits(w)).toBe(2);
    },
  );

  it(
    "on from the environment with its own price: a pro edit is billed at that price × the result's " +
      "measured seconds; Retry stays Pro",
    async () => {
      const w = await begin({ env: { KLING_PRO_ENABLED: "true", KLING_PRO_PRICE_PER_SECOND_USD: "0.4" } });
      w.fal.script(quick(6)); // longer than the 3.5 s clip: fal bills what it made
      expect(
        (await command(w, "kling-edit", { prompt: "snow on @Video1", video: await w.video(), quality: "pro" })).content,
      ).toContain("Started!");
      const progress = w.progressMessage()!;
      expect(progress.raw.embeds[0].title).toBe("Kling edit · Pro");
      expect(field(progress, "Estimated cost")).toBe("$1.40 (estimate, this server's price)"); // 3.5 s × $0.40
      const done = await delivered(w);
      expect(field(done, "Cost")).toBe("$2.40 — 6.0 s of video made");
      expect([...w.fal.jobs.values()].map((j) => j.endpoint)).toEqual([KLING_O3_PRO_EDIT]);
      expect((await ledgerEntries(w)).map((e) => [e.pricePerSecondMicros, e.billedMs, e.billedMicros])).toEqual([
        [400_000, 6_000, 2_400_000],
      ]);

      // Retry reruns the recorded request, quality included
      const result = [w.channelId, ...w.discord.threads().map((t) => t.id)]
        .flatMap((id) => w.discord.messages(id))
        .find((m) => m.raw.content?.includes("is ready"))!;
      expect(result.raw.content).toBe(`<@${w.userId}> your Kling edit is ready.`);
      const retry = (result.raw.components[0].components as { custom_id: string }[])[0]!.custom_id;
      w.fal.script(quick(4));
      const click = w.discord.clickButton({
        channelId: result.channelId,
        messageId: result.raw.id,
        customId: retry,
        userId: w.userId,
      });
      const answer = await w.discord.waitFor(
        () => w.discord.interaction(click.id)?.edits.at(-1)?.body.content as string | undefined,
        15_000,
        "the retry's answer",
      );
      expect(answer).toContain("Started!");
      await w.discord.waitFor(() => w.fal.jobs.size === 2, 15_000, "the retry submitted");
      expect([...w.fal.jobs.values()].map((j) => j.endpoint)).toEqual([KLING_O3_PRO_EDIT, KLING_O3_PRO_EDIT]);
      // the rerun's progress message is posted where Retry was pressed: the result's thread
      expect(result.channelId).not.toBe(w.channelId);
      expect((await delivered(w, result.channelId)).raw.embeds[0].title).toBe("Kling edit · Pro");
    },
  );
});
