import type { Job } from "../job.js";
import type { Logger } from "../logger.js";

/** What every log line about a job carries: the job, fal's request for it (once submitted), its guild and member. */
export function jobLogContext(job: Pick<Job, "id" | "requestId" | "guildId" | "requester">) {
  return {
    jobId: job.id,
    ...(job.requestId ? { requestId: job.requestId } : {}),
    ...(job.guildId ? { guildId: job.guildId } : {}),
    userId: job.requester.id,
  };
}

/** A child logger for one job (pino child: the job's fields on every line it writes). */
export function jobLogger(logger: Logger, job: Pick<Job, "id" | "requestId" | "guildId" | "requester">): Logger {
  return logger.child(jobLogContext(job));
}
