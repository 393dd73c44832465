/**
 * Issue 11, "Two shards": the real bot process with SHARD_COUNT=2 (discord.js's ShardingManager starting one
 * process per shard) against the emulators, which route each guild to shard (guild_id >> 22) % 2. Commands in a
 * guild on each shard complete; after the whole bot is killed mid-job, each unfinished job is resumed by the one
 * shard owning its guild, and delivered once.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { deployCommands } from "../../src/interactions/deploy-commands.js";
import { loadCommands } from "../../commands/index.js";
import { guildShard, startDiscordEmulator, type DiscordEmulator } from "../../emulators/discord/index.js";
import { startFalEmulator, type FalEmulator } from "../../emulators/fal/index.js";
import { botEnv } from "../support/bot-env.js";
import { spawnBot, type BotProcess } from "../support/bot-process.js";
import { attachClip, makeClip } from "../support/clip.js";

let discord: DiscordEmulator;
let fal: FalEmulator;
let env: Record<string, string>;
let dataDir: string;
let clip: string;
const guilds: Array<{ id: string; channelId: string }> = [];

beforeAll(async () => {
  // max_concurrency 16: Discord lets shards 0 and 1 identify together, so the manager starts them without a pause
  discord = await startDiscordEmulator({ sessionStartLimit: { maxConcurrency: 16 } });
  fal = await startFalEmulator();
  for (const shard of [0, 1]) {
    const guild = discord.addGuild({ name: `shard ${shard}`, shard: [shard, 2] });
    guilds.push({ id: guild.id, channelId: discord.addChannel({ guildId: guild.id, type: 0, name: "kling" }).id });
  }
  dataDir = mkdtempSync(join(tmpdir(), "kling-shards-"));
  const { DISCORD_GUILD_ID: _oneGuild, ...rest } = botEnv(discord, fal, {
    guildId: guilds[0]!.id,
    storeUrl: `sqlite://${join(dataDir, "store.sqlite")}`,
    pollMs: 200,
    editMs: 200,
  });
  env = { ...rest, SHARD_COUNT: "2" };
  await deployCommands(loadConfig(env), loadCommands()); // globally: both guilds
  clip = await makeClip();
});
afterAll(async () => {
  await first?.kill();
  await Promise.all([discord?.close(), fal?.close()]);
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

type LogLine = { msg: string; shard?: number; jobId?: string; shards?: number[] };
const lines = (bot: BotProcess): LogLine[] =>
  bot.stdout.filter((l) => l.startsWith("{")).map((l) => JSON.parse(l) as LogLine);

/** The bot as `npm start` runs it, with SHARD_COUNT=2: resolves once both shards have logged in. */
async function startSharded(): Promise<BotProcess> {
  const bot = spawnBot(env);
  await discord.waitFor(
    () => lines(bot).filter((l) => l.msg === "logged in").length === 2,
    90_000,
    "both shards logged in",
  );
  return bot;
}

function command(guild: { channelId: string }, prompt: string) {
  const video = attachClip(discord, clip);
  return discord.sendCommand({ channelId: guild.channelId, name: "kling-edit", options: { prompt, video } });
}

const deliveredIn = (guildId: string) =>
  discord
    .threads()
    .filter((t) => t.guildId === guildId)
    .flatMap((t) => discord.messages(t.id).filter((m) => m.files.length));

// one sharded bot for the first test, killed mid-job at its end; the second test starts it again
let first: BotProcess | undefined;
let longJobs: string[] = [];

describe("two shards", () => {
  it(
    "each shard logs in to its own guild; commands in guilds on both shards complete",
    { timeout: 150_000 },
    async () => {
      expect(guilds.map((g) => guildShard(g.id, 2))).toEqual([0, 1]);
      const bot = (first = await startSharded());
      const logins = lines(bot).filter((l) => l.msg === "logged in");
      expect(logins.map((l) => l.shards).sort()).toEqual([[0], [1]]);
      expect(discord.gatewaySessions.map((s) => s.shard).sort()).toEqual([
        [0, 2],
        [1, 2],
      ]);
      const sent = guilds.map((g, k) => command(g, `snow on shard ${k}`));
      await discord.waitFor(() => guilds.every((g) => deliveredIn(g.id).length === 1), 60_000, "both delivered");
      // each command was answered once, by the shard owning its guild
      for (const s of sent) expect(discord.interaction(s.id)!.callbacks).toHaveLength(1);
      expect(
        lines(bot)
          .filter((l) => l.msg === "accepted")
          .map((l) => l.shard)
          .sort(),
      ).toEqual([0, 1]);

      // two long jobs, one per shard, then the whole bot dies (SIGKILL to the manager and both shards)
      const from = fal.requests.length;
      for (let k = 0; k < 2; k++)
        fal.script({ timeline: [{ status: "IN_PROGRESS", logs: ["slow"], ms: 600_000 }], outcome: { type: "result" } });
      guilds.forEach((g, k) => command(g, `a long job on shard ${k}`));
      longJobs = await fal.waitFor((f) => {
        const ids = f.requests.slice(from).filter((r) => r.kind === "submit" && r.status === 200);
        return ids.length === 2 && ids.map((r) => r.requestId!);
      }, 60_000);
      // the submits' answers are saved once fal is asked for the status
      await fal.waitFor(
        (f) => longJobs.every((id) => f.requests.some((r) => r.kind === "status" && r.requestId === id)),
        30_000,
      );
      await bot.kill();
    },
  );

  it(
    "after that, each unfinished job is resumed by its guild's shard only and delivered once",
    { timeout: 150_000 },
    async () => {
      expect(longJobs).toHaveLength(2);
      const submitsBefore = fal.requests.filter((r) => r.kind === "submit").length;
      const second = await startSharded();
      try {
        await discord.waitFor(
          () => lines(second).filter((l) => l.msg === "resuming job").length >= 2,
          30_000,
          "both jobs resumed",
        );
        for (const requestId of longJobs) await fal.settle(requestId);
        await discord.waitFor(
          () => guilds.every((g) => deliveredIn(g.id).length === 2),
          60_000,
          "both delivered after the restart",
        );
        await new Promise((r) => setTimeout(r, 500)); // and nothing is delivered twice later
        expect(guilds.map((g) => deliveredIn(g.id).length)).toEqual([2, 2]);
        const resumed = lines(second).filter((l) => l.msg === "resuming job");
        expect(resumed).toHaveLength(2);
        expect(new Set(resumed.map((l) => l.jobId)).size).toBe(2);
        expect(resumed.map((l) => l.shard).sort()).toEqual([0, 1]);
        expect(fal.requests.filter((r) => r.kind === "submit")).toHaveLength(submitsBefore);
      } finally {
        await second.stop();
      }
    },
  );
});
