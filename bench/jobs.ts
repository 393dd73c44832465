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
import { fork, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { execFileSync } from "node:child_process";
import type { Job } from "../src/job.js";
import { JobStore } from "../src/jobs/job-store.js";
import { openStore } from "../src/store/open-store.js";
import { loadConfig } from "../src/config.js";
import { deployCommands } from "../src/interactions/deploy-commands.js";
import { loadCommands } from "../commands/index.js";
import { renderProgress } from "../src/discord/render.js";
import { startDiscordEmulator, DEFAULT_BOT_PERMISSIONS, type DiscordEmulator } from "../emulators/discord/index.js";
import { startFalEmulator, KLING_O3_EDIT, type FalEmulator } from "../emulators/fal/index.js";
import { makeVideo } from "../test/media/corpus.js";
import { botEnv } from "../test/support/bot-env.js";

const SELF = fileURLToPath(import.meta.url);
const ROOT = resolve(SELF, "..", "..");
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export const GOALS = { rssMb: 200, delayP99Ms: 50, statusPerJobMinute: 12, resumeMs: 2_000 };

// ---------------------------------------------------------------------------------------------
// the bot child: startBot + its own measurements, driven over IPC

export interface ChildReport {
  type: "report";
  rssMaxMb: number;
  rssNowMb: number;
  heapUsedMb: number;
  externalMb: number;
  arrayBuffersMb: number;
  delayP50Ms: number;
  delayP99Ms: number;
  delayMaxMs: number;
}
type ChildMessage = { type: "ready"; startMs: number; loggedInAt: number } | ChildReport;

/** bench/bot-child.mjs subtracts its 10 ms sampling interval from the delays it reports. */
const RESOLUTION_MS = 10;
const BOT_CHILD = join(ROOT, "bench", "bot-child.mjs");
/** the V8 flags `npm start` runs the bot with (package.json), so the bench measures the same process */
const BOT_NODE_FLAGS = (process.env.BENCH_NODE_FLAGS ?? "--optimize-for-size").split(" ").filter(Boolean);

export interface BotHandle {
  child: ChildProcess;
  ready: Promise<{ startMs: number; loggedInAt: number }>;
  report(): Promise<ChildReport>;
  reset(): void;
  stop(): Promise<void>;
}

export function startBotChild(env: Record<string, string>): BotHandle {
  const child = fork(BOT_CHILD, [], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: process.env.HOME ?? "/tmp", ...env },
    execArgv: [...BOT_NODE_FLAGS, ...(process.env.BENCH_GC === "1" ? ["--expose-gc"] : [])],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  const ready = new Promise<{ startMs: number; loggedInAt: number }>((res, rej) => {
    child.on("message", (m: ChildMessage) => m.type === "ready" && res(m));
    void exited.then(() => rej(new Error("bot child exited before it was ready")));
  });
  return {
    child,
    ready,
    report: () =>
      new Promise((res) => {
        const on = (m: ChildMessage) => {
          if (m.type !== "report") return;
          child.off("message", on);
          res(m);
        };
        child.on("message", on);
        child.send({ type: "report" });
      }),
    reset: () => child.send({ type: "reset" }),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.send({ type: "stop" });
      const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// shared world

export interface BenchWorld {
  discord: DiscordEmulator;
  fal: FalEmulator;
  guildId: string;
  channelIds: string[];
  env: Record<string, string>;
  dir: string;
  close(): Promise<void>;
}

export async function startBenchWorld(channels: number): Promise<BenchWorld> {
  const discord = await startDiscordEmulator();
  const fal = await startFalEmulator();
  const guild = discord.addGuild({ name: "Bench" });
  const channelIds = Array.from(
    { length: channels },
    (_, i) => discord.addChannel({ guildId: guild.id, type: 0, name: `bench-${i}` }).id as string,
  );
  const dir = mkdtempSync(join(tmpdir(), "kling-bench-"));
  const env: Record<string, string> = {
    // the production defaults: "status calls per job-minute" is about them
    ...botEnv(discord, fal, {
      guildId: guild.id,
      storeUrl: `sqlite://${join(dir, "store.sqlite")}`,
      pollMs: 5000,
      editMs: 5000,
    }),
    LOG_LEVEL: "warn",
  };
  return {
    discord,
    fal,
    guildId: guild.id,
    channelIds,
    env,
    dir,
    async close() {
      await Promise.all([discord.close(), fal.close()]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

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
  acceptMs: { p50: number; p99: number };
  /** INTERACTION_CREATE → deferReply callback (Discord drops interactions not answered within 3 s) */
  deferMs: { p50: number; p99: number; over3s: number };
}

export const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};

export async function benchJobsInFlight(log: (line: string) => void = console.log): Promise<InFlightFigures> {
  const jobs = Number(process.env.BENCH_JOBS ?? 1000);
  const windowS = Number(process.env.BENCH_WINDOW_S ?? 60);
  const staggerS = Math.ceil(jobs / 40); // 40 commands a second
  const world = await startBenchWorld(Math.ceil(jobs / 10)); // 10 jobs per channel
  const { discord, fal } = world;
  // every job waits in the queue, then renders until the bench settles it after the window (so all are in flight)
  fal.setDefaultScenario({
    timeline: [
      { status: "IN_QUEUE", queuePosition: 3, ms: 10_000 },
      { status: "IN_QUEUE", queuePosition: 1, ms: 10_000 },
      { status: "IN_PROGRESS", logs: ["Starting generation"], ms: 20_000 },
      { status: "IN_PROGRESS", logs: ["50%"], ms: 1_000 },
    ],
    outcome: { type: "never" },
  });
  await deployCommands(loadConfig(world.env), loadCommands());
  const clip = await makeVideo({ width: 1280, height: 720, durationSec: 3.5, fps: 24, pattern: "color" });
  const video = discord.addAttachment({
    filename: "clip.mp4",
    contentType: "video/mp4",
    data: clip,
    width: 1280,
    height: 720,
  });
  const users = Array.from({ length: jobs }, (_, i) => discord.addUser({ username: `member${i}` }).id as string);

  const bot = startBotChild(world.env);
  try {
    await bot.ready;
    const idle = await bot.report();
    const discordFrom = discord.requests.length;
    const falFrom = fal.requests.length;
    log(
      `in flight: sending ${jobs} /kling-edit commands over ${staggerS} s (40/s, ${world.channelIds.length} channels)…`,
    );
    const sent: { id: string; at: number }[] = [];
    const t0 = Date.now();
    for (let i = 0; i < jobs; i += 1) {
      const due = t0 + (i * 1000) / 40;
      if (due > Date.now()) await sleep(due - Date.now());
      const { id } = discord.sendCommand({
        channelId: world.channelIds[i % world.channelIds.length]!,
        userId: users[i]!,
        name: "kling-edit",
        options: { prompt: `job ${i}: a paper boat in @Video1`, video },
      });
      sent.push({ id, at: Date.now() });
    }
    const submitted = () => fal.requests.slice(falFrom).filter((r) => r.kind === "submit" && r.status === 200).length;
    await discord.waitFor(() => submitted() >= jobs, 120_000, `${jobs} submits`, 500);
    const allInFlightAt = Date.now();
    const acceptMs = sent.map((s) => {
      const started = discord.interaction(s.id)?.edits.find((e) => String(e.body?.content ?? "").includes("Started!"));
      return started ? started.at - s.at : Number.NaN;
    });
    const deferMs = sent.map((s) => discord.interaction(s.id)?.callbacks[0]?.delayMs ?? Number.POSITIVE_INFINITY);
    const refused = acceptMs.filter((x) => Number.isNaN(x)).length;
    log(
      `  all ${jobs} submitted ${((allInFlightAt - t0) / 1000).toFixed(1)} s after the first command${refused ? ` (${refused} without "Started!")` : ""}; measuring ${windowS} s…`,
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
    const statusPerJobMinute = statusCalls / jobs / ((windowEnd - windowStart) / 60_000);
    const inFlightNow = [...fal.jobs.values()].filter((j) => j.state !== "COMPLETED" && j.state !== "CANCELLED").length;
    log(`  window: ${statusCalls} status calls, ${inFlightNow} jobs still in flight at its end`);
    log(
      `  bot memory: RSS ${atWindowStart.rssNowMb.toFixed(0)} MB at the window's start (max since login ${atWindowStart.rssMaxMb.toFixed(0)} MB), ` +
        `${report.rssNowMb.toFixed(0)} MB at its end; heap used ${report.heapUsedMb.toFixed(0)} MB, external ${report.externalMb.toFixed(0)} MB (array buffers ${report.arrayBuffersMb.toFixed(0)} MB)`,
    );
    // now let fal finish them (100 a second), for Discord calls per delivered job
    for (const [index, job] of [...fal.jobs.values()].entries()) {
      if (job.state === "COMPLETED" || job.state === "CANCELLED") continue;
      await fal.settle(job.requestId);
      if (index % 100 === 99) await sleep(1_000);
    }

    // then let them finish, for Discord calls per delivered job
    const finished = () =>
      world.channelIds.reduce(
        (n, id) =>
          n +
          discord
            .messages(id)
            .filter((m) =>
              /^(✅|❌|🚫)/.test(
                m.raw.embeds?.[0]?.fields?.find((f: { name: string }) => f.name === "Status")?.value ?? "",
              ),
            ).length,
        0,
      );
    let all = true;
    await discord.waitFor(() => finished() >= jobs, 150_000, "all jobs finished", 1_000).catch(() => (all = false));
    await sleep(500);
    const delivered = world.channelIds.reduce(
      (n, id) => n + discord.messages(id).filter((m) => statusField(m).startsWith("✅")).length,
      0,
    );
    const failed = world.channelIds.reduce(
      (n, id) => n + discord.messages(id).filter((m) => statusField(m).startsWith("❌")).length,
      0,
    );
    const calls = discord.requests.slice(discordFrom);
    const breakdown: Record<string, number> = {};
    for (const r of calls) {
      const key = (r.route ?? `${r.method} ${r.path}`).replace(/\{[a-z_]+\}/g, "*");
      breakdown[key] = (breakdown[key] ?? 0) + 1;
    }
    for (const key of Object.keys(breakdown)) breakdown[key] = Math.round((breakdown[key]! / jobs) * 100) / 100;
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
      discordCallsPerJob: all ? calls.length / jobs : undefined,
      discordBreakdown: breakdown,
      delivered,
      failed,
      deferMs: { p50: pct(deferMs, 50), p99: pct(deferMs, 99), over3s: deferMs.filter((x) => x > 3_000).length },
      acceptMs: { p50: pct(acceptMs.filter(Number.isFinite), 50), p99: pct(acceptMs.filter(Number.isFinite), 99) },
    };
    log(
      `  finished: ${delivered} delivered, ${failed} failed${all ? "" : " (not all finished in time)"}; Discord calls per job by route: ${JSON.stringify(breakdown)}`,
    );
    return figures;
  } finally {
    await bot.stop();
    await world.close();
  }
}

export function statusField(m: { raw: { embeds?: { fields?: { name: string; value: string }[] }[] } }): string {
  return m.raw.embeds?.[0]?.fields?.find((f) => f.name === "Status")?.value ?? "";
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
  const jobs = Number(process.env.BENCH_JOBS ?? 1000);
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
    await fal.waitFor(() => {
      for (const r of fal.requests.slice(falFrom)) {
        if (r.kind === "status" && r.requestId && requestIds.has(r.requestId) && !firstStatus.has(r.requestId))
          firstStatus.set(r.requestId, r.timestamp);
      }
      return firstStatus.size >= jobs;
    }, 60_000);
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
      `  process start → logged in ${figures.startToLoggedInMs} ms; logged in → all ${jobs} made their first status call ${figures.resumeMs} ms (median ${figures.p50FirstStatusMs} ms)`,
    );
    return figures;
  } finally {
    await bot.stop();
    await world.close();
  }
}

// ---------------------------------------------------------------------------------------------
// both, with the table

export async function benchJobs(
  log: (line: string) => void = console.log,
): Promise<{ inFlight: InFlightFigures; resume: ResumeFigures }> {
  // the bot child runs the compiled JS, as `npm start` and the Docker image do
  execFileSync("npm", ["run", "--silent", "build"], { cwd: ROOT, stdio: "inherit" });
  const inFlight = await benchJobsInFlight(log);
  const resume = await benchJobsResume(log);
  const row = (what: string, value: string, goal: string, ok: boolean | undefined) =>
    `| ${what.padEnd(44)} | ${value.padStart(10)} | ${goal.padEnd(8)} | ${ok === undefined ? "–" : ok ? "met" : "MISSED"} |`;
  const f1 = (x: number) => x.toFixed(1);
  log("");
  log(`| ${"figure".padEnd(44)} | ${"value".padStart(10)} | goal     | ok |`);
  log(`|${"-".repeat(46)}|${"-".repeat(12)}|----------|----|`);
  log(
    row(
      `RSS max, ${inFlight.jobs} jobs in flight (MB)`,
      f1(inFlight.rssMaxMb),
      "≤ 200",
      inFlight.rssMaxMb <= GOALS.rssMb,
    ),
  );
  log(
    row(
      "  (RSS after login, idle / heap used at the end of the window)",
      `${f1(inFlight.rssIdleMb)} / ${f1(inFlight.heapUsedMb)}`,
      "",
      undefined,
    ),
  );
  log(row("event-loop delay p99 (ms)", f1(inFlight.delayP99Ms), "≤ 50", inFlight.delayP99Ms <= GOALS.delayP99Ms));
  log(row("event-loop delay max (ms)", f1(inFlight.delayMaxMs), "", undefined));
  log(
    row(
      "fal status calls per job-minute",
      inFlight.statusPerJobMinute.toFixed(2),
      "≤ 12",
      inFlight.statusPerJobMinute <= GOALS.statusPerJobMinute,
    ),
  );
  log(
    row(
      "Discord REST calls per job (to delivery)",
      inFlight.discordCallsPerJob === undefined ? "n/a" : f1(inFlight.discordCallsPerJob),
      "",
      undefined,
    ),
  );
  log(
    row(
      "command → deferReply p50 / p99 (ms)",
      `${inFlight.deferMs.p50} / ${inFlight.deferMs.p99}`,
      `${inFlight.deferMs.over3s} > 3 s`,
      undefined,
    ),
  );
  log(row('command → "Started!" p50 / p99 (ms)', `${inFlight.acceptMs.p50} / ${inFlight.acceptMs.p99}`, "", undefined));
  log(
    row(
      `resume ${resume.jobs} unfinished jobs (ms after login)`,
      String(resume.resumeMs),
      "≤ 2000",
      resume.resumeMs <= GOALS.resumeMs,
    ),
  );
  log(row("process start → logged in (ms)", String(resume.startToLoggedInMs), "", undefined));
  log(
    `(${inFlight.windowS.toFixed(0)} s window with all ${inFlight.jobs} jobs in flight, commands staggered over ${inFlight.staggerS} s; ` +
      `FAL_POLL_INTERVAL_MS = PROGRESS_EDIT_INTERVAL_MS = 5000; delay = monitorEventLoopDelay minus its ${RESOLUTION_MS} ms sampling interval)`,
  );
  return { inFlight, resume };
}

if (process.argv[1] && resolve(process.argv[1]) === SELF) {
  await benchJobs();
}
