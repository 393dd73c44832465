/**
 * In-process Discord emulator for tests: REST (/api/v10), gateway WebSocket and CDN on one
 * 127.0.0.1 HTTP server, all state in memory. The real discord.js Client talks to it over sockets.
 * See README.md in this folder for the API.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createHttpsServer, type Server as HttpsServer } from "node:https";
import { PUBLIC_HOSTS, type PublicNetwork } from "../public-net.js";
import { EventEmitter } from "node:events";
import { readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { Gateway, guildShard, sessionOwns, type GatewayFrame, type GatewaySession } from "./gateway.js";
import { SpecValidator, toDiscordErrors, type FieldError } from "./spec.js";
import {
  checkCommandLimits,
  checkCommandListLimits,
  checkMessageLimits,
  checkAutocompleteLimits,
  checkModalLimits,
  checkThreadName,
  checkRefreshUrls,
  DISCORD_LOCALES,
} from "./limits.js";
import {
  ALL_PERMISSIONS,
  CdnSigner,
  ChannelType,
  DEFAULT_BOT_PERMISSIONS,
  DEFAULT_MEMBER_PERMISSIONS,
  Intent,
  MessageFlags,
  Perm,
  assignComponentIds,
  findComponent,
  guessContentType,
  interactionToken,
  isTextBasedType,
  isThreadType,
  iso,
  snowflake,
  userObject,
} from "./model.js";

export {
  Perm,
  ALL_PERMISSIONS,
  DEFAULT_BOT_PERMISSIONS,
  DEFAULT_MEMBER_PERMISSIONS,
  ChannelType,
  MessageFlags,
} from "./model.js";
export { LIMITS } from "./limits.js";

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

// ---------------------------------------------------------------------------------------------
// Public types

export { guildShard } from "./gateway.js";

/** A snowflake of about now (a few ms earlier at most) that lands on `shardId` of `numShards`. */
function snowflakeOnShard(shardId: number, numShards: number): string {
  if (!Number.isInteger(shardId) || shardId < 0 || shardId >= numShards) throw new Error("addGuild: invalid shard");
  for (let at = Date.now(); ; at--) {
    const id = snowflake(at);
    if (guildShard(id, numShards) === shardId) return id;
  }
}

export interface DiscordEmulatorOptions {
  botToken?: string;
  applicationId?: string;
  botUsername?: string;
  /** Interaction token lifetime (webhook edits/follow-ups answer 401/50027 after it). Default 15 min. */
  tokenLifetimeMs?: number;
  /** Reject spec/limit-invalid bodies with 400/50035 (they are recorded in specViolations either way). Default true. */
  strictSpec?: boolean;
  /** Answer callbacks later than callbackDeadlineMs with 404/10062 "Unknown interaction", like Discord. Default false (only recorded). */
  enforceCallbackDeadline?: boolean;
  /** Discord's 3 s initial-response window (lower it to test the enforcement quickly). Default 3000. */
  callbackDeadlineMs?: number;
  /** Lifetime of signed CDN URLs (`ex`). Default 24 h. */
  cdnUrlLifetimeMs?: number;
  /** Gateway heartbeat interval sent in HELLO. Default 41250. */
  heartbeatIntervalMs?: number;
  /** GET /gateway/bot's `shards` recommendation. Default: one per 1,000 guilds (at least 1), as Discord suggests. */
  recommendedShards?: number;
  /** IDENTIFY of a session that would hold more guilds closes with 4011 (sharding required). Default 2,500. */
  maxGuildsPerShard?: number;
  /** GET /gateway/bot's `session_start_limit`; `remaining` counts down with each IDENTIFY. */
  sessionStartLimit?: { total?: number; maxConcurrency?: number; resetAfterMs?: number };
  /**
   * How long a message create's `nonce` is remembered for `enforce_nonce` ("checked for uniqueness in the past few
   * minutes", Discord's Create Message). Default 2 min: a client should not count on more.
   */
  nonceWindowMs?: number;
  /** Path of Discord's openapi.json. Default: shared/discord-api-spec/openapi.json found relative to this folder. */
  specPath?: string;
  /**
   * Serve the CDN as Discord does, over https under cdn.discordapp.com (url) and media.discordapp.net (proxy_url),
   * on this pretend internet (emulators/public-net.ts). Default: http://127.0.0.1:P/cdn and /media.
   */
  publicNetwork?: PublicNetwork;
}

/** A Discord attachment object (what appears in messages and in `data.resolved.attachments`). */
export interface DiscordAttachment {
  id: string;
  filename: string;
  size: number;
  url: string;
  proxy_url: string;
  content_type?: string;
  width?: number | null;
  height?: number | null;
  ephemeral?: boolean;
  description?: string;
  title?: string;
  duration_secs?: number;
  [k: string]: unknown;
}

export interface AddGuildInput {
  id?: string;
  /** `[shard_id, num_shards]`: without an `id`, one (a snowflake of about now) on that shard by Discord's formula */
  shard?: [number, number];
  name: string;
  /** Per-file upload limit (bytes) for bot uploads and `attachment_size_limit`. Default 10 MiB. */
  attachmentSizeLimit?: number;
  /** Permissions of the @everyone role. Default DEFAULT_MEMBER_PERMISSIONS. */
  everyonePermissions?: bigint;
  preferredLocale?: string;
}

export interface AddChannelInput {
  id?: string;
  guildId: string;
  /** 0 text, 2 voice, 4 category, 5 announcement, 10/11/12 threads, 15 forum. */
  type: number;
  name: string;
  /** Thread: the parent channel. Other channels: the category. */
  parentId?: string;
  /** The bot's effective permissions in this channel (threads inherit the parent's). Default DEFAULT_BOT_PERMISSIONS. */
  botPermissions?: bigint;
  /**
   * Role (type 0; the @everyone role's id is the guild id) and member (type 1) permission overwrites, sent in
   * `permission_overwrites` as Discord does. Not for threads (they have none) nor for the bot (see botPermissions).
   */
  permissionOverwrites?: ChannelOverwrite[];
}

export interface ChannelOverwrite {
  id: string;
  /** 0 role, 1 member */
  type: 0 | 1;
  allow?: bigint;
  deny?: bigint;
}

export interface AddUserInput {
  id?: string;
  username: string;
  /** Guilds to join (default: all current guilds). */
  guildIds?: string[];
  /** Default member permissions for interactions from this user. Default DEFAULT_MEMBER_PERMISSIONS. */
  permissions?: bigint;
  roles?: string[];
  nick?: string | null;
}

export interface AddAttachmentInput {
  filename: string;
  contentType?: string;
  /** The bytes, or a path to read them from. */
  data: Buffer | Uint8Array | string;
  width?: number;
  height?: number;
  /** Claim this size in the attachment object while the CDN serves the real bytes. */
  sizeOverride?: number;
  /** Extra fields merged into the attachment object (e.g. duration_secs, description). */
  extra?: Record<string, unknown>;
}

export type CommandOptionValue = string | number | boolean | DiscordAttachment | { type: number; value: unknown };

export interface SendCommandInput {
  channelId: string;
  guildId?: string;
  userId?: string;
  name: string;
  subcommand?: string;
  subcommandGroup?: string;
  options?: Record<string, CommandOptionValue>;
  /** Default: the guild's limit. */
  attachmentSizeLimit?: number;
  /** The invoking member's permissions. Default: the user's, else DEFAULT_MEMBER_PERMISSIONS. */
  memberPermissions?: bigint;
  locale?: string;
  /** 1 CHAT_INPUT (default), 2 USER, 3 MESSAGE. */
  commandType?: number;
  /** For MESSAGE/USER context-menu commands. */
  targetId?: string;
}

/** A member typing in an option declared with `autocomplete: true` (interaction type 4). */
export interface SendAutocompleteInput {
  channelId: string;
  userId?: string;
  name: string;
  subcommand?: string;
  /** the option being typed in (registered with autocomplete) */
  focused: string;
  /** what the member has typed so far, the focused option's text included (strings, numbers, booleans) */
  options: Record<string, string | number | boolean>;
  memberPermissions?: bigint;
}

export interface ClickButtonInput {
  channelId: string;
  messageId: string;
  customId: string;
  userId?: string;
  memberPermissions?: bigint;
  /** For select menus: the selected values (component_type taken from the message). */
  values?: string[];
  locale?: string;
}

export interface PostMessageInput {
  channelId: string;
  /** the member who posts it (default: the default user) */
  userId?: string;
  content?: string;
  /** files the member uploads with it (served under /attachments/<channel>/<id>/<name>, signed) */
  files?: Array<{ filename: string; data: Buffer | Uint8Array | string; contentType?: string }>;
}

export interface SubmitModalInput {
  channelId: string;
  /**
   * The interaction whose modal (callback type 9) the member submits: its custom_id and components are the
   * modal's, the fields are checked against it (unknown field, wrong kind, required missing, file count outside
   * min/max_values, a file over the member's upload limit: throws), and it is submitted in the modal's order.
   */
  openedBy?: string;
  /** required without `openedBy` */
  customId?: string;
  /** Text inputs by custom_id, or uploaded files (FileUpload component) by custom_id. */
  fields: Record<string, string | DiscordAttachment[]>;
  userId?: string;
  /** When the modal was opened from a message component: that message (enables callback types 6/7). */
  messageId?: string;
  memberPermissions?: bigint;
  locale?: string;
}

export interface RecordedFile {
  field: string;
  filename: string;
  contentType: string;
  size: number;
}

export interface RecordedRequest {
  seq: number;
  method: string;
  /** Path after /api/v10, e.g. "/channels/123/messages". CDN requests are in `cdnRequests`. */
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON body, or the multipart `payload_json`. */
  body: Json;
  multipart: boolean;
  files: RecordedFile[];
  /** The route template matched, e.g. "POST /channels/{channel_id}/messages" (null: unknown route). */
  route: string | null;
  status: number;
  response: Json;
  /** Set when the answer came from failNext. */
  injected: boolean;
  at: number;
  durationMs: number;
}

export interface CdnRequest {
  method: string;
  path: string;
  range: string | undefined;
  status: number;
  bytes: number;
  at: number;
}

export interface SpecViolation {
  kind: "schema" | "limit" | "semantic";
  /** `seq` of the request in `requests` (one request can yield a schema and a limit violation). */
  requestSeq: number;
  method: string;
  path: string;
  route: string;
  errors: FieldError[];
  body: Json;
  at: number;
}

export interface FaultRule {
  method?: string;
  /** Matched against the path after /api/v10 (e.g. /channels/1/messages). */
  path: RegExp | string;
  status: number;
  body?: Json;
  headers?: Record<string, string>;
  /** How many matching requests to fail. Default 1. */
  times?: number;
  /** For 429 without a body: seconds to wait (default 0.2). */
  retryAfter?: number;
  /** For 429: a global rate limit. */
  global?: boolean;
  /**
   * "answer": the request is carried out (a message is created, clients see it), then answered with this fault
   * instead, as when Discord's edge gives up on a request its API goes on to finish (a 502 or 504). Default
   * "request": answered with the fault and not carried out.
   */
  phase?: "request" | "answer";
}

export interface HoldRule {
  method?: string;
  /** Matched against the path after /api/v10. */
  path: RegExp | string;
  /** "request": held before it is handled; "answer": handled, then its answer held. Default "request". */
  phase?: "request" | "answer";
}

export interface StoredFile {
  attachmentId: string;
  filename: string;
  contentType: string;
  data: Buffer;
}

export interface StoredMessage {
  channelId: string;
  /** The Discord message object as the API returns it. */
  raw: Json;
  files: StoredFile[];
  deleted: boolean;
  deletedBy?: "bot" | "moderator" | "webhook";
  ephemeral: boolean;
  interactionId?: string;
  /** Every edit applied, oldest first. */
  edits: Array<{ at: number; body: Json }>;
}

export interface InteractionCallbackRecord {
  type: number;
  body: Json;
  files: RecordedFile[];
  at: number;
  /** ms since the interaction was dispatched. */
  delayMs: number;
  status: number;
}

export interface InteractionRecord {
  id: string;
  token: string;
  type: number;
  name?: string;
  customId?: string;
  guildId: string;
  channelId: string;
  userId: string;
  payload: Json;
  createdAt: number;
  expiresAt: number;
  expired: boolean;
  acknowledged: boolean;
  /** Every callback attempt, including rejected ones (status != 204/200). */
  callbacks: InteractionCallbackRecord[];
  originalMessageId?: string;
  /** The original is still the deferred "thinking" message (type 5, no edit yet). */
  deferredLoading: boolean;
  edits: Array<{ at: number; messageId: string; target: string; body: Json; files: RecordedFile[] }>;
  followUps: Array<{ at: number; messageId: string; body: Json; ephemeral: boolean; files: RecordedFile[] }>;
  modal?: Json;
}

export interface ThreadRecord {
  id: string;
  guildId: string;
  parentId: string;
  name: string;
  type: number;
  fromMessageId?: string;
  createdAt: number;
  deleted: boolean;
  members: string[];
}

interface GuildState {
  id: string;
  name: string;
  attachmentSizeLimit: number;
  everyonePermissions: bigint;
  ownerId: string;
  preferredLocale: string;
  createdAt: number;
}

interface ChannelState {
  id: string;
  guildId: string;
  type: number;
  name: string;
  parentId: string | null;
  botPermissions: bigint;
  position: number;
  deleted: boolean;
  lastMessageId: string | null;
  // threads
  ownerId?: string;
  fromMessageId?: string;
  createdAt: number;
  autoArchiveDuration?: number;
  messageCount: number;
  totalMessageSent: number;
  members: Set<string>;
  invitable?: boolean;
  overwrites: ChannelOverwrite[];
}

interface UserState {
  raw: Json;
  permissions: bigint;
  roles: string[];
  nick: string | null;
  guildIds: Set<string>;
  joinedAt: number;
}

interface CdnObject {
  data: Buffer;
  contentType: string;
  createdAt: number;
}

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly errors?: Record<string, unknown>,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
  toBody(): Json {
    return this.errors
      ? { message: this.message, code: this.code, errors: this.errors }
      : { message: this.message, code: this.code };
  }
}

const err = {
  unknownChannel: () => new ApiError(404, 10003, "Unknown Channel"),
  unknownMessage: () => new ApiError(404, 10008, "Unknown Message"),
  unknownGuild: () => new ApiError(404, 10004, "Unknown Guild"),
  unknownWebhook: () => new ApiError(404, 10015, "Unknown Webhook"),
  unknownInteraction: () => new ApiError(404, 10062, "Unknown interaction"),
  unknownCommand: () => new ApiError(404, 10063, "Unknown application command"),
  missingAccess: () => new ApiError(403, 50001, "Missing Access"),
  missingPermissions: () => new ApiError(403, 50013, "Missing Permissions"),
  invalidWebhookToken: () => new ApiError(401, 50027, "Invalid Webhook Token"),
  unauthorized: () => new ApiError(401, 0, "401: Unauthorized"),
  tooLarge: () => new ApiError(413, 40005, "Request entity too large"),
  alreadyAcked: () => new ApiError(400, 40060, "Interaction has already been acknowledged."),
  wrongChannelType: () => new ApiError(400, 50024, "Cannot execute action on this channel type"),
  nonTextChannel: () => new ApiError(400, 50008, "Cannot send messages in a non-text channel"),
  formBody: (errors: FieldError[]) => new ApiError(400, 50035, "Invalid Form Body", toDiscordErrors(errors)),
};

interface Ctx {
  method: string;
  path: string;
  url: URL;
  params: Record<string, string>;
  headers: IncomingMessage["headers"];
  body: Json;
  files: Array<RecordedFile & { data: Buffer }>;
  record: RecordedRequest;
}

interface RouteResult {
  status: number;
  body?: Json;
  headers?: Record<string, string>;
}

interface Route {
  method: string;
  re: RegExp;
  keys: string[];
  /** OpenAPI path template (for body validation and for `route` in records). */
  template: string;
  auth: "bot" | "none";
  handler: (ctx: Ctx) => RouteResult | Promise<RouteResult>;
}

const CALLBACK = {
  Pong: 1,
  ChannelMessageWithSource: 4,
  DeferredChannelMessageWithSource: 5,
  DeferredUpdateMessage: 6,
  UpdateMessage: 7,
  ApplicationCommandAutocompleteResult: 8,
  Modal: 9,
  PremiumRequired: 10,
  LaunchActivity: 12,
} as const;

// ---------------------------------------------------------------------------------------------

export class DiscordEmulator {
  readonly botToken: string;
  readonly applicationId: string;
  readonly botUser: Json;
  readonly options: Required<
    Omit<DiscordEmulatorOptions, "specPath" | "publicNetwork" | "recommendedShards" | "sessionStartLimit">
  > & {
    specPath?: string;
    recommendedShards?: number;
    sessionStartLimit: { total: number; maxConcurrency: number; resetAfterMs: number };
  };
  /** Every REST call, in arrival order (recorded when answered). */
  readonly requests: RecordedRequest[] = [];
  readonly cdnRequests: CdnRequest[] = [];
  readonly specViolations: SpecViolation[] = [];
  /** Set by listen(): "http://127.0.0.1:P/api". */
  apiBase = "";
  cdnBase = "";
  mediaBase = "";
  gatewayUrl = "";
  port = 0;

  private readonly server: Server;
  private publicCdn: HttpsServer | undefined;
  private readonly publicNetwork: PublicNetwork | undefined;
  private readonly gateway: Gateway;
  private readonly events = new EventEmitter();
  private readonly spec: SpecValidator;
  private readonly signer: CdnSigner;
  private readonly routes: Route[] = [];
  private readonly faults: Array<FaultRule & { remaining: number }> = [];
  private readonly holds: Array<HoldRule & { arrived: () => void; released: Promise<void>; release: () => void }> = [];
  private readonly guilds = new Map<string, GuildState>();
  private readonly channels = new Map<string, ChannelState>();
  private readonly users = new Map<string, UserState>();
  private readonly messagesById = new Map<string, StoredMessage>();
  private readonly channelMessages = new Map<string, StoredMessage[]>();
  /** `enforce_nonce` message creates, by author and nonce: the message made and when */
  private readonly nonces = new Map<string, { message: StoredMessage; at: number }>();
  private readonly interactions = new Map<string, InteractionRecord>();
  private readonly interactionsByToken = new Map<string, InteractionRecord>();
  private readonly cdn = new Map<string, CdnObject>();
  private readonly globalCommands: Json[] = [];
  private readonly guildCommands = new Map<string, Json[]>();
  private requestSeq = 0;
  private defaultUserId: string | null = null;
  private sessionStartsRemaining: number;

  constructor(opts: DiscordEmulatorOptions = {}) {
    this.options = {
      botToken:
        opts.botToken ??
        `${Buffer.from(opts.applicationId ?? "1234567890123456789").toString("base64")}.emulator.${"x".repeat(27)}`,
      applicationId: opts.applicationId ?? snowflake(Date.now() - 86_400_000 * 400),
      botUsername: opts.botUsername ?? "kling-bot",
      tokenLifetimeMs: opts.tokenLifetimeMs ?? 15 * 60_000,
      strictSpec: opts.strictSpec ?? true,
      enforceCallbackDeadline: opts.enforceCallbackDeadline ?? false,
      callbackDeadlineMs: opts.callbackDeadlineMs ?? 3_000,
      nonceWindowMs: opts.nonceWindowMs ?? 120_000,
      cdnUrlLifetimeMs: opts.cdnUrlLifetimeMs ?? 24 * 3600_000,
      heartbeatIntervalMs: opts.heartbeatIntervalMs ?? 41_250,
      maxGuildsPerShard: opts.maxGuildsPerShard ?? 2_500,
      sessionStartLimit: {
        total: opts.sessionStartLimit?.total ?? 1_000,
        maxConcurrency: opts.sessionStartLimit?.maxConcurrency ?? 1,
        resetAfterMs: opts.sessionStartLimit?.resetAfterMs ?? 86_400_000,
      },
      specPath: opts.specPath,
      ...(opts.recommendedShards !== undefined ? { recommendedShards: opts.recommendedShards } : {}),
    };
    this.sessionStartsRemaining = this.options.sessionStartLimit.total;
    this.publicNetwork = opts.publicNetwork;
    this.botToken = this.options.botToken;
    this.applicationId = this.options.applicationId;
    // Bots' user id equals their application id.
    this.botUser = {
      ...userObject(this.applicationId, this.options.botUsername, true),
      verified: true,
      mfa_enabled: false,
      email: null,
      locale: "en-US",
    };
    this.spec = new SpecValidator(this.options.specPath);
    this.signer = new CdnSigner(this.options.cdnUrlLifetimeMs);
    this.server = createServer((req, res) => void this.onHttp(req, res));
    this.server.keepAliveTimeout = 5_000;
    this.gateway = new Gateway({
      botToken: this.botToken,
      heartbeatIntervalMs: this.options.heartbeatIntervalMs,
      resumeUrl: () => this.gatewayUrl,
      guildIds: () => [...this.guilds.keys()],
      maxGuildsPerSession: this.options.maxGuildsPerShard,
      onIdentify: () => (this.sessionStartsRemaining = Math.max(0, this.sessionStartsRemaining - 1)),
      readyPayload: (s) => this.readyPayload(s),
      guildCreates: (s) => this.guildsOf(s).map((g) => this.guildCreatePayload(g)),
      onFrame: (f) => this.emitChange("gateway", f),
    });
    this.server.on("upgrade", (req, socket, head) => {
      const p = new URL(req.url ?? "/", "http://x").pathname;
      if (p === "/" || p.startsWith("/gateway")) this.gateway.handleUpgrade(req, socket, head);
      else socket.destroy();
    });
    this.registerRoutes();
  }

  async listen(): Promise<this> {
    await new Promise<void>((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(0, "127.0.0.1", () => resolve());
    });
    this.port = (this.server.address() as AddressInfo).port;
    const origin = `http://127.0.0.1:${this.port}`;
    this.apiBase = `${origin}/api`;
    this.cdnBase = `${origin}/cdn`;
    this.mediaBase = `${origin}/media`;
    this.gatewayUrl = `ws://127.0.0.1:${this.port}/gateway`;
    if (this.publicNetwork) await this.listenPublicCdn(this.publicNetwork);
    return this;
  }

  /** The CDN over TLS under Discord's own names: /attachments/... on cdn.discordapp.com and media.discordapp.net. */
  private async listenPublicCdn(net: PublicNetwork): Promise<void> {
    const server = createHttpsServer(net.tls, (req, res) => {
      const host = String(req.headers.host ?? "")
        .replace(/:\d+$/, "")
        .toLowerCase();
      const prefix =
        host === PUBLIC_HOSTS.discordMedia ? "/media" : host === PUBLIC_HOSTS.discordCdn ? "/cdn" : undefined;
      if (!prefix) return void res.writeHead(421, { "content-type": "text/plain" }).end("Misdirected Request");
      this.serveCdn(req, res, new URL(`${prefix}${req.url ?? "/"}`, `https://${host}`));
    });
    server.keepAliveTimeout = 5_000;
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(0, "127.0.0.1", () => resolve());
    });
    const port = (server.address() as AddressInfo).port;
    this.publicCdn = server;
    this.cdnBase = net.host(PUBLIC_HOSTS.discordCdn, port);
    this.mediaBase = net.host(PUBLIC_HOSTS.discordMedia, port);
  }

  async close(): Promise<void> {
    for (const held of this.holds.splice(0)) held.release();
    if (this.publicCdn) {
      this.publicCdn.closeAllConnections();
      await new Promise<void>((r) => this.publicCdn!.close(() => r()));
    }
    await this.gateway.close();
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
    this.events.removeAllListeners();
  }

  // -------------------------------------------------------------------------------------------
  // World building

  addGuild(input: AddGuildInput): { id: string; name: string; attachmentSizeLimit: number } {
    const id = input.id ?? (input.shard ? snowflakeOnShard(...input.shard) : snowflake());
    const owner = this.addUser({ username: `owner-${id.slice(-4)}`, guildIds: [] });
    const g: GuildState = {
      id,
      name: input.name,
      attachmentSizeLimit: input.attachmentSizeLimit ?? 10 * 1024 * 1024,
      everyonePermissions: input.everyonePermissions ?? DEFAULT_MEMBER_PERMISSIONS,
      ownerId: owner.id,
      preferredLocale: input.preferredLocale ?? "en-US",
      createdAt: Date.now(),
    };
    this.guilds.set(id, g);
    this.users.get(owner.id)!.guildIds.add(id);
    if (this.gateway.sessions.size) this.gateway.dispatch("GUILD_CREATE", this.guildCreatePayload(g));
    this.emitChange("guild", g);
    return { id, name: g.name, attachmentSizeLimit: g.attachmentSizeLimit };
  }

  setGuildAttachmentSizeLimit(guildId: string, bytes: number): void {
    this.mustGuild(guildId).attachmentSizeLimit = bytes;
  }

  /**
   * A server's "preferred locale" (Server Settings → Community overview): sent with every interaction from it as
   * `guild_locale` and `guild.locale`, and to gateway clients as GUILD_UPDATE (the guild object, without the
   * GUILD_CREATE-only fields).
   */
  setGuildPreferredLocale(guildId: string, locale: string): void {
    if (!DISCORD_LOCALES.includes(locale))
      throw new Error(`setGuildPreferredLocale: ${locale} is not a Discord locale`);
    const g = this.mustGuild(guildId);
    g.preferredLocale = locale;
    const guild = this.guildCreatePayload(g);
    for (const only of ["joined_at", "large", "unavailable", "member_count", "members", "channels", "threads"])
      delete guild[only];
    for (const only of ["presences", "voice_states", "stage_instances", "guild_scheduled_events", "soundboard_sounds"])
      delete guild[only];
    this.gateway.dispatch("GUILD_UPDATE", guild, Intent.Guilds);
  }

  addChannel(input: AddChannelInput): Json {
    const g = this.mustGuild(input.guildId);
    const id = input.id ?? snowflake();
    let botPermissions = input.botPermissions ?? DEFAULT_BOT_PERMISSIONS;
    if (isThreadType(input.type)) {
      const parent = input.parentId ? this.channels.get(input.parentId) : undefined;
      if (!parent || isThreadType(parent.type))
        throw new Error("addChannel: a thread needs parentId of a text/announcement/forum channel");
      botPermissions = input.botPermissions ?? parent.botPermissions;
    } else if (input.parentId && this.channels.get(input.parentId)?.type !== ChannelType.GuildCategory) {
      throw new Error("addChannel: parentId of a non-thread channel must be a category (type 4)");
    }
    const c: ChannelState = {
      id,
      guildId: g.id,
      type: input.type,
      name: input.name,
      parentId: input.parentId ?? null,
      botPermissions,
      position: [...this.channels.values()].filter((x) => x.guildId === g.id).length,
      deleted: false,
      lastMessageId: null,
      createdAt: Date.now(),
      messageCount: 0,
      totalMessageSent: 0,
      members: new Set(),
      overwrites: this.checkOverwrites(input.type, input.permissionOverwrites ?? []),
    };
    if (isThreadType(input.type)) {
      c.ownerId = g.ownerId;
      c.autoArchiveDuration = 1440;
    }
    this.channels.set(id, c);
    if (this.gateway.sessions.size) {
      this.gateway.dispatch(
        isThreadType(c.type) ? "THREAD_CREATE" : "CHANNEL_CREATE",
        this.channelObject(c),
        Intent.Guilds,
      );
    }
    this.emitChange("channel", c);
    return this.channelObject(c);
  }

  /** Replaces a channel's role/member overwrites (as a moderator editing the channel; sends CHANNEL_UPDATE). */
  setChannelOverwrites(channelId: string, overwrites: ChannelOverwrite[]): void {
    const c = this.mustChannel(channelId);
    c.overwrites = this.checkOverwrites(c.type, overwrites, true);
    this.gateway.dispatch("CHANNEL_UPDATE", this.channelObject(c), Intent.Guilds);
    this.emitChange("channel", c);
  }

  private checkOverwrites(type: number, overwrites: ChannelOverwrite[], updating = false): ChannelOverwrite[] {
    if ((overwrites.length || updating) && isThreadType(type))
      throw new Error("permission overwrites: threads have none (they follow their parent)");
    if (overwrites.some((o) => o.type === 1 && o.id === this.botUser.id))
      throw new Error("permission overwrites: set the bot's with botPermissions");
    if (new Set(overwrites.map((o) => o.id)).size !== overwrites.length)
      throw new Error("permission overwrites: one per role or member");
    return overwrites.map((o) => ({ ...o }));
  }

  /** Changes the bot's permissions in a channel (and, for gateway clients, sends CHANNEL_UPDATE). */
  setBotPermissions(channelId: string, perms: bigint): void {
    const c = this.mustChannel(channelId);
    c.botPermissions = perms;
    if (!isThreadType(c.type)) this.gateway.dispatch("CHANNEL_UPDATE", this.channelObject(c), Intent.Guilds);
  }

  addUser(input: AddUserInput): Json {
    const id = input.id ?? snowflake();
    const raw = userObject(id, input.username);
    this.users.set(id, {
      raw,
      permissions: input.permissions ?? DEFAULT_MEMBER_PERMISSIONS,
      roles: input.roles ?? [],
      nick: input.nick ?? null,
      guildIds: new Set(input.guildIds ?? [...this.guilds.keys()]),
      joinedAt: Date.now(),
    });
    return raw;
  }

  /** The user interactions come from when no userId is given (created on first use). */
  get defaultUser(): Json {
    if (!this.defaultUserId) this.defaultUserId = this.addUser({ username: "tester" }).id;
    return this.users.get(this.defaultUserId!)!.raw;
  }

  /**
   * An attachment as a member would upload it with a slash command: served by the emulator CDN at a
   * signed `ephemeral-attachments` URL (Range supported).
   */
  addAttachment(input: AddAttachmentInput): DiscordAttachment {
    const data = typeof input.data === "string" ? readFileSync(input.data) : Buffer.from(input.data);
    const id = snowflake();
    const contentType = input.contentType ?? guessContentType(input.filename) ?? "application/octet-stream";
    const p = `/ephemeral-attachments/${this.applicationId}/${id}/${encodeURIComponent(input.filename)}`;
    this.cdn.set(p, { data, contentType, createdAt: Date.now() });
    const att: DiscordAttachment = {
      id,
      filename: input.filename,
      size: input.sizeOverride ?? data.length,
      url: this.signedUrl(this.cdnBase, p),
      proxy_url: this.signedUrl(this.mediaBase, p),
      content_type: contentType,
      ephemeral: true,
      ...(input.width !== undefined || input.height !== undefined
        ? { width: input.width ?? null, height: input.height ?? null }
        : {}),
      ...(input.extra ?? {}),
    };
    return att;
  }

  // -------------------------------------------------------------------------------------------
  // Driving the bot

  sendCommand(input: SendCommandInput): { id: string; token: string } {
    const channel = this.mustChannel(input.channelId);
    const guild = this.mustGuild(input.guildId ?? channel.guildId);
    const user = this.mustUser(input.userId ?? this.defaultUser.id);
    const commandType = input.commandType ?? 1;
    const registered = this.findCommand(guild.id, input.name, commandType);
    const resolved: Json = {};
    const leafOptions = this.buildOptions(input.options ?? {}, registered, input, resolved);
    let options = leafOptions;
    if (input.subcommand) options = [{ type: 1, name: input.subcommand, options: leafOptions }];
    if (input.subcommandGroup) options = [{ type: 2, name: input.subcommandGroup, options }];
    const data: Json = {
      id: registered?.id ?? snowflake(),
      name: input.name,
      type: commandType,
      ...(commandType === 1 ? { options } : {}),
      ...(Object.keys(resolved).length ? { resolved } : {}),
      ...(registered?.guild_id ? { guild_id: registered.guild_id } : {}),
      ...(input.targetId ? { target_id: input.targetId } : {}),
    };
    if (commandType === 3 && input.targetId) {
      const m = this.messagesById.get(input.targetId);
      if (m) data.resolved = { messages: { [input.targetId]: m.raw } };
    }
    return this.dispatchInteraction({ type: 2, guild, channel, user, data, ...input, name: input.name });
  }

  /**
   * Autocomplete (type 4), as Discord sends it while a member types: the options typed so far, the one being typed
   * `focused: true` with its partial text as a string, no resolved objects and no check for required options.
   * The bot must answer with callback type 8 (`{ choices }`); see autocompleteChoices().
   */
  sendAutocomplete(input: SendAutocompleteInput): { id: string; token: string } {
    const channel = this.mustChannel(input.channelId);
    const guild = this.mustGuild(channel.guildId);
    const user = this.mustUser(input.userId ?? this.defaultUser.id);
    const registered = this.findCommand(guild.id, input.name, 1);
    if (!registered) throw new Error(`sendAutocomplete: /${input.name} is not registered`);
    let declared: Json[] = registered.options ?? [];
    if (input.subcommand) declared = declared.find((o: Json) => o.name === input.subcommand)?.options ?? [];
    const focused = declared.find((o: Json) => o.name === input.focused);
    if (!focused?.autocomplete)
      throw new Error(
        `sendAutocomplete: option "${input.focused}" of /${input.name} is not registered with autocomplete`,
      );
    const leaf = Object.entries(input.options).map(([name, value]) => {
      const decl = declared.find((o: Json) => o.name === name);
      if (!decl) throw new Error(`sendAutocomplete: /${input.name} is registered without an option "${name}"`);
      if (decl.type === 11) throw new Error("sendAutocomplete: attachments are not sent with autocomplete");
      return name === input.focused
        ? { type: decl.type, name, value: String(value), focused: true }
        : { type: decl.type, name, value };
    });
    if (!(input.focused in input.options))
      leaf.push({ type: focused.type, name: input.focused, value: "", focused: true });
    const options = input.subcommand ? [{ type: 1, name: input.subcommand, options: leaf }] : leaf;
    const data: Json = {
      id: registered.id,
      name: input.name,
      type: 1,
      options,
      ...(registered.guild_id ? { guild_id: registered.guild_id } : {}),
    };
    return this.dispatchInteraction({ type: 4, guild, channel, user, data, ...input, name: input.name });
  }

  /** The choices the bot answered an autocomplete with (undefined until it answered). */
  autocompleteChoices(interactionId: string): { name: string; value: string | number }[] | undefined {
    const answer = this.interactions
      .get(interactionId)
      ?.callbacks.find((cb) => cb.type === CALLBACK.ApplicationCommandAutocompleteResult && cb.status < 300);
    return answer ? (answer.body.data?.choices ?? []) : undefined;
  }

  clickButton(input: ClickButtonInput): { id: string; token: string } {
    const channel = this.mustChannel(input.channelId);
    const guild = this.mustGuild(channel.guildId);
    const user = this.mustUser(input.userId ?? this.defaultUser.id);
    const msg = this.messagesById.get(input.messageId);
    if (!msg || msg.deleted || msg.channelId !== channel.id)
      throw new Error(`clickButton: no message ${input.messageId} in channel ${channel.id}`);
    const comp = findComponent(msg.raw.components, input.customId);
    if (!comp)
      throw new Error(`clickButton: message ${input.messageId} has no component with custom_id ${input.customId}`);
    if (comp.disabled)
      throw new Error(`clickButton: component ${input.customId} is disabled (Discord clients cannot click it)`);
    const data: Json = {
      custom_id: input.customId,
      component_type: comp.type,
      ...(comp.id !== undefined ? { id: comp.id } : {}),
    };
    if (input.values) data.values = input.values;
    return this.dispatchInteraction({ type: 3, guild, channel, user, data, message: msg, ...input });
  }

  /**
   * A member posts a message (what a message context-menu command is used on). Discord sends MESSAGE_CREATE only
   * to sessions with the GuildMessages intent; its files are served like any message attachment (signed links).
   */
  postMessage(input: PostMessageInput): StoredMessage {
    const channel = this.mustChannel(input.channelId);
    const user = this.mustUser(input.userId ?? this.defaultUser.id);
    const files = (input.files ?? []).map((f, i) => {
      const data = typeof f.data === "string" ? readFileSync(f.data) : Buffer.from(f.data);
      const contentType = f.contentType ?? guessContentType(f.filename) ?? "application/octet-stream";
      return { field: `files[${i}]`, filename: f.filename, contentType, size: data.length, data };
    });
    const body = { content: input.content ?? "", attachments: files.map((f, i) => ({ id: i, filename: f.filename })) };
    return this.createMessage(channel, body, files, { author: user });
  }

  /** Moves the CDN's clock forward: links signed before now expire once their `ex` is behind it (refresh them). */
  advanceCdnClock(ms: number): void {
    this.signer.aheadMs += ms;
    this.emitChange("cdn");
  }

  submitModal(input: SubmitModalInput): { id: string; token: string } {
    const channel = this.mustChannel(input.channelId);
    const guild = this.mustGuild(channel.guildId);
    const user = this.mustUser(input.userId ?? this.defaultUser.id);
    const opener = input.openedBy ? this.interactions.get(input.openedBy) : undefined;
    if (input.openedBy && !opener?.modal) throw new Error(`submitModal: interaction ${input.openedBy} showed no modal`);
    const customId = opener ? String(opener.modal.custom_id) : input.customId;
    if (!customId) throw new Error("submitModal: give openedBy or customId");
    if (opener) this.checkModalFields(opener, input);
    const resolvedAttachments: Record<string, DiscordAttachment> = {};
    let nextId = 1;
    const submitted = (customId: string, v: string | DiscordAttachment[]) => {
      const labelId = nextId++;
      if (typeof v === "string") {
        return { type: 18, id: labelId, component: { type: 4, id: nextId++, custom_id: customId, value: v } };
      }
      for (const a of v) resolvedAttachments[a.id] = a;
      return {
        type: 18,
        id: labelId,
        component: { type: 19, id: nextId++, custom_id: customId, values: v.map((a) => a.id) },
      };
    };
    const components = opener
      ? modalInputs(opener.modal).map((c) =>
          submitted(c.custom_id, input.fields[c.custom_id] ?? (c.type === 4 ? "" : [])),
        )
      : Object.entries(input.fields).map(([id, v]) => submitted(id, v));
    const data: Json = { custom_id: customId, components };
    if (Object.keys(resolvedAttachments).length) data.resolved = { attachments: resolvedAttachments };
    const messageId = input.messageId ?? (opener?.type === 3 ? opener.payload.message?.id : undefined);
    const msg = messageId ? this.messagesById.get(messageId) : undefined;
    if (messageId && !msg) throw new Error(`submitModal: unknown message ${messageId}`);
    return this.dispatchInteraction({ type: 5, guild, channel, user, data, message: msg, ...input, customId });
  }

  /** What a Discord client lets a member submit in the modal it shows (see SubmitModalInput.openedBy). */
  private checkModalFields(opener: InteractionRecord, input: SubmitModalInput): void {
    const inputs = modalInputs(opener.modal);
    const limit = Number(opener.payload.attachment_size_limit);
    for (const id of Object.keys(input.fields)) {
      if (!inputs.some((c) => c.custom_id === id)) throw new Error(`submitModal: the modal has no field "${id}"`);
    }
    for (const c of inputs) {
      const v = input.fields[c.custom_id];
      if (c.type === 4) {
        if (v !== undefined && typeof v !== "string") throw new Error(`submitModal: "${c.custom_id}" is a text input`);
        const text = v ?? "";
        if (c.required !== false && !text) throw new Error(`submitModal: "${c.custom_id}" is required`);
        if (typeof c.max_length === "number" && [...text].length > c.max_length)
          throw new Error(`submitModal: "${c.custom_id}" is longer than its max_length ${c.max_length}`);
      } else if (c.type === 19) {
        if (typeof v === "string") throw new Error(`submitModal: "${c.custom_id}" is a file upload`);
        const files = v ?? [];
        const min = c.required === false ? 0 : Math.max(1, c.min_values ?? 1);
        const max = c.max_values ?? 1;
        if (files.length < min || files.length > max)
          throw new Error(`submitModal: "${c.custom_id}" takes ${min}–${max} files, got ${files.length}`);
        const big = files.find((f) => f.size > limit);
        if (big) throw new Error(`submitModal: ${big.filename} is over the member's upload limit (${limit} bytes)`);
      }
    }
  }

  private dispatchInteraction(args: {
    type: number;
    guild: GuildState;
    channel: ChannelState;
    user: UserState;
    data: Json;
    message?: StoredMessage;
    name?: string;
    customId?: string;
    memberPermissions?: bigint;
    attachmentSizeLimit?: number;
    locale?: string;
  }): { id: string; token: string } {
    const { guild, channel, user } = args;
    if (![...this.gateway.sessions.values()].some((s) => sessionOwns(s, guild.id)))
      throw new Error(
        `No gateway session for guild ${guild.id}'s shard: log the client (its shard) in before sending interactions`,
      );
    const id = snowflake();
    const token = interactionToken(id);
    const memberPerms = args.memberPermissions ?? user.permissions;
    const channelObj = { ...this.channelObject(channel), permissions: memberPerms.toString() };
    delete channelObj.permission_overwrites;
    const payload: Json = {
      id,
      application_id: this.applicationId,
      type: args.type,
      data: args.data,
      guild: { id: guild.id, locale: guild.preferredLocale, features: [] },
      guild_id: guild.id,
      guild_locale: guild.preferredLocale,
      channel: channelObj,
      channel_id: channel.id,
      member: { ...this.memberObject(user, guild.id), permissions: memberPerms.toString() },
      token,
      version: 1,
      app_permissions: this.effectiveBotPermissions(channel).toString(),
      locale: args.locale ?? "en-US",
      entitlements: [],
      entitlement_sku_ids: [],
      authorizing_integration_owners: { "0": guild.id },
      context: 0,
      attachment_size_limit: args.attachmentSizeLimit ?? guild.attachmentSizeLimit,
    };
    if (args.message) payload.message = args.message.raw;
    const now = Date.now();
    const rec: InteractionRecord = {
      id,
      token,
      type: args.type,
      name: args.type === 2 ? args.name : undefined,
      customId: args.customId,
      guildId: guild.id,
      channelId: channel.id,
      userId: user.raw.id,
      payload,
      createdAt: now,
      expiresAt: now + this.options.tokenLifetimeMs,
      expired: false,
      acknowledged: false,
      callbacks: [],
      deferredLoading: false,
      edits: [],
      followUps: [],
    };
    this.interactions.set(id, rec);
    this.interactionsByToken.set(token, rec);
    this.gateway.dispatch("INTERACTION_CREATE", payload);
    this.emitChange("interaction", rec);
    return { id, token };
  }

  private buildOptions(
    values: Record<string, CommandOptionValue>,
    registered: Json,
    input: SendCommandInput,
    resolved: Json,
  ): Json[] {
    let declared: Json[] | undefined = registered?.options;
    if (declared && input.subcommandGroup)
      declared = declared.find((o: Json) => o.name === input.subcommandGroup)?.options;
    if (declared && input.subcommand) declared = declared.find((o: Json) => o.name === input.subcommand)?.options;
    const out: Json[] = [];
    for (const [name, v] of Object.entries(values)) {
      const decl = declared?.find((o: Json) => o.name === name);
      if (declared && !decl) throw new Error(`sendCommand: /${input.name} is registered without an option "${name}"`);
      let type: number;
      let value: unknown;
      if (v && typeof v === "object" && "url" in v && "filename" in v) {
        type = 11;
        value = v.id;
        (resolved.attachments ??= {})[v.id] = v;
      } else if (v && typeof v === "object" && "type" in v) {
        type = v.type;
        value = v.value;
      } else if (typeof v === "boolean") {
        type = 5;
        value = v;
      } else if (typeof v === "number") {
        type = decl?.type === 10 || !Number.isInteger(v) ? 10 : 4;
        value = v;
      } else {
        type = 3;
        value = v;
      }
      if (decl && decl.type !== type) {
        throw new Error(
          `sendCommand: option "${name}" of /${input.name} is registered as type ${decl.type}, got a value of type ${type}`,
        );
      }
      out.push({ type, name, value });
    }
    if (declared) {
      for (const d of declared) {
        if (d.required && !(d.name in values))
          throw new Error(`sendCommand: required option "${d.name}" of /${input.name} missing`);
      }
    }
    return out;
  }

  private findCommand(guildId: string, name: string, type: number): Json | undefined {
    const match = (c: Json) => c.name === name && (c.type ?? 1) === type;
    return (this.guildCommands.get(guildId) ?? []).find(match) ?? this.globalCommands.find(match);
  }

  /** Expires an interaction token now: webhook routes answer 401/50027, callbacks 404/10062. */
  expireToken(tokenOrInteractionId: string): void {
    const rec = this.interactionsByToken.get(tokenOrInteractionId) ?? this.interactions.get(tokenOrInteractionId);
    if (!rec) throw new Error("expireToken: unknown token");
    rec.expired = true;
    rec.expiresAt = Math.min(rec.expiresAt, Date.now());
  }

  /** As a moderator would: subsequent calls on the message answer 404/10008. */
  deleteMessage(channelId: string, messageId: string): void {
    const m = this.messagesById.get(messageId);
    if (!m || m.channelId !== channelId) throw new Error(`deleteMessage: no message ${messageId} in ${channelId}`);
    m.deleted = true;
    m.deletedBy = "moderator";
    const c = this.channels.get(channelId);
    this.gateway.dispatch(
      "MESSAGE_DELETE",
      { id: messageId, channel_id: channelId, guild_id: c?.guildId },
      Intent.GuildMessages,
    );
    this.emitChange("message", m);
  }

  /** As a moderator would: the channel (and its threads) answer 404/10003 afterwards. */
  deleteChannel(channelId: string): void {
    const c = this.mustChannel(channelId);
    const victims = [c, ...[...this.channels.values()].filter((x) => x.parentId === c.id && isThreadType(x.type))];
    for (const v of victims) {
      if (v.deleted) continue;
      v.deleted = true;
      if (isThreadType(v.type))
        this.gateway.dispatch(
          "THREAD_DELETE",
          { id: v.id, guild_id: v.guildId, parent_id: v.parentId, type: v.type },
          Intent.Guilds,
        );
      else this.gateway.dispatch("CHANNEL_DELETE", this.channelObject(v), Intent.Guilds);
    }
    this.emitChange("channel", c);
  }

  /** Sends op 7 RECONNECT to connected clients (discord.js resumes). */
  requestGatewayReconnect(): void {
    this.gateway.requestReconnect();
  }

  /** Closes gateway sockets with a resumable code (discord.js reconnects and resumes). */
  dropGatewayConnections(code = 4000): void {
    this.gateway.dropConnections(code);
  }

  // -------------------------------------------------------------------------------------------
  // Fault scripting

  failNext(rule: FaultRule): void {
    this.faults.push({ ...rule, remaining: rule.times ?? 1 });
  }

  clearFaults(): void {
    this.faults.length = 0;
  }

  /**
   * The next request matching the rule is slow, as over a congested link: with `phase: "request"` (default) it
   * waits before Discord handles it; with `phase: "answer"` Discord handles it (the message exists, clients see
   * it) and the answer waits. `reached` resolves when the request is being held; `release()` lets it go.
   */
  hold(rule: HoldRule): { reached: Promise<void>; release(): void } {
    let arrived!: () => void;
    let release!: () => void;
    const reached = new Promise<void>((resolve) => (arrived = resolve));
    const released = new Promise<void>((resolve) => (release = resolve));
    this.holds.push({ ...rule, arrived, released, release });
    return { reached, release };
  }

  private takeHold(method: string, path: string, phase: "request" | "answer") {
    const i = this.holds.findIndex(
      (h) =>
        (h.phase ?? "request") === phase &&
        (!h.method || h.method.toUpperCase() === method) &&
        (typeof h.path === "string" ? h.path === path : h.path.test(path)),
    );
    if (i < 0) return undefined;
    const [held] = this.holds.splice(i, 1);
    held!.arrived();
    return held!.released;
  }

  // -------------------------------------------------------------------------------------------
  // Inspection

  /** All messages of a channel, oldest first, including deleted and ephemeral ones (see flags). */
  messages(channelId: string): StoredMessage[] {
    return [...(this.channelMessages.get(channelId) ?? [])];
  }

  message(channelId: string, id: string): StoredMessage | undefined {
    const m = this.messagesById.get(id);
    return m && m.channelId === channelId ? m : undefined;
  }

  threads(): ThreadRecord[] {
    return [...this.channels.values()]
      .filter((c) => isThreadType(c.type))
      .map((c) => ({
        id: c.id,
        guildId: c.guildId,
        parentId: c.parentId!,
        name: c.name,
        type: c.type,
        fromMessageId: c.fromMessageId,
        createdAt: c.createdAt,
        deleted: c.deleted,
        members: [...c.members],
      }));
  }

  channel(id: string): Json | undefined {
    const c = this.channels.get(id);
    return c ? { ...this.channelObject(c), deleted: c.deleted } : undefined;
  }

  interaction(id: string): InteractionRecord | undefined {
    return this.interactions.get(id);
  }

  allInteractions(): InteractionRecord[] {
    return [...this.interactions.values()];
  }

  /** Registered commands: global ones without guildId, else that guild's. */
  commands(guildId?: string): Json[] {
    return guildId ? [...(this.guildCommands.get(guildId) ?? [])] : [...this.globalCommands];
  }

  get gatewayFrames(): GatewayFrame[] {
    return this.gateway.frames;
  }

  get gatewaySessions(): GatewaySession[] {
    return [...this.gateway.sessions.values()];
  }

  /**
   * Resolves with the predicate's first truthy value. It is re-evaluated whenever the emulator records a
   * request, gateway frame or state change, plus every `recheckMs` (default 50) as a fallback for
   * predicates on state outside the emulator (e.g. the client's cache). Rejects after timeoutMs with
   * the last requests for context.
   */
  waitFor<T>(
    predicate: (emu: this) => T | undefined | null | false,
    timeoutMs = 5_000,
    label = "condition",
    recheckMs = 50,
  ): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let done = false;
      const check = () => {
        if (done) return;
        let v: T | undefined | null | false;
        try {
          v = predicate(this);
        } catch (e) {
          finish();
          reject(e);
          return;
        }
        if (v) {
          finish();
          resolve(v);
        }
      };
      const timer = setTimeout(() => {
        finish();
        const last = this.requests.slice(-8).map((r) => `${r.method} ${r.path} -> ${r.status}`);
        reject(new Error(`waitFor(${label}) timed out after ${timeoutMs} ms; last requests:\n  ${last.join("\n  ")}`));
      }, timeoutMs);
      const recheck = recheckMs > 0 ? setInterval(check, recheckMs) : undefined;
      const finish = () => {
        done = true;
        clearTimeout(timer);
        if (recheck) clearInterval(recheck);
        this.events.off("change", check);
      };
      this.events.on("change", check);
      check();
    });
  }

  /** Waits for a REST request (answered) matching method and path. */
  waitForRequest(method: string, path: RegExp | string, timeoutMs = 5_000, after = 0): Promise<RecordedRequest> {
    return this.waitFor(
      () =>
        this.requests.find(
          (r) =>
            r.seq > after &&
            r.method === method.toUpperCase() &&
            (typeof path === "string" ? r.path === path : path.test(r.path)),
        ),
      timeoutMs,
      `${method} ${path}`,
    );
  }

  private emitChange(kind: string, detail?: unknown) {
    this.events.emit("change", kind, detail);
  }

  // -------------------------------------------------------------------------------------------
  // Object builders

  /**
   * A CDN link of this emulator, expired or not, signed or not, signed anew (same path and host); links that are
   * not attachments it serves are left out of the answer (Discord documents no entry for them).
   */
  private refreshUrl(original: string): Array<{ original: string; refreshed: string }> {
    let u: URL;
    try {
      u = new URL(original);
    } catch {
      return [];
    }
    const at = `${u.origin}${u.pathname}`;
    for (const base of [this.cdnBase, this.mediaBase]) {
      if (!at.startsWith(`${base}/`)) continue;
      const p = at.slice(base.length);
      if (this.cdn.has(p)) return [{ original, refreshed: this.signedUrl(base, p) }];
    }
    return [];
  }

  private signedUrl(base: string, p: string): string {
    return `${base}${p}?${this.signer.sign(p)}`;
  }

  private mustGuild(id: string): GuildState {
    const g = this.guilds.get(id);
    if (!g) throw new Error(`Unknown guild ${id}`);
    return g;
  }
  private mustChannel(id: string): ChannelState {
    const c = this.channels.get(id);
    if (!c) throw new Error(`Unknown channel ${id}`);
    return c;
  }
  private mustUser(id: string): UserState {
    const u = this.users.get(id);
    if (!u) throw new Error(`Unknown user ${id}`);
    return u;
  }

  private effectiveBotPermissions(c: ChannelState): bigint {
    if (isThreadType(c.type) && c.parentId) {
      const parent = this.channels.get(c.parentId);
      if (parent) return parent.botPermissions;
    }
    return c.botPermissions;
  }

  private memberObject(u: UserState, guildId: string): Json {
    return {
      user: u.raw,
      nick: u.nick,
      avatar: null,
      banner: null,
      roles: u.roles,
      joined_at: iso(u.joinedAt),
      premium_since: null,
      deaf: false,
      mute: false,
      flags: 0,
      pending: false,
      communication_disabled_until: null,
      unusual_dm_activity_until: null,
      ...(guildId ? {} : {}),
    };
  }

  private botRoleId(guildId: string): string {
    // Stable per guild: the managed integration role every bot gets.
    return (BigInt(guildId) + 1n).toString();
  }

  private channelObject(c: ChannelState): Json {
    const base: Json = {
      id: c.id,
      type: c.type,
      guild_id: c.guildId,
      name: c.name,
      parent_id: c.parentId,
      last_message_id: c.lastMessageId,
      rate_limit_per_user: 0,
      flags: 0,
      nsfw: false,
    };
    if (isThreadType(c.type)) {
      return {
        ...base,
        owner_id: c.ownerId,
        thread_metadata: {
          archived: false,
          auto_archive_duration: c.autoArchiveDuration ?? 1440,
          archive_timestamp: iso(c.createdAt),
          locked: false,
          create_timestamp: iso(c.createdAt),
          ...(c.type === ChannelType.PrivateThread ? { invitable: c.invitable ?? true } : {}),
        },
        message_count: c.messageCount,
        member_count: c.members.size,
        total_message_sent: c.totalMessageSent,
        member_ids_preview: [...c.members].slice(0, 8),
        ...(c.members.has(this.botUser.id)
          ? { member: { id: c.id, user_id: this.botUser.id, join_timestamp: iso(c.createdAt), flags: 1 } }
          : {}),
      };
    }
    const perms = c.botPermissions;
    const out: Json = {
      ...base,
      position: c.position,
      permission_overwrites: [
        ...c.overwrites.map((o) => ({
          id: o.id,
          type: o.type,
          allow: (o.allow ?? 0n).toString(),
          deny: (o.deny ?? 0n).toString(),
        })),
        // The bot's effective channel permissions, expressed as a member overwrite (allow exact set, deny the rest).
        { id: this.botUser.id, type: 1, allow: perms.toString(), deny: (ALL_PERMISSIONS & ~perms).toString() },
      ],
      topic: null,
    };
    if (c.type === ChannelType.GuildVoice || c.type === ChannelType.GuildStageVoice) {
      Object.assign(out, { bitrate: 64000, user_limit: 0, rtc_region: null, video_quality_mode: 1 });
      delete out.topic;
    }
    if (c.type === ChannelType.GuildForum)
      Object.assign(out, {
        available_tags: [],
        default_reaction_emoji: null,
        default_sort_order: null,
        default_forum_layout: 0,
      });
    if (c.type === ChannelType.GuildText || c.type === ChannelType.GuildAnnouncement)
      out.default_auto_archive_duration = 1440;
    return out;
  }

  /** the guilds a session's shard owns */
  private guildsOf(session: GatewaySession): GuildState[] {
    return [...this.guilds.values()].filter((g) => sessionOwns(session, g.id));
  }

  private readyPayload(session: GatewaySession): Json {
    return {
      v: 10,
      user_settings: {},
      user: this.botUser,
      guilds: this.guildsOf(session).map((g) => ({ id: g.id, unavailable: true })),
      session_id: session.id,
      session_type: "normal",
      resume_gateway_url: this.gatewayUrl,
      shard: session.shard,
      application: { id: this.applicationId, flags: 0 },
      private_channels: [],
      relationships: [],
      presences: [],
      guild_join_requests: [],
      geo_ordered_rtc_regions: ["local"],
      auth: {},
      _trace: ['["emulator"]'],
    };
  }

  private guildCreatePayload(g: GuildState): Json {
    const live = [...this.channels.values()].filter((c) => c.guildId === g.id && !c.deleted);
    const members = [...this.users.values()].filter((u) => u.guildIds.has(g.id));
    const botMember = {
      ...this.memberObject(
        {
          raw: this.botUser,
          permissions: 0n,
          roles: [this.botRoleId(g.id)],
          nick: null,
          guildIds: new Set(),
          joinedAt: g.createdAt,
        },
        g.id,
      ),
    };
    return {
      id: g.id,
      name: g.name,
      icon: null,
      icon_hash: null,
      splash: null,
      discovery_splash: null,
      banner: null,
      description: null,
      owner_id: g.ownerId,
      region: "deprecated",
      afk_channel_id: null,
      afk_timeout: 300,
      widget_enabled: false,
      verification_level: 0,
      default_message_notifications: 0,
      explicit_content_filter: 0,
      roles: [
        {
          id: g.id,
          name: "@everyone",
          permissions: g.everyonePermissions.toString(),
          position: 0,
          color: 0,
          colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
          hoist: false,
          managed: false,
          mentionable: false,
          icon: null,
          unicode_emoji: null,
          flags: 0,
        },
        {
          id: this.botRoleId(g.id),
          name: this.options.botUsername,
          permissions: "0",
          position: 1,
          color: 0,
          colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
          hoist: false,
          managed: true,
          mentionable: false,
          icon: null,
          unicode_emoji: null,
          flags: 0,
          tags: { bot_id: this.botUser.id },
        },
      ],
      emojis: [],
      stickers: [],
      features: [],
      mfa_level: 0,
      application_id: null,
      system_channel_id: null,
      system_channel_flags: 0,
      rules_channel_id: null,
      max_presences: null,
      max_members: 500000,
      vanity_url_code: null,
      premium_tier: 0,
      premium_subscription_count: 0,
      preferred_locale: g.preferredLocale,
      public_updates_channel_id: null,
      max_video_channel_users: 25,
      max_stage_video_channel_users: 50,
      nsfw_level: 0,
      premium_progress_bar_enabled: false,
      safety_alerts_channel_id: null,
      joined_at: iso(g.createdAt),
      large: false,
      unavailable: false,
      member_count: members.length + 1,
      voice_states: [],
      members: [botMember, ...members.map((u) => this.memberObject(u, g.id))],
      channels: live
        .filter((c) => !isThreadType(c.type))
        .map((c) => {
          const o = this.channelObject(c);
          delete o.guild_id;
          return o;
        }),
      threads: live.filter((c) => isThreadType(c.type)).map((c) => this.channelObject(c)),
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
      embedded_activities: [],
      lazy: true,
    };
  }

  // -------------------------------------------------------------------------------------------
  // HTTP

  private async onHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", `http://127.0.0.1:${this.port}`);
    try {
      if (url.pathname.startsWith("/cdn/") || url.pathname.startsWith("/media/")) return this.serveCdn(req, res, url);
      const m = /^\/api(?:\/v(\d+))?(\/.*)$/.exec(url.pathname);
      if (m) return await this.serveApi(req, res, url, decodePath(m[2]!), m[1]);
      res.writeHead(404, { "content-type": "text/plain" }).end("Not Found");
    } catch (e) {
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ message: `Emulator error: ${(e as Error).stack ?? e}`, code: 0 }));
    }
  }

  private serveCdn(req: IncomingMessage, res: ServerResponse, url: URL): void {
    const p = url.pathname.replace(/^\/(cdn|media)/, "");
    const range = req.headers.range;
    const record = (status: number, bytes: number) => {
      this.cdnRequests.push({
        method: req.method ?? "GET",
        path: url.pathname + url.search,
        range,
        status,
        bytes,
        at: Date.now(),
      });
      this.emitChange("cdn");
    };
    const obj = this.cdn.get(p);
    const verdict = obj ? this.signer.verify(p, url.searchParams) : "bad-signature";
    if (!obj || verdict !== "ok") {
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("This content is no longer available.");
      return record(404, 0);
    }
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { allow: "GET, HEAD" }).end();
      return record(405, 0);
    }
    const size = obj.data.length;
    const common = {
      "content-type": obj.contentType,
      "accept-ranges": "bytes",
      etag: `"${p.length.toString(16)}-${size.toString(16)}"`,
      "last-modified": new Date(obj.createdAt).toUTCString(),
      "cache-control": "public, max-age=31536000",
    };
    const head = req.method === "HEAD";
    if (range) {
      const rm = /^bytes=(\d*)-(\d*)$/.exec(range.trim());
      if (rm && (rm[1] !== "" || rm[2] !== "")) {
        let start: number;
        let end: number;
        if (rm[1] === "") {
          const suffix = Number(rm[2]);
          start = Math.max(0, size - suffix);
          end = size - 1;
        } else {
          start = Number(rm[1]);
          end = rm[2] === "" ? size - 1 : Math.min(Number(rm[2]), size - 1);
        }
        if (start >= size || start > end || (rm[1] === "" && Number(rm[2]) === 0)) {
          res.writeHead(416, { ...common, "content-range": `bytes */${size}`, "content-length": "0" }).end();
          return record(416, 0);
        }
        const chunk = obj.data.subarray(start, end + 1);
        res.writeHead(206, {
          ...common,
          "content-range": `bytes ${start}-${end}/${size}`,
          "content-length": String(chunk.length),
        });
        res.end(head ? undefined : chunk);
        return record(206, head ? 0 : chunk.length);
      }
      // Multi-range or malformed: serve the whole entity (allowed by RFC 9110).
    }
    res.writeHead(200, { ...common, "content-length": String(size) });
    res.end(head ? undefined : obj.data);
    record(200, head ? 0 : size);
  }

  private async serveApi(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    path: string,
    version: string | undefined,
  ): Promise<void> {
    const started = Date.now();
    const method = (req.method ?? "GET").toUpperCase();
    const raw = await readBody(req);
    const record: RecordedRequest = {
      seq: ++this.requestSeq,
      method,
      path,
      query: Object.fromEntries(url.searchParams),
      headers: { ...req.headers },
      body: undefined,
      multipart: false,
      files: [],
      route: null,
      status: 0,
      response: undefined,
      injected: false,
      at: started,
      durationMs: 0,
    };
    const answer = (status: number, body: Json, headers: Record<string, string> = {}) => {
      record.status = status;
      record.response = body;
      record.durationMs = Date.now() - started;
      const h: Record<string, string> = { ...headers };
      if (body !== undefined && status !== 204) h["content-type"] ??= "application/json";
      res.writeHead(status, h);
      res.end(
        body === undefined || status === 204 ? undefined : typeof body === "string" ? body : JSON.stringify(body),
      );
      this.requests.push(record);
      this.emitChange("request", record);
    };

    let files: Ctx["files"] = [];
    try {
      const ct = String(req.headers["content-type"] ?? "");
      if (raw.length && ct.startsWith("multipart/form-data")) {
        record.multipart = true;
        const parsed = await parseMultipart(raw, ct);
        record.body = parsed.payload;
        files = parsed.files;
        record.files = files.map(({ data: _d, ...f }) => f);
      } else if (raw.length) {
        try {
          record.body = JSON.parse(raw.toString("utf8"));
        } catch {
          throw new ApiError(400, 50109, "The request body contains invalid JSON.");
        }
      }
      if (version !== undefined && version !== "10" && version !== "9") throw new ApiError(404, 0, "404: Not Found");

      const found = this.matchRoute(method, path);
      if (found) record.route = `${found.route.method} ${found.route.template}`;
      const heldRequest = this.takeHold(method, path, "request");
      if (heldRequest) await heldRequest;
      const fault = this.takeFault(method, path, "request");
      if (fault) {
        record.injected = true;
        const { status, body, headers } = fault;
        return answer(status, body, headers);
      }
      if (!found) {
        const exists = this.routes.some((r) => r.re.test(path));
        throw exists ? new ApiError(405, 0, "405: Method Not Allowed") : new ApiError(404, 0, "404: Not Found");
      }
      const { route, params } = found;
      if (route.auth === "bot") {
        const auth = req.headers.authorization;
        if (auth !== `Bot ${this.botToken}`) throw err.unauthorized();
      }
      const ctx: Ctx = { method, path, url, params, headers: req.headers, body: record.body, files, record };
      this.validateBody(route, ctx);
      const result = await route.handler(ctx);
      const heldAnswer = this.takeHold(method, path, "answer");
      if (heldAnswer) await heldAnswer;
      const lateFault = this.takeFault(method, path, "answer");
      if (lateFault) {
        record.injected = true;
        return answer(lateFault.status, lateFault.body, lateFault.headers);
      }
      answer(result.status, result.body, result.headers);
    } catch (e) {
      if (e instanceof ApiError) return answer(e.status, e.toBody(), e.headers);
      answer(500, { message: `Emulator error: ${(e as Error).stack ?? e}`, code: 0 });
    }
  }

  private takeFault(
    method: string,
    path: string,
    phase: NonNullable<FaultRule["phase"]>,
  ): { status: number; body: Json; headers: Record<string, string> } | null {
    const i = this.faults.findIndex(
      (f) =>
        (f.phase ?? "request") === phase &&
        (!f.method || f.method.toUpperCase() === method) &&
        (typeof f.path === "string" ? f.path === path : f.path.test(path)),
    );
    if (i < 0) return null;
    const f = this.faults[i]!;
    if (--f.remaining <= 0) this.faults.splice(i, 1);
    const headers: Record<string, string> = { ...(f.headers ?? {}) };
    let body = f.body;
    if (f.status === 429) {
      const retryAfter = f.retryAfter ?? 0.2;
      body ??= { message: "You are being rate limited.", retry_after: retryAfter, global: Boolean(f.global) };
      const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
      if (!("retry-after" in lower)) headers["retry-after"] = String(retryAfter);
      if (!("x-ratelimit-scope" in lower)) headers["x-ratelimit-scope"] = f.global ? "global" : "user";
      if (f.global && !("x-ratelimit-global" in lower)) headers["x-ratelimit-global"] = "true";
      if (!f.global) {
        headers["x-ratelimit-limit"] ??= "5";
        headers["x-ratelimit-remaining"] ??= "0";
        headers["x-ratelimit-reset-after"] ??= String(retryAfter);
        headers["x-ratelimit-reset"] ??= String((Date.now() / 1000 + retryAfter).toFixed(3));
        headers["x-ratelimit-bucket"] ??= "emulatorbucket";
      }
    }
    body ??= defaultErrorBody(f.status);
    return { status: f.status, body, headers };
  }

  private matchRoute(method: string, path: string): { route: Route; params: Record<string, string> } | null {
    for (const route of this.routes) {
      if (route.method !== method) continue;
      const m = route.re.exec(path);
      if (!m) continue;
      const params: Record<string, string> = {};
      route.keys.forEach((k, i) => (params[k] = m[i + 1]!));
      return { route, params };
    }
    return null;
  }

  private violation(kind: SpecViolation["kind"], ctx: Ctx, route: string, errors: FieldError[]): void {
    this.specViolations.push({
      kind,
      requestSeq: ctx.record.seq,
      method: ctx.method,
      path: ctx.path,
      route,
      errors,
      body: ctx.body,
      at: Date.now(),
    });
    this.emitChange("violation");
  }

  /** Rejects (400/50035) a semantic error and records it in specViolations. */
  private semantic(ctx: Ctx, path: string[], code: string, message: string): ApiError {
    const errors = [{ path, code, message }];
    this.violation("semantic", ctx, ctx.record.route ?? "", errors);
    return err.formBody(errors);
  }

  private validateBody(route: Route, ctx: Ctx): void {
    if (!["POST", "PUT", "PATCH"].includes(ctx.method)) return;
    const routeName = `${route.method} ${route.template}`;
    const hasSchema = this.spec.hasOperation(route.template, route.method);
    let schemaErrors: FieldError[] = [];
    if (hasSchema && ctx.body !== undefined) schemaErrors = this.spec.validate(route.template, route.method, ctx.body);
    else if (ctx.body === undefined && this.spec.requiresBody(route.template, route.method)) {
      // Most bodies are required; an empty body is what Discord rejects as Invalid Form Body.
      if (!ctx.files.length)
        schemaErrors = [{ path: [], code: "BASE_TYPE_REQUIRED", message: "A request body is required" }];
    }
    const limitErrors = this.limitErrors(route, ctx.body);
    if (schemaErrors.length) this.violation("schema", ctx, routeName, schemaErrors);
    if (limitErrors.length) this.violation("limit", ctx, routeName, limitErrors);
    if (this.options.strictSpec && (schemaErrors.length || limitErrors.length))
      throw err.formBody([...schemaErrors, ...limitErrors]);
  }

  private limitErrors(route: Route, body: Json): FieldError[] {
    if (body === undefined || body === null) return [];
    switch (route.template) {
      case "/channels/{channel_id}/messages":
      case "/channels/{channel_id}/messages/{message_id}":
      case "/webhooks/{webhook_id}/{webhook_token}":
      case "/webhooks/{webhook_id}/{webhook_token}/messages/@original":
      case "/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}":
        return checkMessageLimits(body);
      case "/interactions/{interaction_id}/{interaction_token}/callback":
        if (body.type === CALLBACK.Modal) return checkModalLimits(body.data);
        if (body.type === CALLBACK.ApplicationCommandAutocompleteResult) return checkAutocompleteLimits(body.data);
        if (body.type === CALLBACK.ChannelMessageWithSource || body.type === CALLBACK.UpdateMessage)
          return checkMessageLimits(body.data ?? {}, ["data"]);
        return [];
      case "/channels/{channel_id}/messages/{message_id}/threads":
      case "/channels/{channel_id}/threads":
        return checkThreadName(body);
      case "/attachments/refresh-urls":
        return checkRefreshUrls(body);
      case "/applications/{application_id}/commands":
      case "/applications/{application_id}/guilds/{guild_id}/commands":
        return Array.isArray(body) ? checkCommandListLimits(body) : checkCommandLimits(body);
      default:
        return [];
    }
  }

  // -------------------------------------------------------------------------------------------
  // Routes

  private route(method: string, template: string, auth: Route["auth"], handler: Route["handler"]) {
    const keys: string[] = [];
    const re = new RegExp(
      "^" +
        template
          .split(/(\{\w+\})/)
          .map((part) => {
            const k = /^\{(\w+)\}$/.exec(part);
            if (k) {
              keys.push(k[1]!);
              return "([^/]+)";
            }
            return part.replace(/[.*+?^$()|[\]\\]/g, "\\$&");
          })
          .join("") +
        "/?$",
    );
    this.routes.push({ method, re, keys, template, auth, handler });
  }

  private registerRoutes() {
    const json = (body: Json, status = 200): RouteResult => ({ status, body });
    const noContent = (): RouteResult => ({ status: 204 });

    this.route("GET", "/gateway", "none", () => json({ url: this.gatewayUrl.replace(/\/gateway$/, "") }));
    this.route("POST", "/attachments/refresh-urls", "bot", ({ body }) =>
      json({ refreshed_urls: (body.attachment_urls as string[]).flatMap((u) => this.refreshUrl(u)) }),
    );
    this.route("GET", "/gateway/bot", "bot", () =>
      json({
        url: this.gatewayUrl,
        shards: this.options.recommendedShards ?? Math.max(1, Math.ceil(this.guilds.size / 1_000)),
        session_start_limit: {
          total: this.options.sessionStartLimit.total,
          remaining: this.sessionStartsRemaining,
          reset_after: this.options.sessionStartLimit.resetAfterMs,
          max_concurrency: this.options.sessionStartLimit.maxConcurrency,
        },
      }),
    );
    this.route("GET", "/users/@me", "bot", () => json(this.botUser));
    this.route("GET", "/applications/@me", "bot", () => json(this.applicationObject()));
    this.route("GET", "/oauth2/applications/@me", "bot", () => json(this.applicationObject()));

    this.route("GET", "/channels/{channel_id}", "bot", ({ params }) => {
      const c = this.liveChannel(params.channel_id!);
      this.requirePerm(c, Perm.ViewChannel, err.missingAccess);
      return json(this.channelObject(c));
    });

    this.route("POST", "/channels/{channel_id}/typing", "bot", ({ params }) => {
      const c = this.liveChannel(params.channel_id!);
      this.requirePerm(c, Perm.ViewChannel, err.missingAccess);
      return noContent();
    });

    this.route("POST", "/channels/{channel_id}/messages", "bot", (ctx) => {
      const c = this.liveChannel(ctx.params.channel_id!);
      if (!isTextBasedType(c.type)) throw err.nonTextChannel();
      this.requirePerm(c, Perm.ViewChannel, err.missingAccess);
      this.requirePerm(c, isThreadType(c.type) ? Perm.SendMessagesInThreads : Perm.SendMessages);
      if (ctx.files.length) this.requirePerm(c, Perm.AttachFiles);
      const body = ctx.body ?? {};
      const hasContent =
        (typeof body.content === "string" && body.content.length > 0) ||
        (body.embeds?.length ?? 0) > 0 ||
        (body.components?.length ?? 0) > 0 ||
        (body.sticker_ids?.length ?? 0) > 0 ||
        body.poll ||
        ctx.files.length > 0;
      if (!hasContent) throw new ApiError(400, 50006, "Cannot send an empty message");
      this.checkUploadSizes(ctx.files, this.mustGuild(c.guildId).attachmentSizeLimit);
      let reference: StoredMessage | undefined;
      if (body.message_reference?.message_id) {
        reference = this.messagesById.get(body.message_reference.message_id);
        const refChannel = body.message_reference.channel_id ?? c.id;
        if (
          (!reference || reference.deleted || reference.channelId !== refChannel) &&
          body.message_reference.fail_if_not_exists !== false
        ) {
          throw this.semantic(ctx, ["message_reference"], "REPLIES_UNKNOWN_MESSAGE", "Unknown message");
        }
        if (reference?.deleted) reference = undefined;
      }
      // enforce_nonce: "If another message was created by the same author with the same nonce, that message will be
      // returned and no new message will be created" (within the past few minutes)
      const nonceKey =
        body.enforce_nonce === true && body.nonce !== undefined && body.nonce !== null
          ? `${String(this.botUser.id)}:${String(body.nonce)}`
          : undefined;
      const earlier = nonceKey ? this.nonces.get(nonceKey) : undefined;
      if (earlier && Date.now() - earlier.at <= this.options.nonceWindowMs && !earlier.message.deleted) {
        return json(earlier.message.raw);
      }
      const m = this.createMessage(c, body, ctx.files, { reference });
      if (nonceKey) {
        this.nonces.set(nonceKey, { message: m, at: Date.now() });
        if (this.nonces.size % 1_000 === 0) {
          for (const [key, n] of this.nonces)
            if (Date.now() - n.at > this.options.nonceWindowMs) this.nonces.delete(key);
        }
      }
      return json(m.raw);
    });

    this.route("GET", "/channels/{channel_id}/messages", "bot", ({ params, url }) => {
      const c = this.liveChannel(params.channel_id!);
      this.requirePerm(c, Perm.ViewChannel, err.missingAccess);
      if ((this.effectiveBotPermissions(c) & Perm.ReadMessageHistory) === 0n) return json([]);
      const limit = Number(url.searchParams.get("limit") ?? 50);
      if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
        throw err.formBody([{ path: ["limit"], code: "NUMBER_TYPE_MAX", message: "Must be between 1 and 100." }]);
      }
      const before = url.searchParams.get("before");
      const after = url.searchParams.get("after");
      const around = url.searchParams.get("around");
      let list = (this.channelMessages.get(c.id) ?? []).filter((m) => !m.deleted && !m.ephemeral);
      const big = (s: string) => BigInt(s);
      if (before) list = list.filter((m) => big(m.raw.id) < big(before));
      if (after) list = list.filter((m) => big(m.raw.id) > big(after));
      if (around) {
        const idx = list.findIndex((m) => big(m.raw.id) >= big(around));
        const half = Math.floor(limit / 2);
        const start = Math.max(0, (idx < 0 ? list.length : idx) - half);
        list = list.slice(start, start + limit);
      } else if (after && !before) list = list.slice(0, limit);
      else list = list.slice(-limit);
      return json(list.reverse().map((m) => m.raw));
    });

    this.route("GET", "/channels/{channel_id}/messages/{message_id}", "bot", ({ params }) => {
      const c = this.liveChannel(params.channel_id!);
      this.requirePerm(c, Perm.ViewChannel, err.missingAccess);
      this.requirePerm(c, Perm.ReadMessageHistory);
      return json(this.liveMessage(c, params.message_id!).raw);
    });

    this.route("PATCH", "/channels/{channel_id}/messages/{message_id}", "bot", (ctx) => {
      const c = this.liveChannel(ctx.params.channel_id!);
      this.requirePerm(c, Perm.ViewChannel, err.missingAccess);
      const m = this.liveMessage(c, ctx.params.message_id!);
      if (m.raw.author?.id !== this.botUser.id)
        throw new ApiError(403, 50005, "Cannot edit a message authored by another user");
      if (ctx.files.length) this.requirePerm(c, Perm.AttachFiles);
      this.checkUploadSizes(ctx.files, this.mustGuild(c.guildId).attachmentSizeLimit);
      this.applyEdit(m, ctx.body ?? {}, ctx.files);
      return json(m.raw);
    });

    this.route("DELETE", "/channels/{channel_id}/messages/{message_id}", "bot", ({ params }) => {
      const c = this.liveChannel(params.channel_id!);
      this.requirePerm(c, Perm.ViewChannel, err.missingAccess);
      const m = this.liveMessage(c, params.message_id!);
      if (m.raw.author?.id !== this.botUser.id) this.requirePerm(c, Perm.ManageMessages);
      m.deleted = true;
      m.deletedBy = "bot";
      this.gateway.dispatch(
        "MESSAGE_DELETE",
        { id: m.raw.id, channel_id: c.id, guild_id: c.guildId },
        Intent.GuildMessages,
      );
      return noContent();
    });

    this.route("POST", "/channels/{channel_id}/messages/{message_id}/threads", "bot", (ctx) => {
      const c = this.liveChannel(ctx.params.channel_id!);
      this.requirePerm(c, Perm.ViewChannel, err.missingAccess);
      if (c.type !== ChannelType.GuildText && c.type !== ChannelType.GuildAnnouncement) throw err.wrongChannelType();
      const m = this.liveMessage(c, ctx.params.message_id!);
      if (m.raw.thread) throw new ApiError(400, 160004, "A thread has already been created for this message");
      this.requirePerm(c, Perm.CreatePublicThreads);
      const body = ctx.body ?? {};
      const t = this.createThread(c, {
        id: m.raw.id, // Discord reuses the starter message's id for the thread
        name: String(body.name ?? ""),
        type: c.type === ChannelType.GuildAnnouncement ? ChannelType.AnnouncementThread : ChannelType.PublicThread,
        autoArchiveDuration: body.auto_archive_duration,
        fromMessageId: m.raw.id,
      });
      m.raw.thread = this.channelObject(t);
      m.raw.flags = (m.raw.flags ?? 0) | MessageFlags.HasThread;
      return json(this.channelObject(t), 201);
    });

    this.route("POST", "/channels/{channel_id}/threads", "bot", (ctx) => {
      const c = this.liveChannel(ctx.params.channel_id!);
      this.requirePerm(c, Perm.ViewChannel, err.missingAccess);
      const body = ctx.body ?? {};
      if (c.type !== ChannelType.GuildText && c.type !== ChannelType.GuildAnnouncement) throw err.wrongChannelType();
      const type = body.type ?? ChannelType.PrivateThread;
      if (c.type === ChannelType.GuildAnnouncement && type !== ChannelType.AnnouncementThread) {
        throw this.semantic(
          ctx,
          ["type"],
          "BASE_TYPE_CHOICES",
          "Announcement channels only take announcement threads (type 10)",
        );
      }
      if (c.type === ChannelType.GuildText && type !== ChannelType.PublicThread && type !== ChannelType.PrivateThread) {
        throw this.semantic(ctx, ["type"], "BASE_TYPE_CHOICES", "Value must be one of {11, 12}.");
      }
      this.requirePerm(c, type === ChannelType.PrivateThread ? Perm.CreatePrivateThreads : Perm.CreatePublicThreads);
      const t = this.createThread(c, {
        name: String(body.name ?? ""),
        type,
        autoArchiveDuration: body.auto_archive_duration,
        invitable: body.invitable,
      });
      return json(this.channelObject(t), 201);
    });

    this.route("PUT", "/channels/{channel_id}/thread-members/@me", "bot", ({ params }) => {
      const c = this.liveChannel(params.channel_id!);
      if (!isThreadType(c.type)) throw err.wrongChannelType();
      this.requirePerm(c, Perm.ViewChannel, err.missingAccess);
      c.members.add(this.botUser.id);
      return noContent();
    });
    this.route("DELETE", "/channels/{channel_id}/thread-members/@me", "bot", ({ params }) => {
      const c = this.liveChannel(params.channel_id!);
      if (!isThreadType(c.type)) throw err.wrongChannelType();
      c.members.delete(this.botUser.id);
      return noContent();
    });

    // Application commands
    const cmdList = (guildId?: string): Json[] => {
      if (!guildId) return this.globalCommands;
      if (!this.guilds.has(guildId)) throw err.unknownGuild();
      let l = this.guildCommands.get(guildId);
      if (!l) this.guildCommands.set(guildId, (l = []));
      return l;
    };
    const checkApp = (appId: string) => {
      if (appId !== this.applicationId)
        throw new ApiError(403, 20012, "You are not authorized to perform this action on this application");
    };
    for (const scope of [
      "/applications/{application_id}/commands",
      "/applications/{application_id}/guilds/{guild_id}/commands",
    ]) {
      this.route("GET", scope, "bot", ({ params }) => {
        checkApp(params.application_id!);
        return json(cmdList(params.guild_id));
      });
      this.route("PUT", scope, "bot", ({ params, body }) => {
        checkApp(params.application_id!);
        const list = cmdList(params.guild_id);
        const incoming: Json[] = Array.isArray(body) ? body : [];
        const next = incoming.map((c) => this.storeCommand(c, list, params.guild_id));
        list.splice(0, list.length, ...next);
        this.emitChange("commands");
        return json(next);
      });
      this.route("POST", scope, "bot", ({ params, body }) => {
        checkApp(params.application_id!);
        const list = cmdList(params.guild_id);
        const existing = list.findIndex((c) => c.name === body?.name && c.type === (body?.type ?? 1));
        const stored = this.storeCommand(body, list, params.guild_id);
        if (existing >= 0) list[existing] = stored;
        else list.push(stored);
        this.emitChange("commands");
        return json(stored, existing >= 0 ? 200 : 201);
      });
      this.route("DELETE", `${scope}/{command_id}`, "bot", ({ params }) => {
        checkApp(params.application_id!);
        const list = cmdList(params.guild_id);
        const i = list.findIndex((c) => c.id === params.command_id);
        if (i < 0) throw err.unknownCommand();
        list.splice(i, 1);
        return noContent();
      });
    }

    // Interactions
    this.route("POST", "/interactions/{interaction_id}/{interaction_token}/callback", "none", (ctx) =>
      this.handleCallback(ctx),
    );

    this.route("POST", "/webhooks/{webhook_id}/{webhook_token}", "none", (ctx) => {
      const rec = this.webhookInteraction(ctx);
      if (!rec.acknowledged) throw err.unknownWebhook();
      const body = ctx.body ?? {};
      this.checkUploadSizes(ctx.files, Number(rec.payload.attachment_size_limit));
      const wait = ctx.url.searchParams.get("wait") === "true";
      const now = Date.now();
      // Docs: the first follow-up after a deferred response edits the loading message instead.
      if (rec.deferredLoading && rec.originalMessageId) {
        const m = this.messagesById.get(rec.originalMessageId)!;
        const { flags: _ignored, ...rest } = body;
        this.applyEdit(m, rest, ctx.files);
        rec.deferredLoading = false;
        rec.followUps.push({ at: now, messageId: m.raw.id, body, ephemeral: m.ephemeral, files: ctx.record.files });
        this.emitChange("interaction", rec);
        return wait ? json(m.raw) : noContent();
      }
      const ephemeral = ((body.flags ?? 0) & MessageFlags.Ephemeral) !== 0;
      const c = this.channels.get(rec.channelId)!;
      const m = this.createMessage(c, body, ctx.files, { interaction: rec, ephemeral });
      rec.followUps.push({ at: now, messageId: m.raw.id, body, ephemeral, files: ctx.record.files });
      this.emitChange("interaction", rec);
      return wait ? json(m.raw) : noContent();
    });

    const webhookMessage = (ctx: Ctx, rec: InteractionRecord): StoredMessage => {
      const target = ctx.params.message_id!;
      const id = target === "@original" ? rec.originalMessageId : target;
      const isOwn = id && (id === rec.originalMessageId || rec.followUps.some((f) => f.messageId === id));
      const m = id ? this.messagesById.get(id) : undefined;
      if (!m || !isOwn || m.deleted) throw err.unknownMessage();
      if (this.channels.get(m.channelId)?.deleted) throw err.unknownChannel();
      return m;
    };
    this.route("GET", "/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}", "none", (ctx) => {
      const rec = this.webhookInteraction(ctx);
      return json(webhookMessage(ctx, rec).raw);
    });
    this.route("PATCH", "/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}", "none", (ctx) => {
      const rec = this.webhookInteraction(ctx);
      const m = webhookMessage(ctx, rec);
      this.checkUploadSizes(ctx.files, Number(rec.payload.attachment_size_limit));
      const { flags: _f, ...rest } = ctx.body ?? {};
      this.applyEdit(m, rest, ctx.files, _f);
      if (m.raw.id === rec.originalMessageId) rec.deferredLoading = false;
      rec.edits.push({
        at: Date.now(),
        messageId: m.raw.id,
        target: ctx.params.message_id!,
        body: ctx.body,
        files: ctx.record.files,
      });
      this.emitChange("interaction", rec);
      return json(m.raw);
    });
    this.route("DELETE", "/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}", "none", (ctx) => {
      const rec = this.webhookInteraction(ctx);
      const m = webhookMessage(ctx, rec);
      m.deleted = true;
      m.deletedBy = "webhook";
      this.emitChange("interaction", rec);
      return noContent();
    });
  }

  /** The @original template is listed separately in the spec; map it for validation. */
  private applicationObject(): Json {
    return {
      id: this.applicationId,
      name: this.options.botUsername,
      icon: null,
      description: "",
      summary: "",
      type: null,
      hook: true,
      bot_public: true,
      bot_require_code_grant: false,
      verify_key: "0".repeat(64),
      flags: 0,
      tags: [],
      owner: userObject(snowflake(Date.now() - 86_400_000 * 500), "owner"),
      team: null,
      bot: this.botUser,
      approximate_guild_count: this.guilds.size,
      integration_types_config: { "0": {} },
      redirect_uris: [],
      interactions_endpoint_url: null,
    };
  }

  private webhookInteraction(ctx: Ctx): InteractionRecord {
    const rec = this.interactionsByToken.get(ctx.params.webhook_token!);
    if (!rec) throw err.invalidWebhookToken();
    if (ctx.params.webhook_id !== this.applicationId) throw err.unknownWebhook();
    if (rec.expired || Date.now() >= rec.expiresAt) {
      rec.expired = true;
      throw err.invalidWebhookToken();
    }
    return rec;
  }

  private handleCallback(ctx: Ctx): RouteResult {
    const rec = this.interactions.get(ctx.params.interaction_id!);
    if (!rec || rec.token !== ctx.params.interaction_token) throw err.unknownInteraction();
    // timed at the request's arrival, as Discord's deadline is: not after this emulator's own queue of requests
    const now = ctx.record.at;
    const body = ctx.body ?? {};
    const cb: InteractionCallbackRecord = {
      type: body.type,
      body,
      files: ctx.record.files,
      at: now,
      delayMs: now - rec.createdAt,
      status: 0,
    };
    rec.callbacks.push(cb);
    const fail = (e: ApiError): never => {
      cb.status = e.status;
      this.emitChange("interaction", rec);
      throw e;
    };
    if (rec.expired || now >= rec.expiresAt) fail(err.unknownInteraction());
    if (this.options.enforceCallbackDeadline && cb.delayMs > this.options.callbackDeadlineMs)
      fail(err.unknownInteraction());
    if (rec.acknowledged) fail(err.alreadyAcked());
    const type = body.type;
    const allowed: Record<number, number[]> = {
      2: [4, 5, 9, 10, 12],
      3: [4, 5, 6, 7, 9, 10, 12],
      4: [8],
      5: rec.payload.message ? [4, 5, 6, 7, 10] : [4, 5, 10],
    };
    if (!(allowed[rec.type] ?? []).includes(type)) {
      fail(
        this.semantic(
          ctx,
          ["type"],
          "INTERACTION_RESPONSE_TYPE_INVALID",
          `Callback type ${type} is not valid for interaction type ${rec.type}`,
        ),
      );
    }
    const data = body.data ?? {};
    if (ctx.files.length) {
      try {
        this.checkUploadSizes(ctx.files, Number(rec.payload.attachment_size_limit));
      } catch (e) {
        fail(e as ApiError);
      }
    }
    const c = this.channels.get(rec.channelId)!;
    let message: StoredMessage | undefined;
    let loading = false;
    switch (type) {
      case CALLBACK.ChannelMessageWithSource: {
        const ephemeral = ((data.flags ?? 0) & MessageFlags.Ephemeral) !== 0;
        message = this.createMessage(c, data, ctx.files, { interaction: rec, ephemeral });
        rec.originalMessageId = message.raw.id;
        break;
      }
      case CALLBACK.DeferredChannelMessageWithSource: {
        const ephemeral = ((data.flags ?? 0) & MessageFlags.Ephemeral) !== 0;
        message = this.createMessage(c, { content: "", flags: (data.flags ?? 0) | MessageFlags.Loading }, [], {
          interaction: rec,
          ephemeral,
          allowEmpty: true,
        });
        rec.originalMessageId = message.raw.id;
        rec.deferredLoading = true;
        loading = true;
        break;
      }
      case CALLBACK.DeferredUpdateMessage:
      case CALLBACK.UpdateMessage: {
        const m = this.messagesById.get(rec.payload.message.id);
        if (!m || m.deleted) fail(err.unknownMessage());
        message = m!;
        if (type === CALLBACK.UpdateMessage) this.applyEdit(message, data, ctx.files);
        rec.originalMessageId = message.raw.id;
        break;
      }
      case CALLBACK.Modal:
        rec.modal = data;
        break;
      default:
        break;
    }
    rec.acknowledged = true;
    cb.status = ctx.url.searchParams.get("with_response") === "true" ? 200 : 204;
    this.emitChange("interaction", rec);
    if (cb.status === 204) return { status: 204 };
    return {
      status: 200,
      body: {
        interaction: {
          id: rec.id,
          type: rec.type,
          ...(message
            ? {
                response_message_id: message.raw.id,
                response_message_loading: loading,
                response_message_ephemeral: message.ephemeral,
              }
            : {}),
        },
        ...(type === CALLBACK.DeferredUpdateMessage
          ? {}
          : {
              resource: {
                type,
                ...(message && type !== CALLBACK.DeferredUpdateMessage ? { message: message.raw } : {}),
              },
            }),
      },
    };
  }

  private storeCommand(c: Json, existing: Json[], guildId?: string): Json {
    const type = c?.type ?? 1;
    const prev = existing.find((x) => x.name === c?.name && x.type === type);
    const out: Json = {
      id: c?.id ?? prev?.id ?? snowflake(),
      application_id: this.applicationId,
      version: snowflake(),
      default_member_permissions: c?.default_member_permissions == null ? null : String(c.default_member_permissions),
      type,
      name: c?.name,
      description: c?.description ?? "",
      dm_permission: c?.dm_permission ?? true,
      contexts: c?.contexts ?? null,
      integration_types: c?.integration_types ?? [0],
      nsfw: c?.nsfw ?? false,
      ...(c?.name_localizations ? { name_localizations: c.name_localizations } : {}),
      ...(c?.description_localizations ? { description_localizations: c.description_localizations } : {}),
      ...(c?.options?.length ? { options: c.options } : {}),
      ...(guildId ? { guild_id: guildId } : {}),
    };
    return out;
  }

  private liveChannel(id: string): ChannelState {
    const c = this.channels.get(id);
    if (!c || c.deleted) throw err.unknownChannel();
    return c;
  }

  private liveMessage(c: ChannelState, id: string): StoredMessage {
    const m = this.messagesById.get(id);
    if (!m || m.deleted || m.channelId !== c.id || m.ephemeral) throw err.unknownMessage();
    return m;
  }

  private requirePerm(c: ChannelState, perm: bigint, error: () => ApiError = err.missingPermissions): void {
    const perms = this.effectiveBotPermissions(c);
    if ((perms & Perm.Administrator) !== 0n) return;
    if ((perms & perm) !== perm) throw error();
  }

  private checkUploadSizes(files: Ctx["files"], limit: number): void {
    for (const f of files) if (f.size > limit) throw err.tooLarge();
  }

  private createThread(
    parent: ChannelState,
    t: {
      id?: string;
      name: string;
      type: number;
      autoArchiveDuration?: number;
      fromMessageId?: string;
      invitable?: boolean;
    },
  ): ChannelState {
    const now = Date.now();
    const c: ChannelState = {
      id: t.id ?? snowflake(now),
      guildId: parent.guildId,
      type: t.type,
      name: t.name,
      parentId: parent.id,
      botPermissions: parent.botPermissions,
      position: 0,
      deleted: false,
      lastMessageId: null,
      ownerId: this.botUser.id,
      fromMessageId: t.fromMessageId,
      createdAt: now,
      autoArchiveDuration: t.autoArchiveDuration ?? 1440,
      messageCount: 0,
      totalMessageSent: 0,
      members: new Set([this.botUser.id]),
      invitable: t.invitable,
      overwrites: [],
    };
    this.channels.set(c.id, c);
    this.gateway.dispatch("THREAD_CREATE", { ...this.channelObject(c), newly_created: true }, Intent.Guilds);
    this.emitChange("thread", c);
    return c;
  }

  private makeAttachment(
    channelId: string,
    f: Ctx["files"][number],
    meta: Json | undefined,
  ): { att: Json; stored: StoredFile } {
    const id = snowflake();
    const filename = (meta?.filename as string | undefined) ?? f.filename;
    const p = `/attachments/${channelId}/${id}/${encodeURIComponent(filename)}`;
    const contentType = f.contentType;
    this.cdn.set(p, { data: f.data, contentType, createdAt: Date.now() });
    const att: Json = {
      id,
      filename,
      size: f.size,
      url: this.signedUrl(this.cdnBase, p),
      proxy_url: this.signedUrl(this.mediaBase, p),
      content_type: contentType,
      content_scan_version: 0,
      ...(meta?.description ? { description: meta.description } : {}),
      ...(meta?.title ? { title: meta.title } : {}),
      ...(meta?.is_spoiler ? { flags: 8 } : {}),
      ...(meta?.duration_secs !== undefined ? { duration_secs: meta.duration_secs } : {}),
      ...(meta?.waveform ? { waveform: meta.waveform } : {}),
    };
    const dims = sniffImageSize(f.data);
    if (dims) Object.assign(att, dims, { placeholder_version: 1 });
    return { att, stored: { attachmentId: id, filename, contentType, data: f.data } };
  }

  /** New attachments from uploaded files, matched to body.attachments entries by `files[n]` ↔ id "n". */
  private attachmentsFromFiles(
    channelId: string,
    body: Json,
    files: Ctx["files"],
  ): { atts: Json[]; stored: StoredFile[] } {
    const metas: Json[] = Array.isArray(body.attachments) ? body.attachments : [];
    const atts: Json[] = [];
    const stored: StoredFile[] = [];
    for (const f of files) {
      const n = /^files\[(\d+)\]$/.exec(f.field)?.[1] ?? /^file(\d*)$/.exec(f.field)?.[1] ?? f.field;
      const meta = metas.find((a) => String(a?.id) === String(n));
      const { att, stored: s } = this.makeAttachment(channelId, f, meta);
      atts.push(att);
      stored.push(s);
    }
    return { atts, stored };
  }

  private createMessage(
    c: ChannelState,
    body: Json,
    files: Ctx["files"],
    opts: {
      interaction?: InteractionRecord;
      ephemeral?: boolean;
      reference?: StoredMessage;
      allowEmpty?: boolean;
      /** a member's own message (default: the bot's) */
      author?: UserState;
    } = {},
  ): StoredMessage {
    const now = Date.now();
    const id = snowflake(now);
    const { atts, stored } = this.attachmentsFromFiles(c.id, body, files);
    const rec = opts.interaction;
    const flags = Number(body.flags ?? 0) | (opts.ephemeral ? MessageFlags.Ephemeral : 0);
    const raw: Json = {
      type: rec ? (rec.type === 2 ? 20 : 19) : opts.reference ? 19 : 0,
      channel_id: c.id,
      content: body.content ?? "",
      attachments: atts,
      embeds: (body.embeds ?? []).map((e: Json) => ({ type: "rich", ...e, content_scan_version: 0 })),
      timestamp: iso(now),
      edited_timestamp: null,
      flags,
      components: assignComponentIds(body.components ?? []),
      id,
      author: opts.author?.raw ?? this.botUser,
      mentions: [],
      mention_roles: [],
      pinned: false,
      mention_everyone: false,
      tts: Boolean(body.tts),
      ...(body.nonce !== undefined && body.nonce !== null ? { nonce: body.nonce } : {}),
      ...(body.poll ? { poll: body.poll } : {}),
    };
    if (isThreadType(c.type)) raw.position = c.totalMessageSent;
    if (rec) {
      raw.webhook_id = this.applicationId;
      raw.application_id = this.applicationId;
      const user = this.users.get(rec.userId)!.raw;
      raw.interaction_metadata = {
        id: rec.id,
        type: rec.type,
        user,
        authorizing_integration_owners: { "0": rec.guildId },
        ...(rec.type === 2 ? { name: rec.name, command_type: rec.payload.data?.type ?? 1 } : {}),
        ...(rec.type === 3 && rec.payload.message ? { interacted_message_id: rec.payload.message.id } : {}),
      };
      raw.interaction = { id: rec.id, type: rec.type, name: rec.name ?? rec.customId ?? "", user };
      if (rec.type === 3 && !opts.ephemeral && rec.payload.message) {
        raw.message_reference = { type: 0, channel_id: c.id, message_id: rec.payload.message.id, guild_id: c.guildId };
      }
    }
    if (opts.reference) {
      raw.message_reference = {
        type: 0,
        channel_id: opts.reference.channelId,
        message_id: opts.reference.raw.id,
        guild_id: c.guildId,
      };
      raw.referenced_message = opts.reference.raw;
    }
    const m: StoredMessage = {
      channelId: c.id,
      raw,
      files: stored,
      deleted: false,
      ephemeral: Boolean(opts.ephemeral),
      interactionId: rec?.id,
      edits: [],
    };
    this.messagesById.set(id, m);
    let list = this.channelMessages.get(c.id);
    if (!list) this.channelMessages.set(c.id, (list = []));
    list.push(m);
    if (!m.ephemeral) {
      c.lastMessageId = id;
      if (isThreadType(c.type)) {
        c.messageCount++;
        c.totalMessageSent++;
      }
      this.gateway.dispatch(
        "MESSAGE_CREATE",
        {
          ...raw,
          guild_id: c.guildId,
          member: opts.author
            ? this.memberObject(opts.author, c.guildId)
            : { roles: [this.botRoleId(c.guildId)], joined_at: iso(now), deaf: false, mute: false, flags: 0 },
        },
        Intent.GuildMessages,
      );
    }
    this.emitChange("message", m);
    return m;
  }

  private applyEdit(m: StoredMessage, body: Json, files: Ctx["files"], flags?: number): void {
    const raw = m.raw;
    if ("content" in body) raw.content = body.content ?? "";
    if ("embeds" in body)
      raw.embeds = (body.embeds ?? []).map((e: Json) => ({ type: "rich", ...e, content_scan_version: 0 }));
    if ("components" in body) raw.components = assignComponentIds(body.components ?? []);
    if ("poll" in body && body.poll) raw.poll = body.poll;
    if ("attachments" in body || files.length) {
      const keepIds = new Set(
        (Array.isArray(body.attachments) ? body.attachments : []).map((a: Json) => String(a?.id)),
      );
      const kept =
        "attachments" in body
          ? (raw.attachments as Json[]).filter((a) => keepIds.has(String(a.id)))
          : (raw.attachments as Json[]);
      const keptFiles = m.files.filter((f) => kept.some((a) => a.id === f.attachmentId));
      const { atts, stored } = this.attachmentsFromFiles(m.channelId, body, files);
      raw.attachments = [...kept, ...atts];
      m.files = [...keptFiles, ...stored];
    }
    if (typeof flags === "number") {
      // Only SUPPRESS_EMBEDS / IS_COMPONENTS_V2 can be changed by an edit; EPHEMERAL stays as it was.
      const changeable = MessageFlags.SuppressEmbeds | MessageFlags.IsComponentsV2;
      raw.flags = (raw.flags & ~changeable) | (flags & changeable);
    }
    raw.flags = (raw.flags ?? 0) & ~MessageFlags.Loading;
    raw.edited_timestamp = iso();
    m.edits.push({ at: Date.now(), body });
    if (!m.ephemeral) {
      const c = this.channels.get(m.channelId);
      this.gateway.dispatch("MESSAGE_UPDATE", { ...raw, guild_id: c?.guildId }, Intent.GuildMessages);
    }
    this.emitChange("message", m);
  }
}

// ---------------------------------------------------------------------------------------------

function defaultErrorBody(status: number): Json {
  switch (status) {
    case 400:
      return { message: "400: Bad Request", code: 0 };
    case 401:
      return { message: "401: Unauthorized", code: 0 };
    case 403:
      return { message: "Missing Permissions", code: 50013 };
    case 404:
      return { message: "Unknown Message", code: 10008 };
    case 413:
      return { message: "Request entity too large", code: 40005 };
    case 500:
      return { message: "500: Internal Server Error", code: 0 };
    case 502:
      return "<html><body>502 Bad Gateway</body></html>";
    case 503:
      return { message: "503: Service Unavailable", code: 0 };
    default:
      return { message: `${status}`, code: 0 };
  }
}

/** "/channels/1/thread-members/%40me" → "/channels/1/thread-members/@me" (segment-wise, slashes kept). */
function decodePath(p: string): string {
  return p
    .split("/")
    .map((seg) => {
      try {
        return decodeURIComponent(seg);
      } catch {
        return seg;
      }
    })
    .join("/");
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

async function parseMultipart(raw: Buffer, contentType: string): Promise<{ payload: Json; files: Ctx["files"] }> {
  let form: FormData;
  try {
    form = await new Request("http://emulator.local/", {
      method: "POST",
      headers: { "content-type": contentType },
      body: new Uint8Array(raw),
    }).formData();
  } catch {
    throw new ApiError(400, 50035, "Invalid Form Body", {
      _errors: [{ code: "MULTIPART_INVALID", message: "Malformed multipart body" }],
    });
  }
  let payload: Json = undefined;
  const files: Ctx["files"] = [];
  const extra: Record<string, string> = {};
  for (const [field, value] of form.entries()) {
    if (typeof value === "string") {
      if (field === "payload_json") {
        try {
          payload = JSON.parse(value);
        } catch {
          throw new ApiError(400, 50109, "The request body contains invalid JSON.");
        }
      } else extra[field] = value;
      continue;
    }
    const data = Buffer.from(await value.arrayBuffer());
    const filename = value.name || field;
    const declared = value.type && value.type !== "application/octet-stream" ? value.type : undefined;
    files.push({
      field,
      filename,
      contentType: declared ?? guessContentType(filename) ?? "application/octet-stream",
      size: data.length,
      data,
    });
  }
  if (payload === undefined && Object.keys(extra).length) payload = extra;
  return { payload, files };
}

/** Width/height of PNG, GIF and JPEG images (Discord fills these in for images). */
function sniffImageSize(b: Buffer): { width: number; height: number } | null {
  if (b.length > 24 && b.readUInt32BE(0) === 0x89504e47)
    return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
  if (b.length > 10 && b.toString("ascii", 0, 3) === "GIF")
    return { width: b.readUInt16LE(6), height: b.readUInt16LE(8) };
  if (b.length > 4 && b[0] === 0xff && b[1] === 0xd8) {
    let i = 2;
    while (i + 9 < b.length) {
      if (b[i] !== 0xff) return null;
      const marker = b[i + 1]!;
      const len = b.readUInt16BE(i + 2);
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return { height: b.readUInt16BE(i + 5), width: b.readUInt16BE(i + 7) };
      }
      i += 2 + len;
    }
  }
  return null;
}

export async function startDiscordEmulator(opts: DiscordEmulatorOptions = {}): Promise<DiscordEmulator> {
  return new DiscordEmulator(opts).listen();
}

/** The inputs of a modal as shown (callback type 9 data): text inputs and file uploads, in order. */
function modalInputs(modal: Json): Json[] {
  const out: Json[] = [];
  for (const c of modal?.components ?? []) {
    if (c?.type === 1) out.push(...(c.components ?? []));
    else if (c?.type === 18 && c.component) out.push(c.component);
  }
  return out.filter((c) => c?.type === 4 || c?.type === 19);
}
