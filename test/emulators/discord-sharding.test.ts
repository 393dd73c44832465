/**
 * The emulator's gateway shards as Discord documents: GET /gateway/bot's recommendation and session start limit,
 * IDENTIFY's `shard: [id, count]`, guilds (and their events) routed to shard `(guild_id >> 22) % count`,
 * 4010 for an invalid shard and 4011 when one session would hold too many guilds.
 */
import { afterEach, describe, expect, it } from "vitest";
import { Client, GatewayIntentBits } from "discord.js";
import { WebSocket } from "ws";
import { guildShard, startDiscordEmulator, type DiscordEmulator } from "../../emulators/discord/index.js";

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

const emulators: DiscordEmulator[] = [];
const clients: Client[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.destroy()));
  await Promise.all(emulators.splice(0).map((e) => e.close()));
});

async function emulator(options: Parameters<typeof startDiscordEmulator>[0] = {}) {
  const emu = await startDiscordEmulator(options);
  emulators.push(emu);
  return emu;
}

async function gatewayBot(emu: DiscordEmulator): Promise<Json> {
  const res = await fetch(`${emu.apiBase}/v10/gateway/bot`, { headers: { authorization: `Bot ${emu.botToken}` } });
  expect(res.status).toBe(200);
  return res.json();
}

/** A raw IDENTIFY with `shard`: the dispatches received until 100 ms after READY, or the close code. */
function identify(emu: DiscordEmulator, shard: unknown): Promise<{ events: Json[]; closeCode?: number }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${emu.gatewayUrl}?v=10&encoding=json`);
    const events: Json[] = [];
    const settle = () => {
      ws.removeAllListeners("close");
      ws.close();
      resolve({ events });
    };
    let timer = setTimeout(settle, 2_000);
    ws.on("error", reject);
    ws.on("message", (raw) => {
      const frame = JSON.parse(String(raw));
      if (frame.op === 10) {
        const d = { token: emu.botToken, intents: GatewayIntentBits.Guilds, properties: {}, shard };
        if (shard === undefined) delete (d as Json).shard;
        ws.send(JSON.stringify({ op: 2, d }));
      } else if (frame.op === 0) {
        events.push(frame);
        if (frame.t === "READY") {
          clearTimeout(timer);
          timer = setTimeout(settle, 100);
        }
      }
    });
    ws.on("close", (code) => {
      clearTimeout(timer);
      resolve({ events, closeCode: code });
    });
  });
}

async function shardClient(emu: DiscordEmulator, shard: number, shardCount: number): Promise<Client> {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: { api: emu.apiBase },
    shards: [shard],
    shardCount,
  });
  clients.push(client);
  await new Promise<void>((resolve, reject) => {
    client.once("clientReady", () => resolve());
    client.login(emu.botToken).catch(reject);
  });
  return client;
}

describe("GET /gateway/bot", () => {
  it("recommends one shard per 1,000 guilds (or as configured) and counts session starts down", async () => {
    const emu = await emulator({ sessionStartLimit: { total: 5, maxConcurrency: 16 } });
    expect(await gatewayBot(emu)).toEqual({
      url: emu.gatewayUrl,
      shards: 1,
      session_start_limit: { total: 5, remaining: 5, reset_after: 86_400_000, max_concurrency: 16 },
    });
    await identify(emu, [0, 2]);
    expect((await gatewayBot(emu)).session_start_limit.remaining).toBe(4);
    const big = await emulator();
    for (let k = 0; k < 1_001; k++) big.addGuild({ name: `g${k}` });
    expect((await gatewayBot(big)).shards).toBe(2);
    const fixed = await emulator({ recommendedShards: 3 });
    expect((await gatewayBot(fixed)).shards).toBe(3);
  });
});

describe("IDENTIFY with a shard", () => {
  it("closes with 4010 for an invalid shard", async () => {
    const emu = await emulator();
    for (const shard of [[2, 2], [-1, 2], [0, 0], [0.5, 2], [0], "0,1", [0, 1, 2]]) {
      expect((await identify(emu, shard)).closeCode, JSON.stringify(shard)).toBe(4010);
    }
    expect((await identify(emu, undefined)).closeCode).toBeUndefined();
  });

  it("sends READY and GUILD_CREATE with only the guilds of the session's shard", async () => {
    const emu = await emulator();
    const even = emu.addGuild({ name: "even", shard: [0, 2] }).id;
    const odd = emu.addGuild({ name: "odd", shard: [1, 2] }).id;
    expect([guildShard(even, 2), guildShard(odd, 2)]).toEqual([0, 1]);
    const one = await identify(emu, [1, 2]);
    const ready = one.events.find((e) => e.t === "READY")!;
    expect(ready.d.shard).toEqual([1, 2]);
    expect(ready.d.guilds.map((g: Json) => g.id)).toEqual([odd]);
    expect(one.events.filter((e) => e.t === "GUILD_CREATE").map((e) => e.d.id)).toEqual([odd]);
    const all = await identify(emu, [0, 1]);
    expect(all.events.filter((e) => e.t === "GUILD_CREATE").map((e) => e.d.id)).toEqual([even, odd]);
  });

  it("closes with 4011 (sharding required) when one session would hold more than maxGuildsPerShard", async () => {
    const emu = await emulator({ maxGuildsPerShard: 1 });
    emu.addGuild({ name: "even", shard: [0, 2] });
    emu.addGuild({ name: "odd", shard: [1, 2] });
    expect((await identify(emu, [0, 1])).closeCode).toBe(4011);
    expect((await identify(emu, undefined)).closeCode).toBe(4011);
    expect((await identify(emu, [0, 2])).closeCode).toBeUndefined();
    expect((await identify(emu, [1, 2])).closeCode).toBeUndefined();
  });
});

describe("two discord.js clients, one per shard", () => {
  it("each caches only its guilds and gets only its guilds' events and interactions", async () => {
    const emu = await emulator();
    const guilds = [emu.addGuild({ name: "zero", shard: [0, 2] }).id, emu.addGuild({ name: "one", shard: [1, 2] }).id];
    const shards = [await shardClient(emu, 0, 2), await shardClient(emu, 1, 2)];
    expect(shards.map((c) => [...c.guilds.cache.keys()])).toEqual([[guilds[0]], [guilds[1]]]);

    const received: Array<{ shard: number; guildId: string | null; name: string }> = [];
    shards.forEach((client, shard) =>
      client.on("interactionCreate", (i) => {
        if (i.isChatInputCommand()) received.push({ shard, guildId: i.guildId, name: i.commandName });
      }),
    );
    const created: Array<{ shard: number; channel: string }> = [];
    shards.forEach((client, shard) => client.on("channelCreate", (c) => created.push({ shard, channel: c.name })));

    const channels = guilds.map((guildId, k) => emu.addChannel({ guildId, type: 0, name: `c${k}` }).id);
    emu.sendCommand({ channelId: channels[1]!, name: "ping" });
    emu.sendCommand({ channelId: channels[0]!, name: "pong" });
    await emu.waitFor(() => received.length >= 2 && created.length >= 2, 5_000, "both interactions");
    await new Promise((r) => setTimeout(r, 200)); // nothing else arrives later
    expect(received.sort((a, b) => a.shard - b.shard)).toEqual([
      { shard: 0, guildId: guilds[0], name: "pong" },
      { shard: 1, guildId: guilds[1], name: "ping" },
    ]);
    expect(created.sort((a, b) => a.shard - b.shard)).toEqual([
      { shard: 0, channel: "c0" },
      { shard: 1, channel: "c1" },
    ]);
  });

  it("refuses to send an interaction no session's shard would receive", async () => {
    const emu = await emulator();
    const odd = emu.addGuild({ name: "odd", shard: [1, 2] }).id;
    const channel = emu.addChannel({ guildId: odd, type: 0, name: "c" }).id;
    await shardClient(emu, 0, 2);
    expect(() => emu.sendCommand({ channelId: channel, name: "ping" })).toThrow(/shard/);
  });
});
