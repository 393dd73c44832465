import { isRefusedForNow } from "../fal/errors.js";
import type { Job } from "../job.js";
import { jobLogger } from "./job-log.js";
import { letsGo, Stopped, Superseded, type HeldJob, type RunContext } from "./run-context.js";

/**
 * Sends the job to fal, once: the attempt is recorded before the call (a process dying during it leaves a submit in
 * doubt, never sent again), and only an answer saying fal did not take it (isRefusedForNow) is tried again.
 * Returns the submitted job, or undefined when a cancel arrived while waiting to retry.
 */
export async function submitJob(run: RunContext, job: Job, held: HeldJob): Promise<Job | undefined> {
  const { fal, clock, logger } = run.deps;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await run.guarded(async () => {
        // Recorded before the call: if the process dies during it, resume knows the submit is in doubt.
        job = await run.save(job, { attempts: { ...job.attempts, submit: job.attempts.submit + 1 } });
        const queued = await fal.submit(job.endpoint, job.falInput);
        // fal has it: recording its id must land even while stopping (or the next start cannot follow it)
        return await run
          .move(
            job,
            "submitted",
            {
              requestId: queued.requestId,
              ...(queued.queuePosition !== undefined ? { queuePosition: queued.queuePosition } : {}),
            },
            true,
          )
          .catch(async (error) => {
            if (error instanceof Superseded) {
              // cancelled elsewhere while fal took it: cancel what only this copy knows of
              await run.yieldTo({ ...job, requestId: queued.requestId }, error.current);
              throw new Superseded(error.current);
            }
            throw error;
          });
      });
    } catch (error) {
      if (letsGo(error)) throw error;
      if (!isRefusedForNow(error) || attempt >= run.options.submitAttempts) throw error;
      // fal answered: it did not take the job, so trying again cannot pay twice.
      job = await run.save(job, { attempts: { ...job.attempts, submit: job.attempts.submit - 1 } });
      jobLogger(logger, job).warn({ err: error, attempt }, "fal refused the submit for now; retrying");
      await clock.sleep(Math.min(2_000 * 2 ** attempt, 60_000), held.abort.signal);
      if (held.cancel) return undefined;
      if (run.stopping) throw new Stopped();
    }
  }
}
