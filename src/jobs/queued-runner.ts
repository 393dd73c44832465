import type { Job } from "../job.js";
import type { Logger } from "../logger.js";
import { hasWorkLeft, type JobStore } from "./job-store.js";
import type { JobQueue, WorkOutcome } from "./job-queue.js";
import type { JobRunner } from "./runner.js";

interface QueuedRunnerDeps {
  queue: JobQueue;
  store: JobStore;
  runner: JobRunner;
  logger: Logger;
  now: () => number;
  /**
   * A record with work left but no queued job (its gateway died between saving and queueing it, or BullMQ set it
   * aside) is queued once it has not moved for this long — a younger one may be a gateway's, still being handed
   * off — and every process with the queue looks for such records this often (QUEUE_STALL_MS: such a job is
   * taken over within about twice the time a dead worker's job is).
   */
  sweepMs: number;
}

/**
 * The job queue's side of the one job logic: a gateway hands an accepted job off and queues its id; a worker that
 * takes the id drives the job through the same runner (resume: the job where its record stands) while BullMQ's
 * lock says it is this process's turn. The runner's versioned saves stay the guard behind that lock: a process
 * that lost the lock without knowing it is refused at its next save and lets go.
 */
export function createQueuedRunner(deps: QueuedRunnerDeps) {
  const { queue, store, runner, logger } = deps;

  /** One pick-up of a queued job by this process's worker. */
  async function work(jobId: string): Promise<WorkOutcome> {
    try {
      const job = await store.get(jobId);
      if (!job || !hasWorkLeft(job)) return "done";
      // this process drives it already (offered again later) — unless that drive lost the lock (lockLost) and is still
      // letting go, or stuck: BullMQ offers the job to this process again and again, so it is taken anew here
      if (!runner.setAsideLostDrive(jobId) && runner.held(jobId)) return "retry later";
      logger.info({ jobId, state: job.state }, "working a queued job");
      const ended = await runner.resume(job);
      if (!hasWorkLeft(ended)) return "done";
      return runner.isStopping ? "hand back" : "retry later";
    } catch (error) {
      if (runner.isStopping) return "hand back";
      logger.warn({ err: error, jobId }, "could not work a queued job; it is offered again shortly");
      return "retry later";
    }
  }

  /**
   * BullMQ could not renew this process's lock on a job: another process may be taking it over, so the drive here
   * lets go at once, doing nothing more (its next save is refused; a post or submit is preceded by one).
   */
  function lockLost(jobId: string): void {
    if (runner.loseHold(jobId)) logger.warn({ jobId }, "job queue: lost the lock on a job; letting go of it");
  }

  /** The gateway's last step for an accepted job: its record saved as it stands, then its id queued. */
  function dispatch(job: Job): void {
    void runner
      .handOff(job)
      .catch((error) => logger.warn({ err: error, jobId: job.id }, "could not save the job before queueing it"))
      .then(() => queue.enqueue([job.id]))
      .catch((error) =>
        logger.warn({ err: error, jobId: job.id }, "could not queue the job; the unfinished-record sweep will"),
      );
  }

  /** Queues every record with work left that has not moved for sweepMs (queued ones are not queued twice). */
  async function sweep(): Promise<number> {
    const stale = (await store.unfinished()).filter((job) => deps.now() - job.updatedAt >= deps.sweepMs);
    await queue.enqueue(stale.map((job) => job.id));
    return stale.length;
  }

  /** Sweeps now and every sweepMs; returns the stop. */
  function startSweeper(): () => void {
    const run = () =>
      void sweep()
        .then((count) => count && logger.debug({ count }, "offered unfinished jobs to the job queue"))
        .catch((error) => logger.warn({ err: error }, "could not offer unfinished jobs to the job queue"));
    run();
    const timer = setInterval(run, deps.sweepMs);
    timer.unref();
    return () => clearInterval(timer);
  }

  return { work, lockLost, dispatch, sweep, startSweeper };
}

export type QueuedRunner = ReturnType<typeof createQueuedRunner>;
