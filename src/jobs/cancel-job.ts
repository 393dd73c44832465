import { isAlreadyCompleted } from "../fal/errors.js";
import type { FalGateway, QueueStatus } from "../fal/gateway.js";
import { isCancellable, transition, type Job } from "../job.js";
import { StaleJobError } from "./job-store.js";
import { jobLogger } from "./job-log.js";
import type { CancelOutcome, HeldJob, RunContext } from "./run-context.js";

/** fal is told to stop the job; "already-completed": too late, the video exists and is billed. */
export async function cancelForMember(run: RunContext, job: Job): Promise<"cancelled" | "already-completed"> {
  try {
    await run.deps.fal.cancel(job.endpoint, job.requestId!);
    return "cancelled";
  } catch (error) {
    if (isAlreadyCompleted(error)) return "already-completed";
    jobLogger(run.deps.logger, job).warn({ err: error }, "fal cancel failed");
    return "cancelled";
  }
}

/**
 * Cancels at fal a job the bot gives up on. True when fal's answer just before was IN_QUEUE and it took the cancel:
 * the job never ran, so it is free (billing: src/quota/billing.ts).
 */
export async function cancelAtFal(fal: FalGateway, job: Job, last: QueueStatus | undefined): Promise<boolean> {
  const accepted = await fal.cancel(job.endpoint, job.requestId!).then(
    () => true,
    () => false,
  );
  return accepted && last?.status === "IN_QUEUE";
}

/** fal has finished the job: the Cancel is answered "too late" and the delivery that follows must not be cut short. */
export function tooLateToCancel(held: HeldJob): void {
  held.cancel?.settle("too-late");
  delete held.cancel;
  held.abort = new AbortController();
}

/**
 * The Cancel a runner was asked for: at fal (if submitted), in the store, then on the progress message.
 * Returns undefined when fal had already finished the job: the video exists and is billed, so it is delivered.
 */
export async function cancelHeld(run: RunContext, job: Job, held: HeldJob): Promise<Job | undefined> {
  const by = held.cancel?.by;
  if (job.requestId && (await cancelForMember(run, job)) === "already-completed") {
    tooLateToCancel(held);
    return undefined;
  }
  job = await run.move(job, "cancelled", by ? { cancelledBy: by } : {});
  jobLogger(run.deps.logger, job).info({ by, wasRunning: Boolean(job.runningAt) }, "cancelled");
  return await run.show(job, true);
}

/**
 * Cancel of a job fal had started: fal only tries to stop a running request (its cancel is best-effort), and a
 * video it finishes anyway is billed. So the job is not closed here: it is followed until fal says how it ended.
 */
export async function askFalToStop(run: RunContext, job: Job, held: HeldJob): Promise<Job> {
  const by = held.cancel!.by;
  if ((await cancelForMember(run, job)) === "already-completed") {
    tooLateToCancel(held); // the next poll sees COMPLETED and delivers the video fal bills
    return job;
  }
  job = await run.save(job, { cancelledBy: by });
  jobLogger(run.deps.logger, job).info({ by }, "asked fal to stop a running job; following it to its end");
  held.abort = new AbortController(); // the old one fired to wake the follower; later sleeps must sleep
  held.cancel!.stopping = true;
  held.cancel!.settle("stopping");
  return job;
}

/** fal finished a job it was asked to stop: a video it made anyway is delivered (it is billed); else it is cancelled. */
export async function endAfterStopAsked(run: RunContext, job: Job): Promise<Job> {
  const made = await run.deps.fal.result(job.endpoint, job.requestId!).then(
    () => true,
    () => false,
  );
  if (made) {
    jobLogger(run.deps.logger, job).info({}, "fal finished the job despite the cancel; delivering the result it bills");
    return await run.move(job, "delivering");
  }
  job = await run.move(job, "cancelled", { cancelledBy: job.cancelledBy });
  jobLogger(run.deps.logger, job).info({ by: job.cancelledBy }, "cancelled (fal stopped the running job)");
  return await run.show(job, true);
}

/**
 * A Cancel for a job this runner does not hold (another process follows it, or it is stuck between
 * processes): decided on the stored record and saved only if the record has not moved meanwhile — otherwise
 * read again and decided again. The process driving it sees the cancelled record at its next save and stops.
 * `heldHere`: the job became this runner's meanwhile, so the Cancel goes to it instead.
 */
export async function cancelFromRecord(
  run: RunContext,
  jobId: string,
  by: string,
  heldHere: (jobId: string) => Promise<CancelOutcome> | undefined,
): Promise<CancelOutcome> {
  const { store, clock, logger } = run.deps;
  let cancelledAtFal: string | undefined;
  for (;;) {
    const here = heldHere(jobId);
    if (here) return here;
    const job = await store.get(jobId);
    if (!job || !isCancellable(job)) return job?.state === "cancelled" ? "cancelled" : "too-late";
    if (job.requestId && job.requestId !== cancelledAtFal) {
      if ((await cancelForMember(run, job)) === "already-completed") return "too-late";
      cancelledAtFal = job.requestId;
    }
    const next = transition(job, "cancelled", clock.now(), { cancelledBy: by, finalShown: false });
    let saved: Job;
    try {
      saved = await store.save(next);
    } catch (error) {
      if (error instanceof StaleJobError) continue;
      throw error;
    }
    const log = jobLogger(logger, saved);
    log.info({ by, wasRunning: Boolean(saved.runningAt) }, "cancelled from its record");
    await run.finished(job, saved);
    // not the runner's versioned save (it holds no copy of this job): a lost record only means resume edits again
    await run.show(saved, true, (shown, patch) =>
      store.save({ ...shown, ...patch }).catch((error) => {
        log.info({ err: error }, "could not record the final progress edit; resume makes it again");
        return shown;
      }),
    );
    return "cancelled";
  }
}
