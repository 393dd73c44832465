import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_BOT_PERMISSIONS, Perm } from "../../emulators/discord/index.js";
import { closeWorld, startWorld, type World } from "./harness.js";
import { command } from "./quota-helpers.js";
import { OWNER_PERMISSIONS } from "./quota-helpers.js";

const check = async (world: World) =>
  (await command(world, "kling-config", {}, { subcommand: "check", memberPermissions: OWNER_PERMISSIONS })).content;

describe("/kling-config check", () => {
  let world: World;
  let noThreads: string;
  let noFiles: string;
  beforeAll(async () => {
    world = await startWorld();
    noThreads = world.discord.addChannel({
      guildId: world.guildId,
      type: 0,
      name: "no-threads",
      botPermissions: DEFAULT_BOT_PERMISSIONS & ~Perm.CreatePublicThreads,
    }).id as string;
    noFiles = world.discord.addChannel({
      guildId: world.guildId,
      type: 0,
      name: "no-files",
      botPermissions: DEFAULT_BOT_PERMISSIONS & ~Perm.AttachFiles,
    }).id as string;
    // the bot learns of new channels from the gateway (CHANNEL_CREATE)
    await world.discord.waitFor(
      () => world.bot.client.channels.cache.has(noThreads) && world.bot.client.channels.cache.has(noFiles),
      10_000,
      "the bot to see the new channels",
    );
  });
  afterAll(async () => {
    await closeWorld(world);
  });

  it("names each channel's missing permission and what it costs, and says fal, the store and the price are fine", async () => {
    const answer = await check(world);
    expect(answer).toContain(
      `• <#${noThreads}>: no Create Public Threads → no thread: results are posted in the channel`,
    );
    expect(answer).toContain(`• <#${noFiles}>: no Attach Files → results are posted as a link only`);
    expect(answer).not.toContain(`<#${world.channelId}>`); // it has everything
    expect(answer).toMatch(/Channels missing permissions \(2 of 3\)/);
    expect(answer).toContain("✅ fal: fal accepts the key");
    expect(answer).toMatch(/✅ Store: reachable \(\d+ ms\)/);
    expect(answer).toContain("💲 Price: $0.126/s for Standard, from fal's price list");
    // at start-up, the log has the same check (fal once, then each server's channels)
    expect(world.logs.some((l) => l.includes("set-up check: fal") && l.includes("fal accepts the key"))).toBe(true);
    expect(world.logs.some((l) => l.includes("set-up check:") && l.includes(world.guildId))).toBe(true);
  });

  it("is for Manage Server only", async () => {
    const answer = (await command(world, "kling-config", {}, { subcommand: "check" })).content;
    expect(answer).toMatch(/Only members with \*\*Manage Server\*\*/);
  });
});

describe("/kling-config check with a fal key fal refuses", () => {
  let world: World;
  beforeAll(async () => {
    world = await startWorld({ env: { FAL_KEY: "not-a-key-fal-knows" } });
  });
  afterAll(async () => {
    await closeWorld(world);
  });

  it("says fal refused the key and how to fix it", async () => {
    const answer = await check(world);
    expect(answer).toMatch(/❌ fal: fal refused the key \(HTTP 40[13]\): check FAL_KEY/);
    expect(answer).not.toContain("not-a-key-fal-knows");
    expect(answer).toContain("✅ Channels: all 1 have every permission I need.");
  });
});
