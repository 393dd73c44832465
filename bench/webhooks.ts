/**
 * P3 with fal's webhooks (issue 11): fal status calls per job-minute when completions arrive by webhook (polling is
 * only the safety net, FAL_POLL_INTERVAL_MS's default of 5 minutes), measured beside polling (its 5 s default) in the
 * same run: two bots at once, each with its own emulators, each given the same jobs through real /kling-edit commands.
 * A job-minute is a minute a job spent at fal (submit → fal's completion). Also: how long after fal finished a job its
 * result was posted (mean), on each way.
 *
 * Goal: webhooks ≈ 0.2 (≤ 0.2: at most one safety-net call per 5 minutes of a job; a job shorter than that makes
 * none). Polling is measured the same way (over each job's whole life, its first call at submit included; the
 * steady-state polling figure is bench/jobs.ts's). The fal client's own `subscribe` polls every 500 ms: 120 per
 * job-minute by its interval (FACTS), not run here.
 * Env: BENCH_SHORT=1 (10 jobs of 8 s), else 50 jobs of 90 s (under 2 minutes of wall time).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startBot, type Bot } from "../src/bot.js";
import { loadConfig } from "../src/config.js";
import { deployCommands } from "../src/interactions/deploy-commands.js";
import { loadCommands } from "../commands/index.js";
import { createLogger } from "../src/logger.js";
import { startDiscordEmulator, type DiscordEmulator } from "../emulators/discord/index.js";
import { startFalEmulator, type FalEmulator } from "../emulators/fal/index.js";
import { botEnv } from "../test/support/bot-env.js";
import { attachClip, makeClip } from "../test/support/clip.js";
import { freePort } from "../test/support/free-port.js";
import type { BenchRow } from "./table.js";
import { pollUntil } from "./world.js";

export const WEBHOOK_GOALS = { webhooksPerJobMinute: 0.2 };
/** @fal-ai/client's subscribe() polls status every 500 ms (FACTS): 60 000 / 500 */
const SUBSCRIBE_PER_JOB_MINUTE = 120;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

interface Way {
  name: "webhooks" | "polling";
  discord: DiscordEmulator;
  fal: FalEmulator;
  bot: Bot;
  channelIds: string[];
  users: string[];
  video: ReturnType<DiscordEmulator["addAttachment"]>;
  dir: string;
}

async function startWay(name: Way["name"], jobs: number, jobMs: number, clip: string): Promise<Way> {
  const discord = await startDiscordEmulator();
  const fal = await startFalEmulator();
  fal.setDefaultScenario({
    timeline: [
      { status: "IN_QUEUE", queuePosition: 1, ms: Math.round(jobMs * 0.2) },
      { status: "IN_PROGRESS", logs: ["Starting generation"], ms: Math.round(jobMs * 0.8) },
    ],
    outcome: { type: "result" },
  });
  const guild = discord.addGuild({ name: `Bench ${name}` });
  const channelIds = Array.from(
    { length: Math.ceil(jobs / 10) },
    (_, i) => discord.addChannel({ guildId: guild.id, type: 0, name: `bench-${i}` }).id as string,
  );
  const users = Array.from({ length: jobs }, (_, i) => discord.addUser({ username: `member${i}` }).id as string);
  const video = attachClip(discord, clip);
  const dir = mkdtempSync(join(tmpdir(), "kling-bench-webhooks-"));
  const port = await freePort();
  const env: Record<string, string> = {
    ...botEnv(discord, fal, { guildId: guild.id, storeUrl: `sqlite://${join(dir, "store.sqlite")}`, editMs: 5000 }),
    LOG_LEVEL: "warn",
    // each way at its production default: 5 s polling, or webhooks with the 5-minute safety net
    FAL_POLL_INTERVAL_MS: name === "polling" ? "5000" : "",
    ...(name === "webhooks" ? { HTTP_PORT: String(port), FAL_WEBHOOK_URL: `http://127.0.0.1:${port}` } : {}),
  };
  const config = loadConfig(env);
  await deployCommands(config, loadCommands());
  const bot = await startBot(config, { logger: createLogger("warn") });
  return { name, discord, fal, bot, channelIds, users, video, dir };
}

async function runWay(way: Way, jobs: number, timeoutMs: number) {
  const { discord, fal } = way;
  for (let i = 0; i < jobs; i += 1) {
    discord.sendCommand({
      channelId: way.channelIds[i % way.channelIds.length]!,
      userId: way.users[i]!,
      name: "kling-edit",
      options: { prompt: `job ${i}: a paper boat in @Video1`, video: way.video },
    });
    await sleep(100); // 10 commands a second
  }
  const results = () =>
    [...way.channelIds, ...discord.threads().map((t) => t.id)]
      .flatMap((id) => discord.messages(id))
      .filter((m) => m.files.length > 0);
  await pollUntil(() => results().length >= jobs, timeoutMs, `${way.name}: ${jobs} results`, 500);
  const falJobs = [...fal.jobs.values()];
  const jobMinutes = falJobs.reduce((sum, j) => sum + ((j.completedAt ?? Date.now()) - j.submittedAt) / 60_000, 0);
  const statusCalls = fal.requests.filter((r) => r.kind === "status" || r.kind === "status-stream").length;
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  const postedAt = results().map((m) => Date.parse(String(m.raw.timestamp)));
  const completedAt = falJobs.map((j) => j.completedAt ?? Date.now());
  return {
    jobs: falJobs.length,
    statusCalls,
    jobMinutes,
    perJobMinute: statusCalls / jobMinutes,
    webhooks: fal.webhooks.filter((w) => w.status === 200).length,
    deliveryLagMs: mean(postedAt) - mean(completedAt),
  };
}

export async function benchWebhooks(log: (line: string) => void = console.log): Promise<{ rows: BenchRow[] }> {
  const short = process.env.BENCH_SHORT === "1";
  const jobs = short ? 10 : 50;
  const jobMs = short ? 8_000 : 90_000;
  const clip = await makeClip();
  log(`webhooks vs polling: ${jobs} jobs of ${jobMs / 1000} s at fal on each way, both at once…`);
  const ways = await Promise.all([startWay("webhooks", jobs, jobMs, clip), startWay("polling", jobs, jobMs, clip)]);
  try {
    const [hooks, polling] = await Promise.all(ways.map((way) => runWay(way, jobs, jobMs + 90_000)));
    for (const [name, r] of [
      ["webhooks", hooks],
      ["polling", polling],
    ] as const) {
      log(
        `  ${name}: ${r!.statusCalls} status calls over ${r!.jobMinutes.toFixed(1)} job-minutes = ` +
          `${r!.perJobMinute.toFixed(2)}/job-minute; ` +
          `${r!.webhooks} webhooks taken; result posted ${(r!.deliveryLagMs / 1000).toFixed(2)} s after fal finished (mean)`,
      );
    }
    const h = hooks!;
    const p = polling!;
    const size = `${jobs} jobs × ${jobMs / 1000} s`;
    return {
      rows: [
        {
          id: "P3",
          figure: `fal status calls per job-minute, webhooks (${size}; safety net every 5 min)`,
          value: h.perJobMinute.toFixed(2),
          goal: `≈ ${WEBHOOK_GOALS.webhooksPerJobMinute} (≤)`,
          met: h.perJobMinute <= WEBHOOK_GOALS.webhooksPerJobMinute,
          naive: `polling every 5 s: ${p.perJobMinute.toFixed(2)}; client subscribe (500 ms): ${SUBSCRIBE_PER_JOB_MINUTE} by its interval`,
        },
        {
          id: "",
          figure: "result posted after fal finished (mean), webhooks",
          value: `${(h.deliveryLagMs / 1000).toFixed(2)} s`,
          goal: "",
          naive: `polling: ${(p.deliveryLagMs / 1000).toFixed(2)} s`,
        },
      ],
    };
  } finally {
    for (const way of ways) {
      await way.bot.stop();
      await Promise.all([way.discord.close(), way.fal.close()]);
      rmSync(way.dir, { recursive: true, force: true });
    }
  }
}

// `node --import tsx bench/webhooks.ts`: this bench alone
if (import.meta.url === `file://${process.argv[1]}`) {
  const { formatTable } = await import("./table.js");
  const { rows } = await benchWebhooks();
  for (const line of formatTable(rows)) console.log(line);
}
