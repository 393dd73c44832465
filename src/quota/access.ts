import type { GuildSettings } from "../guild/settings.js";
import type { Denial, QuotaLimits } from "./ledger.js";
import { formatSeconds, formatUsd } from "../money.js";
import { PRICE_SOURCES, type PriceSource } from "../job.js";
import { QUOTA_TIMEZONE, nextDayStart, nextMonthStart, relativeTime } from "../periods.js";
import { formatCooldown } from "../guild/settings.js";
import { REQUEST_LIMITS } from "../media/limits.js";
import { commaList } from "../text.js";
import { rectifyConfusion } from "unicode-confusables";

/** A refusal before anything is downloaded or sent: which limit, the figure, when it resets, how to fix. */
export interface QuotaRefusal {
  rule: `quota-${string}`;
  /** in English; `key` and `vars` render it in the member's language (src/i18n/catalogs: `quota.<key>`) */
  message: string;
  key?: string;
  vars?: Record<string, string | number>;
}

export interface AccessRequest {
  channelId: string;
  /** the parent channel when the command is used in a thread */
  parentChannelId: string | null;
  roleIds: readonly string[];
  prompt: string;
}

const WORD_CHAR = /[\p{L}\p{N}_]/u;
/** zero-width characters, soft hyphens, variation selectors, bidi controls, tags… */
const IGNORABLE = /\p{Default_Ignorable_Code_Point}/gu;
const COMBINING_MARK = /\p{M}/gu;

/** NFD, lower case, without what renders as nothing (ignorables) or as an accent on the letter before (marks). */
function fold(text: string): string {
  return text.normalize("NFKD").toLocaleLowerCase("en-US").replace(IGNORABLE, "").replace(COMBINING_MARK, "");
}

/**
 * What a text looks like, so look-alikes compare equal: compatibility forms (fullwidth, ligatures, math letters)
 * folded, then UTS #39 confusables mapped to their prototype (Cyrillic "о" → "o", "0" → "O", "m" → "rn"), then
 * folded again (a prototype may be upper case or carry a mark). Lower case first: the table tells "I" from "l".
 */
export function skeleton(text: string): string {
  return fold(rectifyConfusion(fold(text.normalize("NFKC"))));
}

/**
 * The first blocked word or phrase the prompt contains, compared as skeletons (see `skeleton`) on word boundaries,
 * so zero-width characters, soft hyphens, accents and look-alike letters do not hide a word. A prompt over the
 * length limit is refused anyway (check-shape), so only that much is read: the cost per prompt is bounded.
 */
export function findBlockedWord(prompt: string, blocked: readonly string[]): string | undefined {
  const haystack = skeleton(prompt.slice(0, REQUEST_LIMITS.maxPromptChars));
  for (const word of blocked) {
    const needle = skeleton(word.trim());
    if (!needle) continue;
    let from = 0;
    while (true) {
      const at = haystack.indexOf(needle, from);
      if (at < 0) break;
      const before = haystack[at - 1];
      const after = haystack[at + needle.length];
      const startsWord = WORD_CHAR.test(needle[0] ?? "");
      const endsWord = WORD_CHAR.test(needle[needle.length - 1] ?? "");
      const boundedLeft = !startsWord || before === undefined || !WORD_CHAR.test(before);
      const boundedRight = !endsWord || after === undefined || !WORD_CHAR.test(after);
      if (boundedLeft && boundedRight) return word;
      from = at + 1;
    }
  }
  return undefined;
}

/**
 * The checks that need no store: paused, channel, role, block list (in that order). Pure: settings + what the
 * interaction says.
 */
export function checkAccess(settings: GuildSettings, request: AccessRequest): QuotaRefusal | undefined {
  if (settings.paused) {
    return {
      rule: "quota-paused",
      ...(settings.pausedReason
        ? { key: "quota.pausedBecause", vars: { reason: settings.pausedReason } }
        : { key: "quota.paused" }),
      message:
        `Kling is paused on this server by its moderators${settings.pausedReason ? `: "${settings.pausedReason}"` : ""}. ` +
        `Jobs already running will finish; new ones can start once a moderator runs \`/kling-config resume\`.`,
    };
  }
  const channels = settings.allowedChannelIds;
  if (
    channels.length &&
    !channels.includes(request.channelId) &&
    !(request.parentChannelId && channels.includes(request.parentChannelId))
  ) {
    return {
      rule: "quota-channel",
      key: "quota.channel",
      vars: {
        channels: commaList(
          channels.map((id) => `<#${id}>`),
          { max: 10 },
        ),
      },
      message: `Kling can't be used in this channel on this server. Allowed channels: ${commaList(
        channels.map((id) => `<#${id}>`),
        { max: 10 },
      )}.`,
    };
  }
  const roles = settings.allowedRoleIds;
  if (roles.length && !roles.some((role) => request.roleIds.includes(role))) {
    return {
      rule: "quota-role",
      key: "quota.role",
      vars: {
        roles: commaList(
          roles.map((id) => `<@&${id}>`),
          { max: 10 },
        ),
      },
      message: `Kling is limited to members with ${roles.length === 1 ? "the role" : "one of the roles"} ${commaList(
        roles.map((id) => `<@&${id}>`),
        { max: 10 },
      )} on this server. Ask a moderator if you should have it.`,
    };
  }
  const blocked = findBlockedWord(request.prompt, settings.blockedPromptWords);
  if (blocked !== undefined) {
    return {
      rule: "quota-blocked-word",
      key: "quota.blockedWord",
      vars: { word: blocked },
      message: `Your prompt contains "${blocked}", which this server's moderators have blocked. Rephrase the prompt and try again.`,
    };
  }
  return undefined;
}

export function limitsOf(settings: GuildSettings): QuotaLimits {
  return {
    concurrentJobs: settings.userConcurrentJobs,
    cooldownMs: settings.userCooldownSec * 1000,
    userDailyMs: settings.userDailySeconds === null ? null : settings.userDailySeconds * 1000,
    guildDailyMicros: settings.guildDailyBudgetMicros,
    guildMonthlyMicros: settings.guildMonthlyBudgetMicros,
  };
}

const dayReset = (now: number) => `resets ${relativeTime(nextDayStart(now))} (00:00 ${QUOTA_TIMEZONE})`;
const monthReset = (now: number) => `resets ${relativeTime(nextMonthStart(now))} (the 1st, 00:00 ${QUOTA_TIMEZONE})`;

/** The member-facing message for a limit the ledger refused. */
export function describeDenial(
  denial: Denial,
  now: number,
  context: { provisional?: boolean; priceSource?: PriceSource } = {},
): QuotaRefusal {
  const estimateNote = context.provisional ? " (an edit reserves up to 10 s until its clip has been checked)" : "";
  const priced = context.priceSource ? ` (${PRICE_SOURCES[context.priceSource]})` : "";
  // `noteKey`: the estimate's note, rendered in the member's language too (src/discord/render.ts violationText)
  const note = { noteKey: context.provisional ? "quota.provisional" : "" };
  const zone = QUOTA_TIMEZONE;
  switch (denial.limit) {
    case "concurrency":
      return {
        rule: "quota-concurrency",
        key: "quota.concurrency",
        vars: { current: denial.current, max: denial.max },
        message:
          `You already have ${denial.current} job${denial.current === 1 ? "" : "s"} running, ` +
          `and this server allows ${denial.max} at a time per member. A slot frees when one of them finishes (or is cancelled).`,
      };
    case "cooldown": {
      const ready = denial.current + denial.max;
      return {
        rule: "quota-cooldown",
        key: "quota.cooldown",
        vars: {
          cooldown: formatCooldown(Math.round(denial.max / 1000)),
          last: relativeTime(denial.current),
          ready: relativeTime(ready),
        },
        message:
          `This server has a cooldown of ${formatCooldown(Math.round(denial.max / 1000))} ` +
          `between jobs per member; your last job started ${relativeTime(denial.current)}. You can ` +
          `start the next one ${relativeTime(ready)}.`,
      };
    }
    case "user-daily": {
      const left = Math.max(0, denial.max - denial.current);
      return {
        rule: "quota-user-daily",
        key: "quota.userDaily",
        vars: {
          max: formatSeconds(denial.max),
          used: formatSeconds(denial.current),
          left: formatSeconds(left),
          needed: formatSeconds(denial.needed),
          reset: relativeTime(nextDayStart(now)),
          zone,
          ...note,
        },
        message:
          `Your daily allowance on this server is ${formatSeconds(denial.max)} of video; you've ` +
          `used ${formatSeconds(denial.current)} today (${formatSeconds(left)} left) and this job ` +
          `needs ${formatSeconds(denial.needed)}${estimateNote}. It ${dayReset(now)}.`,
      };
    }
    case "guild-daily":
    case "guild-monthly": {
      const daily = denial.limit === "guild-daily";
      return {
        rule: daily ? "quota-guild-daily" : "quota-guild-monthly",
        key: daily ? "quota.guildDaily" : "quota.guildMonthly",
        vars: {
          max: formatUsd(denial.max),
          current: formatUsd(denial.current),
          needed: formatUsd(denial.needed),
          reset: relativeTime(daily ? nextDayStart(now) : nextMonthStart(now)),
          zone,
          priced,
          ...note,
        },
        message:
          `This server's ${daily ? "daily" : "monthly"} Kling budget is ${formatUsd(denial.max)}; ` +
          `${formatUsd(denial.current)} is spent or reserved ${daily ? "today" : "this month"} ` +
          `and this job would cost about ${formatUsd(denial.needed)}${priced}${estimateNote}. ` +
          `The budget ${daily ? dayReset(now) : monthReset(now)}.`,
      };
    }
  }
}
