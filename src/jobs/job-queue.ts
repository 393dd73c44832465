import { randomUUID } from "node:crypto";
import { DelayedError, Queue, WaitingError, Worker, type Job as QueuedJob } from "bullmq";
import { Redis } from "ioredis";
import type { Logger } from "../logger.js";
import type { CancelOutcome } from "./runner.js";
import { errorMessage } from "../text.js";

/** The BullMQ queue every process on one QUEUE_URL shares. */
export const JOB_QUEUE_NAME = "kling-jobs";
/** Jobs one worker process follows at once: each mostly waits on fal, and costs a few kB while it does. */
export const JOBS_PER_WORKER = 2_000;
/** A job whose work could not start (its record unreadable, say) is offered again this much later. */
const RETRY_LATER_MS = 5_000;
/**
 * How many times a job may be recovered after its worker died before BullMQ sets it aside (failed, and removed:
 * the unfinished-record sweep offers it again). Every stall here is a process death, never a slow job (locks are
 * renewed by a timer while the job awaits fal), and the versioned record keeps a takeover from submitting or
 * delivering twice, so the limit only has to stop a job that kills every process that picks it up.
 */
const MAX_STALLED_COUNT = 10;
/** Redis pub/sub channel a Cancel pressed on one process reaches the worker holding the job through. */
const CANCEL_CHANNEL = "kling:cancel";
/** How long a forwarded Cancel waits for the holder's answer before it is decided on the record instead. */
const CANCEL_ANSWER_MS = 10_000;

interface CancelRequest {
  id: string;
  jobId: string;
  by: string;
  replyTo: string;
}
interface CancelAnswer {
  id: string;
  /** "not-here": this worker does not hold the job */
  outcome: CancelOutcome | "not-here";
}
const CANCEL_OUTCOMES: readonly string[] = ["cancelled", "too-late", "not-running", "stopping", "not-here"];

/** What became of one pick-up of a job: finished here, left for another process (shutting down), or try again. */
export type WorkOutcome = "done" | "hand back" | "retry later";

export interface JobQueueOptions {
  url: string;
  /** a worker took a job that waited this many seconds since it was queued (or handed back) */
  onPickedUp?: (waitedSec: number) => void;
  /** a job whose worker died is taken over within this (QUEUE_STALL_MS) */
  stallMs: number;
  logger: Logger;
  /** how long reaching Redis may take at start-up */
  connectTimeoutMs?: number;
}

export interface JobQueue {
  /** Queues each job once: one already waiting or being worked (same id) is not queued again. */
  enqueue(jobIds: readonly string[]): Promise<void>;
  /**
   * Starts working jobs in this process. `lost`: BullMQ could not renew this worker's lock on a job (another
   * process may take it over now), so the worker must let go of it at once.
   */
  work(work: (jobId: string) => Promise<WorkOutcome>, lost?: (jobId: string) => void): void;
  /**
   * A Cancel for a job this process does not hold, handed to the worker that does (Redis pub/sub): its answer,
   * or undefined when no worker holds the job (then the caller decides it on the record).
   */
  forwardCancel(jobId: string, by: string): Promise<CancelOutcome | undefined>;
  /** Answers forwarded Cancels: `cancel` returns undefined for a job this process does not hold. */
  serveCancels(cancel: (jobId: string, by: string) => Promise<CancelOutcome> | undefined): void;
  /** jobs waiting, being worked, delayed */
  counts(): Promise<{ waiting: number; active: number; delayed: number }>;
  close(): Promise<void>;
}

/**
 * BullMQ's lock and stalled-check settings for a takeover within stallMs. BullMQ's stalled check is two-phase:
 * one check marks the active jobs, a lock renewal unmarks a job, and the next check moves a still-marked job whose
 * lock has expired back to waiting. A dead worker's job was last renewed at most lockDuration/2 before the kill,
 * so it is marked within one interval after that renewal and moved at the check after: within two intervals of it.
 * A third of stallMs each keeps that, plus the checks' own timer drift, within stallMs; live workers renew every
 * sixth (5 s at the default 30 s: only an event loop stuck that long loses a lock). A live worker that loses one
 * lets go at once (work's `lost`), and what it cannot repeat (a submit, a result's post) is preceded by a versioned
 * save of the record, so a taker that saved first refuses it (src/jobs/runner.ts loseHold, deliver-job.ts).
 */
export function lockSettings(stallMs: number) {
  const third = Math.max(250, Math.floor(stallMs / 3));
  return { lockDuration: third, stalledInterval: third, maxStalledCount: MAX_STALLED_COUNT };
}

/**
 * The job queue (BullMQ on QUEUE_URL): job ids go in, any worker process takes them out, one at a time per job
 * (BullMQ's lock, renewed while the job is worked), and a job whose worker died goes back to waiting for another
 * (stalled-job recovery). The queue carries only the id: the job record in STORE_URL is the truth, and its
 * versioned saves are what keeps a takeover from doing a step twice.
 */
export async function openJobQueue(options: JobQueueOptions): Promise<JobQueue> {
  const { logger } = options;
  // BullMQ needs commands that wait through a reconnect rather than fail (maxRetriesPerRequest null)
  const redis = new Redis(options.url, { maxRetriesPerRequest: null, lazyConnect: true });
  let lastError = "";
  redis.on("error", (error: unknown) => {
    const message = errorMessage(error);
    if (message !== lastError) logger.warn({ err: error }, "job queue: Redis connection error");
    lastError = message;
  });
  redis.on("ready", () => (lastError = ""));
  await connect(redis, options);
  const queue = new Queue(JOB_QUEUE_NAME, { connection: redis });
  queue.on("error", (error) => logger.warn({ err: error }, "job queue error"));
  let worker: Worker | undefined;
  // forwarded Cancels: a subscriber connection (a subscribed client cannot publish), answers on this process's channel
  const subscriber = redis.duplicate();
  subscriber.on("error", () => undefined); // reported by the main connection
  const replyTo = `${CANCEL_CHANNEL}:answer:${randomUUID()}`;
  const waiting = new Map<string, { expected: number; notHere: number; settle: (o?: CancelOutcome) => void }>();
  let serve: ((request: CancelRequest) => void) | undefined;
  subscriber.on("message", (channel: string, raw: string) => {
    const message = parseMessage(raw);
    if (channel === CANCEL_CHANNEL && message && "replyTo" in message) serve?.(message);
    if (channel !== replyTo || !message || !("outcome" in message)) return;
    const pending = waiting.get(message.id);
    if (!pending) return;
    if (message.outcome !== "not-here") pending.settle(message.outcome);
    else if (++pending.notHere >= pending.expected) pending.settle(undefined);
  });
  await subscriber.subscribe(replyTo);

  return {
    async enqueue(jobIds) {
      if (!jobIds.length) return;
      await queue.addBulk(
        jobIds.map((id) => ({
          name: "job",
          data: { jobId: id },
          opts: { jobId: id, removeOnComplete: true, removeOnFail: true },
        })),
      );
    },

    work(work, lost) {
      if (worker) throw new Error("this process already works the job queue");
      worker = new Worker(
        JOB_QUEUE_NAME,
        async (queued: QueuedJob<{ jobId: string }>, token?: string) => {
          options.onPickedUp?.(((queued.processedOn ?? Date.now()) - queued.timestamp) / 1000);
          const outcome = await work(queued.data.jobId);
          if (outcome === "done") return;
          if (outcome === "hand back") {
            await queued.moveToWait(token);
            throw new WaitingError();
          }
          await queued.moveToDelayed(Date.now() + RETRY_LATER_MS, token);
          throw new DelayedError();
        },
        { connection: redis, concurrency: JOBS_PER_WORKER, ...lockSettings(options.stallMs) },
      );
      worker.on("error", (error) => logger.warn({ err: error }, "job queue worker error"));
      // BullMQ names the queue's job ids, which are the job ids (enqueue)
      worker.on("lockRenewalFailed", (jobIds) => jobIds.forEach((jobId) => lost?.(jobId)));
      worker.on("stalled", (jobId) => logger.info({ jobId }, "job queue: took over a job whose worker stopped"));
      worker.on("failed", (queued, error) =>
        logger.warn({ err: error, jobId: queued?.data.jobId }, "job queue: a job was set aside"),
      );
    },

    async forwardCancel(jobId, by) {
      const id = randomUUID();
      let timer: NodeJS.Timeout | undefined;
      const answered = new Promise<CancelOutcome | undefined>((resolve) => {
        const settle = (outcome?: CancelOutcome) => {
          waiting.delete(id);
          clearTimeout(timer);
          resolve(outcome);
        };
        waiting.set(id, { expected: Number.POSITIVE_INFINITY, notHere: 0, settle });
        timer = setTimeout(() => settle(undefined), CANCEL_ANSWER_MS);
      });
      const request: CancelRequest = { id, jobId, by, replyTo };
      const listeners = await redis.publish(CANCEL_CHANNEL, JSON.stringify(request));
      const pending = waiting.get(id);
      if (pending) {
        pending.expected = listeners;
        if (pending.notHere >= listeners) pending.settle(undefined);
      }
      return answered;
    },

    serveCancels(cancel) {
      serve = (request) => {
        const answer = (outcome: CancelAnswer["outcome"]) =>
          void redis
            .publish(request.replyTo, JSON.stringify({ id: request.id, outcome } satisfies CancelAnswer))
            .catch((error) => logger.warn({ err: error, jobId: request.jobId }, "could not answer a forwarded cancel"));
        const held = cancel(request.jobId, request.by);
        if (!held) return answer("not-here");
        logger.info({ jobId: request.jobId, by: request.by }, "cancel forwarded from another process");
        void held.then(answer, (error) => {
          logger.warn({ err: error, jobId: request.jobId }, "a forwarded cancel failed");
          answer("not-running");
        });
      };
      void subscriber
        .subscribe(CANCEL_CHANNEL)
        .catch((error) => logger.error({ err: error }, "could not listen for forwarded cancels"));
    },

    async counts() {
      const counts = await queue.getJobCounts("waiting", "active", "delayed");
      return { waiting: counts.waiting ?? 0, active: counts.active ?? 0, delayed: counts.delayed ?? 0 };
    },

    async close() {
      await worker?.close();
      await queue.close();
      for (const pending of waiting.values()) pending.settle(undefined);
      subscriber.disconnect();
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

/** A forwarded Cancel or its answer, or undefined for anything else on the channel. */
function parseMessage(raw: string): CancelRequest | CancelAnswer | undefined {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (typeof value !== "object" || value === null) return undefined;
  const m = value as Record<string, unknown>;
  if (typeof m.id !== "string") return undefined;
  if (typeof m.jobId === "string" && typeof m.by === "string" && typeof m.replyTo === "string")
    return { id: m.id, jobId: m.jobId, by: m.by, replyTo: m.replyTo };
  if (typeof m.outcome === "string" && CANCEL_OUTCOMES.includes(m.outcome))
    return { id: m.id, outcome: m.outcome as CancelAnswer["outcome"] };
  return undefined;
}

async function connect(redis: Redis, options: JobQueueOptions): Promise<void> {
  const timeoutMs = options.connectTimeoutMs ?? 10_000;
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      redis.connect(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
  } catch (error) {
    redis.disconnect();
    throw new Error(
      `could not reach the job queue at QUEUE_URL ${describeRedisUrl(options.url)}: ${errorMessage(error)}`,
      { cause: error },
    );
  } finally {
    clearTimeout(timer);
  }
}

/** "redis://host:6379/0": no user or password */
function describeRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname === "/" ? "" : parsed.pathname}`;
  } catch {
    return "(unparsable URL)";
  }
}
