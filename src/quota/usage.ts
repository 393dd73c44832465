import type { GuildSettings } from "../guild/settings.js";
import type { GuildUsage, TopUser, UserUsage } from "./ledger.js";
import { formatSeconds, formatUsd } from "../money.js";
import { QUOTA_TIMEZONE, nextDayStart, nextMonthStart, relativeTime } from "../periods.js";

const of = (used: string, limit: string | null, left: string | null) =>
  limit === null ? `${used} (no limit)` : `${used} of ${limit} (${left} left)`;

/** A member's own use, as /kling-usage shows it (pure). */
export function renderUserUsage(usage: UserUsage, settings: GuildSettings, now: number): string {
  const dailyMs = settings.userDailySeconds === null ? null : settings.userDailySeconds * 1000;
  const lines = [
    "**Your Kling use on this server**",
    `Today: ${of(formatSeconds(usage.dayMs), dailyMs === null ? null : formatSeconds(dailyMs), dailyMs === null ? null : formatSeconds(Math.max(0, dailyMs - usage.dayMs)))} of video, about ${formatUsd(usage.dayMicros)} — resets ${relativeTime(nextDayStart(now))} (00:00 ${QUOTA_TIMEZONE})`,
    `This month: ${formatSeconds(usage.monthMs)} of video in ${usage.monthJobs} job${usage.monthJobs === 1 ? "" : "s"}, about ${formatUsd(usage.monthMicros)} — resets ${relativeTime(nextMonthStart(now))}`,
    `Running now: ${usage.active} of ${settings.userConcurrentJobs} allowed at once`,
  ];
  if (settings.userCooldownSec > 0) {
    const ready = usage.lastStartAt === null ? now : usage.lastStartAt + settings.userCooldownSec * 1000;
    lines.push(ready > now ? `Cooldown: next job ${relativeTime(ready)}` : "Cooldown: ready");
  }
  lines.push("-# Amounts include jobs still running at their estimate; prices are estimates.");
  return lines.join("\n");
}

/** The guild's totals and top members, for Manage Server (pure). */
export function renderGuildUsage(
  usage: GuildUsage,
  top: readonly TopUser[],
  settings: GuildSettings,
  now: number,
): string {
  const budget = (spent: number, limit: number | null) =>
    limit === null
      ? `${formatUsd(spent)} (no budget set)`
      : `${formatUsd(spent)} of ${formatUsd(limit)} (${formatUsd(Math.max(0, limit - spent))} left)`;
  const lines = [
    "**This server's Kling use**",
    `Today: ${budget(usage.dayMicros, settings.guildDailyBudgetMicros)} · ${formatSeconds(usage.dayMs)} in ${usage.dayJobs} job${usage.dayJobs === 1 ? "" : "s"} — resets ${relativeTime(nextDayStart(now))} (00:00 ${QUOTA_TIMEZONE})`,
    `This month: ${budget(usage.monthMicros, settings.guildMonthlyBudgetMicros)} · ${formatSeconds(usage.monthMs)} in ${usage.monthJobs} job${usage.monthJobs === 1 ? "" : "s"} — resets ${relativeTime(nextMonthStart(now))}`,
    `Running now: ${usage.active}`,
  ];
  if (top.length) {
    lines.push("**Top members this month**");
    top.forEach((u, i) =>
      lines.push(
        `${i + 1}. <@${u.userId}> — ${formatUsd(u.micros)} · ${formatSeconds(u.ms)} · ${u.jobs} job${u.jobs === 1 ? "" : "s"}`,
      ),
    );
  }
  lines.push(
    "-# Running jobs count at their estimate; prices are estimates (`/kling-config` sets the rate). Export the ledger with `export: True`.",
  );
  return lines.join("\n");
}
