import { describe, expect, it } from "vitest";
import { clientShards, ownsGuild, shardHttpPort, shardOfGuild } from "../../src/shard.js";

/** a guild id whose timestamp part (the bits above 22) is `high`: its shard is `high % count` */
const guildWith = (high: bigint, low = 0x3fffffn) => String((high << 22n) | low);

describe("shardOfGuild: Discord's (guild_id >> 22) % shard_count", () => {
  it("uses only the bits above the low 22, on ids past 2^53", () => {
    expect(shardOfGuild(guildWith(10n), 4)).toBe(2);
    expect(shardOfGuild(guildWith(11n, 0n), 4)).toBe(3);
    // 197038439483310086 >> 22 = 46977624770: the id is past 2^53 and JavaScript's own >> works on 32 bits
    expect(shardOfGuild("197038439483310086", 1000)).toBe(770);
    expect(shardOfGuild("197038439483310086", 7)).toBe(Number(46977624770n % 7n));
    expect(shardOfGuild("1", 3)).toBe(0);
  });
});

describe("ownsGuild", () => {
  const two = (id: number) => ({ ids: [id], count: 2 });
  it("gives every guild's jobs to exactly one of the shards", () => {
    for (const high of [0n, 1n, 2n, 3n, 1_234_567n]) {
      const guild = guildWith(high);
      expect([ownsGuild(guild, two(0)), ownsGuild(guild, two(1))].filter(Boolean)).toHaveLength(1);
    }
    expect(ownsGuild(guildWith(3n), two(1))).toBe(true);
  });
  it("one shard (no sharding) owns everything; DM jobs belong to shard 0", () => {
    expect(ownsGuild(guildWith(5n), { ids: [0], count: 1 })).toBe(true);
    expect(ownsGuild(null, two(0))).toBe(true);
    expect(ownsGuild(null, two(1))).toBe(false);
  });
  it("a process running several shards owns the guilds of each", () => {
    const set = { ids: [1, 2], count: 4 };
    expect([0n, 1n, 2n, 3n].map((high) => ownsGuild(guildWith(high), set))).toEqual([false, true, true, false]);
  });
});

describe("clientShards and shardHttpPort", () => {
  it("reads discord.js's client options", () => {
    expect(clientShards({ shards: [1], shardCount: 2 })).toEqual({ ids: [1], count: 2 });
    expect(clientShards({ shardCount: 1 })).toEqual({ ids: [0], count: 1 });
    expect(clientShards({ shards: 3, shardCount: 4 })).toEqual({ ids: [3], count: 4 });
  });
  it("offsets HTTP_PORT by the first shard id only when sharded", () => {
    expect(shardHttpPort(8080, { ids: [0], count: 1 })).toBe(8080);
    expect(shardHttpPort(8080, { ids: [2, 3], count: 4 })).toBe(8082);
    expect(shardHttpPort(undefined, { ids: [1], count: 2 })).toBeUndefined();
    expect(shardHttpPort(0, { ids: [1], count: 2 })).toBe(0);
  });
});
