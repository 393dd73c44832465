import type { Job } from "../job.js";
import type { Settlement } from "./ledger.js";
import { secToMs } from "../money.js";

/**
 * What fal bills for a job that ended, per second of output. *Unverified* beyond "a request cancelled while still
 * queued is free": named rules, so the README can say so and one place changes when fal's invoice says otherwise.
 */
export const BILLING_RULES = {
  /** cancelled while IN_QUEUE: fal does not bill it */
  cancelledWhileQueuedBilled: false,
  /** cancelled once IN_PROGRESS: assumed billed in full (conservative; unverified) */
  cancelledWhileRunningBilled: true,
  /** the model failed (no result): assumed not billed (unverified) */
  failedWithoutResultBilled: false,
  /**
   * the bot closed a job fal has or may have — submit in doubt (fal may have it; we never learned its id), cancelled
   * at JOB_DEADLINE_MINUTES, closed at resume as too old — unless fal said it was still queued right before it took
   * the cancel:
   * billed at the estimate, since fal bills it if it ran (conservative; unverified)
   */
  closedWhileFalMayRunBilled: true,
} as const;

/**
 * The settlement for a job in a terminal state: its outcome and the seconds fal bills. A result fal made is billed
 * at its measured length (`resultSec`, read from the file with the project's inspector) when the bot could read it,
 * else at the estimate (`outputSec`).
 */
export function settlementFor(job: Job, now: number, rules = BILLING_RULES): Settlement {
  const estimateMs = secToMs(job.outputSec);
  const madeMs = job.resultSec !== undefined ? secToMs(job.resultSec) : estimateMs;
  // FAL_DRY_RUN: fal never had it, so it bills nothing, however the job ended
  if (job.dryRun) return { outcome: "dry-run", billedMs: 0, now };
  switch (job.state) {
    case "delivered":
      return { outcome: "delivered", billedMs: madeMs, now };
    case "cancelled": {
      const running = job.runningAt !== undefined;
      const billed =
        job.requestId !== undefined && (running ? rules.cancelledWhileRunningBilled : rules.cancelledWhileQueuedBilled);
      return { outcome: running ? "cancelled-running" : "cancelled-queued", billedMs: billed ? estimateMs : 0, now };
    }
    case "failed":
    default: {
      // a result fal produced is billed even if posting it failed (or it was not a video to post, or fal's answer
      // about it was unusable)
      if (job.resultUrl || job.resultUnusable) return { outcome: "failed-after-result", billedMs: madeMs, now };
      const closed = job.closed;
      const mayRunMs = rules.closedWhileFalMayRunBilled ? estimateMs : 0;
      if (closed && !job.requestId && job.attempts.submit > 0)
        return { outcome: "submit-in-doubt", billedMs: mayRunMs, now };
      if (closed && job.requestId && closed.by !== "submit-in-doubt") {
        // fal said IN_QUEUE right before it took the cancel (and it was never seen running): it never ran, so free
        const queued = closed.queued && job.runningAt === undefined;
        return { outcome: `${closed.by}-${queued ? "queued" : "running"}`, billedMs: queued ? 0 : mayRunMs, now };
      }
      const billed = job.requestId !== undefined && rules.failedWithoutResultBilled;
      return { outcome: "failed", billedMs: billed ? estimateMs : 0, now };
    }
  }
}
