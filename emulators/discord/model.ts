/** Shared constants, ids and object builders for the Discord emulator. */
import { createHmac, randomBytes } from "node:crypto";

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Permission bits (discord-api-docs "Permissions"; same values as discord.js PermissionFlagsBits). */
export const Perm = {
  CreateInstantInvite: 1n << 0n,
  KickMembers: 1n << 1n,
  BanMembers: 1n << 2n,
  Administrator: 1n << 3n,
  ManageChannels: 1n << 4n,
  ManageGuild: 1n << 5n,
  AddReactions: 1n << 6n,
  ViewAuditLog: 1n << 7n,
  PrioritySpeaker: 1n << 8n,
  Stream: 1n << 9n,
  ViewChannel: 1n << 10n,
  SendMessages: 1n << 11n,
  SendTTSMessages: 1n << 12n,
  ManageMessages: 1n << 13n,
  EmbedLinks: 1n << 14n,
  AttachFiles: 1n << 15n,
  ReadMessageHistory: 1n << 16n,
  MentionEveryone: 1n << 17n,
  UseExternalEmojis: 1n << 18n,
  ViewGuildInsights: 1n << 19n,
  Connect: 1n << 20n,
  Speak: 1n << 21n,
  MuteMembers: 1n << 22n,
  DeafenMembers: 1n << 23n,
  MoveMembers: 1n << 24n,
  UseVAD: 1n << 25n,
  ChangeNickname: 1n << 26n,
  ManageNicknames: 1n << 27n,
  ManageRoles: 1n << 28n,
  ManageWebhooks: 1n << 29n,
  ManageGuildExpressions: 1n << 30n,
  UseApplicationCommands: 1n << 31n,
  RequestToSpeak: 1n << 32n,
  ManageEvents: 1n << 33n,
  ManageThreads: 1n << 34n,
  CreatePublicThreads: 1n << 35n,
  CreatePrivateThreads: 1n << 36n,
  UseExternalStickers: 1n << 37n,
  SendMessagesInThreads: 1n << 38n,
  UseEmbeddedActivities: 1n << 39n,
  ModerateMembers: 1n << 40n,
  ViewCreatorMonetizationAnalytics: 1n << 41n,
  UseSoundboard: 1n << 42n,
  CreateGuildExpressions: 1n << 43n,
  CreateEvents: 1n << 44n,
  UseExternalSounds: 1n << 45n,
  SendVoiceMessages: 1n << 46n,
  SendPolls: 1n << 49n,
  UseExternalApps: 1n << 50n,
  PinMessages: 1n << 51n,
} as const;

export const ALL_PERMISSIONS = Object.values(Perm).reduce((a, b) => a | b, 0n);

/** What a bot invited with the usual "text bot" scopes gets in a channel. */
export const DEFAULT_BOT_PERMISSIONS =
  Perm.ViewChannel |
  Perm.SendMessages |
  Perm.EmbedLinks |
  Perm.AttachFiles |
  Perm.ReadMessageHistory |
  Perm.AddReactions |
  Perm.UseExternalEmojis |
  Perm.CreatePublicThreads |
  Perm.SendMessagesInThreads |
  Perm.UseApplicationCommands;

/** What an ordinary member gets (the @everyone role of a fresh server, roughly): the bot's, and invites, voice, a nickname. */
export const DEFAULT_MEMBER_PERMISSIONS =
  DEFAULT_BOT_PERMISSIONS | Perm.CreateInstantInvite | Perm.Connect | Perm.Speak | Perm.UseVAD | Perm.ChangeNickname;

export const ChannelType = {
  GuildText: 0,
  DM: 1,
  GuildVoice: 2,
  GuildCategory: 4,
  GuildAnnouncement: 5,
  AnnouncementThread: 10,
  PublicThread: 11,
  PrivateThread: 12,
  GuildStageVoice: 13,
  GuildForum: 15,
  GuildMedia: 16,
} as const;

export const isThreadType = (t: number): boolean => t === 10 || t === 11 || t === 12;
/** Channel types whose messages can be read/sent over the channel message routes. */
export const isTextBasedType = (t: number): boolean => [0, 2, 5, 10, 11, 12, 13].includes(t);

export const MessageFlags = {
  Crossposted: 1 << 0,
  SuppressEmbeds: 1 << 2,
  HasThread: 1 << 5,
  Ephemeral: 1 << 6,
  Loading: 1 << 7,
  SuppressNotifications: 1 << 12,
  IsComponentsV2: 1 << 15,
} as const;

export const Intent = {
  Guilds: 1 << 0,
  GuildMessages: 1 << 9,
  MessageContent: 1 << 15,
} as const;

const DISCORD_EPOCH = 1420070400000n;
let increment = 0n;
/** A snowflake for `at` (ms); monotonic within a process. */
export function snowflake(at: number = Date.now()): string {
  increment = (increment + 1n) & 0xfffn;
  return (((BigInt(at) - DISCORD_EPOCH) << 22n) | (1n << 17n) | increment).toString();
}
export const snowflakeTime = (id: string): number => Number((BigInt(id) >> 22n) + DISCORD_EPOCH);

export const iso = (ms: number = Date.now()): string => new Date(ms).toISOString().replace("Z", "+00:00");

export function interactionToken(id: string): string {
  // Real tokens are long base64url strings starting with "aW50ZXJhY3Rpb246" ("interaction:").
  return `aW50ZXJhY3Rpb246${Buffer.from(id).toString("base64url")}${randomBytes(96).toString("base64url")}`;
}

const EXT_TYPES: Record<string, string> = {
  mp4: "video/mp4",
  mov: "video/quicktime",
  webm: "video/webm",
  mkv: "video/x-matroska",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
  txt: "text/plain; charset=utf-8",
  json: "application/json; charset=utf-8",
  mp3: "audio/mpeg",
  ogg: "audio/ogg",
};
export function guessContentType(filename: string): string | undefined {
  const ext = filename.split(".").pop()?.toLowerCase() ?? "";
  return EXT_TYPES[ext];
}

/** Signs CDN paths like Discord's `?ex=<hex expiry>&is=<hex issued>&hm=<hmac>`. */
export class CdnSigner {
  private readonly secret = randomBytes(32);
  /** how far the CDN's clock is ahead of the real one (tests age links with it instead of waiting a day) */
  aheadMs = 0;
  constructor(private readonly lifetimeMs: number) {}
  sign(pathname: string, now = Date.now() + this.aheadMs): string {
    const is = Math.floor(now / 1000).toString(16);
    const ex = Math.floor((now + this.lifetimeMs) / 1000).toString(16);
    const hm = createHmac("sha256", this.secret).update(`${pathname}|${ex}|${is}`).digest("hex");
    return `ex=${ex}&is=${is}&hm=${hm}&`;
  }
  verify(pathname: string, q: URLSearchParams, now = Date.now() + this.aheadMs): "ok" | "expired" | "bad-signature" {
    const ex = q.get("ex");
    const is = q.get("is");
    const hm = q.get("hm");
    if (!ex || !is || !hm) return "bad-signature";
    const want = createHmac("sha256", this.secret).update(`${pathname}|${ex}|${is}`).digest("hex");
    if (want !== hm) return "bad-signature";
    if (parseInt(ex, 16) * 1000 < now) return "expired";
    return "ok";
  }
}

export function userObject(id: string, username: string, bot = false): Json {
  return {
    id,
    username,
    global_name: bot ? null : username,
    discriminator: bot ? "0000" : "0",
    avatar: null,
    bot: bot || undefined,
    system: false,
    public_flags: 0,
    flags: 0,
    banner: null,
    accent_color: null,
    avatar_decoration_data: null,
    collectibles: null,
    primary_guild: null,
  };
}

export function assignComponentIds(components: Json[] | undefined): Json[] {
  let next = 1;
  const walk = (c: Json): Json => {
    if (!c || typeof c !== "object") return c;
    const out = { ...c, id: c.id ?? next };
    next = Math.max(next, out.id) + 1;
    if (Array.isArray(c.components)) out.components = c.components.map(walk);
    if (c.accessory) out.accessory = walk(c.accessory);
    if (c.component) out.component = walk(c.component);
    return out;
  };
  return (components ?? []).map(walk);
}

export function findComponent(components: Json[] | undefined, customId: string): Json | undefined {
  for (const c of components ?? []) {
    if (c?.custom_id === customId) return c;
    const inner = findComponent([...(c?.components ?? []), ...(c?.accessory ? [c.accessory] : [])], customId);
    if (inner) return inner;
  }
  return undefined;
}
