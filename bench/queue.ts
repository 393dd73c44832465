/**
 * Jobs on the BullMQ queue (issue 11), several bot processes on one Redis (store and queue):
 *  - P5: 1,000 jobs started through real /kling-edit commands and followed with the production poll and edit
 *    intervals, by gateway and worker processes (BOT_ROLE): each process's RSS (max) and event-loop delay p99 over
 *    a window while all 1,000 are in flight.
 *  - P6: then one worker is SIGKILLed with its half of the jobs: time until every one of them has been taken over
 *    (its next fal status call, from the other worker), against the stall interval (QUEUE_STALL_MS); once fal
 *    finishes them all, every job was submitted once and delivered once.
 *
 * Each bot is bench/bot-child.mjs (compiled JS, as `npm start` runs it) with only its documented configuration. Two
 * gateway processes are the two shards of SHARD_COUNT=2 (each started as discord.js's ShardingManager starts a shard:
 * SHARDS=[k], SHARD_COUNT=2), with a guild on each shard ((guild_id >> 22) % 2) taking half of the commands.
 * Env: BENCH_JOBS (default 1000; short mode 60), BENCH_WINDOW_S (60; short 5), BENCH_STALL_MS (10000; short 3000),
 * BENCH_GATEWAYS (2: one per shard; 1: one unsharded gateway). `--short` / BENCH_SHORT=1: the short mode, from the
 * sources (no build).
 */
import { execFileSync } from "node:child_process";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Redis } from "ioredis";
import { loadConfig } from "../src/config.js";
import { JOB_QUEUE_NAME } from "../src/jobs/job-queue.js";
import { JobStore } from "../src/jobs/job-store.js";
import { openStore } from "../src/store/open-store.js";
import { deployCommands } from "../src/interactions/deploy-commands.js";
import { loadCommands } from "../commands/index.js";
import { attachVideo } from "../test/support/clip.js";
import { freeRedisDb } from "../test/support/redis-db.js";
import { GOALS, pct, startBenchWorld, startBotChild, type BotHandle, type ChildReport } from "./jobs.js";
import { countStatus, ENDED, pollUntil, settleAllJobs, SHORT } from "./world.js";
import type { BenchRow } from "./table.js";

const SELF = fileURLToPath(import.meta.url);
const ROOT = resolve(SELF, "..", "..");
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

interface Member {
  name: string;
  bot: BotHandle;
}

export async function benchQueue(log: (line: string) => void = console.log): Promise<{ rows: BenchRow[] }> {
  const jobs = Number(process.env.BENCH_JOBS ?? (SHORT ? 60 : 1000));
  const windowS = Number(process.env.BENCH_WINDOW_S ?? (SHORT ? 5 : 60));
  const stallMs = Number(process.env.BENCH_STALL_MS ?? (SHORT ? 3_000 : 10_000));
  const gateways = Number(process.env.BENCH_GATEWAYS ?? 2);
  if (gateways !== 1 && gateways !== 2) throw new Error("BENCH_GATEWAYS is 1 or 2");
  if (!SHORT) execFileSync("npm", ["run", "--silent", "build"], { cwd: ROOT, stdio: "inherit" });
  const redisDb = await freeRedisDb();
  const world = await startBenchWorld(Math.ceil(jobs / 10));
  const { discord, fal } = world;
  // two shards: a second guild on the shard the bench's guild is not on, half of the channels in it
  const shardOf = (guildId: string) => Number((BigInt(guildId) >> 22n) % 2n);
  if (gateways === 2) {
    const other = discord.addGuild({ name: "Bench (other shard)", shard: [1 - shardOf(world.guildId), 2] });
    for (let i = 1; i < world.channelIds.length; i += 2)
      world.channelIds[i] = discord.addChannel({ guildId: other.id, type: 0, name: `bench-other-${i}` }).id as string;
  }
  // commands registered globally: every guild has them
  const { DISCORD_GUILD_ID: _oneGuild, ...globalEnv } = world.env;
  const env = {
    ...(gateways === 2 ? globalEnv : world.env),
    STORE_URL: redisDb.url,
    QUEUE_STALL_MS: String(stallMs),
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? "warn",
  };
  const members: Member[] = [];
  try {
    fal.setDefaultScenario({
      timeline: [
        { status: "IN_QUEUE", queuePosition: 3, ms: 10_000 },
        { status: "IN_QUEUE", queuePosition: 1, ms: 10_000 },
        { status: "IN_PROGRESS", logs: ["Starting generation"], ms: 20_000 },
        { status: "IN_PROGRESS", logs: ["50%"], ms: 1_000 },
      ],
      outcome: { type: "never" },
    });
    await deployCommands(loadConfig(gateways === 2 ? globalEnv : world.env), loadCommands());
    const video = await attachVideo(discord);
    const users = Array.from({ length: jobs }, (_, i) => discord.addUser({ username: `member${i}` }).id as string);
    for (let i = 0; i < gateways; i += 1) {
      const shard: Record<string, string> = gateways === 2 ? { SHARDS: `[${i}]`, SHARD_COUNT: "2" } : {};
      members.push({ name: `gateway ${i + 1}`, bot: startBotChild({ ...env, ...shard, BOT_ROLE: "gateway" }) });
    }
    for (let i = 0; i < 2; i += 1)
      members.push({ name: `worker ${i + 1}`, bot: startBotChild({ ...env, BOT_ROLE: "worker" }) });
    await Promise.all(members.map((m) => m.bot.ready));

    const falFrom = fal.requests.length;
    log(`queue: ${gateways} gateway + 2 worker processes on one Redis; sending ${jobs} /kling-edit commands (40/s)…`);
    const t0 = Date.now();
    for (let i = 0; i < jobs; i += 1) {
      const due = t0 + (i * 1000) / 40;
      if (due > Date.now()) await sleep(due - Date.now());
      discord.sendCommand({
        channelId: world.channelIds[i % world.channelIds.length]!,
        userId: users[i]!,
        name: "kling-edit",
        options: { prompt: `job ${i}: a paper boat in @Video1`, video },
      });
    }
    const submits = () => fal.requests.slice(falFrom).filter((r) => r.kind === "submit" && r.status === 200);
    // every accepted job is submitted (on a loaded machine the media parser may refuse a few as busy)
    let last = { count: -1, at: Date.now() };
    await pollUntil(
      () => {
        const count = submits().length;
        if (count !== last.count) last = { count, at: Date.now() };
        return count >= jobs || Date.now() - last.at > 15_000;
      },
      Number(process.env.BENCH_SUBMIT_WAIT_MS ?? 240_000),
      `${jobs} submits`,
      500,
    );
    const inFlight = submits().length;
    log(
      `  ${inFlight} of ${jobs} submitted ${((Date.now() - t0) / 1000).toFixed(1)} s after the first command` +
        `${inFlight < jobs ? ` (${jobs - inFlight} refused at acceptance)` : ""}; measuring ${windowS} s…`,
    );

    // P5: the window, every job in flight throughout
    for (const m of members) m.bot.reset();
    await sleep(windowS * 1000);
    const reports = new Map<string, ChildReport>();
    for (const m of members) reports.set(m.name, await m.bot.report());
    for (const [name, r] of reports)
      log(
        `  ${name}: RSS max ${r.rssMaxMb.toFixed(0)} MB, delay p99 ${r.delayP99Ms.toFixed(1)} ms (max ${r.delayMaxMs.toFixed(0)})`,
      );

    // P6: one worker dies with its share; the other takes each job over (BullMQ's lock: "<worker id>:<n>")
    const redis = new Redis(redisDb.url);
    const lockOwners = async (): Promise<Map<string, string>> => {
      const ids = await redis.lrange(`bull:${JOB_QUEUE_NAME}:active`, 0, -1);
      const tokens = ids.length ? await redis.mget(...ids.map((id) => `bull:${JOB_QUEUE_NAME}:${id}:lock`)) : [];
      return new Map(ids.map((id, k) => [id, tokens[k]?.split(":")[0] ?? ""]));
    };
    const before = await lockOwners();
    const victim = members.find((m) => m.name === "worker 1")!;
    const killFrom = fal.requests.length;
    victim.bot.child.kill("SIGKILL");
    const killedAt = Date.now();
    // which worker's locks belonged to the killed process: the one whose locks are all gone once it has been
    // taken over; each job's takeover is the first time its lock is the other worker's
    const owners = new Set(before.values());
    const movedAt = new Map<string, number>();
    const deadline = killedAt + stallMs * 4 + 30_000;
    let killedOwner: string | undefined;
    while (Date.now() < deadline) {
      const now = await lockOwners();
      const seen = new Set(now.values());
      killedOwner ??= [...owners].find((o) => !seen.has(o) && [...before.values()].includes(o));
      for (const [id, owner] of now)
        if (before.get(id) !== owner && owner && !movedAt.has(id)) movedAt.set(id, Date.now());
      const held = [...before].filter(([, o]) => o === killedOwner).map(([id]) => id);
      if (killedOwner && held.every((id) => movedAt.has(id))) break;
      await sleep(100);
    }
    const orphaned = [...before].filter(([, o]) => o === killedOwner).map(([id]) => id);
    // and the first status call at fal after the kill for each of them (the runner following it again)
    const keyv = await openStore(redisDb.url);
    const store = new JobStore(keyv);
    const requestOf = new Map<string, string>();
    for (const id of orphaned) {
      const job = await store.get(id);
      if (job?.requestId) requestOf.set(job.requestId, id);
    }
    await keyv.disconnect();
    await redis.quit();
    // a job taken over is followed again at its next poll, which may come after its takeover was seen: waited for
    const followedAt = new Map<string, number>();
    for (let seenTo = killFrom; ; await sleep(100)) {
      for (const r of fal.requests.slice(seenTo))
        if (r.kind === "status" && r.requestId && requestOf.has(r.requestId) && !followedAt.has(r.requestId))
          followedAt.set(r.requestId, r.timestamp);
      seenTo = fal.requests.length;
      if (followedAt.size >= requestOf.size || Date.now() >= deadline) break;
    }
    const takeoverMs = orphaned.map((id) => (movedAt.get(id) ?? Number.POSITIVE_INFINITY) - killedAt);
    const followMs = [...requestOf.keys()].map((r) => (followedAt.get(r) ?? Number.POSITIVE_INFINITY) - killedAt);
    const takeoverMaxMs = Math.max(0, ...takeoverMs);
    const followMaxMs = Math.max(0, ...followMs);
    log(
      `  worker 1 killed holding ${orphaned.length} jobs (of ${before.size} active): all locked by worker 2 within ` +
        `${(takeoverMaxMs / 1000).toFixed(1)} s (median ${(pct(takeoverMs, 50) / 1000).toFixed(1)} s), all followed at fal ` +
        `again within ${(followMaxMs / 1000).toFixed(1)} s; QUEUE_STALL_MS ${stallMs}`,
    );

    // let fal finish them (100 a second); then every job was submitted once and delivered once
    await settleAllJobs(fal);
    await pollUntil(() => countStatus(world, ENDED) >= inFlight, 180_000, "all jobs finished", 1_000).catch(
      () => undefined,
    );
    await sleep(1_000);
    const prompts = submits().map((r) => (r.body as { prompt?: string } | undefined)?.prompt ?? "");
    const submittedTwice = prompts.length - new Set(prompts).size;
    const resultJobIds = world.channelIds.flatMap((channelId) => [
      ...discord.messages(channelId),
      ...discord
        .threads()
        .filter((t) => t.parentId === channelId)
        .flatMap((t) => discord.messages(t.id)),
    ]);
    const retryIds = resultJobIds
      .filter((m) => !m.deleted && !m.ephemeral)
      .flatMap((m) =>
        (m.raw.components ?? []).flatMap((row: { components?: { custom_id?: string }[] }) =>
          (row.components ?? []).map((c) => c.custom_id ?? "").filter((id) => id.startsWith("kling:retry:")),
        ),
      );
    const deliveredTwice = retryIds.length - new Set(retryIds).size;
    const delivered = new Set(retryIds).size;
    log(
      `  finished: ${delivered} of ${inFlight} delivered; ${submittedTwice} submitted twice, ${deliveredTwice} delivered twice`,
    );

    const perProcess = [...reports];
    const rssMax = Math.max(...perProcess.map(([, r]) => r.rssMaxMb));
    const delayMax = Math.max(...perProcess.map(([, r]) => r.delayP99Ms));
    const setup = `${gateways} gateway + 2 worker processes`;
    const rows: BenchRow[] = [
      {
        id: "P5",
        figure: `RSS max per process, ${inFlight} jobs in flight, ${setup} (MB)`,
        value: perProcess.map(([name, r]) => `${name} ${r.rssMaxMb.toFixed(0)}`).join(", "),
        goal: `≤ ${GOALS.rssMb}`,
        met: rssMax <= GOALS.rssMb,
      },
      {
        id: "P5",
        figure: `event-loop delay p99 per process, ${setup} (ms)`,
        value: perProcess.map(([name, r]) => `${name} ${r.delayP99Ms.toFixed(1)}`).join(", "),
        goal: `≤ ${GOALS.delayP99Ms}`,
        met: delayMax <= GOALS.delayP99Ms,
      },
      {
        id: "P6",
        figure: `BullMQ: a worker killed with ${orphaned.length} jobs, all taken over by the other (s after the kill)`,
        value: `${(takeoverMaxMs / 1000).toFixed(1)} max, ${(pct(takeoverMs, 50) / 1000).toFixed(1)} median`,
        goal: `≤ ${stallMs / 1000} (QUEUE_STALL_MS)`,
        met: orphaned.length > 0 && takeoverMaxMs <= stallMs,
      },
      {
        id: "",
        figure: "  … and each of them followed at fal again (its next status call, s after the kill)",
        value: `${(followMaxMs / 1000).toFixed(1)} max, ${(pct(followMs, 50) / 1000).toFixed(1)} median`,
        goal: "",
      },
      {
        id: "P6",
        figure: "BullMQ takeover: jobs submitted twice / delivered twice",
        value: `${submittedTwice} / ${deliveredTwice} (${delivered} of ${inFlight} delivered)`,
        goal: "0 / 0",
        met: submittedTwice === 0 && deliveredTwice === 0 && delivered === inFlight,
      },
    ];
    return { rows };
  } finally {
    await Promise.all(members.map((m) => m.bot.stop()));
    await world.close();
    await redisDb.cleanup().catch(() => undefined);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === SELF) {
  const { formatTable } = await import("./table.js");
  const { rows } = await benchQueue();
  for (const line of formatTable(rows)) console.log(line);
}
