import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { RESTARTING_REPLY } from "../../src/bot.js";
import { loadConfig } from "../../src/config.js";
import { deployCommands } from "../../src/interactions/deploy-commands.js";
import { loadCommands } from "../../commands/index.js";
import type { Job } from "../../src/job.js";
import { JobStore } from "../../src/jobs/job-store.js";
import { openStore } from "../../src/store/open-store.js";
import { startDiscordEmulator, type DiscordEmulator } from "../../emulators/discord/index.js";
import { startFalEmulator, type FalEmulator } from "../../emulators/fal/index.js";
import { botEnv } from "../support/bot-env.js";
import { spawnBot } from "../support/bot-process.js";
import { attachVideo, makeClip } from "../support/clip.js";

/** README: on SIGTERM "the process exits within ~5 s"; src/main.ts forces exit 0 at 5 s, so a faster exit was graceful. */
const GRACEFUL_EXIT_MS = 5_000;

/** The black-box path: `npm run deploy` and `npm start` as an owner runs them, with only documented variables. */
function npm(args: string[], env: Record<string, string>): ChildProcess {
  return spawn("npm", args, {
    env: { PATH: process.env.PATH!, HOME: process.env.HOME ?? "/tmp", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

function finish(child: ChildProcess): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (d) => (stdout += d));
  child.stderr!.on("data", (d) => (stderr += d));
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })));
}

async function storedJobs(storeUrl: string, prompt: string): Promise<Job[]> {
  const keyv = await openStore(storeUrl);
  try {
    const jobs: Job[] = [];
    for await (const job of new JobStore(keyv).all()) if (job.prompt === prompt) jobs.push(job);
    return jobs;
  } finally {
    await keyv.disconnect();
  }
}

let discord: DiscordEmulator;
let fal: FalEmulator;
let env: Record<string, string>;
let dataDir: string;

beforeAll(async () => {
  discord = await startDiscordEmulator();
  fal = await startFalEmulator();
  const guild = discord.addGuild({ name: "Owner's server" });
  discord.addChannel({ guildId: guild.id, type: 0, name: "kling" });
  dataDir = mkdtempSync(join(tmpdir(), "kling-process-"));
  env = botEnv(discord, fal, {
    guildId: guild.id,
    storeUrl: `sqlite://${join(dataDir, "store.sqlite")}`,
    pollMs: 200,
    editMs: 200,
  });
});
afterAll(async () => {
  await Promise.all([discord.close(), fal.close()]);
  rmSync(dataDir, { recursive: true, force: true });
});

describe("the bot as a process", () => {
  it("`npm run check -- --json` prints one JSON object per input with facts and verdict", async () => {
    const good = await makeClip();
    const small = await makeClip({ width: 640, height: 360 });
    const { code, stdout } = await finish(npm(["run", "--silent", "check", "--", "--json", good, small], {}));
    expect(code).toBe(1);
    const [a, b] = stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(a).toMatchObject({
      input: good,
      kind: "video",
      facts: {
        container: "mp4",
        width: 1280,
        height: 720,
        fps: 24,
        videoCodec: expect.any(String),
        hasAudio: true,
        bytes: expect.any(Number),
        format: null,
      },
      verdict: "accept",
      violations: [],
    });
    expect(a.facts.durationSec).toBeCloseTo(3.5, 1);
    expect(b).toMatchObject({
      verdict: "reject",
      violations: [{ rule: "video-resolution", message: expect.stringContaining("640×360") }],
    });
  });

  it("refuses to start on bad configuration, naming every problem", async () => {
    const { code, stderr } = await finish(
      npm(["start", "--silent"], { DISCORD_APPLICATION_ID: "abc", STORE_URL: "mongodb://x" }),
    );
    expect(code).not.toBe(0);
    for (const name of ["DISCORD_TOKEN", "FAL_KEY", "DISCORD_APPLICATION_ID", "STORE_URL"])
      expect(stderr).toContain(name);
  });

  it("`npm run deploy` registers every command in DISCORD_GUILD_ID and says so exactly", async () => {
    const { code, stdout } = await finish(npm(["run", "--silent", "deploy"], env));
    expect(code).toBe(0);
    expect(stdout.trim()).toBe(
      `Registered 8 commands in guild ${env.DISCORD_GUILD_ID}: /kling-edit, /kling-reference, ` +
        `/kling-element, /kling-config, /kling-usage, /kling-help, "Edit with Kling" (message menu), /kling-showcase`,
    );
    expect(
      discord
        .commands(env.DISCORD_GUILD_ID)
        .map((c) => c.name)
        .sort(),
    ).toEqual([
      "Edit with Kling",
      "kling-config",
      "kling-edit",
      "kling-element",
      "kling-help",
      "kling-reference",
      "kling-showcase",
      "kling-usage",
    ]);
  });

  it("`npm start` logs in, runs a job to delivery, logs JSON to stdout without secrets, and exits on SIGTERM", async () => {
    const child = npm(["start", "--silent"], env);
    const done = finish(child);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("bot did not log in within 30 s")), 30_000);
      child.stdout!.on("data", (d: Buffer) => {
        if (d.toString().includes('"logged in"')) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    const video = await attachVideo(discord);
    const textChannel = discord.addChannel({ guildId: env.DISCORD_GUILD_ID!, type: 0, name: "renders" });
    fal.script({ timeline: [{ status: "IN_PROGRESS", logs: ["go"], ms: 300 }], outcome: { type: "result" } });
    discord.sendCommand({ channelId: textChannel.id, name: "kling-edit", options: { prompt: "make it snow", video } });
    await discord.waitFor(
      () => discord.threads().find((t) => discord.messages(t.id).some((m) => m.files.length)),
      30_000,
      "delivered",
    );
    const signalled = performance.now();
    child.kill("SIGTERM");
    const { code, stdout } = await done;
    expect(code).toBe(0);
    expect(performance.now() - signalled).toBeLessThan(GRACEFUL_EXIT_MS);
    const lines = stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { msg: string });
    expect(lines.map((l) => l.msg)).toEqual(
      expect.arrayContaining(["logged in", "accepted", "submitted to fal", "delivered", "shutting down"]),
    );
    expect(stdout).not.toContain(env.FAL_KEY);
    expect(stdout).not.toContain(env.DISCORD_TOKEN);
    expect(readFileSync(join(dataDir, "store.sqlite")).length).toBeGreaterThan(0);
  });

  it("SIGTERM mid-submit: the submit finishes, a command sent meanwhile is told to try again, and the process exits in time", async () => {
    await deployCommands(loadConfig(env), loadCommands());
    const bot = spawnBot(env);
    await bot.loggedIn;
    const video = await attachVideo(discord);
    const channel = discord.addChannel({ guildId: env.DISCORD_GUILD_ID!, type: 0, name: "stopping" });
    const from = fal.requests.length;
    fal.script({ timeline: [{ status: "IN_PROGRESS", ms: 300 }], outcome: { type: "result" } });
    // hold fal's answers once the input is on fal storage: the stop arrives while the submit waits
    const held = fal
      .waitFor((f) => f.requests.slice(from).some((r) => r.kind === "upload-put" && r.status === 200), 30_000)
      .then(() => fal.pause());
    try {
      discord.sendCommand({ channelId: channel.id, name: "kling-edit", options: { prompt: "a slow submit", video } });
      await held;
      // the submit is under way once its attempt is recorded (held requests reach fal's records only when answered)
      const jobId = await vi.waitFor(
        async () => {
          const [job] = await storedJobs(env.STORE_URL!, "a slow submit");
          expect(job?.attempts.submit).toBe(1);
          return job!.id;
        },
        { timeout: 30_000, interval: 20 },
      );
      await new Promise((r) => setTimeout(r, 100));

      const signalled = performance.now();
      bot.child.kill("SIGTERM");
      await discord.waitFor(() => bot.stdout.some((l) => l.includes('"msg":"shutting down"')), 5_000, "shutting down");
      const late = discord.sendCommand({
        channelId: channel.id,
        name: "kling-edit",
        options: { prompt: "too late", video },
      });
      const callback = await discord.waitFor(
        () => discord.interaction(late.id)?.callbacks[0],
        3_000,
        "an answer to the late command",
      );
      expect(callback.body).toMatchObject({
        type: 4,
        data: { content: RESTARTING_REPLY, flags: 64, allowed_mentions: { parse: [] } },
      });
      fal.resume();

      const exit = await bot.exited;
      expect(exit).toEqual({ code: 0, signal: null });
      expect(performance.now() - signalled).toBeLessThan(GRACEFUL_EXIT_MS);
      // the submit under way was answered and recorded (the next start follows the job), and nothing else was sent
      const submits = fal.requests.slice(from).filter((r) => r.kind === "submit");
      expect(submits.map((r) => r.status)).toEqual([200]);
      const [job] = await storedJobs(env.STORE_URL!, "a slow submit");
      expect(job).toMatchObject({ id: jobId, state: "submitted", requestId: expect.any(String) });
      expect(discord.interaction(late.id)!.callbacks).toHaveLength(1);
    } finally {
      fal.resume();
      await bot.stop();
    }
  });
});
