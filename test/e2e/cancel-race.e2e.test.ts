/**
 * Issue 8 point 3: a Cancel pressed at any moment of a job's early life — and right after a restart — either
 * cancels it with nothing delivered (and nothing billed unless fal ran it), or is too late and the job is
 * delivered and billed. Never a video delivered for free. Checked against the quota ledger, fal's own record and
 * what the channel shows.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { FalGateway } from "../../src/fal/gateway.js";
import { createFalGateway } from "../../src/fal/gateway.js";
import { isTerminal, transition, type Job } from "../../src/job.js";
import { StaleJobError } from "../../src/jobs/job-store.js";
import { openLedger } from "../../src/store/open-store.js";
import { costMicros, secToMs } from "../../src/money.js";
import { monthKey } from "../../src/periods.js";
import type { InteractionRecord } from "../../emulators/discord/index.js";
import { closeWorld, startWorld, statusOf, type World } from "./harness.js";

/** a moment the test stops the world at: `reached` once the bot is there, `release()` to go on */
interface Gate {
  reached: Promise<void>;
  release(): void;
  wait(): Promise<void>;
}
function gate(): Gate {
  let arrived!: () => void;
  let release!: () => void;
  const reached = new Promise<void>((resolve) => (arrived = resolve));
  const released = new Promise<void>((resolve) => (release = resolve));
  opened.push({ reached, release, wait: () => released });
  return { reached, release, wait: () => (arrived(), released) };
}

/**
 * the real fal client against the emulator (the documented `fal` seam), with the submit stoppable before it is sent
 * or before its answer is read
 */
const gates: { beforeSubmit?: Gate; afterSubmit?: Gate } = {};
function gatedFal(fal: { key: string; queueUrl: string; restUrl: string }): FalGateway {
  const real = createFalGateway({ key: fal.key, queueUrl: fal.queueUrl, restUrl: fal.restUrl });
  return {
    ...real,
    async submit(endpoint, input) {
      const before = gates.beforeSubmit;
      delete gates.beforeSubmit;
      await before?.wait();
      const queued = await real.submit(endpoint, input);
      const after = gates.afterSubmit;
      delete gates.afterSubmit;
      await after?.wait();
      return queued;
    },
  };
}

let world: World | undefined;
const opened: Gate[] = [];
afterEach(async () => {
  for (const g of opened.splice(0)) g.release();
  delete gates.beforeSubmit;
  delete gates.afterSubmit;
  await closeWorld(world);
  world = undefined;
});

/** queued a little, then made: a runner left with a stale copy would deliver well within the quiet period */
const SHORT = {
  timeline: [
    { status: "IN_QUEUE" as const, queuePosition: 1, ms: 800 },
    { status: "IN_PROGRESS" as const, logs: ["rendering"], ms: 300 },
  ],
  outcome: { type: "result" as const },
};
/** the default price, $0.126 per output second */
const PRICE_MICROS = 126_000;
/** delivered: billed what fal made, as measured from the result file */
const madeMicros = (job: Job) => costMicros(secToMs(job.resultSec!), PRICE_MICROS);

async function begin(scenario: object = SHORT): Promise<{ w: World; commandId: string; token: string }> {
  world = await startWorld({ overrides: (fal) => ({ fal: gatedFal(fal) }) });
  const w = world;
  w.fal.script(scenario as never);
  const video = await w.video();
  const { id, token } = w.discord.sendCommand({
    channelId: w.channelId,
    userId: w.userId,
    name: "kling-edit",
    options: { prompt: "a paper boat in @Video1", video },
  });
  return { w, commandId: id, token };
}

const progressPath = (w: World) => new RegExp(`^/channels/${w.channelId}/messages$`);

/** presses Cancel on the newest progress message as the requester; resolves with the interaction's record */
function pressCancel(w: World): string {
  const message = w.progressMessage()!;
  const customId = message.raw.components[0].components[0].custom_id as string;
  return w.discord.clickButton({ channelId: w.channelId, messageId: message.raw.id, customId, userId: w.userId }).id;
}

/** the Cancel has been handed to the runner holding the job (a bot without that log line gets a second to get there) */
async function cancelReachedRunner(w: World): Promise<void> {
  await w.discord
    .waitFor(() => w.logs.some((l) => l.includes('"msg":"cancel requested"')), 1_000, "cancel requested")
    .catch(() => undefined);
}

function cancelReply(w: World, interactionId: string): Promise<string> {
  return w.discord.waitFor(
    () => {
      const record: InteractionRecord | undefined = w.discord.interaction(interactionId);
      const content =
        record?.edits.at(-1)?.body.content ?? record?.callbacks.find((c) => c.type === 4)?.body.data?.content;
      return typeof content === "string" ? content : undefined;
    },
    20_000,
    "cancel reply",
  );
}

function resultMessages(w: World) {
  return [w.channelId, ...w.discord.threads().map((t) => t.id)]
    .flatMap((id) => w.discord.messages(id))
    .filter((m) => !m.deleted && m.raw.content?.includes("is ready"));
}

async function records(w: World): Promise<Job[]> {
  const jobs: Job[] = [];
  for await (const job of w.bot.store.all()) jobs.push(job);
  return jobs;
}

/**
 * Waits until the job has ended and been shown, then a quiet period longer than the rest of fal's scenario (a
 * runner still driving a stale copy would submit and deliver in it), then judges the outcome.
 */
async function verdict(w: World, reply: string): Promise<"cancelled" | "delivered"> {
  for (let i = 0; ; i += 1) {
    const jobs = await records(w);
    if (jobs.length === 1 && isTerminal(jobs[0]!) && jobs[0]!.finalShown !== false) break;
    if (i > 400) throw new Error(`the job did not end: ${JSON.stringify(jobs.map((j) => j.state))}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await new Promise((resolve) => setTimeout(resolve, 2_500));

  const [job] = await records(w);
  const ledger = await openLedger(w.env.STORE_URL!);
  const entries = await ledger.entries(w.guildId, monthKey(Date.now()));
  await ledger.close();
  const entry = entries.find((e) => e.id === job!.id);
  const results = resultMessages(w);
  const falJobs = [...w.fal.jobs.values()];
  const status = statusOf(w.progressMessage());

  expect(isTerminal(job!)).toBe(true);
  expect(falJobs.length).toBeLessThanOrEqual(1);
  if (job!.state === "cancelled") {
    expect(reply).toContain("Cancelled");
    expect(results).toEqual([]);
    expect(status).toMatch(/^🚫/);
    // fal never ran it (never had it, or cancelled it while queued): nothing made, nothing billed
    if (falJobs[0]) expect(falJobs[0].state).toBe("CANCELLED");
    expect(job!.runningAt).toBeUndefined();
    expect(entry).toMatchObject({ state: "settled", outcome: "cancelled-queued", billedMicros: 0 });
    return "cancelled";
  }
  expect(job!.state).toBe("delivered");
  expect(reply).toContain("Too late");
  expect(results).toHaveLength(1);
  expect(status).toMatch(/^✅/);
  expect(job!.resultSec).toBeGreaterThan(0);
  expect(entry).toMatchObject({ state: "settled", outcome: "delivered", billedMicros: madeMicros(job!) });
  return "delivered";
}

describe("Cancel at every step of a job's early life", () => {
  it("checking: the progress message exists but the bot has not heard back from Discord yet", async () => {
    const { w } = await begin();
    // Discord has made the message (members see its Cancel button); its answer to the bot is slow
    const held = w.discord.hold({ method: "POST", path: progressPath(w), phase: "answer" });
    await held.reached;
    expect((await records(w)).map((j) => j.state)).toEqual(["checking"]);
    const cancel = pressCancel(w);
    await cancelReachedRunner(w);
    held.release();
    expect(await verdict(w, await cancelReply(w, cancel))).toBe("cancelled");
    expect(w.fal.requests.filter((r) => r.kind === "submit")).toHaveLength(0);
  });

  it('progress posted: Cancel pressed while the member\'s "Started!" reply is still being sent', async () => {
    const { w, token } = await begin();
    const held = w.discord.hold({ method: "PATCH", path: new RegExp(`^/webhooks/\\d+/${token}/messages/@original$`) });
    await held.reached;
    const cancel = pressCancel(w);
    const reply = await cancelReply(w, cancel);
    held.release();
    // the runner held the job before the button existed: the cancel is never lost, whenever it lands
    expect(await verdict(w, reply)).toBe("cancelled");
  });

  it("before submit: the runner has the job and is about to send it to fal", async () => {
    const held = (gates.beforeSubmit = gate());
    const { w } = await begin();
    await held.reached;
    const cancel = pressCancel(w);
    await cancelReachedRunner(w);
    held.release();
    expect(await verdict(w, await cancelReply(w, cancel))).toBe("cancelled");
  });

  it("submit sent: fal has the job, the bot has not read fal's answer yet", async () => {
    const held = (gates.afterSubmit = gate());
    const { w } = await begin();
    await held.reached;
    await w.fal.waitFor((fal) => fal.jobs.size === 1);
    const cancel = pressCancel(w);
    await cancelReachedRunner(w);
    held.release();
    expect(await verdict(w, await cancelReply(w, cancel))).toBe("cancelled");
    expect([...w.fal.jobs.values()][0]!.cancelCalls).toBeGreaterThanOrEqual(1);
  });

  it("queued: fal has it in its queue", async () => {
    const { w } = await begin();
    await w.discord.waitFor(() => statusOf(w.progressMessage()).startsWith("⏳"), 15_000, "queued");
    const cancel = pressCancel(w);
    expect(await verdict(w, await cancelReply(w, cancel))).toBe("cancelled");
  });

  it("too late: fal finished it as Cancel was pressed — delivered and billed, not cancelled for free", async () => {
    const held = (gates.afterSubmit = gate());
    const { w } = await begin({ timeline: [], outcome: { type: "result" } });
    await held.reached;
    // fal made the video before the bot even recorded the submit
    await w.fal.waitFor((fal) => [...fal.jobs.values()][0]?.state === "COMPLETED");
    const cancel = pressCancel(w);
    await cancelReachedRunner(w);
    held.release();
    expect(await verdict(w, await cancelReply(w, cancel))).toBe("delivered");
  });

  it("after a restart: Cancel pressed the moment the new process is connected, before it resumed the job", async () => {
    const { w } = await begin({
      timeline: [{ status: "IN_QUEUE", queuePosition: 2, ms: 60_000 }],
      outcome: { type: "result" },
    });
    await w.discord.waitFor(() => statusOf(w.progressMessage()).startsWith("⏳"), 15_000, "queued");
    const readies = w.discord.gatewayFrames.filter((f) => f.direction === "out" && f.t === "READY").length;
    const restarted = w.restart();
    // the first instant Discord can deliver an interaction to the new process
    await w.discord.waitFor(
      () => w.discord.gatewayFrames.filter((f) => f.direction === "out" && f.t === "READY").length > readies,
      20_000,
      "new session",
    );
    const cancel = pressCancel(w);
    await restarted;
    expect(await verdict(w, await cancelReply(w, cancel))).toBe("cancelled");
    expect(w.fal.requests.filter((r) => r.kind === "submit")).toHaveLength(1);
  });

  it(
    "cancelled by another process sharing the store: the runner here sees it at its next save, lets " +
      "go, never overwrites or delivers",
    async () => {
      const { w } = await begin({
        timeline: [
          { status: "IN_QUEUE", queuePosition: 1, ms: 1_500 },
          { status: "IN_PROGRESS", ms: 300 },
        ],
        outcome: { type: "result" },
      });
      await w.discord.waitFor(() => statusOf(w.progressMessage()).startsWith("⏳"), 15_000, "queued");
      // what that process's Cancel does: cancel at fal, then save the cancelled record unless it moved (then read again)
      const first = (await records(w))[0]!;
      await createFalGateway({ key: w.fal.key, queueUrl: w.fal.queueUrl, restUrl: w.fal.restUrl }).cancel(
        first.endpoint,
        first.requestId!,
      );
      let cancelled: Job | undefined;
      while (!cancelled) {
        const current = (await w.bot.store.get(first.id))!;
        cancelled = await w.bot.store
          .save(transition(current, "cancelled", Date.now(), { cancelledBy: w.userId, finalShown: true }))
          .catch((error: unknown) => {
            if (error instanceof StaleJobError) return undefined;
            throw error;
          });
      }
      await w.discord.waitFor(
        () => w.logs.some((l) => l.includes("this runner lets go of it")),
        10_000,
        "runner let go",
      );
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      expect(await w.bot.store.get(first.id)).toStrictEqual(cancelled);
      expect(resultMessages(w)).toEqual([]);
      expect([...w.fal.jobs.values()][0]!.state).toBe("CANCELLED");
      expect(statusOf(w.progressMessage())).toMatch(/^🚫/);
      expect(w.logs.join("")).not.toContain('"msg":"job failed"');
    },
  );
});
