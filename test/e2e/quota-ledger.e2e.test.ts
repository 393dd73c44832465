import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DiscordAttachment, StoredMessage } from "../../emulators/discord/index.js";
import { parseCsv, LEDGER_CSV_COLUMNS } from "../../src/quota/csv.js";
import { monthKey } from "../../src/periods.js";
import { closeWorld, startWorld, statusOf, type World } from "./harness.js";
import { command, OWNER_PERMISSIONS, referenceJob } from "./quota-helpers.js";

let world: World;
let video: DiscordAttachment;
let ana: string;
let ben: string;
beforeAll(async () => {
  // several jobs at once per member; the default price ($0.126 per output second)
  world = await startWorld({ env: { KLING_USER_CONCURRENT_JOBS: "5" } });
  video = await world.video();
  ana = world.userId;
  ben = world.discord.addUser({ username: "ben" }).id as string;
});
afterAll(async () => {
  await closeWorld(world);
});

/** Starts a job and returns its progress message. */
async function start(userId: string, options: Parameters<typeof command>[2]): Promise<StoredMessage> {
  const before = new Set(world.discord.messages(world.channelId).map((m) => m.raw.id));
  const name = options && "duration" in options ? "kling-reference" : "kling-edit";
  expect((await command(world, name, options, { userId })).content).toContain("Started!");
  return world.discord.waitFor(
    () =>
      world.discord
        .messages(world.channelId)
        .find((m) => !before.has(m.raw.id) && m.raw.embeds?.[0]?.title?.startsWith("Kling")),
    10_000,
    "progress message",
  );
}

const status = (message: StoredMessage) => statusOf(world.discord.message(world.channelId, message.raw.id));
const waitStatus = (message: StoredMessage, prefix: string) =>
  world.discord.waitFor(() => status(message).startsWith(prefix), 15_000, `status ${prefix}`);

async function cancel(message: StoredMessage, userId: string) {
  const current = world.discord.message(world.channelId, message.raw.id)!;
  const customId = current.raw.components[0].components[0].custom_id as string;
  world.discord.clickButton({ channelId: world.channelId, messageId: message.raw.id, customId, userId });
  await waitStatus(message, "🚫");
}

describe("the ledger after a scripted mix of outcomes", () => {
  it("delivered, failed, cancelled while queued and while running: totals to the cent; the CSV parses and sums to them", async () => {
    // 1. delivered: 5 s reference → 5 × $0.126 = $0.63 (billed on the result's measured length)
    world.fal.script({
      timeline: [{ status: "IN_PROGRESS", ms: 150 }],
      outcome: { type: "result", video: { seconds: 5 } },
    });
    const delivered = await start(ana, referenceJob(video, 5));
    // 2. delivered: an edit of the 3.5 s clip → $0.441
    world.fal.script({
      timeline: [{ status: "IN_PROGRESS", ms: 150 }],
      outcome: { type: "result", video: { seconds: 3.5 } },
    });
    const edited = await start(ana, { prompt: "make it rain on @Video1", video });
    // 3. the model fails: not billed
    world.fal.script({
      timeline: [{ status: "IN_PROGRESS", ms: 100 }],
      outcome: { type: "error", status: 500, body: { detail: "model crashed" } },
    });
    const failed = await start(ben, referenceJob(video, 4));
    // 4. cancelled while queued: free
    world.fal.script({ timeline: [{ status: "IN_QUEUE", queuePosition: 4, ms: 60_000 }], outcome: { type: "result" } });
    const queued = await start(ben, referenceJob(video, 6));
    // 5. cancelled while running: billed in full (BILLING_RULES, unverified) → 7 × $0.126 = $0.882
    world.fal.script({
      timeline: [{ status: "IN_PROGRESS", logs: ["Starting"], ms: 60_000 }],
      outcome: { type: "never" },
    });
    const running = await start(ben, referenceJob(video, 7));

    // while they run, the progress message shows the estimate
    const field = (m: StoredMessage) =>
      world.discord
        .message(world.channelId, m.raw.id)!
        .raw.embeds[0].fields.find((f: { name: string }) => f.name === "Estimated cost")?.value;
    expect(field(running)).toBe("$0.88 (estimate, fal's price list)");
    expect(field(queued)).toBe("$0.76 (estimate, fal's price list)");

    await waitStatus(queued, "⏳");
    await cancel(queued, ben);
    await waitStatus(running, "🎬");
    await cancel(running, ben);
    await waitStatus(delivered, "✅");
    await waitStatus(edited, "✅");
    await waitStatus(failed, "❌");

    const expectedMicros = 630_000 + 441_000 + 882_000; // $1.953
    const ledger = (await command(world, "kling-usage", { export: true }, { memberPermissions: OWNER_PERMISSIONS }))
      .content;
    expect(ledger).toContain(`Ledger for ${monthKey(Date.now())}: 5 jobs, $1.95`);
    const sent = await command(
      world,
      "kling-usage",
      { export: true, server: true },
      { memberPermissions: OWNER_PERMISSIONS },
    );
    // billed seconds: 5 + 3.5 + 7 (the failed and the queued-cancelled jobs count as jobs, not seconds)
    expect(sent.content).toMatch(/This month: \$1\.95 \(no budget set\) · 15\.5 s in 5 jobs/);
    expect(sent.content).toContain(`1. <@${ana}> — $1.07 · 8.5 s · 2 jobs\n2. <@${ben}> — $0.88 · 7.0 s · 3 jobs`);
    expect(sent.files.map((f) => f.filename)).toEqual([`kling-ledger-${monthKey(Date.now())}.csv`]);
    const file = sent.files[0];
    const [header, ...rows] = parseCsv(file!.data.toString("utf8"));
    expect(header).toEqual([...LEDGER_CSV_COLUMNS]);
    const col = (name: (typeof LEDGER_CSV_COLUMNS)[number]) => LEDGER_CSV_COLUMNS.indexOf(name);
    expect(rows.map((r) => r[col("outcome")]).sort()).toEqual([
      "cancelled-queued",
      "cancelled-running",
      "delivered",
      "delivered",
      "failed",
    ]);
    expect(rows.every((r) => r[col("state")] === "settled")).toBe(true);
    const sumMicros = rows.reduce((sum, r) => sum + Math.round(Number(r[col("cost_usd")]) * 1_000_000), 0);
    expect(sumMicros).toBe(expectedMicros);
    const byOutcome = Object.fromEntries(
      rows.map((r) => [`${r[col("outcome")]}:${r[col("output_seconds")]}`, r[col("cost_usd")]]),
    );
    expect(byOutcome).toMatchObject({
      "delivered:5.000": "0.630000",
      "delivered:3.500": "0.441000",
      "failed:0.000": "0.000000",
      "cancelled-queued:0.000": "0.000000",
      "cancelled-running:7.000": "0.882000",
    });
  });

  it("/kling-usage: members see their own use; the server view and the export need Manage Server", async () => {
    const mine = (await command(world, "kling-usage", {}, { userId: ben })).content;
    expect(mine).toMatch(/Today: 7\.0 s \(no limit\) of video, about \$0\.88/);
    expect(mine).toMatch(/This month: 7\.0 s of video in 3 jobs, about \$0\.88/);
    expect(mine).toContain("Running now: 0 of 5 allowed at once");
    for (const options of [{ server: true }, { export: true }] as Record<string, boolean>[]) {
      const refused = await command(world, "kling-usage", options, { userId: ben });
      expect(refused.content).toMatch(/for members with \*\*Manage Server\*\*/);
      expect(refused.files).toEqual([]);
    }
  });
});
