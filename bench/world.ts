/**
 * What the job benches share: the bot in a child process (bench/bot-child.mjs, the compiled bot as `npm start` runs
 * it, its RSS and event-loop delay its own), the two emulators, and a guild with channels to send commands in.
 */
import { fork, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { startDiscordEmulator, type DiscordEmulator } from "../emulators/discord/index.js";
import { startFalEmulator, type FalEmulator } from "../emulators/fal/index.js";
import { createPublicNetwork, PUBLIC_HOSTS, type PublicNetwork } from "../emulators/public-net.js";
import { botEnv } from "../test/support/bot-env.js";

export const ROOT = resolve(fileURLToPath(import.meta.url), "..", "..");
export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Waits until `predicate` holds, checked every `everyMs` and no more often. The emulators' waitFor also checks on
 * every change they record; a predicate that counts over every command or job then costs the emulators' process
 * (the one answering the bot) that count on each request it serves: in P1's burst, more than its answers.
 */
export async function pollUntil<T>(
  predicate: () => T | undefined | null | false,
  timeoutMs: number,
  label: string,
  everyMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = predicate();
    if (v) return v;
    if (Date.now() >= deadline) throw new Error(`waited ${timeoutMs} ms for ${label}`);
    await sleep(everyMs);
  }
}

/** `npm run bench -- --short` or BENCH_SHORT=1: small counts, for CI (the figures are indicative only) */
export const SHORT = process.argv.includes("--short") || process.env.BENCH_SHORT === "1";

export const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};

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
export const RESOLUTION_MS = 10;
const BOT_CHILD = join(ROOT, "bench", "bot-child.mjs");
/** the node flags `npm start` runs the bot with (package.json's start script), so the bench measures that process */
const START_FLAGS = (
  JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: { start: string } }
).scripts.start
  .split(" ")
  .filter((word) => word.startsWith("--"));
const BOT_NODE_FLAGS = process.env.BENCH_NODE_FLAGS?.split(" ").filter(Boolean) ?? START_FLAGS;

export interface BotHandle {
  child: ChildProcess;
  ready: Promise<{ startMs: number; loggedInAt: number }>;
  report(): Promise<ChildReport>;
  reset(): void;
  stop(): Promise<void>;
}

/** P1's floor (bench/bare-client.mjs): a bare discord.js client that only defers; `report` is not served. */
export const BARE_CLIENT = join(ROOT, "bench", "bare-client.mjs");

export function startBotChild(env: Record<string, string>, script = BOT_CHILD): BotHandle {
  const child = fork(script, [], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      HOME: process.env.HOME ?? "/tmp",
      ...(SHORT ? { BENCH_SOURCES: "1" } : {}),
      ...env,
    },
    execArgv: [
      ...BOT_NODE_FLAGS,
      ...(process.env.BENCH_GC === "1" ? ["--expose-gc"] : []),
      ...(SHORT ? ["--import", "tsx"] : []),
    ],
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
// the world

/**
 * "re-hosted": the emulators' CDNs are on loopback and allow-listed, so the bot re-uploads inputs to fal storage
 * before submitting. "pass-through": the CDNs stand under their public names (emulators/public-net.ts), so the bot
 * sends members' links to fal as they are, as it does with real Discord attachments.
 */
export type InputPath = "re-hosted" | "pass-through";

export interface BenchWorld {
  discord: DiscordEmulator;
  fal: FalEmulator;
  guildId: string;
  channelIds: string[];
  env: Record<string, string>;
  dir: string;
  close(): Promise<void>;
}

/**
 * How the bot child reaches the public network's names: its DNS answers and routes, handed over in BENCH_PUBLIC_NET
 * (read by bench/bot-child.mjs, which gives them to startBot as BotOverrides.media, as the e2e harness does).
 */
function publicNetEnv(net: PublicNetwork): string {
  const names: Record<string, { address: string; port: number }> = {};
  for (const name of Object.values(PUBLIC_HOSTS)) {
    const address = net.addressOf(name);
    if (!address) continue;
    names[name] = { address, port: net.route({ address, family: 4, port: 443 }).port };
  }
  return JSON.stringify({ ca: net.ca, names });
}

/** A progress message's Status field. */
export function statusField(m: { raw: { embeds?: { fields?: { name: string; value: string }[] }[] } }): string {
  return m.raw.embeds?.[0]?.fields?.find((f) => f.name === "Status")?.value ?? "";
}

/** How an ended job's Status starts. */
export const ENDED = /^(✅|❌|🚫)/;

/** The progress messages in the world's channels whose Status matches `status`. */
export const countStatus = (world: BenchWorld, status: RegExp): number =>
  world.channelIds.reduce(
    (n, id) => n + world.discord.messages(id).filter((m) => status.test(statusField(m))).length,
    0,
  );

/** Lets fal finish every job it still runs, 100 a second. */
export async function settleAllJobs(fal: FalEmulator): Promise<void> {
  for (const [index, job] of [...fal.jobs.values()].entries()) {
    if (job.state === "COMPLETED" || job.state === "CANCELLED") continue;
    await fal.settle(job.requestId);
    if (index % 100 === 99) await sleep(1_000);
  }
}

export async function startBenchWorld(channels: number, inputs: InputPath = "re-hosted"): Promise<BenchWorld> {
  const network = inputs === "pass-through" ? await createPublicNetwork() : undefined;
  const discord = await startDiscordEmulator(network ? { publicNetwork: network } : {});
  const fal = await startFalEmulator(network ? { publicNetwork: network } : {});
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
      publicMedia: Boolean(network),
    }),
    LOG_LEVEL: "warn",
    ...(network ? { BENCH_PUBLIC_NET: publicNetEnv(network) } : {}),
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
