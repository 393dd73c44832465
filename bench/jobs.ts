/**
 * Jobs at scale (issue 4):
 *  - in flight: 1,000 jobs started through real /kling-edit commands (INTERACTION_CREATE from the Discord
 *    emulator) and followed at fal with the production defaults (FAL_POLL_INTERVAL_MS = PROGRESS_EDIT_INTERVAL_MS
 *    = 5000). Measured over a window while all 1,000 are in flight: the bot's RSS (max), event-loop delay p99,
 *    fal status calls per job-minute; then, once they are delivered, Discord REST calls per job.
 *  - resume: 1,000 unfinished job records (submitted/queued/running, their fal requests alive in the emulator) in
 *    a SQLite store; the bot starts, and we time until every job has made its first status call.
 *
 * The bot runs startBot (src/bot.ts) with only its documented configuration in a child process of this bench
 * (this file with --bot-child), so its RSS and event-loop delay are its own and not the emulators'
 * (the emulators validate every request against Discord's OpenAPI spec, which would be charged to the bot).
 *
 * Goals: RSS ≤ 200 MB, delay p99 ≤ 50 ms, ≤ 12 status calls per job-minute, resume ≤ 2 s.
 * Env: BENCH_JOBS (default 1000), BENCH_WINDOW_S (default 60).
 */
import { execFileSync } from "node:child_process";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Job } from "../src/job.js";
import { JobStore } from "../src/jobs/job-store.js";
import { openStore } from "../src/store/open-store.js";
import { loadConfig } from "../src/config.js";
import { deployCommands } from "../src/interactions/deploy-commands.js";
import { loadCommands } from "../commands/index.js";
import { renderProgress } from "../src/discord/render.js";
import { DEFAULT_BOT_PERMISSIONS } from "../emulators/discord/index.js";
import { KLING_O3_EDIT } from "../emulators/fal/index.js";
import { benchSubscribePolling } from "./polling.js";
import {
  benchClip,
  describeStarts,
  RUNNING_SCENARIO,
  sendCommands,
  timeStarts,
  tokenOf,
  type StartedFigures,
} from "./started.js";
import type { BenchRow } from "./table.js";
import {
  countStatus,
  ENDED,
  pct,
  pollUntil,
  RESOLUTION_MS,
  ROOT,
  settleAllJobs,
  SHORT,
  sleep,
  startBenchWorld,
  startBotChild,
} from "./world.js";

const SELF = fileURLToPath(import.meta.url);

// bench/queue.ts takes the bot child and the world from here
export { pct, startBenchWorld, startBotChild, type BotHandle, type ChildReport } from "./world.js";

export const GOALS = { rssMb: 200, delayP99Ms: 50, statusPerJobMinute: 12, resumeMs: 2_000 };

// ---------------------------------------------------------------------------------------------
// in flight

export interface InFlightFigures {
  jobs: number;
  staggerS: number;
  windowS: number;
  rssIdleMb: number;
  rssMaxMb: number;
  heapUsedMb: number;
  delayP99Ms: number;
  delayMaxMs: number;
  statusPerJobMinute: number;
  discordCallsPerJob: number | undefined;
  discordBreakdown: Record<string, number>;
  delivered: number;
  failed: number;
  /** command → progress message, and where the time goes */
  starts: StartedFigures;
  /** a job's run, command to its final progress edit, on average (P4's goal allows 1 call per 5 s of it) */
  meanRunS: number;
  /** INTERACTION_CREATE → deferReply callback (Discord drops interactions not answered within 3 s) */
  deferMs: { p50: number; p99: number; over3s: number };
}

export async function benchJobsInFlight(log: (line: string) => void = console.log): Promise<InFlightFigures> {
  const jobs = Number(process.env.BENCH_JOBS ?? (SHORT ? 100 : 1000));
  const windowS = Number(process.env.BENCH_WINDOW_S ?? (SHORT ? 10 : 60));
  const staggerS = Math.ceil(jobs / 40); // 40 commands a second
  const world = await startBenchWorld(Math.ceil(jobs / 10)); // 10 jobs per channel
  const { discord, fal } = world;
  // every job waits in the queue, then renders until the bench settles it after the window (so all are in flight)
  fal.setDefaultScenario(RUNNING_SCENARIO);
  await deployCommands(loadConfig(world.env), loadCommands());
  const clip = await benchClip();

  const bot = startBotChild(world.env);
  try {
    await bot.ready;
    const idle = await bot.report();
    const discordFrom = discord.requests.length;
    const falFrom = fal.requests.length;
    log(
      `in flight: sending ${jobs} /kling-edit commands over ${staggerS} s (40/s, ${world.channelIds.length} channels)…`,
    );
    const sent = await sendCommands(discord, world.channelIds, { jobs, perSecond: 40, clip });
    const t0 = sent[0]!.at;
    const starts = await timeStarts(discord, fal, sent, { perSecond: 40, inputs: "re-hosted", timeoutMs: 120_000 });
    log(`  ${describeStarts(starts)}`);
    const accepted = starts.posted;
    const submitted = () => fal.requests.slice(falFrom).filter((r) => r.kind === "submit" && r.status === 200).length;
    await pollUntil(() => submitted() >= accepted, 120_000, `${accepted} submits`, 500);
    const allInFlightAt = Date.now();
    const deferMs = sent.map(
      (s) => discord.interaction(s.interactionId)?.callbacks[0]?.delayMs ?? Number.POSITIVE_INFINITY,
    );
    log(
      `  all ${accepted} started jobs submitted ${((allInFlightAt - t0) / 1000).toFixed(1)} s after the first command` +
        `${accepted < jobs ? ` (${jobs - accepted} refused)` : ""}; measuring ${windowS} s…`,
    );

    // the window: every job in flight (queued or rendering) throughout
    const atWindowStart = await bot.report();
    bot.reset();
    const windowFalFrom = fal.requests.length;
    const windowStart = Date.now();
    await sleep(windowS * 1000);
    const windowEnd = Date.now();
    const report = await bot.report();
    const statusCalls = fal.requests
      .slice(windowFalFrom)
      .filter((r) => r.kind === "status" && r.timestamp <= windowEnd).length;
    const statusPerJobMinute = statusCalls / accepted / ((windowEnd - windowStart) / 60_000);
    const inFlightNow = [...fal.jobs.values()].filter((j) => j.state !== "COMPLETED" && j.state !== "CANCELLED").length;
    log(`  window: ${statusCalls} status calls, ${inFlightNow} jobs still in flight at its end`);
    log(
      `  bot memory: RSS ${atWindowStart.rssNowMb.toFixed(0)} MB at the window's start (max since ` +
        `login ${atWindowStart.rssMaxMb.toFixed(0)} MB), ` +
        `${report.rssNowMb.toFixed(0)} MB at its end; heap used ${report.heapUsedMb.toFixed(0)} MB, ` +
        `external ${report.externalMb.toFixed(0)} MB (array buffers ${report.arrayBuffersMb.toFixed(0)} MB)`,
    );
    // now let fal finish them (100 a second), then let them finish, for Discord calls per delivered job
    await settleAllJobs(fal);
    let all = true;
    await pollUntil(() => countStatus(world, ENDED) >= accepted, 150_000, "all jobs finished", 1_000).catch(
      () => (all = false),
    );
    await sleep(500);
    const delivered = countStatus(world, /^✅/);
    const failed = countStatus(world, /^❌/);
    // the started jobs' calls: a refused command's acknowledgement and answer are not a job's
    const startedTokens = new Set(
      sent
        .filter((c) =>
          discord.interaction(c.interactionId)?.edits.some((e) => String(e.body?.content).includes("Started!")),
        )
        .map((c) => discord.interaction(c.interactionId)!.token),
    );
    const calls = discord.requests.slice(discordFrom).filter((r) => {
      const token = /^\/(?:interactions\/\d+|webhooks\/\d+)\/([^/]+)/.exec(r.path)?.[1];
      return token === undefined || startedTokens.has(token);
    });
    const breakdown: Record<string, number> = {};
    for (const r of calls) {
      const key = (r.route ?? `${r.method} ${r.path}`).replace(/\{[a-z_]+\}/g, "*");
      breakdown[key] = (breakdown[key] ?? 0) + 1;
    }
    for (const key of Object.keys(breakdown)) breakdown[key] = Math.round((breakdown[key]! / accepted) * 100) / 100;
    // each job's run: from its command to its progress message's last edit (the final state)
    const progressOf = new Map<string, number>(); // message id → command time
    const commandAt = new Map(sent.map((c) => [tokenOf(c.i), c.at]));
    for (const r of calls) {
      if (r.route !== "POST /channels/{channel_id}/messages" || r.files.length || r.status !== 200) continue;
      const token = /\bb\d+q\b/.exec(JSON.stringify(r.body?.embeds ?? []))?.[0];
      const at = token ? commandAt.get(token) : undefined;
      if (at !== undefined && r.response?.id) progressOf.set(String(r.response.id), at);
    }
    const lastEdit = new Map<string, number>();
    for (const r of calls) {
      const id = /^\/channels\/\d+\/messages\/(\d+)$/.exec(r.path)?.[1];
      if (r.method === "PATCH" && id && progressOf.has(id)) lastEdit.set(id, r.at);
    }
    const runs = [...lastEdit].map(([id, at]) => (at - progressOf.get(id)!) / 1000);
    const meanRunS = runs.reduce((a, b) => a + b, 0) / Math.max(1, runs.length);
    const figures: InFlightFigures = {
      jobs,
      staggerS,
      windowS: (windowEnd - windowStart) / 1000,
      rssIdleMb: idle.rssNowMb,
      rssMaxMb: report.rssMaxMb,
      heapUsedMb: report.heapUsedMb,
      delayP99Ms: report.delayP99Ms,
      delayMaxMs: report.delayMaxMs,
      statusPerJobMinute,
      discordCallsPerJob: all ? calls.length / accepted : undefined,
      meanRunS,
      discordBreakdown: breakdown,
      delivered,
      failed,
      deferMs: { p50: pct(deferMs, 50), p99: pct(deferMs, 99), over3s: deferMs.filter((x) => x > 3_000).length },
      starts,
    };
    log(
      `  finished: ${delivered} delivered, ${failed} failed${all ? "" : " (not all finished in time)"}; ` +
        `Discord calls per job by route: ${JSON.stringify(breakdown)}`,
    );
    return figures;
  } finally {
    await bot.stop();
    await world.close();
  }
}

// ---------------------------------------------------------------------------------------------
// resume

export interface ResumeFigures {
  jobs: number;
  startToLoggedInMs: number;
  resumeMs: number;
  p50FirstStatusMs: number;
  rssMaxMb: number;
}

export async function benchJobsResume(log: (line: string) => void = console.log): Promise<ResumeFigures> {
  const jobs = Number(process.env.BENCH_JOBS ?? (SHORT ? 100 : 1000));
  const world = await startBenchWorld(Math.ceil(jobs / 10));
  const { discord, fal } = world;
  // fal's side matches each record: queued jobs are still in the queue, running ones are rendering. fal took them
  // long ago, so it does not download their (placeholder) inputs again
  const queuedAtFal = {
    fetchInputs: false,
    timeline: [{ status: "IN_QUEUE" as const, queuePosition: 2, ms: 600_000 }],
    outcome: { type: "never" as const },
  };
  const renderingAtFal = {
    fetchInputs: false,
    timeline: [{ status: "IN_PROGRESS" as const, logs: ["rendering"], ms: 600_000 }],
    outcome: { type: "never" as const },
  };
  const api = `${discord.apiBase}/v10`;
  const auth = { authorization: `Bot ${discord.botToken}`, "content-type": "application/json" };
  const states = ["submitted", "queued", "running"] as const;
  const now = Date.now();
  const keyv = await openStore(world.env.STORE_URL!);
  const store = new JobStore(keyv);
  const requestIds = new Set<string>();
  const user = discord.addUser({ username: "member" }).id as string;
  log(`resume: writing ${jobs} unfinished jobs (fal requests and progress messages exist)…`);
  for (let i = 0; i < jobs; i += 1) {
    const channelId = world.channelIds[i % world.channelIds.length]!;
    const state = states[i % states.length]!;
    fal.script(state === "running" ? renderingAtFal : queuedAtFal);
    const input = {
      prompt: `job ${i}: a paper boat in @Video1`,
      video_url: "https://example.com/clip.mp4",
      keep_audio: true,
    };
    const submit = await fetch(`${fal.queueUrl}/${KLING_O3_EDIT}`, {
      method: "POST",
      headers: { authorization: `Key ${fal.key}`, "content-type": "application/json" },
      body: JSON.stringify(input),
    });
    const { request_id: requestId } = (await submit.json()) as { request_id: string };
    requestIds.add(requestId);
    const job: Job = {
      id: crypto.randomUUID(),
      kind: "edit",
      endpoint: KLING_O3_EDIT,
      falInput: input as Job["falInput"],
      state,
      requestId,
      requester: { id: user, name: "member" },
      guildId: world.guildId,
      channelId,
      channelType: 0,
      appPermissions: DEFAULT_BOT_PERMISSIONS.toString(),
      attachmentSizeLimit: 10 * 1024 * 1024,
      prompt: input.prompt,
      inputsSummary: "video 1280×720 · 3.5 s · audio kept",
      warnings: [],
      outputSec: 3.5,
      createdAt: now - 60_000,
      submittedAt: now - 55_000,
      ...(state === "running" ? { runningAt: now - 30_000 } : {}),
      updatedAt: now - 5_000,
      attempts: { submit: 1, status: state === "submitted" ? 0 : 3, deliver: 0 },
    };
    const posted = await fetch(`${api}/channels/${channelId}/messages`, {
      method: "POST",
      headers: auth,
      body: JSON.stringify(renderProgress(job, now)),
    });
    if (!posted.ok) throw new Error(`posting a progress message: ${posted.status} ${await posted.text()}`);
    job.progressMessageId = ((await posted.json()) as { id: string }).id;
    await store.save(job);
  }
  await keyv.disconnect();

  const falFrom = fal.requests.length;
  const spawned = Date.now();
  const bot = startBotChild(world.env);
  try {
    const { loggedInAt } = await bot.ready;
    const firstStatus = new Map<string, number>();
    let seen = falFrom;
    await pollUntil(
      () => {
        for (const r of fal.requests.slice(seen)) {
          if (r.kind === "status" && r.requestId && requestIds.has(r.requestId) && !firstStatus.has(r.requestId))
            firstStatus.set(r.requestId, r.timestamp);
        }
        seen = fal.requests.length;
        return firstStatus.size >= jobs;
      },
      60_000,
      "every job's first status call",
      50,
    );
    const times = [...firstStatus.values()];
    const report = await bot.report();
    const figures: ResumeFigures = {
      jobs,
      startToLoggedInMs: loggedInAt - spawned,
      resumeMs: Math.max(...times) - loggedInAt,
      p50FirstStatusMs: pct(times, 50) - loggedInAt,
      rssMaxMb: report.rssMaxMb,
    };
    log(
      `  process start → logged in ${figures.startToLoggedInMs} ms; logged in → all ${jobs} made their ` +
        `first status call ${figures.resumeMs} ms (median ${figures.p50FirstStatusMs} ms)`,
    );
    return figures;
  } finally {
    await bot.stop();
    await world.close();
  }
}

// ---------------------------------------------------------------------------------------------
// both, with the table's rows

/** P4: Discord REST calls per job, at most 8 and one per 5 s of the job's run */
export const discordCallsGoal = (runS: number) => 8 + runS / 5;

export async function benchJobs(log: (line: string) => void = console.log): Promise<{
  inFlight: InFlightFigures;
  resume: ResumeFigures;
  subscribe: { statusPerJobMinute: number };
  rows: BenchRow[];
}> {
  // the bot child runs the compiled JS, as `npm start` and the Docker image do (the short mode runs the sources)
  if (!SHORT) execFileSync("npm", ["run", "--silent", "build"], { cwd: ROOT, stdio: "inherit" });
  const inFlight = await benchJobsInFlight(log);
  const resume = await benchJobsResume(log);
  // the naive way for P3, in the same run: fal's client following each job itself
  const subscribe = await benchSubscribePolling({ jobs: SHORT ? 3 : 10, runMs: SHORT ? 6_000 : 20_000 });
  log(
    `  fal.subscribe (the client's default polling): ${subscribe.statusPerJobMinute.toFixed(1)} status calls per job-minute`,
  );
  const f1 = (x: number) => x.toFixed(1);
  const n = inFlight.jobs;
  const callsGoal = discordCallsGoal(inFlight.meanRunS);
  const rows: BenchRow[] = [
    {
      id: "P3",
      figure: "fal status calls per job-minute (polling)",
      value: inFlight.statusPerJobMinute.toFixed(2),
      goal: `≤ ${GOALS.statusPerJobMinute}`,
      met: inFlight.statusPerJobMinute <= GOALS.statusPerJobMinute,
      naive: `fal.subscribe default polling: ${f1(subscribe.statusPerJobMinute)}`,
    },
    {
      id: "P4",
      figure: `Discord REST calls per job (mean run ${f1(inFlight.meanRunS)} s)`,
      value: inFlight.discordCallsPerJob === undefined ? "n/a (not all finished)" : f1(inFlight.discordCallsPerJob),
      goal: `≤ 8 + 1/5 s = ${f1(callsGoal)}`,
      ...(inFlight.discordCallsPerJob === undefined ? {} : { met: inFlight.discordCallsPerJob <= callsGoal }),
    },
    {
      id: "P5",
      figure: `RSS max, ${n} jobs in flight, one process (MB)`,
      value: `${f1(inFlight.rssMaxMb)} (idle ${f1(inFlight.rssIdleMb)})`,
      goal: `≤ ${GOALS.rssMb}`,
      met: inFlight.rssMaxMb <= GOALS.rssMb,
    },
    {
      id: "P5",
      figure: `event-loop delay p99 / max, ${n} jobs in flight (ms)`,
      value: `${f1(inFlight.delayP99Ms)} / ${f1(inFlight.delayMaxMs)}`,
      goal: `p99 ≤ ${GOALS.delayP99Ms}`,
      met: inFlight.delayP99Ms <= GOALS.delayP99Ms,
    },
    {
      id: "P6",
      figure: `restart: ${resume.jobs} unfinished jobs resumed (ms after login)`,
      value: `${resume.resumeMs} (median ${resume.p50FirstStatusMs}; start → login ${resume.startToLoggedInMs})`,
      goal: `≤ ${GOALS.resumeMs}`,
      met: resume.resumeMs <= GOALS.resumeMs,
    },
    {
      id: "",
      figure: `  in flight: commands → deferReply p50 / p99 (ms)`,
      value: `${inFlight.deferMs.p50} / ${inFlight.deferMs.p99} (${inFlight.deferMs.over3s} > 3 s)`,
      goal: "",
    },
  ];
  log(
    `(${inFlight.windowS.toFixed(0)} s window with all ${inFlight.jobs} jobs in flight, commands staggered over ${inFlight.staggerS} s; ` +
      `FAL_POLL_INTERVAL_MS = PROGRESS_EDIT_INTERVAL_MS = 5000; delay = monitorEventLoopDelay minus ` +
      `its ${RESOLUTION_MS} ms sampling interval)`,
  );
  return { inFlight, resume, subscribe, rows };
}

if (process.argv[1] && resolve(process.argv[1]) === SELF) {
  await benchJobs();
}
