/**
 * The emulator's gateway transport compression as Discord documents it (`compress=zlib-stream`): one zlib context for
 * the connection's lifetime, each payload sent as a binary message ending with the sync-flush suffix 00 00 FF FF,
 * which a client inflates with that one context. Other `compress` values close with 4002. discord.js uses zlib-stream
 * when zlib-sync is installed, as this project installs it.
 */
import { createRequire } from "node:module";
import { afterEach, describe, expect, it } from "vitest";
import { Client, GatewayIntentBits } from "discord.js";
import { WebSocket } from "ws";
import { startDiscordEmulator, type DiscordEmulator } from "../../emulators/discord/index.js";

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

const SUFFIX = Buffer.from([0x00, 0x00, 0xff, 0xff]);

let emu: DiscordEmulator | undefined;
let client: Client | undefined;
afterEach(async () => {
  await client?.destroy();
  await emu?.close();
  client = emu = undefined;
});

/** zlib-sync, the inflater discord.js uses (a dependency of this project) */
const ZlibSync = createRequire(import.meta.url)("zlib-sync") as typeof import("zlib-sync");

/**
 * Inflates zlib-stream messages with one context, as a client must (and synchronously, as discord.js does with
 * zlib-sync): each message yields one JSON payload.
 */
function streamInflater(): { inflate(message: Buffer): Json } {
  const inflater = new ZlibSync.Inflate({ chunkSize: 65_536, to: "string" });
  return {
    inflate: (message) => {
      inflater.push(message, ZlibSync.Z_SYNC_FLUSH);
      if (inflater.err < 0) throw new Error(`inflate: ${inflater.msg ?? inflater.err}`);
      return JSON.parse(inflater.result as string);
    },
  };
}

/** A raw client on `compress`: the payloads it received until READY's GUILD_CREATE, or the close code. */
function login(url: string, token: string): Promise<{ messages: Buffer[]; payloads: Json[]; closeCode?: number }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    const messages: Buffer[] = [];
    const payloads: Json[] = [];
    const { inflate } = streamInflater();
    ws.on("error", reject);
    ws.on("close", (code) => resolve({ messages, payloads, closeCode: code }));
    ws.on("message", (raw: Buffer, isBinary) => {
      if (!isBinary) return reject(new Error(`a text frame on a zlib-stream connection: ${String(raw)}`));
      messages.push(raw);
      let payload: Json;
      try {
        payload = inflate(raw);
      } catch (error) {
        return reject(error as Error);
      }
      payloads.push(payload);
      if (payload.op === 10)
        ws.send(JSON.stringify({ op: 2, d: { token, intents: GatewayIntentBits.Guilds, properties: {} } }));
      if (payload.t === "GUILD_CREATE") {
        ws.removeAllListeners("close");
        ws.close();
        resolve({ messages, payloads });
      }
    });
  });
}

describe("Discord emulator: gateway transport compression (zlib-stream)", () => {
  it("sends every payload as a binary zlib-stream message, inflated with one context for the connection", async () => {
    emu = await startDiscordEmulator();
    emu.addGuild({ name: "Compressed" });
    const { messages, payloads } = await login(
      `${emu.gatewayUrl}?v=10&encoding=json&compress=zlib-stream`,
      emu.botToken,
    );
    expect(payloads.map((p) => p.t ?? p.op)).toEqual([10, "READY", "GUILD_CREATE"]);
    for (const m of messages) expect(m.subarray(-4)).toEqual(SUFFIX);
    // one context: the second message cannot be inflated on its own (it refers back to the first)
    expect(() => streamInflater().inflate(messages[1]!)).toThrow();
    expect(emu.gatewaySessions[0]!.compress).toBe("zlib-stream");
  });

  it("closes with 4002 for a compression it does not speak", async () => {
    emu = await startDiscordEmulator();
    const { closeCode, payloads } = await login(
      `${emu.gatewayUrl}?v=10&encoding=json&compress=zstd-stream`,
      emu.botToken,
    );
    expect(closeCode).toBe(4002);
    expect(payloads).toEqual([]);
  });

  it("serves discord.js, which uses zlib-stream with zlib-sync installed, interactions included", async () => {
    // discord.js picks zlib-stream when it can load zlib-sync (a dependency of this project)
    expect(() => createRequire(import.meta.url)("zlib-sync")).not.toThrow();
    emu = await startDiscordEmulator();
    const guild = emu.addGuild({ name: "Compressed" });
    const channel = emu.addChannel({ guildId: guild.id, type: 0, name: "general" });
    client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: emu.apiBase } });
    const seen: string[] = [];
    client.on("interactionCreate", (i) => {
      if (i.isChatInputCommand()) seen.push(i.options.getString("text") ?? "");
    });
    await new Promise<void>((resolve, reject) => {
      client!.once("clientReady", () => resolve());
      client!.login(emu!.botToken).catch(reject);
    });
    expect(emu.gatewaySessions[0]!.compress).toBe("zlib-stream");
    for (let i = 0; i < 50; i++)
      emu.sendCommand({ channelId: channel.id, name: "echo", options: { text: `message ${i}` } });
    await emu.waitFor(() => seen.length === 50, 10_000, "50 interactions received");
    expect(seen).toEqual(Array.from({ length: 50 }, (_, i) => `message ${i}`));
  });

  it("sends each dispatch in the turn that makes it, not after a queue of its own", async () => {
    // A burst of interactions, then this process busy for a while in many short turns (as the emulator is when it
    // serves the bot's requests): every dispatch must already be on its way, as from Discord. Compressed through
    // node:zlib's stream, a payload took a thread-pool round trip and a turn each, one after the other, and the
    // burst's last ones left some 600 ms late here.
    emu = await startDiscordEmulator();
    const guild = emu.addGuild({ name: "Burst" });
    const channel = emu.addChannel({ guildId: guild.id, type: 0, name: "general" });
    client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: emu.apiBase } });
    const arrived: number[] = [];
    client.on("interactionCreate", () => void arrived.push(performance.now()));
    await new Promise<void>((resolve, reject) => {
      client!.once("clientReady", () => resolve());
      client!.login(emu!.botToken).catch(reject);
    });
    const burst = 200;
    for (let i = 0; i < burst; i++) emu.sendCommand({ channelId: channel.id, name: "echo", options: { text: `${i}` } });
    const dispatched = performance.now();
    const busyTurn = (left: number) => {
      const until = performance.now() + 3;
      while (performance.now() < until);
      if (left > 0) setImmediate(() => busyTurn(left - 1));
    };
    busyTurn(200);
    await emu.waitFor(() => arrived.length === burst, 10_000, "the burst received");
    expect(Math.max(...arrived) - dispatched).toBeLessThan(150);
  });
});
