/**
 * Minimal Discord gateway (v10, encoding=json) over the `ws` package, plain or with `compress=zlib-stream`.
 * HELLO → IDENTIFY (token check, else close 4004) → READY → GUILD_CREATE per guild; heartbeats ACKed;
 * RESUME replays buffered dispatches then RESUMED, or op 9 (d:false) for an unknown session.
 * Sharding as Discord documents it: IDENTIFY's `shard: [shard_id, num_shards]` (default [0, 1]); a guild belongs to
 * shard `(guild_id >> 22) % num_shards`, and its events (GUILD_CREATE, INTERACTION_CREATE, messages, channels…) go
 * only to sessions of that shard; events outside any guild (DMs) go to shard 0. An invalid shard closes with 4010,
 * a session that would hold more than `maxGuildsPerSession` guilds with 4011 (sharding required).
 */
import { randomBytes } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { constants as zlibConstants, deflateRawSync } from "node:zlib";
import { WebSocketServer, WebSocket } from "ws";

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

export const GatewayOp = {
  Dispatch: 0,
  Heartbeat: 1,
  Identify: 2,
  PresenceUpdate: 3,
  VoiceStateUpdate: 4,
  Resume: 6,
  Reconnect: 7,
  RequestGuildMembers: 8,
  InvalidSession: 9,
  Hello: 10,
  HeartbeatAck: 11,
  RequestSoundboardSounds: 31,
} as const;

export interface GatewaySession {
  id: string;
  seq: number;
  intents: number;
  shard: [number, number];
  identify: Json;
  /** Dispatches kept for RESUME (last 1000). */
  buffer: Array<{ s: number; t: string; d: Json }>;
  socket: WebSocket | null;
  /** the transport compression of the session's current connection (`compress` in the gateway URL) */
  compress: "zlib-stream" | null;
}

export interface GatewayFrame {
  direction: "in" | "out";
  op: number;
  t?: string | null;
  s?: number | null;
  at: number;
  sessionId?: string;
}

/** Discord's formula (written here independently of the bot's src/shard.ts, which it checks). */
export function guildShard(guildId: string, numShards: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(numShards));
}

/** The guild a dispatch is about: the guild itself for GUILD_* events about it, else `guild_id`; null for DMs. */
function dispatchGuild(t: string, d: Json): string | null {
  if (t === "GUILD_CREATE" || t === "GUILD_UPDATE" || t === "GUILD_DELETE") return d?.id ?? null;
  return typeof d?.guild_id === "string" ? d.guild_id : null;
}

export function sessionOwns(session: Pick<GatewaySession, "shard">, guildId: string | null): boolean {
  const [id, count] = session.shard;
  return guildId === null ? id === 0 : guildShard(guildId, count) === id;
}

export interface GatewayHooks {
  botToken: string;
  heartbeatIntervalMs: number;
  /** every guild the bot is in (a session's READY and GUILD_CREATEs carry those its shard owns) */
  guildIds: () => string[];
  /** a session holding more guilds than this is refused with 4011 (Discord: 2,500) */
  maxGuildsPerSession: number;
  /** counts an IDENTIFY against the daily session start limit */
  onIdentify: () => void;
  resumeUrl: () => string;
  readyPayload: (session: GatewaySession) => Json;
  guildCreates: (session: GatewaySession) => Json[];
  onFrame: (f: GatewayFrame) => void;
}

/** zlib's header (deflate, 32 KB window, default level), once at the start of a connection's stream */
const ZLIB_HEADER = Buffer.from([0x78, 0x9c]);
/** how far back a payload's compression may refer into what the connection sent before it */
const HISTORY_BYTES = 8_192;

/**
 * Transport compression as Discord documents it: one zlib stream for the connection's lifetime, inflated with one
 * context; each payload is compressed and sync-flushed (so it ends in 00 00 FF FF, where clients inflate up to) and
 * sent as one binary message, and refers back to the payloads before it, so no message inflates on its own.
 * Compressed in the turn that sends the payload, as Discord's gateway adds no queue of its own: node:zlib's stream
 * takes a thread-pool round trip per payload, one after the other, and held a burst's last dispatches back by
 * 150–200 ms while this process was busy — time the bench then counted against the bot's acknowledgements. Node has
 * no synchronous deflate that keeps its context, so each payload is deflated on its own with what was sent before
 * as its dictionary: the stream a client inflates is the same.
 */
class ZlibStream {
  private history = Buffer.alloc(0);

  message(payload: string): Buffer {
    const input = Buffer.from(payload);
    const first = this.history.length === 0;
    const body = deflateRawSync(input, {
      finishFlush: zlibConstants.Z_SYNC_FLUSH,
      ...(first ? {} : { dictionary: this.history }),
    });
    this.history = Buffer.concat([this.history, input]).subarray(-HISTORY_BYTES);
    return first ? Buffer.concat([ZLIB_HEADER, body]) : body;
  }
}

export class Gateway {
  readonly wss = new WebSocketServer({ noServer: true });
  readonly sessions = new Map<string, GatewaySession>();
  readonly frames: GatewayFrame[] = [];
  private readonly sockets = new Set<WebSocket>();
  /** `compress=zlib-stream` connections: one zlib stream for everything the gateway sends on the connection */
  private readonly deflaters = new WeakMap<WebSocket, ZlibStream>();

  constructor(private readonly hooks: GatewayHooks) {}

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? "/", "http://x");
    const encoding = url.searchParams.get("encoding") ?? "json";
    const compress = url.searchParams.get("compress");
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      this.sockets.add(ws);
      ws.on("close", () => this.sockets.delete(ws));
      if (encoding !== "json" || (compress && compress !== "zlib-stream")) {
        // JSON, plain or zlib-stream, is all the emulator speaks (Discord would close with 4002 for the rest).
        ws.close(4002, "Decode error: only encoding=json, plain or compress=zlib-stream, is emulated");
        return;
      }
      if (compress) this.deflaters.set(ws, new ZlibStream());
      this.attach(ws);
    });
  }

  private send(
    ws: WebSocket,
    payload: { op: number; d: Json; s?: number | null; t?: string | null },
    session?: GatewaySession,
  ) {
    if (ws.readyState !== WebSocket.OPEN) return;
    const frame = { op: payload.op, d: payload.d, s: payload.s ?? null, t: payload.t ?? null };
    this.record({ direction: "out", op: frame.op, t: frame.t, s: frame.s, at: Date.now(), sessionId: session?.id });
    const deflater = this.deflaters.get(ws);
    if (!deflater) return ws.send(JSON.stringify(frame));
    ws.send(deflater.message(JSON.stringify(frame)), { binary: true });
  }

  private compressionOf(ws: WebSocket): GatewaySession["compress"] {
    return this.deflaters.has(ws) ? "zlib-stream" : null;
  }

  private record(f: GatewayFrame) {
    this.frames.push(f);
    this.hooks.onFrame(f);
  }

  private attach(ws: WebSocket) {
    let session: GatewaySession | undefined;
    this.send(ws, {
      op: GatewayOp.Hello,
      d: { heartbeat_interval: this.hooks.heartbeatIntervalMs, _trace: ["emulator"] },
    });
    ws.on("message", (raw, isBinary) => {
      if (isBinary) return ws.close(4002, "Decode error");
      let msg: Json;
      try {
        msg = JSON.parse(raw.toString());
      } catch {
        return ws.close(4002, "Decode error");
      }
      this.record({ direction: "in", op: msg?.op, at: Date.now(), sessionId: session?.id });
      switch (msg?.op) {
        case GatewayOp.Heartbeat:
          this.send(ws, { op: GatewayOp.HeartbeatAck, d: null }, session);
          return;
        case GatewayOp.Identify: {
          if (session) return ws.close(4005, "Already authenticated");
          const d = msg.d ?? {};
          if (d.token !== this.hooks.botToken && d.token !== `Bot ${this.hooks.botToken}`) {
            return ws.close(4004, "Authentication failed.");
          }
          if (typeof d.intents !== "number") return ws.close(4013, "Invalid intent(s).");
          const shard = parseShard(d.shard);
          if (!shard) return ws.close(4010, "Invalid shard.");
          const held = this.hooks.guildIds().filter((id) => sessionOwns({ shard }, id)).length;
          if (held > this.hooks.maxGuildsPerSession) return ws.close(4011, "Sharding required.");
          this.hooks.onIdentify();
          session = {
            id: randomBytes(16).toString("hex"),
            seq: 0,
            intents: d.intents,
            shard,
            identify: d,
            buffer: [],
            socket: ws,
            compress: this.compressionOf(ws),
          };
          this.sessions.set(session.id, session);
          this.dispatchTo(session, "READY", this.hooks.readyPayload(session));
          for (const g of this.hooks.guildCreates(session)) this.dispatchTo(session, "GUILD_CREATE", g);
          return;
        }
        case GatewayOp.Resume: {
          const d = msg.d ?? {};
          const prior = this.sessions.get(d.session_id);
          if (!prior || (d.token !== this.hooks.botToken && d.token !== `Bot ${this.hooks.botToken}`)) {
            this.send(ws, { op: GatewayOp.InvalidSession, d: false });
            return;
          }
          if (prior.socket && prior.socket !== ws && prior.socket.readyState === WebSocket.OPEN)
            prior.socket.close(4000, "Session resumed elsewhere");
          session = prior;
          session.socket = ws;
          session.compress = this.compressionOf(ws);
          for (const ev of session.buffer)
            if (ev.s > Number(d.seq ?? 0)) this.send(ws, { op: 0, t: ev.t, s: ev.s, d: ev.d }, session);
          this.dispatchTo(session, "RESUMED", { _trace: ["emulator"] });
          return;
        }
        case GatewayOp.PresenceUpdate:
        case GatewayOp.VoiceStateUpdate:
        case GatewayOp.RequestGuildMembers:
        case GatewayOp.RequestSoundboardSounds:
          if (!session) ws.close(4003, "Not authenticated.");
          return;
        default:
          ws.close(4001, "Unknown opcode.");
      }
    });
    ws.on("close", () => {
      if (session && session.socket === ws) session.socket = null;
    });
  }

  private dispatchTo(session: GatewaySession, t: string, d: Json) {
    const s = ++session.seq;
    session.buffer.push({ s, t, d });
    if (session.buffer.length > 1000) session.buffer.shift();
    if (session.socket) this.send(session.socket, { op: GatewayOp.Dispatch, t, s, d }, session);
  }

  /**
   * Sends a dispatch to every identified session of the shard that owns its guild (shard 0 for DMs) whose intents
   * include `intent` (if given).
   */
  dispatch(t: string, d: Json, intent?: number): void {
    const guildId = dispatchGuild(t, d);
    for (const s of this.sessions.values()) {
      if (intent !== undefined && (s.intents & intent) === 0) continue;
      if (!sessionOwns(s, guildId)) continue;
      this.dispatchTo(s, t, d);
    }
  }

  /** Asks every connected client to reconnect (op 7); discord.js then resumes. */
  requestReconnect(): void {
    for (const s of this.sessions.values()) if (s.socket) this.send(s.socket, { op: GatewayOp.Reconnect, d: null }, s);
  }

  /** Drops every socket with `code` (default 1011, which clients treat as resumable). */
  dropConnections(code = 4000): void {
    for (const ws of this.sockets) ws.close(code, "Dropped by emulator");
  }

  /** Whether a connected session would receive events of this guild (of its shard). */
  hasSessionFor(guildId: string | null): boolean {
    return [...this.sessions.values()].some(
      (s) => s.socket && s.socket.readyState === WebSocket.OPEN && sessionOwns(s, guildId),
    );
  }

  get connectedSessions(): number {
    return [...this.sessions.values()].filter((s) => s.socket && s.socket.readyState === WebSocket.OPEN).length;
  }

  async close(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    this.sockets.clear();
    await new Promise<void>((r) => this.wss.close(() => r()));
  }
}

/** IDENTIFY's `shard`: absent = [0, 1]; else two integers with 0 ≤ shard_id < num_shards. */
function parseShard(raw: unknown): [number, number] | undefined {
  if (raw === undefined || raw === null) return [0, 1];
  if (!Array.isArray(raw) || raw.length !== 2) return undefined;
  const [id, count] = raw as unknown[];
  if (!Number.isInteger(id) || !Number.isInteger(count)) return undefined;
  if ((count as number) < 1 || (id as number) < 0 || (id as number) >= (count as number)) return undefined;
  return [id as number, count as number];
}
