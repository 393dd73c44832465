/**
 * Crash loop on the job queue (issue 11, "jobs on BullMQ"): two real bot processes (`node --import tsx
 * src/main.ts`, only documented environment variables) share one Redis for the store and the BullMQ queue — one
 * runs the gateway and a worker (BOT_ROLE=all), the other a worker only (BOT_ROLE=worker). For each command, the
 * process working the job is SIGKILLed at a seeded-random point of the job's life (sometimes the one that took
 * it over is killed too); the other process takes the job over (BullMQ's stalled-job recovery) while the killed
 * one is started again. Every run is judged: each kill happened at its point, to the process working the job; the
 * job was taken over within the stall interval; fal got exactly one submit and the member exactly one result and
 * one progress message (or the designed "submit in doubt" ending when the kill landed between the submit and its
 * recorded answer); the ledger settled the job's reservation at what src/quota/billing.ts charges.
 *
 *   npm run crash-test:queue                      # 30 runs, seed 11
 *   CRASH_RUNS=100 CRASH_SEED=7 npm run crash-test:queue
 *   CRASH_VERBOSE=1 npm run crash-test:queue      # one line per run
 *
 * Why not two BOT_ROLE=all processes: without sharding, Discord sends every interaction to every gateway session
 * of the bot (the emulator does too), so two gateways would race each command; gateway sharding is what shares them.
 *
 * The Redis is TEST_REDIS_URL (shared): the loop takes a database no one uses (DBSIZE 0) and deletes its keys after.
 */
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Job } from "../../src/job.js";
import { hasWorkLeft } from "../../src/jobs/job-store.js";
import { settlementFor } from "../../src/quota/billing.js";
import { costMicros } from "../../src/money.js";
import { monthKey } from "../../src/periods.js";
import { openLedger } from "../../src/store/open-store.js";
import { killAllBots, spawnBot, type BotProcess } from "../support/bot-process.js";
import { freeRedisDb } from "../support/redis-db.js";
import {
  closeCrashWorld,
  isSubmitInDoubt,
  killPoint,
  mulberry32,
  poll,
  progressMessages,
  progressPosts,
  readJobs,
  resultMessagesFor,
  statusOf,
  startCrashWorld,
  TERMINAL,
  watchFrom,
  type CrashWorld,
  type KillPoint,
} from "./crash-loop.js";

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** QUEUE_STALL_MS for the loop: a dead worker's job is taken over within this */
export const STALL_MS = 1_500;
/** what "within the stall interval" allows on top (the survivor's poll, a busy 2-core machine) */
const TAKEOVER_SLACK_MS = 1_500;

/**
 * Points after the job is queued and worked (the points of the single-process crash loop that lie there), with
 * what a later kill of the process that took the job over can still reach (fal holds its answers until the killed
 * process is back, and its clock runs meanwhile: the job is done at fal by then, so only the result steps remain).
 */
const POINTS: { name: string; next: string[] }[] = [
  { name: "inspecting the clip (job saved as inspecting)", next: [] },
  {
    name: "re-hosting the input on fal storage",
    next: ["result requested from fal", "result POST received by Discord"],
  },
  { name: "submit request received by fal", next: [] },
  { name: "submit answered by fal", next: [] },
  { name: "queued (after a status call)", next: ["result requested from fal", "result POST received by Discord"] },
  { name: "running", next: ["result requested from fal", "result POST received by Discord"] },
  { name: "result requested from fal", next: ["result POST received by Discord"] },
  { name: "result POST received by Discord", next: [] },
];

export type QueueOutcome = "delivered once" | "submit in doubt" | "lost";

export interface QueueRunResult {
  run: number;
  kills: { point: string; fired: boolean; role?: string; takeoverMs?: number }[];
  outcome: QueueOutcome;
  falSubmits: number;
  problems: string[];
  ms: number;
  logs?: string;
}

export interface QueueCrashLoopOptions {
  runs: number;
  seed: number;
  /** chosen plans instead of seeded ones: the kill points (by name) of each run */
  plans?: readonly (readonly string[])[];
  log?: (line: string) => void;
  lostAfterMs?: number;
}

/**
 * `npm test`'s short mode: a kill while the worker reads the member's clip, one before the submit, in the submit's
 * doubt window, while fal runs it and at the result post; one job killed twice (the process that took it over is
 * killed too).
 */
export const SHORT_QUEUE_PLANS: readonly (readonly string[])[] = [
  ["inspecting the clip (job saved as inspecting)"],
  ["re-hosting the input on fal storage", "result POST received by Discord"],
  ["submit answered by fal"],
  ["running"],
];

interface Pool {
  env: Record<string, string>;
  /** the process that receives commands (BOT_ROLE=all) and the worker-only one */
  gateway: BotProcess;
  worker: BotProcess;
}

const spawnRole = (env: Record<string, string>, role: "all" | "worker") =>
  spawnBot({ ...env, BOT_ROLE: role }, 60_000, role === "all" ? '"msg":"logged in"' : '"msg":"worker ready"');

/** Which process works the job now: the last one to log that it took a queued job, since `from` (per process). */
function holder(pool: Pool, from: Map<BotProcess, number>): BotProcess | undefined {
  let best: { bot: BotProcess; at: number } | undefined;
  for (const bot of [pool.gateway, pool.worker]) {
    const lines = bot.stdout.slice(from.get(bot) ?? 0);
    for (const line of lines) {
      if (!line.includes('"msg":"working a queued job"')) continue;
      const at = (JSON.parse(line) as { time: number }).time;
      if (!best || at > best.at) best = { bot, at };
    }
  }
  return best?.bot;
}

/** One Redis is every process's store and queue. */
type World = CrashWorld & { storeUrl: string };

async function ledgerProblems(storeUrl: string, job: Job): Promise<string[]> {
  const ledger = await openLedger(storeUrl);
  try {
    const entries = (await ledger.entries(job.guildId!, monthKey(job.createdAt))).filter(
      (e) => e.id === job.reservationId,
    );
    const want = settlementFor(job, Date.now());
    const entry = entries[0];
    if (entries.length !== 1 || !entry) return [`ledger: ${entries.length} entries for the job's reservation`];
    const wantMicros = costMicros(want.billedMs, entry.pricePerSecondMicros);
    if (entry.state !== "settled" || entry.outcome !== want.outcome || entry.billedMicros !== wantMicros)
      return [
        `ledger: ${entry.state}/${entry.outcome} ${entry.billedMicros} µ$; billing says settled/${want.outcome} ${wantMicros} µ$`,
      ];
    if ((await ledger.openReservations()).some((o) => o.id === job.reservationId))
      return ["ledger: the job's reservation is still open"];
    return [];
  } finally {
    await ledger.close();
  }
}

async function runOne(
  world: World,
  pool: Pool,
  run: number,
  points: KillPoint[],
  rng: () => number,
  lostAfterMs: number,
  /** the last run: the killed processes need not be back before it is judged */
  last: boolean,
): Promise<QueueRunResult> {
  const { discord, fal } = world;
  const started = Date.now();
  const channelId = discord.addChannel({ guildId: world.guildId, type: 0, name: `queue-run-${run}` }).id as string;
  const user = discord.addUser({ username: `member${run}` });
  const falFrom = fal.requests.length;
  const discordFromRun = discord.requests.length;
  const problems: string[] = [];
  const logs: string[] = [];
  const kills: QueueRunResult["kills"] = points.map((p) => ({ point: p.name, fired: false }));
  const prompt = `queue run ${run}: a paper boat in @Video1`;
  const terminal = () => TERMINAL.test(statusOf(progressMessages(discord, channelId).at(-1)));
  const from = new Map<BotProcess, number>([
    [pool.gateway, pool.gateway.stdout.length],
    [pool.worker, pool.worker.stdout.length],
  ]);

  const interactionId = discord.sendCommand({
    channelId,
    userId: user.id as string,
    name: "kling-edit",
    options: { prompt, video: world.video },
  }).id;
  const respawns: Promise<void>[] = [];
  let discordFrom = discordFromRun;
  let falFromNow = falFrom;
  for (const [i, point] of points.entries()) {
    const watch = watchFrom(
      world,
      { channelId, interactionId, rng },
      { discordFrom, falFrom: falFromNow, cdnFrom: discord.cdnRequests.length },
    );
    const stop = new AbortController();
    const fired = await Promise.race([
      point.when(watch, stop.signal).then(
        () => true,
        () => false,
      ),
      poll(terminal, stop.signal, 20).then(
        () => false,
        () => false,
      ),
      sleep(lostAfterMs).then(() => false),
    ]);
    stop.abort();
    if (!fired) break;
    const victim = holder(pool, from);
    if (!victim) {
      problems.push(`kill ${i + 1} (${point.name}): no process had taken the job from the queue`);
      break;
    }
    const role = victim === pool.gateway ? "all" : "worker";
    await victim.kill();
    const killedAt = Date.now();
    kills[i] = { point: point.name, fired: true, role };
    // the result may have been recorded delivered in the instant before the kill: then there is nothing to take over
    const atKill = (await readJobs(world.storeUrl)).find((j) => j.channelId === channelId);
    logs.push(`--- ${role} process killed at ${point.name}`, ...victim.stdout.slice(from.get(victim) ?? 0));
    discordFrom = discord.requests.length;
    falFromNow = fal.requests.length;
    // the other process takes it over; the killed one is started again meanwhile (the pool stays two)
    const survivor = victim === pool.gateway ? pool.worker : pool.gateway;
    const survivorFrom = survivor.stdout.length;
    const replacement = spawnRole(pool.env, role);
    if (role === "all") pool.gateway = replacement;
    else pool.worker = replacement;
    from.set(replacement, 0);
    respawns.push(replacement.loggedIn);
    const tookOver = new AbortController();
    const taken = await Promise.race([
      poll(
        () =>
          survivor.stdout.slice(survivorFrom).some((l) => l.includes('"msg":"working a queued job"')) ||
          replacement.stdout.some((l) => l.includes('"msg":"working a queued job"')),
        tookOver.signal,
        5,
      ).then(
        () => true,
        () => false,
      ),
      sleep(lostAfterMs).then(() => false),
    ]);
    tookOver.abort();
    if (!taken && atKill && !hasWorkLeft(atKill)) continue;
    if (!taken) {
      problems.push(`kill ${i + 1} (${point.name}): no process took the job over`);
      break;
    }
    kills[i]!.takeoverMs = Date.now() - killedAt;
    if (points[i + 1]) {
      // the next kill needs a process to take over from the one working now: fal holds its answers (the job
      // stands still) until the killed process is back
      fal.pause();
      await replacement.loggedIn.finally(() => fal.resume());
    }
    if (kills[i]!.takeoverMs! > STALL_MS + TAKEOVER_SLACK_MS)
      problems.push(
        `kill ${i + 1}: taken over ${kills[i]!.takeoverMs} ms after the kill (stall interval ${STALL_MS} ms)`,
      );
  }
  const stop = new AbortController();
  const ended = await Promise.race([
    poll(terminal, stop.signal, 20).then(
      () => true,
      () => false,
    ),
    sleep(lostAfterMs).then(() => false),
  ]);
  stop.abort();
  await sleep(300); // any late post lands before judging
  if (!last) await Promise.all(respawns);

  const job = (await readJobs(world.storeUrl)).find((j) => j.channelId === channelId);
  const submits = fal.requests
    .slice(falFrom)
    .filter((r) => r.kind === "submit" && (r.body as { prompt?: string } | undefined)?.prompt === prompt);
  const results = resultMessagesFor(discord, channelId, job?.id);
  const posts = progressPosts(discord, channelId, discordFromRun);
  const status = statusOf(progressMessages(discord, channelId).at(-1));
  for (const [i, kill] of kills.entries())
    if (!kill.fired) problems.push(`kill ${i + 1} (${kill.point}) never happened`);
  if (submits.length !== 1) problems.push(`fal got ${submits.length} submits for one command`);
  if (results.length > 1) problems.push(`${results.length} result messages`);
  if (posts !== 1) problems.push(`${posts} progress messages posted for one job`);
  let outcome: QueueOutcome = "lost";
  if (job?.state === "delivered" && status.startsWith("✅") && results.length === 1) outcome = "delivered once";
  else if (job && isSubmitInDoubt(job) && status.startsWith("❌") && results.length === 0) outcome = "submit in doubt";
  const inDoubtAllowed = kills.some((k) => k.fired && /^submit /.test(k.point));
  if (outcome === "lost" || (outcome === "submit in doubt" && !inDoubtAllowed))
    problems.push(`ended "${outcome}" (job ${job?.state ?? "never saved"}${ended ? "" : ", did not end in time"})`);
  if (job) problems.push(...(await ledgerProblems(world.storeUrl, job)));

  const result: QueueRunResult = {
    run,
    kills,
    outcome,
    falSubmits: submits.length,
    problems,
    ms: Date.now() - started,
  };
  if (problems.length) {
    result.logs = [
      `job record: ${JSON.stringify(job ?? null)}`,
      ...logs,
      "--- gateway now",
      ...pool.gateway.stdout,
      "--- worker now",
      ...pool.worker.stdout,
    ].join("\n");
  }
  return result;
}

function planFor(rng: () => number): KillPoint[] {
  const first = POINTS[Math.floor(rng() * POINTS.length)]!;
  const points = [killPoint(first.name)];
  if (first.next.length && rng() < 0.35) points.push(killPoint(first.next[Math.floor(rng() * first.next.length)]!));
  return points;
}

export interface QueueCrashLoopSummary {
  runs: number;
  delivered: number;
  submitInDoubt: number;
  broken: number;
  killsFired: number;
  takeoverMs: { max: number; p50: number };
  results: QueueRunResult[];
  line: string;
}

export async function queueCrashLoop(options: QueueCrashLoopOptions): Promise<QueueCrashLoopSummary> {
  const log = options.log ?? (() => undefined);
  const lostAfterMs = options.lostAfterMs ?? 30_000;
  const rng = mulberry32(options.seed);
  const plans = options.plans
    ? options.plans.map((names) => names.map(killPoint))
    : Array.from({ length: options.runs }, () => planFor(rng));
  const redisDb = await freeRedisDb();
  const crashWorld = await startCrashWorld("Queue Crash Lab", {
    STORE_URL: redisDb.url,
    QUEUE_STALL_MS: String(STALL_MS),
  });
  const results: QueueRunResult[] = [];
  try {
    const world: World = { ...crashWorld, storeUrl: redisDb.url };
    const { env } = world;
    const pool: Pool = { env, gateway: spawnRole(env, "all"), worker: spawnRole(env, "worker") };
    await Promise.all([pool.gateway.loggedIn, pool.worker.loggedIn]);
    for (const [index, points] of plans.entries()) {
      const result = await runOne(world, pool, index + 1, points, rng, lostAfterMs, index === plans.length - 1);
      results.push(result);
      const kills = result.kills
        .map((k) => `${k.point} [${k.role ?? "-"}]${k.fired ? ` taken over in ${k.takeoverMs} ms` : " (NOT KILLED)"}`)
        .join(" → ");
      log(
        `run ${result.run} ${kills}: ${result.outcome}` +
          `${result.problems.length ? `, BROKEN: ${result.problems.join("; ")}` : ""} (${(result.ms / 1000).toFixed(1)} s)`,
      );
      if (result.logs) log(result.logs);
    }
    await Promise.all([pool.gateway.stop(), pool.worker.stop()]);
  } finally {
    killAllBots();
    await closeCrashWorld(crashWorld);
    await redisDb.cleanup().catch(() => undefined);
  }
  const takeovers = results.flatMap((r) => r.kills.flatMap((k) => (k.takeoverMs === undefined ? [] : [k.takeoverMs])));
  const sorted = [...takeovers].sort((a, b) => a - b);
  const summary = {
    runs: results.length,
    delivered: results.filter((r) => r.outcome === "delivered once").length,
    submitInDoubt: results.filter((r) => r.outcome === "submit in doubt").length,
    broken: results.filter((r) => r.problems.length).length,
    killsFired: takeovers.length,
    takeoverMs: { max: sorted.at(-1) ?? 0, p50: sorted[Math.floor(sorted.length / 2)] ?? 0 },
    results,
  };
  const line =
    `queue crash-loop: ${summary.runs} runs, ${summary.delivered} delivered once, ${summary.submitInDoubt} closed as ` +
    `"submit in doubt", ${summary.broken} broken (seed ${options.seed}); ${summary.killsFired} kills of the working ` +
    `process, taken over in ${summary.takeoverMs.p50} ms median, ${summary.takeoverMs.max} ms max ` +
    `(QUEUE_STALL_MS ${STALL_MS})`;
  return { ...summary, line };
}

// `npm run crash-test:queue`
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const verbose = process.env.CRASH_VERBOSE === "1";
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      killAllBots();
      process.exit(130);
    });
  }
  const seed = Number(process.env.CRASH_SEED ?? 11);
  const summary = await queueCrashLoop({
    runs: Number(process.env.CRASH_RUNS ?? 30),
    seed,
    log: (line) => {
      if (verbose || /BROKEN|job record/.test(line)) console.log(line);
      else process.stdout.write(".");
    },
  });
  if (!verbose) process.stdout.write("\n");
  console.log(summary.line);
  process.exitCode = summary.broken ? 1 : 0;
}
