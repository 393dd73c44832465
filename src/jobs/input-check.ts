import { Routes, type REST } from "discord.js";
import { DISCORD_CODES, discordCode, type DiscordOutbox } from "../discord/outbox.js";
import { dryRunNote, messageLink, NO_MENTIONS, renderRefusal } from "../discord/render.js";
import { t } from "../i18n/index.js";
import type { Job, MemberReply } from "../job.js";
import type { Logger } from "../logger.js";
import { INSPECT_LIMITS } from "../media/limits.js";
import { RULES } from "../media/rules.js";
import type { VideoFacts, Violation } from "../media/types.js";
import { modelOf } from "../models/models.js";
import type { BotMetrics } from "../ops/metrics.js";
import { holderOf, type QuotaService } from "../quota/quota-service.js";
import { isError } from "../requests/check-shape.js";
import { inspectInputs, type MediaProber, type MediaRules } from "../requests/inspect-inputs.js";
import { inputParts, outputSeconds, renderInputs } from "../requests/to-fal-input.js";
import { jobLogger } from "./job-log.js";

/** Discord takes edits of an interaction's replies for 15 minutes after the interaction. */
export const INTERACTION_TOKEN_MS = 15 * 60_000;

const FETCH_RULES: readonly string[] = [RULES.videoFetch, RULES.imageFetch];

/**
 * Requests whose files one process reads at once; the others wait their turn. A worker takes every queued job at
 * once, and the parser pool refuses files past its threads + queue as busy: at most 5 files a request, this many
 * requests fill the pool without overflowing it.
 */
export const CHECKS_AT_ONCE = Math.floor((INSPECT_LIMITS.workerThreads + INSPECT_LIMITS.maxQueuedFiles) / 5);

/** Runs work at most `size` at a time, the rest in the order they came. */
function turns(size: number) {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async <T>(work: () => Promise<T>): Promise<T> => {
    // a finished turn hands its place to the next in line (running stays as it is)
    if (running >= size) await new Promise<void>((resolve) => waiting.push(resolve));
    else running += 1;
    try {
      return await work();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running -= 1;
    }
  };
}

/** Discord's answers to an edit with an interaction token that has died (Invalid Webhook Token, Unknown Webhook). */
const EXPIRED_TOKEN_CODES: readonly (number | undefined)[] = [50027, 10015];

/** The progress message could not be posted: the job is refused (nothing reached fal). */
export function postingRefusal(error: unknown): Violation {
  const code = discordCode(error);
  const missingPermissions = code === DISCORD_CODES.missingPermissions || code === DISCORD_CODES.missingAccess;
  const key = missingPermissions ? "checks.cannotPost" : "checks.postFailed";
  return { rule: "bot-permissions", message: t("en", key), key };
}

/** Checking the job failed on the bot's side (a store or fal storage outage): refused, nothing charged. */
export const CHECK_FAILED: Violation = {
  rule: "check-failed",
  message: t("en", "queueChecks.checkFailed"),
  key: "queueChecks.checkFailed",
};

export interface InputCheckDeps {
  prober: MediaProber;
  rules: MediaRules;
  quota: Pick<QuotaService, "confirm" | "release">;
  /** the interaction webhook (no bot token, no gateway): the member's ephemeral reply is edited through it */
  rest: Pick<REST, "patch">;
  /** the public note for a member whose reply can no longer be edited */
  outbox: Pick<DiscordOutbox, "post">;
  logger: Logger;
  /** one deadline for all of a request's inspection (default INSPECT_LIMITS.requestDeadlineMs) */
  inspectionDeadlineMs?: number;
  /** refusals by reason, cost reserved (src/ops/metrics.ts) */
  metrics?: BotMetrics;
}

export type InputVerdict = { ok: true; patch: Partial<Job> } | { ok: false; violations: Violation[] };

/**
 * The part of accepting a job that reads the member's files — on a worker, or inline in one process: the inspection
 * of every input and the quota confirmed at the inspected length (saved elements are hosted on fal storage right
 * before submit: src/jobs/host-inputs.ts); then the member
 * is answered through the interaction's webhook: "Started!" once the progress message exists, or the refusal (its
 * reservation released, nothing reached fal). Every step may run again after a crash: inspecting only reads, the
 * confirmation is idempotent, an edit of the reply shows the same answer again.
 */
export function createInputCheck(deps: InputCheckDeps) {
  const deadlineMs = deps.inspectionDeadlineMs ?? INSPECT_LIMITS.requestDeadlineMs;
  /** a check that starts later than this before the token dies could not answer the member in time */
  const answerMarginMs = deadlineMs + 30_000;
  // Discord's clock, not the bot's: expiresAt is counted from the interaction's snowflake time
  const tooLate = (reply: MemberReply) => Date.now() > reply.expiresAt - answerMarginMs;
  const inTurn = turns(CHECKS_AT_ONCE);

  /** Edits the member's ephemeral reply. False when Discord no longer takes the token (expired). */
  async function answer(job: Job, reply: MemberReply, content: string): Promise<boolean> {
    try {
      await deps.rest.patch(Routes.webhookMessage(reply.applicationId, reply.token, "@original"), {
        body: { content, allowed_mentions: NO_MENTIONS },
        auth: false,
      });
      return true;
    } catch (error) {
      // the error's URL carries the token: only Discord's code is logged
      const code = discordCode(error);
      jobLogger(deps.logger, job).info({ code }, "could not edit the ephemeral reply (token expired or dismissed)");
      return !EXPIRED_TOKEN_CODES.includes(code);
    }
  }

  async function check(job: Job): Promise<InputVerdict> {
    const request = job.request;
    if (!request || !job.guildId) throw new Error(`job ${job.id} has no request to inspect`);
    if (job.memberReply && tooLate(job.memberReply)) {
      return {
        ok: false,
        violations: [
          {
            rule: "reply-expired",
            message: t("en", "queueChecks.replyExpired"),
            key: "queueChecks.replyExpired",
          },
        ],
      };
    }
    const inspected = await inspectInputs(request, deps.prober, deps.rules, deadlineMs);
    if (job.rerunOf && inspected.violations.some((v) => FETCH_RULES.includes(v.rule))) {
      return {
        ok: false,
        violations: [
          {
            rule: "inputs-expired",
            message: t("en", "checks.inputsExpired", { command: modelOf(request).command }),
            key: "checks.inputsExpired",
            vars: { commandKey: `cmd.${modelOf(request).command}.name` },
          },
        ],
      };
    }
    if (inspected.violations.some(isError)) return { ok: false, violations: inspected.violations };
    const video = request.video ? (inspected.facts.get(request.video.option) as VideoFacts | undefined) : undefined;
    const outputSec = outputSeconds(request, video);
    const patch: Partial<Job> = {};
    const holder = holderOf(job);
    if (holder) {
      // quota: the inspected length replaces the estimate, re-checked, and the reservation shown to be still open
      // (or taken again) in one atomic step, even when the length is unchanged
      const confirmed = await deps.quota.confirm(holder, outputSec);
      if (!confirmed.ok) return { ok: false, violations: [confirmed.refusal] };
      patch.estimatedCostMicros = confirmed.reservation.amountMicros;
      patch.pricePerSecondMicros = confirmed.reservation.pricePerSecondMicros;
      patch.priceSource = confirmed.priceSource;
    }
    const inputs = inputParts(request, video);
    return {
      ok: true,
      patch: {
        ...patch,
        inputsSummary: renderInputs("en", inputs),
        inputs,
        warnings: [...job.warnings, ...inspected.violations.filter((v) => !isError(v)).map((v) => v.message)],
        outputSec,
      },
    };
  }

  return {
    check: (job: Job): Promise<InputVerdict> => inTurn(() => check(job)),

    /**
     * A refused job: its reservation released, the member told privately, then `record` saves it failed. A member
     * whose reply can no longer be edited gets a public note instead, after the record (so a crash never posts two).
     */
    async refuse(job: Job, violations: Violation[], record: (failure: string) => Promise<unknown>): Promise<void> {
      if (job.reservationId && job.guildId) await deps.quota.release({ id: job.reservationId, guildId: job.guildId });
      const rules = violations.filter(isError).map((v) => v.rule);
      for (const reason of new Set(rules)) deps.metrics?.refusals.inc({ reason });
      const log = jobLogger(deps.logger, job);
      log.info({ rules }, "refused");
      const failure = violations
        .filter(isError)
        .map((v) => v.message)
        .join(" ");
      const reply = job.memberReply;
      const answered =
        reply !== undefined &&
        !tooLate(reply) &&
        (await answer(job, reply, renderRefusal(violations, reply.locale).content));
      await record(failure);
      if (answered || !reply) return;
      await deps.outbox
        .post(job.channelId, {
          // what was wrong stays private: the files' names and facts are the member's
          content:
            `<@${job.requester.id}> I couldn't answer your /${modelOf(job).command} request ` +
            `privately in time, so I didn't start it. Nothing was charged; run the command again.`,
          allowed_mentions: { parse: [], users: [job.requester.id] },
        })
        .catch((error: unknown) => log.warn({ code: discordCode(error) }, "could not post the refusal note"));
    },

    /** The job's progress message exists: the member's reply links to it (with the dry-run mark and any warnings). */
    async started(job: Job): Promise<void> {
      const reply = job.memberReply;
      if (!reply || !job.progressMessageId) return;
      if (job.estimatedCostMicros) deps.metrics?.costReserved.inc(job.estimatedCostMicros);
      const link = messageLink(job.guildId, job.channelId, job.progressMessageId);
      const notes = job.warnings.length ? `\n${job.warnings.map((w) => `⚠️ ${w}`).join("\n")}` : "";
      const dryRun = job.dryRun ? `\n${dryRunNote(reply.locale)}` : "";
      await answer(job, reply, `${t(reply.locale, "started", { link })}${dryRun}${notes}`);
    },
  };
}

export type InputCheck = ReturnType<typeof createInputCheck>;
