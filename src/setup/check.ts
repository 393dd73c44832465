import { ChannelType, PermissionFlagsBits, type Guild, type GuildBasedChannel } from "discord.js";
import { DISCORD_LIMITS } from "../discord/render.js";
import { errorMessage, truncate } from "../text.js";

/** A permission the bot wants in a channel, and what its absence costs members there. */
interface Need {
  flag: bigint;
  name: string;
  cost: string;
}

/** In the order they matter: without the first three no job starts; the rest make delivery poorer. */
const NEEDS: readonly Need[] = [
  { flag: PermissionFlagsBits.ViewChannel, name: "View Channel", cost: "jobs are refused here" },
  { flag: PermissionFlagsBits.SendMessages, name: "Send Messages", cost: "jobs are refused here" },
  { flag: PermissionFlagsBits.EmbedLinks, name: "Embed Links", cost: "jobs are refused here (no progress message)" },
  {
    flag: PermissionFlagsBits.CreatePublicThreads,
    name: "Create Public Threads",
    cost: "no thread: results are posted in the channel",
  },
  {
    flag: PermissionFlagsBits.SendMessagesInThreads,
    name: "Send Messages in Threads",
    cost: "no thread: results are posted in the channel",
  },
  { flag: PermissionFlagsBits.AttachFiles, name: "Attach Files", cost: "results are posted as a link only" },
];

/** Channels members may run jobs in: text and announcement channels. */
const JOB_CHANNELS = new Set<ChannelType>([ChannelType.GuildText, ChannelType.GuildAnnouncement]);

export interface ChannelCheck {
  channelId: string;
  name: string;
  missing: { permission: string; cost: string }[];
}

export type Verdict = { ok: true; detail: string } | { ok: false; detail: string };

export interface SetupReport {
  channels: ChannelCheck[];
  /** channels checked in all (those with nothing missing are only counted) */
  checked: number;
  fal: Verdict;
  store: Verdict;
  price: string;
}

/** What the check needs from the rest of the bot (injected; each answers in bounded time). */
export interface SetupCheckDeps {
  /** a cheap authenticated call to fal: whether the key is accepted */
  checkFalKey(): Promise<Verdict>;
  /** a read of the store */
  pingStore(): Promise<void>;
  /** where this server's price comes from, and the price ("$0.252/s, set by this server") */
  describePrice(guildId: string): Promise<string>;
  /** the channels the server restricted Kling to (empty: everywhere) */
  allowedChannelIds(guildId: string): Promise<readonly string[]>;
  now(): number;
}

/** For each channel where the bot may be used, the permissions it lacks there and what that costs (pure of I/O). */
export function checkChannels(guild: Guild, allowed: readonly string[]): { channels: ChannelCheck[]; checked: number } {
  const me = guild.members.me;
  const usable = (channel: GuildBasedChannel) =>
    JOB_CHANNELS.has(channel.type) &&
    (!allowed.length ||
      allowed.includes(channel.id) ||
      (channel.parentId !== null && allowed.includes(channel.parentId)));
  const candidates = [...guild.channels.cache.values()].filter(usable);
  const channels: ChannelCheck[] = [];
  for (const channel of candidates) {
    const permissions = me ? channel.permissionsFor(me) : null;
    const missing = NEEDS.filter((need) => !permissions?.has(need.flag, true)).map((need) => ({
      permission: need.name,
      cost: need.cost,
    }));
    if (missing.length) channels.push({ channelId: channel.id, name: channel.name, missing });
  }
  return { channels, checked: candidates.length };
}

/** Runs every check for one server; a check that fails says why instead of failing the whole report. */
export async function runSetupCheck(deps: SetupCheckDeps, guild: Guild): Promise<SetupReport> {
  const allowed = await deps.allowedChannelIds(guild.id).catch(() => []);
  const { channels, checked } = checkChannels(guild, allowed);
  const started = deps.now();
  const [fal, store, price] = await Promise.all([
    deps.checkFalKey().catch((error: unknown): Verdict => ({ ok: false, detail: errorMessage(error) })),
    deps.pingStore().then(
      (): Verdict => ({ ok: true, detail: `reachable (${Math.max(0, deps.now() - started)} ms)` }),
      (error: unknown): Verdict => ({ ok: false, detail: `not reachable: ${errorMessage(error)}` }),
    ),
    deps.describePrice(guild.id).catch((error: unknown) => `unknown (${errorMessage(error)})`),
  ]);
  return { channels, checked, fal, store, price };
}

/** What `/kling-config check` answers (pure). Channel names are Discord mentions, which render without pinging. */
export function renderSetupCheck(report: SetupReport): string {
  const mark = (v: Verdict) => (v.ok ? "✅" : "❌");
  const lines = ["**Kling set-up check**"];
  if (!report.checked) lines.push("⚠️ There is no text channel where I may be used (check the allowed channels).");
  else if (!report.channels.length) lines.push(`✅ Channels: all ${report.checked} have every permission I need.`);
  else {
    lines.push(`Channels missing permissions (${report.channels.length} of ${report.checked}):`);
    for (const channel of report.channels) {
      const costs = [...new Set(channel.missing.map((m) => m.cost))];
      lines.push(
        `• <#${channel.channelId}>: no ${channel.missing.map((m) => m.permission).join(", ")} → ${costs.join("; ")}`,
      );
    }
  }
  lines.push(`${mark(report.fal)} fal: ${report.fal.detail}`);
  lines.push(`${mark(report.store)} Store: ${report.store.detail}`);
  lines.push(`💲 Price: ${report.price}`);
  return truncate(lines.join("\n"), DISCORD_LIMITS.content);
}
