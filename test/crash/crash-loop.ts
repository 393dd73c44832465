/**
 * Crash loop (issue 4, "never lose a paid result"): runs the real bot process (`node --import tsx src/main.ts`,
 * only documented environment variables) against the Discord and fal emulators, kills it with SIGKILL at a
 * seeded-random moment of a job's life, sometimes more than once, restarts it, and checks how every job ended:
 * delivered exactly once, or failed with a message on its progress message. Nothing may be lost or posted twice.
 *
 *   npm run crash-test                      # 50 runs, seed 42
 *   CRASH_RUNS=200 CRASH_SEED=7 npm run crash-test
 *   CRASH_VERBOSE=1 npm run crash-test      # one line per run
 *
 * One emulator pair serves every run; each run has its own channel, member and SQLite file. Exit code 1 when a
 * job was lost or duplicated.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { loadConfig } from "../../src/config.js";
import { deployCommands } from "../../src/discord/deploy-commands.js";
import type { Job } from "../../src/jobs/job.js";
import { JobStore } from "../../src/jobs/job-store.js";
import { openStore } from "../../src/store/open-store.js";
import { startDiscordEmulator, type DiscordAttachment, type DiscordEmulator, type StoredMessage } from "../emulators/discord/index.js";
import { startFalEmulator, type FalEmulator } from "../emulators/fal/index.js";
import { makeVideo } from "../media/corpus.js";
import { botEnv } from "../support/bot-env.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

// ---------------------------------------------------------------------------------------------
// seeded randomness

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** resolves after ms, or at once when the signal aborts (so no timer outlives a race) */
const timeout = (ms: number, signal: AbortSignal) =>
  new Promise<void>((r) => {
    const timer = setTimeout(r, ms);
    signal.addEventListener("abort", () => {
      clearTimeout(timer);
      r();
    });
  });

// ---------------------------------------------------------------------------------------------
// the bot as a process

export interface BotProcess {
  child: ChildProcess;
  stdout: string[];
  stderr: string[];
  loggedIn: Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILL to the whole process group */
  kill(): Promise<void>;
  /** SIGTERM (graceful stop) and wait; SIGKILL after graceMs */
  stop(graceMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const live = new Set<BotProcess>();

/** Kills every bot this module started that is still running (also used on exit). */
export function killAllBots(): void {
  for (const bot of live) {
    try {
      process.kill(-bot.child.pid!, "SIGKILL");
    } catch {
      // already gone
    }
  }
  live.clear();
}
process.once("exit", killAllBots);

export function spawnBot(env: Record<string, string>, loginTimeoutMs = 60_000): BotProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: process.env.HOME ?? "/tmp", ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true, // its own process group, so a kill reaches every child it has (esbuild)
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  let buffered = "";
  let onLogin: (() => void) | undefined;
  let onLoginFail: ((error: Error) => void) | undefined;
  const loggedIn = new Promise<void>((res, rej) => {
    onLogin = res;
    onLoginFail = rej;
  });
  loggedIn.catch(() => undefined);
  child.stdout!.on("data", (d: Buffer) => {
    buffered += d.toString();
    const lines = buffered.split("\n");
    buffered = lines.pop() ?? "";
    for (const line of lines) {
      stdout.push(line);
      if (line.includes('"msg":"logged in"')) onLogin?.();
    }
  });
  child.stderr!.on("data", (d: Buffer) => stderr.push(d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((res) =>
    child.once("exit", (code, signal) => {
      live.delete(bot);
      onLoginFail?.(new Error(`bot exited (code ${code}, signal ${signal}) before logging in: ${stderr.join("").slice(-2000)}`));
      res({ code, signal });
    }),
  );
  const timer = setTimeout(() => onLoginFail?.(new Error(`bot did not log in within ${loginTimeoutMs} ms`)), loginTimeoutMs);
  void loggedIn.finally(() => clearTimeout(timer)).catch(() => undefined);
  const killGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // gone
    }
  };
  const bot: BotProcess = {
    child,
    stdout,
    stderr,
    loggedIn,
    exited,
    async kill() {
      killGroup("SIGKILL");
      await exited;
    },
    async stop(graceMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null) return exited;
      child.kill("SIGTERM");
      const forced = setTimeout(() => killGroup("SIGKILL"), graceMs);
      const result = await exited;
      clearTimeout(forced);
      killGroup("SIGKILL"); // anything the bot left behind in its group
      return result;
    },
  };
  live.add(bot);
  return bot;
}

// ---------------------------------------------------------------------------------------------
// kill points

/** What a trigger can look at: the emulators' records since the current bot process started. */
interface Watch {
  discord: DiscordEmulator;
  fal: FalEmulator;
  channelId: string;
  interactionId?: string;
  /** indexes into discord.requests / fal.requests where this bot process's traffic starts */
  discordFrom: number;
  falFrom: number;
  startedAt: number;
  rng: () => number;
}

interface KillPoint {
  name: string;
  /** only meaningful on the first process (the one that received the command) */
  firstOnly?: boolean;
  /** resolves when it is time to kill */
  when(w: Watch, signal: AbortSignal): Promise<void>;
}

/** Polls a cheap predicate every 2 ms (some emulator records appear before they emit a change). */
async function poll(pred: () => boolean, signal: AbortSignal): Promise<void> {
  while (!signal.aborted) {
    if (pred()) return;
    await sleep(2);
  }
  throw new Error("aborted");
}

const newFal = (w: Watch) => w.fal.requests.slice(w.falFrom);
const newDiscord = (w: Watch) => w.discord.requests.slice(w.discordFrom);
const isResultPost = (r: { method: string; path: string; body?: { content?: string } }) =>
  r.method === "POST" && /^\/channels\/\d+\/messages$/.test(r.path) && Boolean(r.body?.content?.includes("is ready"));

export const KILL_POINTS: KillPoint[] = [
  {
    name: "checking (after the deferred reply, while inputs are inspected)",
    firstOnly: true,
    async when(w, s) {
      await poll(() => Boolean(w.discord.interaction(w.interactionId!)?.callbacks.some((c) => c.type === 5)), s);
      await sleep(Math.floor(w.rng() * 400));
    },
  },
  {
    name: "progress message posted (before its id is saved)",
    firstOnly: true,
    when: (w, s) =>
      poll(() => newDiscord(w).some((r) => r.method === "POST" && r.path === `/channels/${w.channelId}/messages` && r.status === 200), s),
  },
  {
    name: "re-hosting the input on fal storage",
    when: (w, s) => poll(() => newFal(w).some((r) => r.kind === "upload-initiate" || r.kind === "upload-initiate-multipart"), s),
  },
  { name: "submit request received by fal", when: (w, s) => poll(() => newFal(w).some((r) => r.kind === "submit"), s) },
  { name: "submit answered by fal", when: (w, s) => poll(() => newFal(w).some((r) => r.kind === "submit" && r.status === 200), s) },
  {
    name: "queued (after a status call)",
    async when(w, s) {
      await poll(() => newFal(w).some((r) => r.kind === "status" && r.status === 200), s);
      await sleep(Math.floor(w.rng() * 250));
    },
  },
  {
    name: "running",
    async when(w, s) {
      await poll(() => newFal(w).some((r) => r.kind === "status" && r.requestId !== undefined && w.fal.jobs.get(r.requestId)?.state === "IN_PROGRESS"), s);
      await sleep(Math.floor(w.rng() * 700));
    },
  },
  { name: "result requested from fal", when: (w, s) => poll(() => newFal(w).some((r) => r.kind === "result"), s) },
  { name: "result video downloading", when: (w, s) => poll(() => newFal(w).some((r) => r.kind === "cdn"), s) },
  {
    name: "thread created (before the result is posted)",
    when: (w, s) => poll(() => newDiscord(w).some((r) => r.method === "POST" && /\/threads$/.test(r.path) && r.status < 300), s),
  },
  { name: "result POST received by Discord", when: (w, s) => poll(() => newDiscord(w).some(isResultPost), s) },
  {
    name: "just after the result was posted",
    async when(w, s) {
      await poll(() => newDiscord(w).some(isResultPost), s);
      await sleep(Math.floor(w.rng() * 120));
    },
  },
  {
    name: "a random time",
    async when(w) {
      await sleep(Math.floor(w.rng() * 4_000));
    },
  },
];

/** SIGTERM variant: fal holds every answer once the input is re-hosted, so the stop arrives while the submit waits. */
const SUBMIT_HELD: KillPoint = {
  name: "submit held unanswered at fal",
  async when(w, s) {
    await poll(() => newFal(w).some((r) => r.kind === "upload-put" && r.status === 200), s);
    await sleep(300);
  },
};

// ---------------------------------------------------------------------------------------------
// the loop

export type Outcome = "delivered once" | "failed with a message" | "not accepted" | "lost";

export interface RunResult {
  run: number;
  signal: "SIGKILL" | "SIGTERM";
  /** kill points planned, and whether each fired before the job ended */
  kills: { point: string; fired: boolean }[];
  outcome: Outcome;
  duplicate: string | undefined;
  jobState?: string;
  failure?: string;
  falSubmits: number;
  /** fal accepted the submit (it runs and bills) but the job was closed as failed: a submit in doubt */
  paidUndelivered: boolean;
  ms: number;
  logs?: string;
}

export interface CrashLoopOptions {
  runs: number;
  seed: number;
  /** also run the graceful-stop variants (SIGTERM mid-job, restart → delivered once) */
  sigterm?: boolean;
  /** per-run lines */
  log?: (line: string) => void;
  /** how long a job may take to end after the last restart before it counts as lost */
  lostAfterMs?: number;
}

export interface CrashLoopSummary {
  runs: number;
  seed: number;
  delivered: number;
  failed: number;
  notAccepted: number;
  lost: number;
  duplicates: number;
  killsFired: number;
  paidUndelivered: number;
  results: RunResult[];
  line: string;
}

interface World {
  discord: DiscordEmulator;
  fal: FalEmulator;
  guildId: string;
  env: Record<string, string>;
  video: DiscordAttachment;
  dir: string;
}

const TERMINAL = /^(✅|❌|🚫)/;

function statusOf(message: StoredMessage | undefined): string {
  return message?.raw.embeds?.[0]?.fields?.find((f: { name: string }) => f.name === "Status")?.value ?? "";
}

function progressMessages(discord: DiscordEmulator, channelId: string): StoredMessage[] {
  return discord.messages(channelId).filter((m) => !m.ephemeral && !m.deleted && m.raw.embeds?.[0]?.title?.startsWith("Kling"));
}

/** Result messages (the bot's message carrying Retry/Remix with this job's id) in the channel and its threads. */
function resultMessagesFor(discord: DiscordEmulator, channelId: string, jobId: string | undefined): StoredMessage[] {
  const places = [channelId, ...discord.threads().filter((t) => t.parentId === channelId).map((t) => t.id)];
  return places
    .flatMap((id) => discord.messages(id))
    .filter((m) => !m.deleted && !m.ephemeral)
    .filter((m) => {
      const ids: string[] = (m.raw.components ?? []).flatMap((row: { components?: { custom_id?: string }[] }) =>
        (row.components ?? []).map((c) => c.custom_id ?? ""),
      );
      return jobId ? ids.includes(`kling:retry:${jobId}`) : ids.some((id) => id.startsWith("kling:retry:"));
    });
}

async function readJobs(storeUrl: string): Promise<Job[]> {
  const keyv = await openStore(storeUrl);
  try {
    const jobs: Job[] = [];
    for await (const job of new JobStore(keyv).all()) jobs.push(job);
    return jobs;
  } finally {
    await keyv.disconnect().catch(() => undefined);
  }
}

async function startCrashWorld(): Promise<World> {
  const discord = await startDiscordEmulator();
  const fal = await startFalEmulator();
  // long enough to kill it queued and running; short enough for 50 runs
  fal.setDefaultScenario({
    timeline: [
      { status: "IN_QUEUE", queuePosition: 1, ms: 500 },
      { status: "IN_PROGRESS", logs: ["rendering"], ms: 1_200 },
    ],
    outcome: { type: "result" },
  });
  const guild = discord.addGuild({ name: "Crash Lab" });
  const dir = mkdtempSync(join(tmpdir(), "kling-crash-"));
  const env: Record<string, string> = { ...botEnv(discord, fal, { guildId: guild.id }), LOG_LEVEL: "info" };
  await deployCommands(loadConfig({ ...env, STORE_URL: `sqlite://${join(dir, "deploy.sqlite")}` }));
  const path = await makeVideo({ width: 1280, height: 720, durationSec: 3.5, fps: 24, pattern: "color" });
  const video = discord.addAttachment({ filename: "clip.mp4", contentType: "video/mp4", data: path, width: 1280, height: 720 });
  return { discord, fal, guildId: guild.id, env, video, dir };
}

type Plan = { signal: "SIGKILL"; points: KillPoint[] } | { signal: "SIGTERM"; points: KillPoint[]; holdSubmit?: boolean };

function planFor(rng: () => number): Plan {
  const first = KILL_POINTS[Math.floor(rng() * KILL_POINTS.length)]!;
  const later = KILL_POINTS.filter((k) => !k.firstOnly);
  const points = [first];
  // sometimes the restarted process is killed too (and once in a while the one after it)
  if (rng() < 0.35) points.push(later[Math.floor(rng() * later.length)]!);
  if (points.length === 2 && rng() < 0.3) points.push(later[Math.floor(rng() * later.length)]!);
  return { signal: "SIGKILL", points };
}

async function runOne(world: World, run: number, plan: Plan, rng: () => number, lostAfterMs: number): Promise<RunResult> {
  const { discord, fal } = world;
  const started = Date.now();
  const channel = discord.addChannel({ guildId: world.guildId, type: 0, name: `run-${run}` });
  const channelId = channel.id as string;
  const user = discord.addUser({ username: `member${run}` });
  const storeUrl = `sqlite://${join(world.dir, `run-${run}.sqlite`)}`;
  const env = { ...world.env, STORE_URL: storeUrl };
  const falFrom = fal.requests.length;
  const kills: RunResult["kills"] = plan.points.map((p) => ({ point: p.name, fired: false }));
  const logs: string[] = [];
  const terminal = () => {
    const progress = progressMessages(discord, channelId).at(-1);
    return TERMINAL.test(statusOf(progress));
  };

  let interactionId: string | undefined;
  let bot: BotProcess | undefined;
  let timedOut = false;
  try {
    for (let incarnation = 0; ; incarnation += 1) {
      const discordFrom = discord.requests.length;
      const falFromNow = fal.requests.length;
      bot = spawnBot(env);
      await bot.loggedIn;
      if (incarnation === 0) {
        interactionId = discord.sendCommand({
          channelId,
          userId: user.id as string,
          name: "kling-edit",
          options: { prompt: `run ${run}: a paper boat in @Video1`, video: world.video },
        }).id;
      }
      const point = plan.points[incarnation];
      if (point) {
        const watch: Watch = { discord, fal, channelId, interactionId, discordFrom, falFrom: falFromNow, startedAt: Date.now(), rng };
        const stop = new AbortController();
        const fired = await Promise.race([
          point.when(watch, stop.signal).then(() => true, () => false),
          // a kill point may fall just after the job ended (a restart must not post again): give it a moment
          poll(terminal, stop.signal).then(() => timeout(1_500, stop.signal)).then(() => false, () => false),
          timeout(lostAfterMs, stop.signal).then(() => false),
        ]);
        stop.abort();
        if (fired) {
          kills[incarnation]!.fired = true;
          if (plan.signal === "SIGKILL") {
            await bot.kill();
          } else {
            if ("holdSubmit" in plan && plan.holdSubmit) setTimeout(() => fal.resume(), 400);
            const exit = await bot.stop();
            if (exit.code !== 0) logs.push(`graceful stop exited with ${exit.code}/${exit.signal}`);
          }
          logs.push(...bot.stdout);
          continue;
        }
      }
      // no (more) kills: wait until the job ends, or until it is clear there is no job to end
      const since = Date.now();
      const nothingToDo = () =>
        Date.now() - since > 5_000 &&
        !bot!.stdout.some((l) => l.includes('"msg":"resuming job"')) &&
        progressMessages(discord, channelId).length === 0 &&
        !fal.requests.slice(falFrom).some((r) => r.kind === "submit");
      const stop = new AbortController();
      const ended = await Promise.race([
        poll(() => terminal() || nothingToDo(), stop.signal).then(() => true, () => false),
        timeout(lostAfterMs, stop.signal).then(() => false),
      ]);
      stop.abort();
      timedOut = !ended;
      // let the final edit and any late post land before the process stops
      await sleep(300);
      break;
    }
  } finally {
    if (bot) {
      await bot.stop();
      logs.push(...bot.stdout, ...bot.stderr);
    }
    if ("holdSubmit" in plan) fal.resume();
  }

  const jobs = await readJobs(storeUrl);
  const job = jobs[0];
  const submits = fal.requests.slice(falFrom).filter((r) => r.kind === "submit" && (r.body as { prompt?: string } | undefined)?.prompt?.startsWith(`run ${run}:`));
  const answered = submits.filter((r) => r.status === 200);
  const progress = progressMessages(discord, channelId);
  const status = statusOf(progress.at(-1));
  const results = resultMessagesFor(discord, channelId, job?.id);

  let duplicate: string | undefined;
  if (results.length > 1) duplicate = `${results.length} result messages`;
  else if (submits.length > 1 && submits[0]!.status === 200) duplicate = `${submits.length} fal submits (the first was answered)`;
  else if (jobs.length > 1) duplicate = `${jobs.length} job records for one command`;

  let outcome: Outcome;
  if (!job) {
    outcome = submits.length === 0 && progress.length === 0 && results.length === 0 && !timedOut ? "not accepted" : "lost";
  } else if (job.state === "delivered" && status.startsWith("✅") && results.length >= 1) {
    outcome = "delivered once";
  } else if (job.state === "failed" && status.startsWith("❌") && results.length === 0) {
    outcome = "failed with a message";
  } else {
    outcome = "lost";
  }
  // fal accepted it (and bills for it) but the member gets no video: the designed "submit in doubt" outcome
  const paidUndelivered = outcome !== "delivered once" && answered.length > 0;
  const result: RunResult = {
    run,
    signal: plan.signal,
    kills,
    outcome,
    duplicate,
    ...(job ? { jobState: job.state } : {}),
    ...(job?.failure ? { failure: job.failure } : {}),
    falSubmits: submits.length,
    paidUndelivered,
    ms: Date.now() - started,
  };
  if (outcome === "lost" || duplicate) {
    result.logs = [
      `job record: ${JSON.stringify(job ?? null)}`,
      `progress status: ${status}`,
      `results: ${results.map((m) => m.raw.id).join(",")}`,
      ...logs,
    ].join("\n");
  }
  return result;
}

export async function crashLoop(options: CrashLoopOptions): Promise<CrashLoopSummary> {
  const log = options.log ?? (() => undefined);
  const lostAfterMs = options.lostAfterMs ?? 60_000;
  const rng = mulberry32(options.seed);
  const world = await startCrashWorld();
  const results: RunResult[] = [];
  try {
    const plans: Plan[] = [];
    for (let i = 0; i < options.runs; i += 1) plans.push(planFor(rng));
    if (options.sigterm) {
      const running = KILL_POINTS.find((k) => k.name === "running")!;
      plans.push({ signal: "SIGTERM", points: [running] });
      plans.push({ signal: "SIGTERM", points: [SUBMIT_HELD], holdSubmit: true });
    }
    for (const [index, plan] of plans.entries()) {
      const run = index + 1;
      if ("holdSubmit" in plan && plan.holdSubmit) {
        // hold fal's answers once the submit is on its way, so the stop arrives mid-submit (answered 400 ms later)
        const from = world.fal.requests.length;
        void world.fal
          .waitFor((f) => f.requests.slice(from).some((r) => r.kind === "upload-put" && r.status === 200), 120_000)
          .then(() => world.fal.pause())
          .catch(() => undefined);
      }
      const result = await runOne(world, run, plan, rng, lostAfterMs);
      results.push(result);
      const kills = result.kills.map((k) => `${k.point}${k.fired ? "" : " (job ended first)"}`).join(" → ");
      log(
        `run ${run} [${result.signal}] ${kills}: ${result.outcome}${result.duplicate ? `, DUPLICATE: ${result.duplicate}` : ""}` +
          `${result.failure ? ` — ${result.failure.slice(0, 90)}` : ""} (${(result.ms / 1000).toFixed(1)} s)`,
      );
      if (result.logs) log(result.logs);
    }
  } finally {
    killAllBots();
    await Promise.all([world.discord.close(), world.fal.close()]);
    rmSync(world.dir, { recursive: true, force: true });
  }
  const count = (o: Outcome) => results.filter((r) => r.outcome === o).length;
  const summary = {
    runs: results.length,
    seed: options.seed,
    delivered: count("delivered once"),
    failed: count("failed with a message"),
    notAccepted: count("not accepted"),
    lost: count("lost"),
    duplicates: results.filter((r) => r.duplicate).length,
    killsFired: results.reduce((n, r) => n + r.kills.filter((k) => k.fired).length, 0),
    paidUndelivered: results.filter((r) => r.paidUndelivered).length,
    results,
  };
  const line =
    `crash-loop: ${summary.runs} runs, ${summary.delivered} delivered once, ${summary.failed} failed with a message, ` +
    `${summary.lost} lost, ${summary.duplicates} duplicates (seed ${summary.seed}); ` +
    `${summary.notAccepted} killed before the job was saved (nothing submitted), ${summary.killsFired} kills, ` +
    `${summary.paidUndelivered} accepted by fal but closed as "submit in doubt" (paid, not delivered)`;
  return { ...summary, line };
}

// `npm run crash-test`
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const runs = Number(process.env.CRASH_RUNS ?? 50);
  const seed = Number(process.env.CRASH_SEED ?? 42);
  const verbose = process.env.CRASH_VERBOSE === "1";
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      killAllBots();
      process.exit(130);
    });
  }
  const summary = await crashLoop({
    runs,
    seed,
    sigterm: true,
    log: (line) => {
      if (verbose || /lost|DUPLICATE|job record/.test(line)) console.log(line);
      else process.stdout.write(".");
    },
  });
  if (!verbose) process.stdout.write("\n");
  const byPoint = new Map<string, Map<Outcome, number>>();
  for (const r of summary.results) {
    const key = `${r.signal} ${r.kills[0]?.point ?? "-"}${r.kills.length > 1 ? ` (+${r.kills.length - 1} more)` : ""}`;
    const counts = byPoint.get(key) ?? new Map<Outcome, number>();
    counts.set(r.outcome, (counts.get(r.outcome) ?? 0) + 1);
    byPoint.set(key, counts);
  }
  for (const [key, counts] of [...byPoint].sort()) {
    console.log(`  ${key}: ${[...counts].map(([o, n]) => `${n} ${o}`).join(", ")}`);
  }
  console.log(summary.line);
  process.exitCode = summary.lost || summary.duplicates ? 1 : 0;
}
