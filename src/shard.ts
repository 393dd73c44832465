/**
 * Which gateway shard a guild belongs to, by Discord's formula `(guild_id >> 22) % shard_count`. A shard process
 * resumes only the unfinished jobs of its own guilds, so two shards never follow the same job.
 */
export interface ShardSet {
  /** the shard ids this process connects */
  ids: readonly number[];
  /** the total number of shards of the bot (all processes) */
  count: number;
}

export function shardOfGuild(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

/** Jobs outside any guild (DMs) belong to shard 0, the one Discord sends direct messages to. */
export function ownsGuild(guildId: string | null, shards: ShardSet): boolean {
  if (shards.count <= 1) return true;
  return shards.ids.includes(guildId === null ? 0 : shardOfGuild(guildId, shards.count));
}

/** The shard set a discord.js client was built with (from the SHARDS/SHARD_COUNT a ShardingManager hands it). */
export function clientShards(options: { shards?: number | readonly number[] | "auto"; shardCount?: number }): ShardSet {
  const count = options.shardCount ?? 1;
  const { shards } = options;
  const ids = Array.isArray(shards) ? shards : typeof shards === "number" ? [shards] : [];
  return { ids: ids.length ? ids : Array.from({ length: count }, (_, id) => id), count };
}

/**
 * With HTTP_PORT set, each shard process of one host listens on HTTP_PORT + its first shard id (they cannot share
 * one port); a process that is not a shard keeps HTTP_PORT.
 */
export function shardHttpPort(port: number | undefined, shards: ShardSet): number | undefined {
  if (port === undefined || port === 0 || shards.count <= 1) return port;
  return port + Math.min(...shards.ids);
}

/** discord.js's ShardingManager marks the processes it starts with SHARDING_MANAGER (and hands them SHARDS). */
export function isShardProcess(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.SHARDING_MANAGER);
}

/** The shard set discord.js's ShardingManager handed this process (SHARDS, SHARD_COUNT); one shard otherwise. */
export function shardsFromEnv(env: NodeJS.ProcessEnv = process.env): ShardSet {
  if (!isShardProcess(env) || env.SHARDS === undefined) return { ids: [0], count: 1 };
  const shards = JSON.parse(env.SHARDS) as number | number[];
  return clientShards({ shards, shardCount: Number(env.SHARD_COUNT) });
}
