import {
  MessageFlags,
  type APIAllowedMentions,
  type APIEmbed,
  type APIEmbedField,
  type RESTPostAPIChannelMessageJSONBody,
} from "discord.js";
import type { Violation } from "../media/types.js";
import { estimatedFraction } from "./estimates.js";
import { isCancellable, PRICE_SOURCES, type Job } from "../job.js";
import { cancelRow } from "./components.js";
import { costMicros, formatSeconds, formatUsd } from "../money.js";
import { settlementFor } from "../quota/billing.js";
import type { Outcome } from "../quota/ledger.js";
import { inertUserText, plainUserText } from "../inert-text.js";
import { truncate } from "../text.js";
import { languageOf, message, render, sayIn, t, violationMessage, type Say, type Text } from "../i18n/index.js";
import { qualityOf } from "../models/model.js";
import { renderInputs } from "../requests/to-fal-input.js";

/** Nothing a bot message says may ping anyone unless listed explicitly. */
export const NO_MENTIONS: APIAllowedMentions = { parse: [] };

export const DISCORD_LIMITS = {
  content: 2000,
  embedDescription: 4096,
  embedFieldValue: 1024,
  embedTitle: 256,
  threadName: 100,
} as const;

const COLORS = { active: 0x5865f2, done: 0x57f287, failed: 0xed4245, cancelled: 0x99aab5 } as const;

export function messageLink(guildId: string | null, channelId: string, messageId: string): string {
  return `https://discord.com/channels/${guildId ?? "@me"}/${channelId}/${messageId}`;
}

/** Ten steps, so the message changes (and is edited) at most once per tenth of the estimate. */
function bar(fraction: number, steps = 10): string {
  const filled = Math.floor(fraction * steps);
  return `${"▰".repeat(filled)}${"▱".repeat(steps - filled)} ~${Math.round((filled / steps) * 100)}%`;
}

const unix = (ms: number) => Math.floor(ms / 1000);

export function formatDuration(ms: number): string {
  const total = Math.round(ms / 1000);
  const m = Math.floor(total / 60);
  const s = total % 60;
  return m ? `${m}m ${s.toString().padStart(2, "0")}s` : `${s}s`;
}

/** A configured span in the reader's words where it is whole hours, minutes or seconds; else in English. */
export function spanText(ms: number): Text {
  const whole = (n: number, one: string, many: string) => (n === 1 ? message(one) : message(many, { n }));
  if (Number.isInteger(ms / 3_600_000)) return whole(ms / 3_600_000, "failure.hour", "failure.hours");
  if (Number.isInteger(ms / 60_000)) return whole(ms / 60_000, "failure.minute", "failure.minutes");
  if (ms >= 1_000 && Number.isInteger(ms / 1_000)) return message("failure.seconds", { n: ms / 1_000 });
  return describeSpan(ms);
}

/** A configured span in words, exactly: "60 minutes", "24 hours", "1 minute 48 s", "36 ms". */
export function describeSpan(ms: number): string {
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  const hours = ms / 3_600_000;
  if (Number.isInteger(hours)) return unit(hours, "hour");
  const minutes = ms / 60_000;
  if (Number.isInteger(minutes)) return unit(minutes, "minute");
  const wholeMinutes = Math.floor(minutes);
  const seconds = `${Math.round((ms - wholeMinutes * 60_000) / 100) / 10} s`;
  return wholeMinutes ? `${unit(wholeMinutes, "minute")} ${seconds}` : seconds;
}

/**
 * The status line. It depends only on what changed (state, queue position, latest log, the bar's step):
 * elapsed time is a Discord timestamp the client keeps current, so the message is not edited just to tick a clock.
 */
export function renderStatus(job: Job, now: number): string {
  const say = inLanguageOf(job);
  if (job.cancelledBy && !["delivered", "failed", "cancelled"].includes(job.state)) {
    return say("progress.stopping", { user: job.cancelledBy });
  }
  if (job.falUnreachableSince && !["delivered", "failed", "cancelled"].includes(job.state)) {
    return say("progress.falUnreachable", { since: unix(job.falUnreachableSince) });
  }
  switch (job.state) {
    case "inspecting":
    case "checking":
      return say("progress.checking");
    case "submitted":
      return say("progress.submitted", { at: unix(job.submittedAt ?? now) });
    case "queued":
      return job.queuePosition !== undefined
        ? say("progress.queuedAt", { position: job.queuePosition + 1, at: unix(job.submittedAt ?? now) })
        : say("progress.queued", { at: unix(job.submittedAt ?? now) });
    case "running": {
      const since = job.runningAt ?? now;
      const fraction = estimatedFraction((now - since) / 1000, job.outputSec);
      const log = job.lastLog ? `\n> ${inertUserText(job.lastLog, 180)}` : "";
      return say("progress.running", { since: unix(since), bar: bar(fraction), log });
    }
    case "delivering":
      return say("progress.delivering");
    case "delivered": {
      const took =
        job.finishedAt && job.submittedAt
          ? say("progress.took", { duration: formatDuration(job.finishedAt - job.submittedAt) })
          : "";
      const link =
        job.resultMessageId && job.resultChannelId
          ? say("progress.seeResult", { url: messageLink(job.guildId, job.resultChannelId, job.resultMessageId) })
          : "";
      return say("progress.done", { took, link });
    }
    case "failed":
      // older records have the reason in English only
      return say("progress.failed", { reason: failureReason(job) ?? say("progress.unknownError") });
    case "cancelled":
      return job.cancelledBy ? say("progress.cancelledBy", { user: job.cancelledBy }) : say("progress.cancelled");
  }
}

const failureReason = (job: Job): string | undefined =>
  job.failureText ? render(job.locale, job.failureText) : job.failure;

/** The "Inputs" line in the job's language (older records: as they stored it, in English). */
export const inputsLine = (job: Pick<Job, "inputs" | "inputsSummary" | "locale">): string =>
  job.inputs ? renderInputs(job.locale, job.inputs) : job.inputsSummary;

/**
 * A public message's language: the server's preferred locale, recorded on the job when it started (older records
 * have none and render English).
 */
export const inLanguageOf = (job: Pick<Job, "locale">): Say => sayIn(job.locale);

/** "Kling edit", "Kling reference · Pro", in the job's language. */
export function localizedTitle(job: Pick<Job, "kind" | "quality" | "locale">): string {
  const say = inLanguageOf(job);
  return say(`progress.title.${job.kind}`) + (qualityOf(job) === "pro" ? say("progress.title.pro") : "");
}

/** Why a finished job costs what it does (BILLING_RULES in src/quota/billing.ts). */
function costNote(outcome: Exclude<Outcome, "released">, billedMs: number, measured: boolean, job: Job): string {
  const say = inLanguageOf(job);
  if (outcome !== "delivered") return say(`progress.costNote.${outcome}`);
  const seconds = formatSeconds(billedMs);
  return say(measured ? "progress.costNote.deliveredMeasured" : "progress.costNote.deliveredEstimate", { seconds });
}

/**
 * FAL_DRY_RUN: what every message of a dry-run job says (progress, result, the member's acknowledgement), in
 * `locale`'s language (the job's for public messages, the member's for their own).
 */
export const dryRunNote = (locale: string | null | undefined): string => t(locale, "dryRun.note");

/** A job's title (the model's), marked on a dry run: "Kling edit · 🧪 dry run", in the job's language. */
export function jobTitle(job: Pick<Job, "kind" | "quality" | "locale" | "dryRun">): string {
  const title = localizedTitle(job);
  return job.dryRun ? t(job.locale, "dryRun.title", { title }) : title;
}

/** quota: the estimate while the job runs; once it ended, what the ledger records for it and why. */
function costField(job: Job): APIEmbedField[] {
  if (job.estimatedCostMicros === undefined) return [];
  const say = inLanguageOf(job);
  const finished = ["delivered", "failed", "cancelled"].includes(job.state);
  // fal's price is unverified, so a running job's cost is always an estimate
  if (!finished || job.pricePerSecondMicros === undefined) {
    const source = job.priceSource ? `, ${PRICE_SOURCES[job.priceSource]}` : "";
    const note = job.dryRun ? say("dryRun.costNote") : "";
    return [
      {
        name: say("progress.estimatedCost"),
        // the price source is named in English (src/quota/prices.ts)
        value: say("progress.estimate", { cost: formatUsd(job.estimatedCostMicros), source: source + note }),
        inline: true,
      },
    ];
  }
  const settlement = settlementFor(job, 0);
  const cost = formatUsd(costMicros(settlement.billedMs, job.pricePerSecondMicros));
  return [
    {
      name: say("progress.cost"),
      value: `${cost} — ${costNote(settlement.outcome, settlement.billedMs, job.resultSec !== undefined, job)}`,
      inline: true,
    },
  ];
}

export function renderProgress(job: Job, now: number): RESTPostAPIChannelMessageJSONBody {
  const color =
    job.state === "delivered"
      ? COLORS.done
      : job.state === "failed"
        ? COLORS.failed
        : job.state === "cancelled"
          ? COLORS.cancelled
          : COLORS.active;
  const warnings = job.warnings.length ? job.warnings.map((w) => `⚠️ ${w}`).join("\n") : undefined;
  const say = inLanguageOf(job);
  const embed: APIEmbed = {
    title: jobTitle(job),
    description: inertUserText(job.prompt, 1000),
    color,
    fields: [
      { name: say("progress.requestedBy"), value: `<@${job.requester.id}>`, inline: true },
      {
        name: say("progress.inputs"),
        value: truncate(inputsLine(job), DISCORD_LIMITS.embedFieldValue),
        inline: true,
      },
      ...costField(job),
      { name: say("progress.status"), value: truncate(renderStatus(job, now), DISCORD_LIMITS.embedFieldValue) },
      ...(warnings ? [{ name: say("progress.note"), value: truncate(warnings, DISCORD_LIMITS.embedFieldValue) }] : []),
      ...(job.dryRun ? [{ name: say("dryRun.field"), value: dryRunNote(job.locale) }] : []),
    ],
    footer: { text: say("progress.footer", { id: job.id.slice(0, 8) }) },
  };
  return {
    embeds: [embed],
    components: isCancellable(job) ? [cancelRow(job.id, job.locale)] : [],
    allowed_mentions: NO_MENTIONS,
  };
}

/** A violation in the member's language where it has a catalog message (src/i18n violationMessage), else its English. */
export const violationText = (locale: string | null | undefined, violation: Violation): string =>
  languageOf(locale) === "en" ? violation.message : render(locale, violationMessage(violation));

/** The ephemeral refusal: every problem, each with its limit and fix, in the member's language (`locale`). */
export function renderRefusal(
  violations: Violation[],
  locale?: string | null,
): {
  content: string;
  allowed_mentions: APIAllowedMentions;
  flags: MessageFlags.Ephemeral;
} {
  const errors = violations.filter((v) => v.severity !== "warning");
  const head =
    errors.length === 1 ? t(locale, "refusal.headOne") : t(locale, "refusal.headMany", { count: errors.length });
  const tail = `\n${t(locale, "refusal.tail")}`;
  const lines: string[] = [];
  let length = head.length + tail.length;
  for (const [i, v] of errors.entries()) {
    const line = `\n• ${violationText(locale, v)}`;
    if (length + line.length > DISCORD_LIMITS.content - 40) {
      lines.push(`\n• ${t(locale, "refusal.more", { count: errors.length - i })}`);
      break;
    }
    lines.push(line);
    length += line.length;
  }
  return { content: head + lines.join("") + tail, allowed_mentions: NO_MENTIONS, flags: MessageFlags.Ephemeral };
}

export function threadName(job: Job): string {
  return truncate(`${jobTitle(job)}: ${plainUserText(job.prompt, 200)}`, DISCORD_LIMITS.threadName);
}
