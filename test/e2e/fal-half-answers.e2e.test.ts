// fal's half-answers: faults that happen after fal has a job, where handling them wrongly costs the server owner
// money — a second billed job, or a paid video nobody receives. Each case checks what fal holds (jobs), what the
// member got (deliveries) and what the ledger says (the CSV export, as the owner reads it).
import { afterEach, describe, expect, it } from "vitest";
import { parseCsv, LEDGER_CSV_COLUMNS } from "../../src/quota/csv.js";
import { monthKey } from "../../src/periods.js";
import type { StoredMessage } from "../../emulators/discord/index.js";
import type { FaultRule } from "../../emulators/fal/index.js";
import { MEDIA_PATHS, closeWorld, startWorld, statusOf, type World } from "./harness.js";
import { command, OWNER_PERMISSIONS } from "./quota-helpers.js";

let world: World | undefined;
afterEach(async () => {
  await closeWorld(world);
  world = undefined;
});

/** The 3.5 s clip the harness makes, at the default $0.126 per output second. */
const CLIP_SECONDS = 3.5;
const CLIP_COST_MICROS = 441_000;
/** fal's edit is as long as its input clip (billing measures the delivered file) */
const AS_LONG_AS_THE_CLIP = { type: "result" as const, video: { seconds: CLIP_SECONDS } };

async function startEdit(w: World): Promise<StoredMessage> {
  const reply = await command(w, "kling-edit", { prompt: "make it snow on @Video1", video: await w.video() });
  expect(reply.content).toContain("Started!");
  return w.discord.waitFor(() => w.progressMessage(), 10_000, "progress message");
}

/** Presses the progress message's Cancel (its first button, as the message is now): the press's interaction id. */
function pressCancel(w: World, progress: StoredMessage): string {
  const current = w.discord.message(w.channelId, progress.raw.id)!;
  return w.discord.clickButton({
    channelId: w.channelId,
    messageId: progress.raw.id,
    customId: current.raw.components[0].components[0].custom_id as string,
    userId: w.userId,
  }).id;
}

/** The bot's answer to a button press. */
const answerTo = (w: World, interactionId: string, what = "cancel reply") =>
  w.discord.waitFor(
    () => w.discord.interaction(interactionId)?.edits.at(-1)?.body.content as string | undefined,
    10_000,
    what,
  );

const status = (w: World) => statusOf(w.progressMessage());
/** The job's final status (delivered, failed or cancelled), whichever it is. */
const finalStatus = (w: World) =>
  w.discord.waitFor(() => (/^[✅❌🚫]/u.test(status(w)) ? status(w) : undefined), 20_000, "final status");
const waitStatus = (w: World, prefix: string, timeoutMs = 20_000) =>
  w.discord.waitFor(() => (status(w).startsWith(prefix) ? status(w) : undefined), timeoutMs, `status ${prefix}`);

/** Messages carrying the result (an mp4 attachment or fal's link), anywhere the bot posts. */
function deliveries(w: World): StoredMessage[] {
  const channels = [w.channelId, ...w.discord.threads().map((t) => t.id as string)];
  return channels
    .flatMap((c) => w.discord.messages(c))
    .filter((m) => m.files.some((f) => f.contentType === "video/mp4"));
}

type LedgerRow = Record<(typeof LEDGER_CSV_COLUMNS)[number], string>;

/** This month's ledger as the owner exports it. */
async function ledger(w: World): Promise<LedgerRow[]> {
  const sent = await command(
    w,
    "kling-usage",
    { export: true, server: true },
    { memberPermissions: OWNER_PERMISSIONS },
  );
  const file = sent.files.find((f) => f.filename === `kling-ledger-${monthKey(Date.now())}.csv`);
  expect(file, sent.content).toBeDefined();
  const [header, ...rows] = parseCsv(file!.data.toString("utf8"));
  expect(header).toEqual([...LEDGER_CSV_COLUMNS]);
  return rows.map((r) => Object.fromEntries(LEDGER_CSV_COLUMNS.map((c, i) => [c, r[i] ?? ""])) as LedgerRow);
}

const micros = (usd: string) => Math.round(Number(usd) * 1_000_000);

// both link paths: inputs re-hosted from allow-listed emulators, and the production path (Discord's CDN links passed to
// fal, which downloads them itself)
describe.each(MEDIA_PATHS)("fal's half-answers (%s links)", (media) => {
  describe("submit accepted at fal, then the answer to the bot is lost", () => {
    const cases: [string, FaultRule][] = [
      ["a 503 on the way back (fal's client would retry it)", { kind: "submit", status: 503, afterHandling: true }],
      ["a dropped connection (fal's client would retry it)", { kind: "submit", drop: true, afterHandling: true }],
      ["a 500 (the runner used to retry it)", { kind: "submit", status: 500, afterHandling: true }],
    ];
    it.each(cases)("%s: fal holds one job, the bot does not send a second, and says so", async (_name, fault) => {
      world = await startWorld({ media });
      const w = world;
      w.fal.script({ timeline: [{ status: "IN_PROGRESS", ms: 200 }], outcome: AS_LONG_AS_THE_CLIP });
      w.fal.failNext(fault);
      await startEdit(w);
      const text = await finalStatus(w);
      expect(w.fal.jobs.size).toBe(1);
      expect(text).toMatch(/^❌/);
      expect(text).toContain(
        "fal's answer to this job was lost on the way back, so I can't tell whether fal received it",
      );
      expect(text).not.toMatch(/Nothing was generated/);
      // one job at fal (the one whose answer was lost) and one submit on the wire: nothing was sent twice
      expect(w.fal.jobs.size).toBe(1);
      expect(w.fal.requests.filter((r) => r.kind === "submit")).toHaveLength(1);
      await w.fal.waitFor((f) => [...f.jobs.values()][0]?.state === "COMPLETED", 5_000);
      // on the production path fal downloaded the member's Discord link itself
      if (media === "public")
        expect(w.fal.inputFetches.map((f) => [new URL(f.url).host, f.ok])).toEqual([["cdn.discordapp.com", true]]);
      // the bot never learned the job's id, so it cannot follow or deliver it
      expect(deliveries(w)).toEqual([]);
      // fal runs (and bills) the job it has: the ledger holds it at its estimate, settled, nothing left open
      const rows = await ledger(w);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        state: "settled",
        outcome: "submit-in-doubt",
        output_seconds: CLIP_SECONDS.toFixed(3),
      });
      expect(micros(rows[0]!.cost_usd)).toBe(CLIP_COST_MICROS);
    });

    it("a 429 is still retried (fal said it did not take the job): one job, one delivery, billed once", async () => {
      world = await startWorld({ media });
      const w = world;
      w.fal.script({ timeline: [{ status: "IN_PROGRESS", ms: 200 }], outcome: AS_LONG_AS_THE_CLIP });
      w.fal.failNext({ kind: "submit", status: 429 });
      await startEdit(w);
      await waitStatus(w, "✅");
      expect(w.fal.jobs.size).toBe(1);
      expect(w.fal.requests.filter((r) => r.kind === "submit").map((r) => r.status)).toEqual([429, 200]);
      expect(deliveries(w)).toHaveLength(1);
      const rows = await ledger(w);
      expect(rows.map((r) => [r.outcome, micros(r.cost_usd)])).toEqual([["delivered", CLIP_COST_MICROS]]);
    });
  });

  describe("a cancel that arrives after fal started the job", () => {
    it("fal ignores it and completes: the member gets the video fal bills, once; the ledger bills it as delivered", async () => {
      world = await startWorld({ media });
      const w = world;
      w.fal.script({
        timeline: [{ status: "IN_PROGRESS", logs: ["Rendering"], ms: 2_500 }],
        outcome: AS_LONG_AS_THE_CLIP,
        cancel: "ignore-in-progress",
      });
      const progress = await startEdit(w);
      await waitStatus(w, "🎬");
      const reply = await answerTo(w, pressCancel(w, progress));
      expect(reply).toBe(
        "Asked fal to stop. It had already started this job, so it may still finish: if it does, the " +
          "video is posted here (fal bills it either way).",
      );
      // a second press while fal finishes says the same, and asks fal nothing more
      expect(await answerTo(w, pressCancel(w, progress), "second reply")).toBe(reply);
      expect(await waitStatus(w, "🛑")).toBe(
        `🛑 Stopping — <@${w.userId}> pressed Cancel and fal was asked to stop; if it finishes anyway, the video is posted here.`,
      );
      await waitStatus(w, "✅");
      const [job] = [...w.fal.jobs.values()];
      expect(w.fal.jobs.size).toBe(1);
      expect(job!.cancelCalls).toBe(1);
      expect(w.fal.requests.find((r) => r.kind === "cancel")?.status).toBe(202);
      expect(deliveries(w)).toHaveLength(1);
      const rows = await ledger(w);
      expect(rows.map((r) => [r.outcome, r.state, micros(r.cost_usd)])).toEqual([
        ["delivered", "settled", CLIP_COST_MICROS],
      ]);
    });

    it("across a restart: the resumed bot still follows the job fal was asked to stop, and delivers what fal made", async () => {
      world = await startWorld({ media });
      const w = world;
      w.fal.script({
        timeline: [{ status: "IN_PROGRESS", logs: ["Rendering"], ms: 3_000 }],
        outcome: AS_LONG_AS_THE_CLIP,
        cancel: "ignore-in-progress",
      });
      const progress = await startEdit(w);
      await waitStatus(w, "🎬");
      expect(await answerTo(w, pressCancel(w, progress))).toMatch(/^Asked fal to stop/);
      await w.restart();
      // pressed again on the resumed bot: the same answer, and its status polls stay spaced (no loop on a spent signal)
      expect(await answerTo(w, pressCancel(w, progress))).toMatch(/^Asked fal to stop/);
      const from = w.fal.requests.length;
      await waitStatus(w, "✅");
      const polls = w.fal.requests.slice(from).filter((r) => r.kind === "status");
      const gaps = polls.slice(1).map((r, i) => r.timestamp - polls[i]!.timestamp);
      expect(Math.min(...gaps)).toBeGreaterThanOrEqual(90);
      expect(w.fal.jobs.size).toBe(1);
      expect(w.fal.requests.filter((r) => r.kind === "submit")).toHaveLength(1);
      expect(deliveries(w)).toHaveLength(1);
      const rows = await ledger(w);
      expect(rows.map((r) => [r.outcome, r.state, micros(r.cost_usd)])).toEqual([
        ["delivered", "settled", CLIP_COST_MICROS],
      ]);
    });

    describe("the bot last saw it queued; fal started it since (the next poll is 3 s away)", () => {
      async function pressWhenFalRuns(w: World, progress: StoredMessage): Promise<string> {
        // the bot's first poll saw IN_QUEUE; then fal starts the job, and the bot's record still says queued
        await w.fal.waitFor((f) => f.requests.some((r) => r.kind === "status" && r.status === 200), 5_000);
        await w.fal.waitFor((f) => [...f.jobs.values()][0]?.state === "IN_PROGRESS", 5_000);
        const records = [];
        for await (const record of w.bot.store.all()) records.push(record);
        expect(records.map((r) => r.state)).toEqual(["queued"]);
        return answerTo(w, pressCancel(w, progress));
      }
      const timeline = [
        { status: "IN_QUEUE" as const, queuePosition: 0, ms: 300 },
        { status: "IN_PROGRESS" as const, logs: ["Rendering"], ms: 1_200 },
      ];

      it("fal ignores the cancel: the video it made is delivered once and billed as delivered", async () => {
        world = await startWorld({ media, env: { FAL_POLL_INTERVAL_MS: "3000" } });
        const w = world;
        w.fal.script({ timeline, outcome: AS_LONG_AS_THE_CLIP, cancel: "ignore-in-progress" });
        const progress = await startEdit(w);
        expect(await pressWhenFalRuns(w, progress)).toMatch(/^Asked fal to stop/);
        await waitStatus(w, "✅");
        expect(w.fal.jobs.size).toBe(1);
        expect(deliveries(w)).toHaveLength(1);
        const rows = await ledger(w);
        expect(rows.map((r) => [r.outcome, micros(r.cost_usd)])).toEqual([["delivered", CLIP_COST_MICROS]]);
      });

      it("fal honours the cancel: it had run, so it is billed as cancelled while running, not free", async () => {
        world = await startWorld({ media, env: { FAL_POLL_INTERVAL_MS: "3000" } });
        const w = world;
        w.fal.script({ timeline, outcome: AS_LONG_AS_THE_CLIP });
        const progress = await startEdit(w);
        expect(await pressWhenFalRuns(w, progress)).toMatch(/^Asked fal to stop/);
        expect(await waitStatus(w, "🚫")).toBe(`🚫 Cancelled by <@${w.userId}>`);
        expect([...w.fal.jobs.values()].map((j) => j.state)).toEqual(["CANCELLED"]);
        expect(deliveries(w)).toEqual([]);
        const rows = await ledger(w);
        expect(rows.map((r) => [r.outcome, micros(r.cost_usd)])).toEqual([["cancelled-running", CLIP_COST_MICROS]]);
      });
    });

    it("fal honours it: cancelled, nothing delivered, billed as cancelled while running (BILLING_RULES)", async () => {
      world = await startWorld({ media });
      const w = world;
      w.fal.script({
        timeline: [{ status: "IN_PROGRESS", logs: ["Rendering"], ms: 60_000 }],
        outcome: AS_LONG_AS_THE_CLIP,
      });
      const progress = await startEdit(w);
      await waitStatus(w, "🎬");
      pressCancel(w, progress);
      expect(await waitStatus(w, "🚫")).toBe(`🚫 Cancelled by <@${w.userId}>`);
      expect(w.fal.jobs.size).toBe(1);
      expect([...w.fal.jobs.values()][0]!.state).toBe("CANCELLED");
      expect(deliveries(w)).toEqual([]);
      const rows = await ledger(w);
      expect(rows.map((r) => [r.outcome, r.state, micros(r.cost_usd)])).toEqual([
        ["cancelled-running", "settled", CLIP_COST_MICROS],
      ]);
    });
  });

  describe("a completion whose result fetch fails once, then works", () => {
    const cases: [string, FaultRule][] = [
      ["a 500 (fal's client does not retry it)", { kind: "result", status: 500 }],
      ["a dropped connection (fal's client retries it)", { kind: "result", drop: true }],
    ];
    it.each(cases)("%s: one job, one delivery, billed as delivered", async (_name, fault) => {
      world = await startWorld({ media });
      const w = world;
      w.fal.script({ timeline: [{ status: "IN_PROGRESS", ms: 200 }], outcome: AS_LONG_AS_THE_CLIP });
      w.fal.failNext(fault);
      await startEdit(w);
      await waitStatus(w, "✅");
      expect(w.fal.jobs.size).toBe(1);
      const results = w.fal.requests.filter((r) => r.kind === "result");
      expect(results.map((r) => r.status)).toEqual([fault.drop ? 0 : 500, 200]);
      expect(deliveries(w)).toHaveLength(1);
      const rows = await ledger(w);
      expect(rows.map((r) => [r.outcome, r.state, micros(r.cost_usd)])).toEqual([
        ["delivered", "settled", CLIP_COST_MICROS],
      ]);
    });
  });
});
