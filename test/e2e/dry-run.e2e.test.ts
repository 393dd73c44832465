import { mkdtempSync, rmSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { inspectVideo } from "../../src/media/inspect.js";
import { BufferRangeSource } from "../../src/media/range-source.js";
import { monthKey } from "../../src/periods.js";
import { LEDGER_CSV_COLUMNS, parseCsv } from "../../src/quota/csv.js";
import { openLedger } from "../../src/store/open-store.js";
import { attachClip, makeClip } from "../support/clip.js";
import { MEDIA_PATHS, closeWorld, startWorld, statusOf, type World } from "./harness.js";
import { command, config, OWNER_PERMISSIONS } from "./quota-helpers.js";

let world: World | undefined;
let dir: string | undefined;
afterEach(async () => {
  await closeWorld(world);
  world = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

async function dryRunWorld(
  media: (typeof MEDIA_PATHS)[number],
  attachmentSizeLimit?: number,
  env: Record<string, string> = {},
): Promise<World> {
  dir = mkdtempSync(join(tmpdir(), "kling-dry-run-"));
  world = await startWorld({
    media,
    env: { FAL_DRY_RUN: "true", ...env },
    // before/after clips (made from the dry run's result through its fetcher) only where the result is attached
    overrides: { dryRunDir: dir, ...(attachmentSizeLimit ? { comparisons: "off" as const } : {}) },
    ...(attachmentSizeLimit ? { attachmentSizeLimit } : {}),
  });
  return world;
}

describe.each(MEDIA_PATHS)("FAL_DRY_RUN=true on the real bot (%s links)", (media) => {
  it("runs every step and delivers the filtered clip, with no fal call and no charge, saying so everywhere", async () => {
    const w = await dryRunWorld(media);
    const { discord, fal } = w;
    const clip = await makeClip();
    const input = await readFile(clip);
    const video = attachClip(discord, clip);
    const { id } = discord.sendCommand({
      channelId: w.channelId,
      userId: w.userId,
      name: "kling-edit",
      options: { prompt: "rain on the window", video },
    });

    const result = await discord.waitFor(
      () =>
        [w.channelId, ...discord.threads().map((t) => t.id)]
          .flatMap((c) => discord.messages(c))
          .find((m) => m.files.length > 0 && m.raw.content?.includes("is ready")),
      30_000,
      "the dry run's result",
    );
    // the member's acknowledgement, the progress message and the result all say it is a dry run
    const ack = discord.interaction(id)!.edits.at(-1)!.body.content as string;
    expect(ack).toContain("Started!");
    expect(ack).toMatch(/Dry run: nothing was sent to fal or charged/);
    const progress = await discord.waitFor(
      () => {
        const m = discord.message(w.channelId, w.progressMessage()!.raw.id);
        return statusOf(m).startsWith("✅") ? m : undefined;
      },
      10_000,
      "the final progress edit",
    );
    const embed = progress!.raw.embeds[0];
    expect(embed.title).toMatch(/^Kling edit · 🧪 dry run$/);
    expect(embed.fields.find((f: { name: string }) => f.name === "Dry run")?.value).toMatch(/nothing was sent to fal/);
    expect(embed.fields.find((f: { name: string }) => f.name === "Cost")?.value).toMatch(
      /^\$0\.00 — not charged: a dry run sends nothing to fal/,
    );
    expect(result.raw.content).toMatch(/is ready\.\n🧪 Dry run: nothing was sent to fal or charged/);

    // the result is the input through the sandbox filter: as long as the input, but not its bytes
    const file = result.files[0]!;
    expect(file.filename).toBe("dry-run.mp4");
    expect(file.data.equals(input)).toBe(false);
    const facts = await inspectVideo(new BufferRangeSource(file.data));
    expect(facts.durationSec).toBeGreaterThan(3.3);
    expect(facts.durationSec).toBeLessThan(3.7);
    expect(file.data.includes(Buffer.from("dry run"))).toBe(true); // the filter's title tag

    // fal was never asked anything: no submit, status, result, storage upload or CDN read
    expect(fal.requests).toEqual([]);
    expect(fal.jobs.size).toBe(0);
    expect(fal.uploads).toEqual([]);

    // the ledger: the reservation settled at nothing, with its own outcome in the owner's CSV
    const ledger = await openLedger(w.env.STORE_URL!);
    const entries = await ledger.entries(w.guildId, monthKey(Date.now())).finally(() => ledger.close());
    expect(entries.map((e) => [e.state, e.outcome, e.billedMs, e.billedMicros])).toEqual([
      ["settled", "dry-run", 0, 0],
    ]);
    const usage = await command(w, "kling-usage", { export: true }, { memberPermissions: OWNER_PERMISSIONS });
    const [header, row] = parseCsv(usage.files[0]!.data.toString("utf8"));
    expect(header).toEqual([...LEDGER_CSV_COLUMNS]);
    const cell = (name: (typeof LEDGER_CSV_COLUMNS)[number]) => row![LEDGER_CSV_COLUMNS.indexOf(name)];
    expect([cell("outcome"), cell("output_seconds"), cell("cost_usd")]).toEqual(["dry-run", "0.000", "0.000000"]);
  }, 60_000);
});

describe("FAL_DRY_RUN=true: owners see it", () => {
  it("a result over the upload limit is not posted as a link (a dry run's result has none)", async () => {
    const w = await dryRunWorld("allow-listed", 20_000);
    w.discord.sendCommand({
      channelId: w.channelId,
      userId: w.userId,
      name: "kling-edit",
      options: { prompt: "rain", video: await w.video({ durationSec: 3 }) },
    });
    const result = await w.discord.waitFor(
      () =>
        [w.channelId, ...w.discord.threads().map((t) => t.id)]
          .flatMap((c) => w.discord.messages(c))
          .find((m) => m.raw.content?.includes("is ready")),
      30_000,
      "the dry run's result",
    );
    expect(result.files).toEqual([]);
    expect(result.raw.content).toMatch(/upload limit, so the dry run's result cannot be shown here\.$/);
    expect(result.raw.content).not.toMatch(/dry-run:/);
  }, 60_000);

  it("marks a German server's messages in German and the Japanese member's acknowledgement in Japanese", async () => {
    const w = await dryRunWorld("allow-listed");
    w.discord.setGuildPreferredLocale(w.guildId, "de");
    const { id } = w.discord.sendCommand({
      channelId: w.channelId,
      userId: w.userId,
      name: "kling-edit",
      options: { prompt: "rain", video: await w.video({ durationSec: 3 }) },
      locale: "ja",
    });
    const result = await w.discord.waitFor(
      () =>
        [w.channelId, ...w.discord.threads().map((t) => t.id)]
          .flatMap((c) => w.discord.messages(c))
          .find((m) => m.files.length > 0 && m.raw.content?.includes("ist fertig")),
      30_000,
      "the dry run's result",
    );
    expect(result.raw.content).toContain("\n🧪 Probelauf: nichts wurde an fal gesendet oder berechnet");
    const ack = w.discord.interaction(id)!.edits.at(-1)!.body.content as string;
    expect(ack).toContain("\n🧪 ドライラン：fal には何も送信されず課金もされていません。");
    const progress = await w.discord.waitFor(
      () => {
        const m = w.discord.message(w.channelId, w.progressMessage()!.raw.id);
        return statusOf(m).startsWith("✅") ? m : undefined;
      },
      10_000,
      "the final progress edit",
    );
    const embed = progress!.raw.embeds[0];
    expect(embed.title).toBe("Kling-Bearbeitung · 🧪 Probelauf");
    expect(embed.fields.find((f: { name: string }) => f.name === "Probelauf")?.value).toMatch(/^🧪 Probelauf: nichts/);
    expect(JSON.stringify(progress!.raw)).not.toMatch(/dry run|ドライラン/i);
  }, 60_000);

  it("/kling-config show says the bot is in dry run (a line about the bot, not a setting); check asks fal nothing", async () => {
    // no FAL_KEY at all (an empty value is unset): a dry run needs none
    const w = await dryRunWorld("allow-listed", undefined, { FAL_KEY: "" });
    const shown = await config(w, "show");
    expect(shown.split("\n")).toContainEqual(expect.stringMatching(/^🧪 \*\*Dry run\*\* \(FAL_DRY_RUN/));
    expect(w.logs.join("")).toMatch(/FAL_DRY_RUN: this is a dry run/);
    expect(await config(w, "check")).toContain("✅ fal: dry run: no key needed (FAL_DRY_RUN sends nothing to fal)");
    expect(w.logs.some((l) => l.includes("set-up check: fal") && l.includes("dry run: no key needed"))).toBe(true);
    expect(w.fal.requests).toEqual([]);
  }, 30_000);
});
