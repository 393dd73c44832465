import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { planShards } from "../../src/shard-manager.js";
import { startDiscordEmulator, type DiscordEmulator } from "../../emulators/discord/index.js";

/** The shard manager's plan from GET /gateway/bot, asked of DISCORD_API_URL (discord.js's own "auto" ignores it). */
let discord: DiscordEmulator;
let limited: DiscordEmulator;
beforeAll(async () => {
  discord = await startDiscordEmulator({ recommendedShards: 3, sessionStartLimit: { maxConcurrency: 2 } });
  limited = await startDiscordEmulator({ sessionStartLimit: { total: 1, resetAfterMs: 90_000 } });
});
afterAll(async () => Promise.all([discord.close(), limited.close()]));

const config = (emu: DiscordEmulator, shards: string) =>
  loadConfig({
    DISCORD_TOKEN: emu.botToken,
    DISCORD_APPLICATION_ID: emu.applicationId,
    DISCORD_API_URL: emu.apiBase,
    FAL_KEY: "k",
    SHARD_COUNT: shards,
  });

describe("planShards", () => {
  it("auto takes Discord's recommendation; a number is taken as given", async () => {
    expect(await planShards(config(discord, "auto"))).toMatchObject({ totalShards: 3 });
    expect(await planShards(config(discord, "2"))).toMatchObject({ totalShards: 2 });
  });

  it("starts shards at once when each has its own identify bucket, else spaced 5.5 s / max_concurrency", async () => {
    expect(await planShards(config(discord, "2"))).toEqual({ totalShards: 2, concurrent: true, spawnDelayMs: 2_750 });
    expect(await planShards(config(discord, "3"))).toEqual({ totalShards: 3, concurrent: false, spawnDelayMs: 2_750 });
  });

  it("refuses to start more shards than the day's remaining session starts, saying when they reset", async () => {
    await expect(planShards(config(limited, "2"))).rejects.toThrow(
      "Discord allows 1 more gateway sessions before its daily limit resets in 2 min; 2 shards need 2.",
    );
    expect(await planShards(config(limited, "1"))).toMatchObject({ totalShards: 1 });
  });
});
