/**
 * Crash loop (issue 4, "never lose a paid result"): runs the real bot process (`node --import tsx src/main.ts`,
 * only documented environment variables) against the Discord and fal emulators, kills it with SIGKILL at a
 * seeded-random point of a job's life, sometimes more than once, restarts it, and judges every run: each kill
 * happened at its point; the job was delivered exactly once, unless the point is one where failing is the designed
 * answer (`mayEnd`: "submit in doubt", "not accepted"); fal has a job the member never got only in doubt; one
 * progress message; the ledger holds one settled entry at what src/quota/billing.ts charges, and nothing left open.
 *
 *   npm run crash-test                      # 50 runs, seed 42
 *   CRASH_RUNS=200 CRASH_SEED=7 npm run crash-test
 *   CRASH_VERBOSE=1 npm run crash-test      # one line per run
 *
 * One emulator pair serves every run; each run has its own channel, member and SQLite file. Exit code 1 when any
 * run broke a promise. `npm test` runs SHORT_PLANS (chosen kill points) instead of seeded ones.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { loadConfig } from "../../src/config.js";
import { deployCommands } from "../../src/interactions/deploy-commands.js";
import { loadCommands } from "../../commands/index.js";
import { TERMINAL_STATES, type Job, type JobState } from "../../src/job.js";
import { JobStore } from "../../src/jobs/job-store.js";
import { GuildSettingsStore } from "../../src/guild/settings-store.js";
import { createLogger } from "../../src/logger.js";
import { settlementFor } from "../../src/quota/billing.js";
import { costMicros } from "../../src/money.js";
import { monthKey } from "../../src/periods.js";
import { ORPHAN_RESERVATION_MS, QuotaService } from "../../src/quota/quota-service.js";
import { openLedger, openStore } from "../../src/store/open-store.js";
import {
  startDiscordEmulator,
  type DiscordAttachment,
  type DiscordEmulator,
  type StoredMessage,
} from "../../emulators/discord/index.js";
import { startFalEmulator, type FalEmulator } from "../../emulators/fal/index.js";
import { botEnv } from "../support/bot-env.js";
import { killAllBots, spawnBot, type BotProcess } from "../support/bot-process.js";
import { attachVideo } from "../support/clip.js";

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
// kill points

/** What a trigger can look at: the emulators' records since the current bot process started. */
export interface Watch {
  discord: DiscordEmulator;
  fal: FalEmulator;
  channelId: string;
  interactionId?: string;
  /** indexes into discord.requests / fal.requests where this bot process's traffic starts */
  discordFrom: number;
  falFrom: number;
  cdnFrom: number;
  /** the member's clip, as its CDN path ends */
  clipName: string;
  startedAt: number;
  rng: () => number;
}

/**
 * What a job killed at a point may end as, by design, besides "delivered once":
 * - "not accepted": the process died before the job record was saved; Discord shows the deferred reply thinking and
 *   the reservation (if taken) is an orphan that reconciliation releases after ORPHAN_RESERVATION_MS.
 * - "submit in doubt": the process died after telling fal but before saving fal's request id. Resubmitting could pay
 *   twice, so the job is closed as failed (fal may have run it: the one designed case of paid, not delivered).
 */
export type DesignedFailure = "not accepted" | "submit in doubt";

export interface KillPoint {
  name: string;
  /** only meaningful on the first process (the one that received the command) */
  firstOnly?: boolean;
  /** the designed answers other than delivered once when the kill lands here */
  mayEnd?: readonly DesignedFailure[];
  /**
   * the earliest point a later kill in the same run can still reach (fal's clock keeps running while the bot is
   * down: after a kill once fal has the job, the job is usually done at fal by the time the next process polls).
   * "none": the job may have ended (or never started), so nothing can follow.
   */
  next?: string;
  /** the job may be saved as delivered in the instant before the kill lands */
  mayFinishFirst?: boolean;
  /** the kill lands before the job record is saved */
  beforeSave?: boolean;
  /** resolves when it is time to kill */
  when(w: Watch, signal: AbortSignal): Promise<void>;
}

/** Polls a cheap predicate every 2 ms (some emulator records appear before they emit a change) until it holds. */
export async function poll(pred: () => boolean, signal: AbortSignal, everyMs = 2): Promise<void> {
  while (!signal.aborted) {
    if (pred()) return;
    await sleep(everyMs);
  }
  throw new Error("aborted");
}

/** A watch on the run from here on: `from` says where the current process's traffic starts in each record. */
export const watchFrom = (
  world: CrashWorld,
  at: { channelId: string; interactionId: string | undefined; rng: () => number },
  from: { discordFrom: number; falFrom: number; cdnFrom: number },
): Watch => ({
  discord: world.discord,
  fal: world.fal,
  ...at,
  ...from,
  clipName: world.video.filename,
  startedAt: Date.now(),
});

const newFal = (w: Watch) => w.fal.requests.slice(w.falFrom);
const newDiscord = (w: Watch) => w.discord.requests.slice(w.discordFrom);
const isResultPost = (r: { method: string; path: string; body?: { content?: string } }) =>
  r.method === "POST" && /^\/channels\/\d+\/messages$/.test(r.path) && Boolean(r.body?.content?.includes("is ready"));

export const KILL_POINTS: KillPoint[] = [
  {
    name: "checking (after the deferred reply, while inputs are inspected)",
    firstOnly: true,
    mayEnd: ["not accepted"],
    next: "none",
    async when(w, s) {
      await poll(() => Boolean(w.discord.interaction(w.interactionId!)?.callbacks.some((c) => c.type === 5)), s);
      await sleep(Math.floor(w.rng() * 400));
    },
  },
  {
    // admission has reserved the job's quota and saved it as inspecting: the next process reads the clip again
    name: "inspecting the clip (job saved as inspecting)",
    firstOnly: true,
    next: "none",
    when: (w, s) => poll(() => w.discord.cdnRequests.slice(w.cdnFrom).some((r) => r.path.includes(w.clipName)), s),
  },
  {
    name: "progress message posted (before its id is saved)",
    firstOnly: true,
    when: (w, s) =>
      poll(
        () =>
          newDiscord(w).some(
            (r) => r.method === "POST" && r.path === `/channels/${w.channelId}/messages` && r.status === 200,
          ),
        s,
      ),
  },
  {
    name: "re-hosting the input on fal storage",
    when: (w, s) =>
      poll(() => newFal(w).some((r) => r.kind === "upload-initiate" || r.kind === "upload-initiate-multipart"), s),
  },
  {
    name: "submit request received by fal",
    mayEnd: ["submit in doubt"],
    next: "none",
    when: (w, s) => poll(() => newFal(w).some((r) => r.kind === "submit"), s),
  },
  {
    name: "submit answered by fal",
    mayEnd: ["submit in doubt"],
    next: "none",
    when: (w, s) => poll(() => newFal(w).some((r) => r.kind === "submit" && r.status === 200), s),
  },
  {
    name: "queued (after a status call)",
    next: "result requested from fal",
    async when(w, s) {
      await poll(() => newFal(w).some((r) => r.kind === "status" && r.status === 200), s);
      await sleep(Math.floor(w.rng() * 250));
    },
  },
  {
    name: "running",
    next: "result requested from fal",
    async when(w, s) {
      await poll(
        () =>
          newFal(w).some(
            (r) =>
              r.kind === "status" && r.requestId !== undefined && w.fal.jobs.get(r.requestId)?.state === "IN_PROGRESS",
          ),
        s,
      );
      await sleep(Math.floor(w.rng() * 700));
    },
  },
  {
    name: "result requested from fal",
    // the thread and the download follow within milliseconds, so the kill may land past them (and a thread is made
    // once): the next sure point is the result post, which every process that has not posted makes
    next: "result POST received by Discord",
    when: (w, s) => poll(() => newFal(w).some((r) => r.kind === "result"), s),
  },
  {
    name: "thread created (before the result is downloaded)",
    // the download and the post follow within milliseconds: the kill may land after the post
    next: "none",
    when: (w, s) =>
      poll(() => newDiscord(w).some((r) => r.method === "POST" && /\/threads$/.test(r.path) && r.status < 300), s),
  },
  {
    name: "result video downloading",
    next: "none", // as above: the post follows within milliseconds
    when: (w, s) => poll(() => newFal(w).some((r) => r.kind === "cdn"), s),
  },
  {
    name: "result POST received by Discord",
    mayFinishFirst: true,
    // the next process finds the posted result and posts nothing
    next: "none",
    when: (w, s) => poll(() => newDiscord(w).some(isResultPost), s),
  },
  {
    name: "just after the result was posted",
    next: "none",
    mayFinishFirst: true,
    async when(w, s) {
      await poll(() => newDiscord(w).some(isResultPost), s);
      await sleep(Math.floor(w.rng() * 120));
    },
  },
  {
    // anywhere from before the command is read to the delivery (a job here takes about 3 s end to end)
    name: "a random time",
    firstOnly: true,
    mayEnd: ["not accepted", "submit in doubt"],
    next: "none",
    async when(w) {
      await sleep(Math.floor(w.rng() * 2_500));
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

export type Outcome = "delivered once" | DesignedFailure | "lost";

export interface KillRecord {
  point: string;
  /** the point was reached while the job was still going, and the process was stopped there */
  fired: boolean;
  /** how the process ended: "SIGKILL", or "exit 0" after a graceful stop */
  exit?: string;
  /** the job record as the stopped process left it (undefined: not saved yet) */
  stateAtKill?: string;
}

export interface RunResult {
  run: number;
  signal: "SIGKILL" | "SIGTERM";
  kills: KillRecord[];
  outcome: Outcome;
  jobState?: string;
  failure?: string;
  falSubmits: number;
  /** fal has the job (it runs and bills) but the member got no video */
  paidUndelivered: boolean;
  /** every way this run broke a promise (empty: it kept them all) */
  problems: string[];
  ms: number;
  logs?: string;
}

export interface CrashLoopOptions {
  /** seeded plans: how many */
  runs: number;
  seed: number;
  /** chosen plans instead of seeded ones: each the kill points (by name) of one run, in order */
  plans?: readonly (readonly string[])[];
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
  submitInDoubt: number;
  notAccepted: number;
  lost: number;
  /** runs that broke any promise (lost, duplicated, wrong ledger, a kill that never happened, …) */
  broken: number;
  killsFired: number;
  paidUndelivered: number;
  results: RunResult[];
  line: string;
}

/** What both crash loops run against: the emulators, one guild, the bot's environment and the member's clip. */
export interface CrashWorld {
  discord: DiscordEmulator;
  fal: FalEmulator;
  guildId: string;
  env: Record<string, string>;
  video: DiscordAttachment;
  dir: string;
}

export const TERMINAL = /^(✅|❌|🚫)/;

export function statusOf(message: StoredMessage | undefined): string {
  return message?.raw.embeds?.[0]?.fields?.find((f: { name: string }) => f.name === "Status")?.value ?? "";
}

export function progressMessages(discord: DiscordEmulator, channelId: string): StoredMessage[] {
  return discord
    .messages(channelId)
    .filter((m) => !m.ephemeral && !m.deleted && m.raw.embeds?.[0]?.title?.startsWith("Kling"));
}

/** Every progress message the bot posted in the channel, deleted or not. */
export function progressPosts(discord: DiscordEmulator, channelId: string, from: number): number {
  return discord.requests
    .slice(from)
    .filter((r) => r.method === "POST" && r.path === `/channels/${channelId}/messages` && r.status === 200)
    .filter((r) => (r.body as { embeds?: { title?: string }[] } | undefined)?.embeds?.[0]?.title?.startsWith("Kling"))
    .length;
}

/** Result messages (the bot's message carrying Retry/Remix with this job's id) in the channel and its threads. */
export function resultMessagesFor(
  discord: DiscordEmulator,
  channelId: string,
  jobId: string | undefined,
): StoredMessage[] {
  const places = [
    channelId,
    ...discord
      .threads()
      .filter((t) => t.parentId === channelId)
      .map((t) => t.id),
  ];
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

export async function readJobs(storeUrl: string): Promise<Job[]> {
  const keyv = await openStore(storeUrl);
  try {
    const jobs: Job[] = [];
    for await (const job of new JobStore(keyv).all()) jobs.push(job);
    return jobs;
  } finally {
    await keyv.disconnect().catch(() => undefined);
  }
}

/** The designed "submit in doubt" ending: fal was told (the attempt was recorded first), its request id never saved. */
export const isSubmitInDoubt = (job: Job) =>
  job.state === "failed" && job.requestId === undefined && job.attempts.submit > 0;

/**
 * The ledger's side of one run, as the design says it must be once the bot has stopped: exactly one settled entry for
 * the job, at what the billing rules (src/quota/billing.ts) charge for how it ended, and no reservation left open. A
 * job that was never saved may leave an orphan reservation only until reconciliation releases it (checked by running
 * reconciliation with a clock past ORPHAN_RESERVATION_MS).
 */
export async function ledgerProblems(
  storeUrl: string,
  env: Record<string, string>,
  guildId: string,
  job: Job | undefined,
  /** the process died after admission reserved the job's quota and before the job was saved */
  orphaned: boolean,
): Promise<string[]> {
  const problems: string[] = [];
  const ledger = await openLedger(storeUrl);
  const keyv = await openStore(storeUrl);
  try {
    const month = monthKey(job?.createdAt ?? Date.now());
    const entries = await ledger.entries(guildId, month);
    if (job) {
      if (entries.length !== 1)
        problems.push(`ledger: ${entries.length} entries for one job (want 1): ${JSON.stringify(entries)}`);
      const entry = entries.find((e) => e.id === job.reservationId);
      const want = settlementFor(job, Date.now());
      if (!job.reservationId) problems.push("ledger: the job record has no reservation");
      else if (!entry) problems.push(`ledger: no entry for the job's reservation ${job.reservationId}`);
      else {
        const wantMicros = costMicros(want.billedMs, entry.pricePerSecondMicros);
        if (
          entry.state !== "settled" ||
          entry.outcome !== want.outcome ||
          entry.billedMs !== want.billedMs ||
          entry.billedMicros !== wantMicros
        ) {
          problems.push(
            `ledger: entry ${entry.state}/${entry.outcome} billed ${entry.billedMs} ms = ${entry.billedMicros} µ$; ` +
              `the billing rules say settled/${want.outcome} ${want.billedMs} ms = ${wantMicros} µ$ for a ${job.state} job`,
          );
        }
      }
      const open = await ledger.openReservations();
      if (open.length)
        problems.push(`ledger: ${open.length} reservation(s) left open: ${open.map((o) => o.id).join(", ")}`);
    } else {
      const settled = entries.filter((e) => e.state === "settled");
      if (settled.length) problems.push(`ledger: ${settled.length} settled entries for a job that was never saved`);
      // killed at admission's reservation or later: one orphan; earlier kills may also land before it
      const orphans = (await ledger.openReservations()).length;
      const allowed = orphaned ? [1] : [0, 1];
      if (!allowed.includes(orphans))
        problems.push(
          `ledger: ${orphans} open reservations for a job that was never saved (want ${allowed.join(" or ")})`,
        );
      const store = new JobStore(keyv);
      const later = { now: () => Date.now() + ORPHAN_RESERVATION_MS + 60_000 };
      const quota = new QuotaService(
        ledger,
        new GuildSettingsStore(keyv, loadConfig({ ...env, STORE_URL: storeUrl })),
        later,
        createLogger("silent"),
      );
      await quota.reconcile((id) => store.get(id));
      const open = await ledger.openReservations();
      if (open.length)
        problems.push(
          `ledger: reconciliation past ${ORPHAN_RESERVATION_MS / 60_000} min left ${open.length} orphan reservation(s) open`,
        );
    }
  } finally {
    await ledger.close().catch(() => undefined);
    await keyv.disconnect().catch(() => undefined);
  }
  return problems;
}

/** The emulators with the commands deployed; `env` is the bot's, with `extraEnv` on top (a queue's store, …). */
export async function startCrashWorld(guildName: string, extraEnv: Record<string, string> = {}): Promise<CrashWorld> {
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
  const guild = discord.addGuild({ name: guildName });
  const dir = mkdtempSync(join(tmpdir(), "kling-crash-"));
  const env = { ...botEnv(discord, fal, { guildId: guild.id }), LOG_LEVEL: "info", ...extraEnv };
  await deployCommands(loadConfig({ ...env, STORE_URL: `sqlite://${join(dir, "deploy.sqlite")}` }), loadCommands());
  const video = await attachVideo(discord);
  return { discord, fal, guildId: guild.id, env, video, dir };
}

export async function closeCrashWorld(world: CrashWorld): Promise<void> {
  await Promise.all([world.discord.close(), world.fal.close()]);
  rmSync(world.dir, { recursive: true, force: true });
}

type Plan =
  { signal: "SIGKILL"; points: KillPoint[] } | { signal: "SIGTERM"; points: KillPoint[]; holdSubmit?: boolean };

export function killPoint(name: string): KillPoint {
  const point = KILL_POINTS.find((k) => k.name === name);
  if (!point) throw new Error(`no kill point named "${name}"`);
  return point;
}

/** The points a later process of the same run can still be killed at, after a kill at `point`. */
export function reachableAfter(point: KillPoint): KillPoint[] {
  if (point.next === "none") return [];
  const from = point.next ? KILL_POINTS.indexOf(killPoint(point.next)) : KILL_POINTS.indexOf(point) + 1;
  return KILL_POINTS.slice(from).filter((k) => !k.firstOnly);
}

/** A chosen plan, checked: every later kill must still be reachable after the one before. */
export function chosenPlan(names: readonly string[]): Plan {
  const points = names.map(killPoint);
  points.forEach((point, i) => {
    if (i > 0 && !reachableAfter(points[i - 1]!).includes(point)) {
      throw new Error(`plan ${names.join(" → ")}: "${point.name}" cannot follow "${points[i - 1]!.name}"`);
    }
  });
  return { signal: "SIGKILL", points };
}

function planFor(rng: () => number): Plan {
  const points = [KILL_POINTS[Math.floor(rng() * KILL_POINTS.length)]!];
  // sometimes the restarted process is killed too (and once in a while the one after it)
  for (const chance of [0.35, 0.3]) {
    const later = reachableAfter(points.at(-1)!);
    if (!later.length || rng() >= chance) break;
    points.push(later[Math.floor(rng() * later.length)]!);
  }
  return { signal: "SIGKILL", points };
}

async function runOne(
  world: CrashWorld,
  run: number,
  plan: Plan,
  rng: () => number,
  lostAfterMs: number,
): Promise<RunResult> {
  const { discord, fal } = world;
  const started = Date.now();
  const channel = discord.addChannel({ guildId: world.guildId, type: 0, name: `run-${run}` });
  const channelId = channel.id as string;
  const user = discord.addUser({ username: `member${run}` });
  const storeUrl = `sqlite://${join(world.dir, `run-${run}.sqlite`)}`;
  const env = { ...world.env, STORE_URL: storeUrl };
  const falFrom = fal.requests.length;
  const discordFromRun = discord.requests.length;
  const kills: KillRecord[] = plan.points.map((p) => ({ point: p.name, fired: false }));
  const logs: string[] = [];
  const problems: string[] = [];
  const terminal = () => {
    const progress = progressMessages(discord, channelId).at(-1);
    return TERMINAL.test(statusOf(progress));
  };

  let interactionId: string | undefined;
  let bot: BotProcess | undefined;
  let timedOut: boolean | undefined;
  try {
    for (let incarnation = 0; ; incarnation += 1) {
      const discordFrom = discord.requests.length;
      const falFromNow = fal.requests.length;
      const cdnFrom = discord.cdnRequests.length;
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
        const watch = watchFrom(
          world,
          { channelId, interactionId, rng },
          { discordFrom, falFrom: falFromNow, cdnFrom },
        );
        const stop = new AbortController();
        const fired = await Promise.race([
          point.when(watch, stop.signal).then(
            () => true,
            () => false,
          ),
          // a kill point may fall just after the job ended (a restart must not post again): give it a moment
          poll(terminal, stop.signal)
            .then(() => timeout(1_500, stop.signal))
            .then(
              () => false,
              () => false,
            ),
          timeout(lostAfterMs, stop.signal).then(() => false),
        ]);
        stop.abort();
        if (fired) {
          const kill = kills[incarnation]!;
          kill.fired = true;
          if (plan.signal === "SIGKILL") {
            await bot.kill();
            const exit = await bot.exited;
            kill.exit = exit.signal ?? `exit ${exit.code}`;
          } else {
            if ("holdSubmit" in plan && plan.holdSubmit) setTimeout(() => fal.resume(), 400);
            const exit = await bot.stop();
            kill.exit = exit.signal ?? `exit ${exit.code}`;
          }
          const [record] = await readJobs(storeUrl);
          if (record) kill.stateAtKill = record.state;
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
        poll(() => terminal() || nothingToDo(), stop.signal).then(
          () => true,
          () => false,
        ),
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
  const submits = fal.requests
    .slice(falFrom)
    .filter(
      (r) => r.kind === "submit" && (r.body as { prompt?: string } | undefined)?.prompt?.startsWith(`run ${run}:`),
    );
  const falJobs = [...fal.jobs.values()].filter((j) =>
    (j.input as { prompt?: string } | undefined)?.prompt?.startsWith(`run ${run}:`),
  );
  const progress = progressMessages(discord, channelId);
  const status = statusOf(progress.at(-1));
  const results = resultMessagesFor(discord, channelId, job?.id);

  // the kills: each happened, at its point, to a live process
  const fired = plan.points.filter((_, i) => kills[i]!.fired);
  for (const [i, kill] of kills.entries()) {
    const wantExit = plan.signal === "SIGKILL" ? "SIGKILL" : "exit 0";
    if (!kill.fired) problems.push(`kill ${i + 1} (${kill.point}) never happened: the job ended or stalled first`);
    else if (kill.exit !== wantExit)
      problems.push(`kill ${i + 1} (${kill.point}): the process ended with ${kill.exit}, not ${wantExit}`);
    else if (plan.points[i]!.beforeSave && kill.stateAtKill !== undefined) {
      problems.push(
        `kill ${i + 1} (${kill.point}): the job record was already saved (${kill.stateAtKill}) when the process died`,
      );
    } else if (
      !plan.points[i]!.mayEnd &&
      !plan.points[i]!.mayFinishFirst &&
      !(kill.stateAtKill && !TERMINAL_STATES.includes(kill.stateAtKill as JobState))
    ) {
      // such a point lies after the job record is saved and before the job can end: the kill interrupted it
      problems.push(
        `kill ${i + 1} (${kill.point}): the job record was ${kill.stateAtKill ?? "not saved"} when the process died`,
      );
    }
  }

  // nothing duplicated
  if (jobs.length > 1) problems.push(`${jobs.length} job records for one command`);
  if (results.length > 1) problems.push(`${results.length} result messages`);
  if (submits.length > 1 || falJobs.length > 1)
    problems.push(`fal got ${submits.length} submits and has ${falJobs.length} jobs for one command`);
  const posts = progressPosts(discord, channelId, discordFromRun);
  if (posts > 1) problems.push(`${posts} progress messages posted for one job`);

  // how it ended, and whether the design allows that ending after these kills
  let outcome: Outcome;
  if (!job) {
    outcome = submits.length === 0 && posts === 0 && results.length === 0 && !timedOut ? "not accepted" : "lost";
  } else if (job.state === "delivered" && status.startsWith("✅") && results.length === 1) {
    outcome = "delivered once";
  } else if (isSubmitInDoubt(job) && status.startsWith("❌") && results.length === 0) {
    outcome = "submit in doubt";
  } else {
    outcome = "lost";
  }
  const designed = new Set<Outcome>(["delivered once", ...fired.flatMap((p) => p.mayEnd ?? [])]);
  if (!designed.has(outcome)) {
    problems.push(
      `ended "${outcome}" (job ${job?.state ?? "never saved"}${job?.failure ? `: ${job.failure}` : ""}); after kills at ` +
        `${fired.map((p) => p.name).join(" → ") || "nothing"} the design allows only ${[...designed].join(" or ")}`,
    );
  }
  // fal runs (and bills) every job it has: the member may go without the video only when the submit was in doubt
  const paidUndelivered = outcome !== "delivered once" && (falJobs.length > 0 || submits.some((r) => r.status === 200));
  if (paidUndelivered && outcome !== "submit in doubt")
    problems.push(`fal has the job but the member got no video (${outcome})`);

  problems.push(
    ...(await ledgerProblems(
      storeUrl,
      env,
      world.guildId,
      job,
      fired.some((p) => p.beforeSave),
    )),
  );

  const result: RunResult = {
    run,
    signal: plan.signal,
    kills,
    outcome,
    ...(job ? { jobState: job.state } : {}),
    ...(job?.failure ? { failure: job.failure } : {}),
    falSubmits: submits.length,
    paidUndelivered,
    problems,
    ms: Date.now() - started,
  };
  if (problems.length) {
    result.logs = [
      `job record: ${JSON.stringify(job ?? null)}`,
      `progress status: ${status}`,
      `results: ${results.map((m) => m.raw.id).join(",")}`,
      ...logs,
    ].join("\n");
  }
  return result;
}

/**
 * The short mode in `npm test`: every kill point at least once, chosen rather than drawn, four runs killed more than
 * once (a later kill only where the job surely gets there again). Together with the two graceful stops.
 */
export const SHORT_PLANS: readonly (readonly string[])[] = [
  ["checking (after the deferred reply, while inputs are inspected)"],
  ["inspecting the clip (job saved as inspecting)"],
  ["progress message posted (before its id is saved)", "re-hosting the input on fal storage", "submit answered by fal"],
  ["submit request received by fal"],
  ["queued (after a status call)", "thread created (before the result is downloaded)"],
  ["running", "result video downloading"],
  ["result requested from fal", "result POST received by Discord"],
  ["just after the result was posted"],
  ["a random time"],
];

export async function crashLoop(options: CrashLoopOptions): Promise<CrashLoopSummary> {
  const log = options.log ?? (() => undefined);
  const lostAfterMs = options.lostAfterMs ?? 60_000;
  const rng = mulberry32(options.seed);
  const plans: Plan[] = options.plans
    ? options.plans.map(chosenPlan)
    : Array.from({ length: options.runs }, () => planFor(rng));
  if (options.sigterm) {
    plans.push({ signal: "SIGTERM", points: [killPoint("running")] });
    plans.push({ signal: "SIGTERM", points: [SUBMIT_HELD], holdSubmit: true });
  }
  const world = await startCrashWorld("Crash Lab");
  const results: RunResult[] = [];
  try {
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
      const kills = result.kills.map((k) => `${k.point}${k.fired ? "" : " (NOT KILLED)"}`).join(" → ");
      log(
        `run ${run} [${result.signal}] ${kills}: ${result.outcome}` +
          `${result.problems.length ? `, BROKEN: ${result.problems.join("; ")}` : ""} (${(result.ms / 1000).toFixed(1)} s)`,
      );
      if (result.logs) log(result.logs);
    }
  } finally {
    killAllBots();
    await closeCrashWorld(world);
  }
  const count = (o: Outcome) => results.filter((r) => r.outcome === o).length;
  const summary = {
    runs: results.length,
    seed: options.seed,
    delivered: count("delivered once"),
    submitInDoubt: count("submit in doubt"),
    notAccepted: count("not accepted"),
    lost: count("lost"),
    broken: results.filter((r) => r.problems.length).length,
    killsFired: results.reduce((n, r) => n + r.kills.filter((k) => k.fired).length, 0),
    paidUndelivered: results.filter((r) => r.paidUndelivered).length,
    results,
  };
  const line =
    `crash-loop: ${summary.runs} runs, ${summary.delivered} delivered once, ${summary.submitInDoubt} closed as "submit in doubt" ` +
    `(${summary.paidUndelivered} of them at fal: paid, not delivered), ${summary.notAccepted} killed before the job was saved, ` +
    `${summary.lost} lost, ${summary.broken} broken (seed ${summary.seed}); ${summary.killsFired} kills`;
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
      if (verbose || /BROKEN|job record/.test(line)) console.log(line);
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
  process.exitCode = summary.broken ? 1 : 0;
}
