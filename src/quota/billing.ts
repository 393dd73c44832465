import type { Job } from "../jobs/job.js";
import type { Settlement } from "./ledger.js";
import { secToMs } from "./money.js";

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
} as const;

/** The settlement for a job in a terminal state: its outcome and the seconds fal bills. */
export function settlementFor(job: Job, now: number, rules = BILLING_RULES): Settlement {
  const fullMs = secToMs(job.outputSec);
  switch (job.state) {
    case "delivered":
      return { outcome: "delivered", billedMs: fullMs, now };
    case "cancelled": {
      const running = job.runningAt !== undefined;
      const billed = job.requestId !== undefined && (running ? rules.cancelledWhileRunningBilled : rules.cancelledWhileQueuedBilled);
      return { outcome: running ? "cancelled-running" : "cancelled-queued", billedMs: billed ? fullMs : 0, now };
    }
    case "failed":
    default: {
      // a result fal produced is billed even if posting it failed
      if (job.resultUrl) return { outcome: "failed-after-result", billedMs: fullMs, now };
      const billed = job.requestId !== undefined && rules.failedWithoutResultBilled;
      return { outcome: "failed", billedMs: billed ? fullMs : 0, now };
    }
  }
}
