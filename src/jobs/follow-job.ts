import { describeFalError } from "../fal/errors.js";
import { spanText } from "../discord/render.js";
import { message } from "../i18n/index.js";
import type { Job } from "../job.js";
import { askFalToStop, cancelAtFal, cancelHeld, endAfterStopAsked, tooLateToCancel } from "./cancel-job.js";
import { jobLogger } from "./job-log.js";
import { letsGo, Stopped, type HeldJob, type RunContext } from "./run-context.js";

/**
 * Why a status call's "slow" timer is stopped: one reason for every poll. abort() without one builds a DOMException,
 * stack and all, each time: 1.2 s of CPU over the queue bench's run.
 */
const ANSWERED = "the status call settled";

/**
 * Follows a submitted job at fal until it is ready to deliver (or ends otherwise): polls fal's status spaced by
 * pollIntervalMs (not the client's 500 ms), answers a Cancel, and gives up at the deadline.
 */
export async function followJob(run: RunContext, job: Job, held: HeldJob): Promise<Job> {
  const { fal, clock } = run.deps;
  const { options } = run;
  const started = job.submittedAt ?? clock.now();
  let failuresInARow = 0;
  // with webhooks, a status call is only the safety net for a lost one: the first waits a poll interval too
  if (options.completionsPushed && !held.falCompleted && !held.cancel)
    await clock.sleep(options.pollIntervalMs, held.abort.signal);
  while (true) {
    if (held.cancel && !held.cancel.stopping) {
      let cancelNow: boolean;
      if (!job.runningAt) {
        // fal may have started it since the last poll: ask first (a cancel is certain, and free, only while queued)
        const now = await fal.status(job.endpoint, job.requestId!).catch(() => undefined);
        if (now?.status === "COMPLETED") {
          tooLateToCancel(held); // the paid video is posted
          return await run.move(job, "delivering");
        }
        if (now?.status === "IN_PROGRESS") job = await run.move(job, "running");
        // closed at once (and free) only while fal says it is still queued; if fal did not answer, it may be
        // running: ask it to stop and follow the job to its end, as for a running one
        cancelNow = now?.status === "IN_QUEUE";
      } else cancelNow = false;
      if (cancelNow) {
        const cancelled = await cancelHeld(run, job, held);
        if (cancelled) return cancelled;
      } else job = await askFalToStop(run, job, held);
    }
    if (run.stopping) throw new Stopped();
    if (clock.now() - started > options.deadlineMs) {
      const last = await fal.status(job.endpoint, job.requestId!).catch(() => undefined);
      // it finished since the last poll: a paid result is posted, not thrown away
      if (last?.status === "COMPLETED") return await run.move(job, "delivering");
      const queued = await cancelAtFal(fal, job, last);
      return await run.fail(
        job,
        message("failure.deadline", { span: spanText(options.deadlineMs) }),
        "deadline",
        "status",
        { closed: { by: "deadline", queued } },
      );
    }
    if (held.falCompleted) {
      // fal's signed webhook said it finished: what it made is fetched (and checked, and billed) by deliverJob()
      if (job.cancelledBy) return await endAfterStopAsked(run, job);
      return await run.move(job, "delivering");
    }
    let status;
    const call = fal.status(job.endpoint, job.requestId!);
    call.catch(() => undefined); // awaited below
    // fal's client retries a dead connection for ~30 s before it throws: say so on the progress message meanwhile.
    // Saved and shown here, in the loop, so this job has one writer and no save can overtake another.
    const slow = new AbortController();
    try {
      const first = await Promise.race([
        call.then(
          () => "answered" as const,
          () => "answered" as const,
        ),
        clock.sleep(Math.max(1_000, 3 * options.pollIntervalMs), slow.signal).then(() => "slow" as const),
      ]);
      if (first === "slow" && !job.falUnreachableSince) {
        job = await run.save(job, { falUnreachableSince: clock.now() });
        job = await run.show(job);
      }
      status = await call;
    } catch (error) {
      if (letsGo(error)) throw error;
      const failure = describeFalError(error, "status");
      if (failure.kind === "auth") throw error;
      failuresInARow += 1;
      jobLogger(run.deps.logger, job).warn(
        { err: error, failuresInARow, kind: failure.kind },
        "status check failed; will retry",
      );
      if (!job.falUnreachableSince) {
        job = await run.save(job, { falUnreachableSince: clock.now() });
        job = await run.show(job);
      }
      await clock.sleep(Math.min(options.pollIntervalMs * 2 ** failuresInARow, 60_000), held.abort.signal);
      continue;
    } finally {
      slow.abort(ANSWERED);
    }
    failuresInARow = 0;
    const { falUnreachableSince: _, ...reachable } = job;
    job = { ...reachable, attempts: { ...job.attempts, status: job.attempts.status + 1 } } as Job;
    if (status.status === "COMPLETED") {
      if (job.cancelledBy) return await endAfterStopAsked(run, job);
      return await run.move(job, "delivering");
    }
    if (status.status === "IN_QUEUE") {
      job = await run.move(job, "queued", { queuePosition: status.queue_position });
    } else {
      const logs = "logs" in status ? status.logs : undefined;
      const latest = logs?.length ? logs[logs.length - 1]?.message : undefined;
      job = await run.move(job, "running", latest ? { lastLog: latest } : {});
    }
    job = await run.show(job);
    await clock.sleep(options.pollIntervalMs, held.abort.signal);
  }
}
