/**
 * Issue 14: how long a member waits for the public progress message after a command, when many arrive at once.
 * Commands come at a steady rate (10 or 40 a second) while earlier jobs run at fal (their statuses change, so their
 * progress messages are edited); every command has its own attachment. Each job's path is timed from what the
 * emulators saw: the deferReply, the last read of its file before the progress post, the post (sent, answered), the
 * ephemeral "Started!" and the submit at fal. Also counted: the bot-token calls per second Discord saw (its global
 * limit is 50 a second; interaction routes are not bound by it), and the commands refused (as busy, or otherwise),
 * which are reported beside the percentiles rather than hidden in them. Each run starts with one warm-up command.
 */
import type { DiscordEmulator } from "../emulators/discord/index.js";
import type { FalEmulator } from "../emulators/fal/index.js";
import { attachClip, makeClip } from "../test/support/clip.js";
import { loadCommands } from "../commands/index.js";
import { loadConfig } from "../src/config.js";
import { deployCommands } from "../src/interactions/deploy-commands.js";
import type { BenchRow } from "./table.js";
import { BARE_CLIENT, pct, pollUntil, SHORT, sleep, startBenchWorld, startBotChild, type InputPath } from "./world.js";

export const STARTED_GOAL_P99_MS = 2_000;

/** A job's prompt carries this token, so its requests can be found in the emulators' records. */
export const tokenOf = (i: number) => `b${i}q`;

export interface SentCommand {
  i: number;
  interactionId: string;
  attachmentId: string;
  channelId: string;
  at: number;
}

/** The fal scenario every bench job follows: queued, then rendering, never finishing on its own. */
export const RUNNING_SCENARIO = {
  timeline: [
    { status: "IN_QUEUE" as const, queuePosition: 3, ms: 10_000 },
    { status: "IN_QUEUE" as const, queuePosition: 1, ms: 10_000 },
    { status: "IN_PROGRESS" as const, logs: ["Starting generation"], ms: 20_000 },
    { status: "IN_PROGRESS" as const, logs: ["50%"], ms: 1_000 },
  ],
  outcome: { type: "never" as const },
};

/** The bench clip: 1280×720, 3.5 s, as a member's phone would record it (small: a flat colour). */
export function benchClip(): Promise<string> {
  return makeClip();
}

/** Sends `jobs` /kling-edit commands at `perSecond`, each with its own upload, by distinct members. */
export async function sendCommands(
  discord: DiscordEmulator,
  channelIds: string[],
  opts: { jobs: number; perSecond: number; clip: string },
): Promise<SentCommand[]> {
  const users = Array.from({ length: opts.jobs }, (_, i) => discord.addUser({ username: `member${i}` }).id as string);
  const attachments = Array.from({ length: opts.jobs }, () => attachClip(discord, opts.clip));
  const sent: SentCommand[] = [];
  const t0 = Date.now();
  for (let i = 0; i < opts.jobs; i += 1) {
    const due = t0 + (i * 1000) / opts.perSecond;
    if (due > Date.now() + 1) await sleep(due - Date.now());
    const channelId = channelIds[i % channelIds.length]!;
    const { id } = discord.sendCommand({
      channelId,
      userId: users[i]!,
      name: "kling-edit",
      options: { prompt: `${tokenOf(i)} a paper boat in @Video1`, video: attachments[i]! },
    });
    sent.push({ i, interactionId: id, attachmentId: String(attachments[i]!.id), channelId, at: Date.now() });
  }
  return sent;
}

/**
 * One command through to its answer before anything is timed: the emulators compile each route's request schema on
 * its first call (the first deferReply waited 400 ms for it), and the bot's first command loads code the next ones
 * find ready. Its prompt carries no job token, so no figure counts it.
 */
export async function warmUp(discord: DiscordEmulator, channelId: string, clip: string): Promise<void> {
  const user = discord.addUser({ username: "warm-up" }).id as string;
  const video = attachClip(discord, clip);
  const { id } = discord.sendCommand({
    channelId,
    userId: user,
    name: "kling-edit",
    options: { prompt: "warm-up: a paper boat in @Video1", video },
  });
  await discord.waitFor(() => (discord.interaction(id)?.edits.length ?? 0) > 0, 30_000, "the warm-up answered", 50);
}

const PROGRESS_POST = "POST /channels/{channel_id}/messages";

/** The progress post of each sent command, once the emulator has answered it (undefined: refused, or not yet). */
function progressPosts(discord: DiscordEmulator, sent: SentCommand[]): Map<number, { at: number; doneAt: number }> {
  const byToken = new Map(sent.map((s) => [tokenOf(s.i), s.i]));
  const posts = new Map<number, { at: number; doneAt: number }>();
  for (const r of discord.requests) {
    if (r.route !== PROGRESS_POST || r.files.length || r.status !== 200) continue;
    const m = /\bb(\d+)q\b/.exec(JSON.stringify(r.body?.embeds ?? []));
    const i = m ? byToken.get(`b${m[1]}q`) : undefined;
    if (i !== undefined && !posts.has(i)) posts.set(i, { at: r.at, doneAt: r.at + r.durationMs });
  }
  return posts;
}

export interface Stage {
  p50: number;
  p99: number;
}
export interface StartedFigures {
  perSecond: number;
  inputs: InputPath;
  jobs: number;
  posted: number;
  /** commands that got no progress message: refused as busy by the media inspection, or for another reason */
  refused: { busy: number; other: number };
  /** command → the progress message exists (Discord answered its POST); refused commands are not in it */
  progress: Stage;
  /** where the time goes, each from the command: */
  breakdown: {
    deferred: Stage;
    /** the first read of the member's file (admission checks done) and the last before the progress post */
    inspecting: Stage;
    inspected: Stage;
    postSent: Stage;
    started: Stage;
    submitted: Stage;
  };
  /** the most bot-token calls Discord saw in one second while commands arrived, and the most calls of any kind */
  botCallsPerSecondMax: number;
  allCallsPerSecondMax: number;
}

/** Waits for every command's progress post (or refusal), then times each job's path from the emulators' records. */
export async function timeStarts(
  discord: DiscordEmulator,
  fal: FalEmulator,
  sent: SentCommand[],
  opts: { perSecond: number; inputs: InputPath; timeoutMs: number },
): Promise<StartedFigures> {
  const answered = () =>
    sent.filter((s) => (discord.interaction(s.interactionId)?.edits.length ?? 0) > 0).length >= sent.length;
  await pollUntil(answered, opts.timeoutMs, "every command answered", 250).catch(() => undefined);
  const posts = progressPosts(discord, sent);
  const sinceCommand = (s: SentCommand, at: number | undefined) => (at === undefined ? undefined : at - s.at);
  const stage = (f: (s: SentCommand) => number | undefined): Stage => {
    const xs = sent.map(f).filter((x): x is number => x !== undefined && Number.isFinite(x));
    return { p50: pct(xs, 50), p99: pct(xs, 99) };
  };
  const cdnReads = new Map<string, number[]>();
  for (const r of discord.cdnRequests) {
    const id = /ephemeral-attachments\/\d+\/(\d+)\//.exec(r.path)?.[1];
    if (id) cdnReads.set(id, [...(cdnReads.get(id) ?? []), r.at]);
  }
  const submits = new Map<string, number>();
  for (const r of fal.requests) {
    if (r.kind !== "submit") continue;
    const m = /\bb(\d+)q\b/.exec(JSON.stringify(r.body ?? ""));
    if (m && !submits.has(m[0])) submits.set(m[0], r.timestamp);
  }
  const first = sent[0]?.at ?? 0;
  const last = Math.max(0, ...[...posts.values()].map((p) => p.doneAt));
  const perSecond = (filter: (path: string) => boolean) => {
    const buckets = new Map<number, number>();
    for (const r of discord.requests) {
      if (r.at < first || r.at > last || !filter(r.path)) continue;
      const b = Math.floor((r.at - first) / 1000);
      buckets.set(b, (buckets.get(b) ?? 0) + 1);
    }
    return Math.max(0, ...buckets.values());
  };
  return {
    perSecond: opts.perSecond,
    inputs: opts.inputs,
    jobs: sent.length,
    posted: posts.size,
    refused: countRefusals(refusals(discord, sent)),
    progress: stage((s) => sinceCommand(s, posts.get(s.i)?.doneAt)),
    breakdown: {
      deferred: stage((s) => sinceCommand(s, discord.interaction(s.interactionId)?.callbacks[0]?.at)),
      inspecting: stage((s) => {
        const reads = cdnReads.get(s.attachmentId);
        return reads?.length ? Math.min(...reads) - s.at : undefined;
      }),
      inspected: stage((s) => {
        const postAt = posts.get(s.i)?.at;
        const reads = (cdnReads.get(s.attachmentId) ?? []).filter((at) => postAt === undefined || at <= postAt);
        return reads.length ? Math.max(...reads) - s.at : undefined;
      }),
      postSent: stage((s) => sinceCommand(s, posts.get(s.i)?.at)),
      started: stage((s) =>
        sinceCommand(
          s,
          discord.interaction(s.interactionId)?.edits.find((e) => String(e.body?.content ?? "").includes("Started!"))
            ?.at,
        ),
      ),
      submitted: stage((s) => sinceCommand(s, submits.get(tokenOf(s.i)))),
    },
    botCallsPerSecondMax: perSecond((p) => !/^\/(interactions|webhooks)\//.test(p)),
    allCallsPerSecondMax: perSecond(() => true),
  };
}

export function describeStarts(f: StartedFigures): string {
  const b = f.breakdown;
  const s = (x: Stage) => `${x.p50}/${x.p99}`;
  return (
    `${f.perSecond}/s ${f.inputs}: ${f.posted}/${f.jobs} posted (refused: ${f.refused.busy} busy, ${f.refused.other} other); ` +
    `p50/p99 ms from the command — deferred ${s(b.deferred)}, ` +
    `first read of the file ${s(b.inspecting)}, last ${s(b.inspected)}, progress post sent ${s(b.postSent)}, answered ${s(f.progress)}, ` +
    `"Started!" ${s(b.started)}, fal submit ${s(b.submitted)}; Discord saw at most ${f.botCallsPerSecondMax} bot-token ` +
    `calls/s (${f.allCallsPerSecondMax} in all)`
  );
}

/**
 * A fresh world (10 commands per channel) and a bot child, logged in and warmed up (the emulators compile a route's
 * schema on its first call); fal takes the links without fetching them, so the bench process's CPU is not the bot's.
 */
async function startedBot(commands: number, inputs?: InputPath, script?: string) {
  const world = await startBenchWorld(Math.ceil(commands / 10), inputs);
  world.fal.setDefaultScenario({ ...RUNNING_SCENARIO, fetchInputs: false });
  await deployCommands(loadConfig(world.env), loadCommands());
  const clip = await benchClip();
  const bot = startBotChild(world.env, script);
  try {
    await bot.ready;
    await warmUp(world.discord, world.channelIds[0]!, clip);
  } catch (error) {
    await bot.stop();
    await world.close();
    throw error;
  }
  return { world, clip, bot };
}

/** One run: a fresh world and bot, `jobs` commands at `perSecond`, timed; the bot is stopped with its jobs in flight. */
export async function benchStarts(
  opts: { perSecond: number; jobs: number; inputs: InputPath },
  log: (line: string) => void = console.log,
): Promise<StartedFigures> {
  const { world, clip, bot } = await startedBot(opts.jobs, opts.inputs);
  try {
    const sent = await sendCommands(world.discord, world.channelIds, { ...opts, clip });
    const figures = await timeStarts(world.discord, world.fal, sent, { ...opts, timeoutMs: 60_000 });
    log(`  ${describeStarts(figures)}`);
    const refused = refusals(world.discord, sent);
    if (Object.keys(refused).length) log(`  not started: ${JSON.stringify(refused)}`);
    return figures;
  } finally {
    await bot.stop();
    await world.close();
  }
}

/** What the bot answered commands that got no progress message (refusals), counted by their first line. */
export function refusals(discord: DiscordEmulator, sent: SentCommand[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of sent) {
    const content = String(discord.interaction(s.interactionId)?.edits.at(-1)?.body?.content ?? "(no answer)");
    if (content.includes("Started!")) continue;
    // "(no answer)" too: a command left unanswered is not a fast one
    const key = content.replace(/\s+/g, " ").slice(0, 160);
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
}

/** The media inspection's "too many files right now" refusal (src/media/inspect-pool.ts), apart from the rest. */
function countRefusals(refused: Record<string, number>): { busy: number; other: number } {
  let busy = 0;
  let other = 0;
  for (const [content, n] of Object.entries(refused)) {
    if (content.includes("reading too many files right now")) busy += n;
    else other += n;
  }
  return { busy, other };
}

// ---------------------------------------------------------------------------------------------
// P1 and issue 14's table rows

export const ACK_GOAL_P99_MS = 150;

/**
 * P1: a burst of commands sent all at once (after a warm-up); each one's deferReply, as Discord times it from the
 * dispatch. `bare`: the same burst answered by a bare discord.js client that only defers (P1's floor on this machine).
 */
export async function benchAckBurst(commands: number, opts: { bare?: boolean } = {}): Promise<Stage> {
  const { world, clip, bot } = await startedBot(commands, undefined, opts.bare ? BARE_CLIENT : undefined);
  try {
    // Infinity per second: all in the same instant
    const sent = await sendCommands(world.discord, world.channelIds, { jobs: commands, perSecond: Infinity, clip });
    const deferred = () => sent.filter((s) => world.discord.interaction(s.interactionId)?.callbacks.length).length;
    await pollUntil(() => deferred() >= sent.length, 30_000, "every command deferred", 100);
    const delays = sent.map((s) => world.discord.interaction(s.interactionId)!.callbacks[0]!.delayMs);
    // the jobs go on: stopped once each command was answered (a stop mid-inspection is logged as a failure)
    const answered = () => sent.filter((s) => world.discord.interaction(s.interactionId)?.edits.length).length;
    await pollUntil(() => answered() >= sent.length, 60_000, "every command answered", 250).catch(() => 0);
    return { p50: pct(delays, 50), p99: pct(delays, 99) };
  } finally {
    await bot.stop();
    await world.close();
  }
}

export async function benchStarted(log: (line: string) => void = console.log): Promise<{
  ack: Stage;
  starts: StartedFigures[];
  rows: BenchRow[];
}> {
  // the short run (CI) sends the whole burst too: its jobs are refused by nothing and stopped once answered
  const burst = 200;
  const ack = await benchAckBurst(burst);
  log(`ack burst: ${burst} commands at once, deferReply p50/p99 ${ack.p50}/${ack.p99} ms`);
  const floor = await benchAckBurst(burst, { bare: true });
  log(`ack burst, bare discord.js client (defers only): p50/p99 ${floor.p50}/${floor.p99} ms`);
  const starts: StartedFigures[] = [];
  // 15 s of commands in the full run (the edits of the first jobs load the budget by then); the short one (CI) runs
  // 2 s at 40 a second only
  for (const perSecond of SHORT ? [40] : [10, 40]) {
    for (const inputs of ["pass-through", "re-hosted"] as const) {
      const jobs = perSecond * (SHORT ? 2 : 15);
      starts.push(await benchStarts({ perSecond, jobs, inputs }, log));
    }
  }
  const rows: BenchRow[] = [
    {
      id: "P1",
      figure: `acknowledgement (deferReply), burst of ${burst} commands, p50 / p99 (ms)`,
      value: `${ack.p50} / ${ack.p99}`,
      goal: `p99 ≤ ${ACK_GOAL_P99_MS}`,
      met: ack.p99 <= ACK_GOAL_P99_MS,
    },
    {
      id: "",
      figure: `P1's floor: the same burst deferred by a bare discord.js client (no checks, no jobs), p50 / p99 (ms)`,
      value: `${floor.p50} / ${floor.p99}`,
      goal: "",
    },
    ...starts.flatMap((f): BenchRow[] => {
      const goal = f.perSecond === 40 && f.inputs === "pass-through";
      const b = f.breakdown;
      const notStarted = f.jobs - f.posted;
      return [
        {
          id: "#14",
          figure: `command → progress message, ${f.perSecond}/s, ${f.inputs} inputs, p50 / p99 (ms) of those started`,
          value:
            `${f.progress.p50} / ${f.progress.p99}` +
            ` [deferred ${b.deferred.p99}, inspected ${b.inspected.p99}, post sent ${b.postSent.p99} at p99]`,
          goal: goal ? `p99 ≤ ${STARTED_GOAL_P99_MS}` : "",
          ...(goal ? { met: f.progress.p99 <= STARTED_GOAL_P99_MS && notStarted === 0 } : {}),
        },
        {
          id: "#14",
          figure: `commands not started, ${f.perSecond}/s, ${f.inputs} inputs: refused as busy / other`,
          value: `${f.refused.busy} / ${f.refused.other} of ${f.jobs}`,
          goal: "0",
          met: notStarted === 0,
        },
      ];
    }),
  ];
  return { ack, starts, rows };
}
