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
import { titleOf } from "../models/models.js";
import { inertUserText, plainUserText } from "../inert-text.js";
import { truncate } from "../text.js";

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
  if (job.cancelledBy && !["delivered", "failed", "cancelled"].includes(job.state)) {
    return `🛑 Stopping — <@${job.cancelledBy}> pressed Cancel and fal was asked to stop; if it finishes anyway, the video is posted here.`;
  }
  if (job.falUnreachableSince && !["delivered", "failed", "cancelled"].includes(job.state)) {
    return `⚠️ fal is not answering since <t:${unix(job.falUnreachableSince)}:R> — the job is safe; I keep checking.`;
  }
  switch (job.state) {
    case "checking":
      return "🔎 Preparing inputs…";
    case "submitted":
      return `📨 Sent to fal <t:${unix(job.submittedAt ?? now)}:R>`;
    case "queued":
      return job.queuePosition !== undefined
        ? `⏳ Queued at fal — position ${job.queuePosition + 1} (sent <t:${unix(job.submittedAt ?? now)}:R>)`
        : `⏳ Queued at fal (sent <t:${unix(job.submittedAt ?? now)}:R>)`;
    case "running": {
      const since = job.runningAt ?? now;
      const fraction = estimatedFraction((now - since) / 1000, job.outputSec);
      const log = job.lastLog ? `\n> ${inertUserText(job.lastLog, 180)}` : "";
      return `🎬 Generating — started <t:${unix(since)}:R>\n${bar(fraction)} (estimate)${log}`;
    }
    case "delivering":
      return "📦 Finished — posting the video…";
    case "delivered": {
      const took = job.finishedAt && job.submittedAt ? ` in ${formatDuration(job.finishedAt - job.submittedAt)}` : "";
      const link =
        job.resultMessageId && job.resultChannelId
          ? ` — [see the result](${messageLink(job.guildId, job.resultChannelId, job.resultMessageId)})`
          : "";
      return `✅ Done${took}${link}`;
    }
    case "failed":
      return `❌ Failed — ${job.failure ?? "unknown error"}`;
    case "cancelled":
      return job.cancelledBy ? `🚫 Cancelled by <@${job.cancelledBy}>` : "🚫 Cancelled";
  }
}

/** Why a finished job costs what it does (BILLING_RULES in src/quota/billing.ts). */
const COST_NOTES: Record<Exclude<Outcome, "released">, (billedMs: number, measured: boolean) => string> = {
  delivered: (ms, measured) =>
    measured ? `${formatSeconds(ms)} of video made` : `${formatSeconds(ms)} of video (estimate)`,
  "failed-after-result": () => "fal made a video, so it is billed",
  failed: () => "not billed",
  "cancelled-queued": () => "not billed: cancelled before fal started it",
  "cancelled-running": () => "billed in full: fal had started it",
  "submit-in-doubt": () => "counted at the estimate: fal may have received and run it",
  "deadline-running": () => "counted at the estimate: fal may have run it",
  "too-old-running": () => "counted at the estimate: fal may have run it",
  "deadline-queued": () => "not billed: fal had not started it",
  "too-old-queued": () => "not billed: fal had not started it",
  "dry-run": () => "not charged: a dry run sends nothing to fal",
};

/** FAL_DRY_RUN: what every message of a dry-run job says (progress, result, the member's acknowledgement). */
export const DRY_RUN_NOTE = "🧪 Dry run: nothing was sent to fal or charged; the result is your clip through a filter.";

/** A job's title (the model's), marked on a dry run: "Kling O3 edit · 🧪 dry run". */
export function jobTitle(job: Job): string {
  return job.dryRun ? `${titleOf(job)} · 🧪 dry run` : titleOf(job);
}

/** quota: the estimate while the job runs; once it ended, what the ledger records for it and why. */
function costField(job: Job): APIEmbedField[] {
  if (job.estimatedCostMicros === undefined) return [];
  const finished = ["delivered", "failed", "cancelled"].includes(job.state);
  // fal's price is unverified, so a running job's cost is always an estimate
  if (!finished || job.pricePerSecondMicros === undefined) {
    const source = job.priceSource ? `, ${PRICE_SOURCES[job.priceSource]}` : "";
    const note = job.dryRun ? "; a dry run is not charged" : "";
    return [
      {
        name: "Estimated cost",
        value: `${formatUsd(job.estimatedCostMicros)} (estimate${source}${note})`,
        inline: true,
      },
    ];
  }
  const settlement = settlementFor(job, 0);
  const cost = formatUsd(costMicros(settlement.billedMs, job.pricePerSecondMicros));
  return [
    {
      name: "Cost",
      value: `${cost} — ${COST_NOTES[settlement.outcome](settlement.billedMs, job.resultSec !== undefined)}`,
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
  const embed: APIEmbed = {
    title: jobTitle(job),
    description: inertUserText(job.prompt, 1000),
    color,
    fields: [
      { name: "Requested by", value: `<@${job.requester.id}>`, inline: true },
      { name: "Inputs", value: truncate(job.inputsSummary, DISCORD_LIMITS.embedFieldValue), inline: true },
      ...costField(job),
      { name: "Status", value: truncate(renderStatus(job, now), DISCORD_LIMITS.embedFieldValue) },
      ...(warnings ? [{ name: "Note", value: truncate(warnings, DISCORD_LIMITS.embedFieldValue) }] : []),
      ...(job.dryRun ? [{ name: "Dry run", value: DRY_RUN_NOTE }] : []),
    ],
    footer: { text: `job ${job.id.slice(0, 8)}` },
  };
  return { embeds: [embed], components: isCancellable(job) ? [cancelRow(job.id)] : [], allowed_mentions: NO_MENTIONS };
}

/** The ephemeral refusal: every problem, each with its limit and fix. */
export function renderRefusal(violations: Violation[]): {
  content: string;
  allowed_mentions: APIAllowedMentions;
  flags: MessageFlags.Ephemeral;
} {
  const errors = violations.filter((v) => v.severity !== "warning");
  const head = errors.length === 1 ? "I can't start this job:" : `I can't start this job — ${errors.length} problems:`;
  const tail = "\nNothing was sent to fal and nothing was charged.";
  const lines: string[] = [];
  let length = head.length + tail.length;
  for (const [i, v] of errors.entries()) {
    const line = `\n• ${v.message}`;
    if (length + line.length > DISCORD_LIMITS.content - 40) {
      lines.push(`\n• …and ${errors.length - i} more.`);
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
