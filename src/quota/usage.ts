import type { GuildSettings } from "../guild/settings.js";
import type { GuildUsage, TopUser, UserUsage } from "./ledger.js";
import { formatSeconds, formatUsd } from "../money.js";
import { QUOTA_TIMEZONE, nextDayStart, nextMonthStart, relativeTime } from "../periods.js";
import { sayIn, type Say } from "../i18n/index.js";

/** "3.5 s of 5.0 s (1.5 s left)", or "3.5 s (no limit)", in `say`'s language. */
const ofLimit = (say: Say, used: number, limit: number | null, format: (n: number) => string) =>
  limit === null
    ? say("usage.noLimit", { used: format(used) })
    : say("usage.ofLimit", { used: format(used), limit: format(limit), left: format(Math.max(0, limit - used)) });

/** A member's own use, as /kling-usage and /kling-help show it, in `say`'s language (pure). */
export function renderUserUsage(
  usage: UserUsage,
  settings: GuildSettings,
  now: number,
  say: Say = sayIn("en"),
): string {
  const dailyMs = settings.userDailySeconds === null ? null : settings.userDailySeconds * 1000;
  const lines = [
    say("usage.mine"),
    say("usage.today", {
      amount: ofLimit(say, usage.dayMs, dailyMs, formatSeconds),
      cost: formatUsd(usage.dayMicros),
      reset: relativeTime(nextDayStart(now)),
      zone: QUOTA_TIMEZONE,
    }),
    say("usage.month", {
      seconds: formatSeconds(usage.monthMs),
      jobs: say("usage.jobs", { count: usage.monthJobs }),
      cost: formatUsd(usage.monthMicros),
      reset: relativeTime(nextMonthStart(now)),
    }),
    say("usage.running", { active: usage.active, max: settings.userConcurrentJobs }),
  ];
  if (settings.userCooldownSec > 0) {
    const ready = usage.lastStartAt === null ? now : usage.lastStartAt + settings.userCooldownSec * 1000;
    lines.push(ready > now ? say("usage.cooldownWait", { ready: relativeTime(ready) }) : say("usage.cooldownReady"));
  }
  lines.push(say("usage.note"));
  return lines.join("\n");
}

/** The guild's totals and top members, for Manage Server, in `say`'s language (pure). */
export function renderGuildUsage(
  usage: GuildUsage,
  top: readonly TopUser[],
  settings: GuildSettings,
  now: number,
  say: Say = sayIn("en"),
): string {
  const budget = (spent: number, limit: number | null) =>
    limit === null ? say("usage.noBudget", { spent: formatUsd(spent) }) : ofLimit(say, spent, limit, formatUsd);
  const jobs = (count: number) => say("usage.jobs", { count });
  const lines = [
    say("usage.server"),
    say("usage.serverToday", {
      budget: budget(usage.dayMicros, settings.guildDailyBudgetMicros),
      seconds: formatSeconds(usage.dayMs),
      jobs: jobs(usage.dayJobs),
      reset: relativeTime(nextDayStart(now)),
      zone: QUOTA_TIMEZONE,
    }),
    say("usage.serverMonth", {
      budget: budget(usage.monthMicros, settings.guildMonthlyBudgetMicros),
      seconds: formatSeconds(usage.monthMs),
      jobs: jobs(usage.monthJobs),
      reset: relativeTime(nextMonthStart(now)),
    }),
    say("usage.serverRunning", { active: usage.active }),
  ];
  if (top.length) {
    lines.push(say("usage.top"));
    top.forEach((u, i) =>
      lines.push(
        say("usage.topLine", {
          rank: i + 1,
          user: u.userId,
          cost: formatUsd(u.micros),
          seconds: formatSeconds(u.ms),
          jobs: jobs(u.jobs),
        }),
      ),
    );
  }
  lines.push(say("usage.serverNote"));
  return lines.join("\n");
}
