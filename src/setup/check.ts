import { ChannelType, PermissionFlagsBits, type Guild, type GuildBasedChannel } from "discord.js";
import { DISCORD_LIMITS } from "../discord/render.js";
import { errorMessage, truncate } from "../text.js";
import { sayIn, t } from "../i18n/index.js";
import { verdict, verdictText, type Verdict } from "../i18n/verdict.js";
import type { Catalog } from "../i18n/catalogs/en.js";

/**
 * A permission the bot wants in a channel, and what its absence costs members there: `permission` names it in the
 * catalogs' `setup.permission`, `cost` in `setup.cost`.
 */
interface Need {
  flag: bigint;
  permission: keyof typeof PermissionFlagsBits & keyof Catalog["setup"]["permission"];
  cost: keyof Catalog["setup"]["cost"];
}

/** In the order they matter: without the first three no job starts; the rest make delivery poorer. */
const NEEDS: readonly Need[] = (
  [
    ["ViewChannel", "refused"],
    ["SendMessages", "refused"],
    ["EmbedLinks", "noProgress"],
    ["CreatePublicThreads", "noThread"],
    ["SendMessagesInThreads", "noThread"],
    ["AttachFiles", "linkOnly"],
  ] as const
).map(([permission, cost]) => ({ flag: PermissionFlagsBits[permission], permission, cost }));

/** Channels members may run jobs in: text and announcement channels. */
const JOB_CHANNELS = new Set<ChannelType>([ChannelType.GuildText, ChannelType.GuildAnnouncement]);

export interface ChannelCheck {
  channelId: string;
  name: string;
  missing: Pick<Need, "permission" | "cost">[];
}

export type { Verdict } from "../i18n/verdict.js";

export interface SetupReport {
  channels: ChannelCheck[];
  /** channels checked in all (those with nothing missing are only counted) */
  checked: number;
  fal: Verdict;
  store: Verdict;
  price: Verdict;
}

/** What the check needs from the rest of the bot (injected; each answers in bounded time). */
export interface SetupCheckDeps {
  /** a cheap authenticated call to fal: whether the key is accepted */
  checkFalKey(): Promise<Verdict>;
  /** a read of the store */
  pingStore(): Promise<void>;
  /** where this server's price comes from, and the price ("$0.252/s, set by this server") */
  describePrice(guildId: string): Promise<Verdict>;
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
    const missing = NEEDS.filter((need) => !permissions?.has(need.flag, true)).map(({ permission, cost }) => ({
      permission,
      cost,
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
      () => verdict(true, "setup.storeOk", { ms: Math.max(0, deps.now() - started) }),
      (error: unknown) => verdict(false, "setup.storeDown", { error: errorMessage(error) }),
    ),
    deps
      .describePrice(guild.id)
      .catch((error: unknown) => verdict(false, "setup.priceUnknown", { error: errorMessage(error) })),
  ]);
  return { channels, checked, fal, store, price };
}

/** A permission as Discord's own settings name it, in `locale`'s language ("en": the log's). */
export const permissionName = (locale: string | null | undefined, permission: Need["permission"]) =>
  t(locale, `setup.permission.${permission}`);

/**
 * What `/kling-config check` answers, in the owner's language (pure). Channel names are Discord mentions, which
 * render without pinging.
 */
export function renderSetupCheck(report: SetupReport, locale?: string | null): string {
  const say = sayIn(locale);
  const said = (v: Verdict) => verdictText(locale, v);
  const mark = (v: Verdict) => (v.ok ? "✅" : "❌");
  const lines = [say("setup.title")];
  if (!report.checked) lines.push(say("setup.noChannel"));
  else if (!report.channels.length) lines.push(say("setup.allGood", { count: report.checked }));
  else {
    lines.push(say("setup.missingHead", { count: report.channels.length, checked: report.checked }));
    for (const channel of report.channels) {
      const costs = [...new Set(channel.missing.map((m) => say(`setup.cost.${m.cost}`)))];
      const permissions = channel.missing.map((m) => permissionName(locale, m.permission));
      lines.push(
        say("setup.missingLine", {
          channel: channel.channelId,
          permissions: permissions.join(say("list.comma")),
          costs: costs.join(say("list.semicolon")),
        }),
      );
    }
  }
  lines.push(`${mark(report.fal)} ${say("setup.fal", { detail: said(report.fal) })}`);
  lines.push(`${mark(report.store)} ${say("setup.store", { detail: said(report.store) })}`);
  lines.push(say("setup.price", { price: said(report.price) }));
  return truncate(lines.join("\n"), DISCORD_LIMITS.content);
}
