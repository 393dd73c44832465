import { isDeepStrictEqual } from "node:util";
import { FalResultError, SubmitInDoubtError, type FalGateway, type QueueStatus } from "../fal/gateway.js";
import { describeFalError, isAlreadyCompleted, isRefusedForNow } from "../fal/errors.js";
import type { FalKlingInput } from "../fal/endpoints.js";
import {
  deliverResult,
  findPostedResult,
  measureResult,
  type Delivered,
  type ResultDownloader,
} from "../discord/delivery.js";
import { channelIsGone, discordCode, type DiscordOutbox } from "../discord/outbox.js";
import type { Clock } from "../clock.js";
import type { ProgressMessenger } from "../discord/progress-messenger.js";
import { describeSpan, renderProgress } from "../discord/render.js";
import type { Logger } from "../logger.js";
import { matchesAllowedHost } from "../media/allowed-hosts.js";
import { redactUrl } from "../media/redact.js";
import { VIDEO_LIMITS } from "../media/limits.js";
import type { VideoFacts } from "../media/types.js";
import { isCancellable, isTerminal, transition, type Job, type JobState } from "../job.js";
import { StaleJobError, type JobStore } from "./job-store.js";
import { jobLogger } from "./job-log.js";
import type { BotMetrics } from "../ops/metrics.js";

export interface RunnerOptions {
  pollIntervalMs: number;
  /** hosts the bot may fetch from although fal cannot (private/loopback): their files are re-uploaded to fal storage */
  rehostHosts: readonly string[];
  /** give up on a job fal has not finished after this long (then cancel it at fal) */
  deadlineMs: number;
  /** on start-up, unfinished jobs older than this are closed with a message instead of resumed */
  resumeMaxAgeMs: number;
  /**
   * fal's webhooks tell the runner when a job finishes (notifyCompleted): status polling is only the safety net, so
   * the first status call waits a poll interval instead of going out at once.
   */
  completionsPushed?: boolean;
  /** submit attempts on 429/5xx answers (on top of the fal client's own retries) */
  submitAttempts: number;
  /** a save the store refuses (outage) is retried after this, doubling up to storeRetryMaxMs, for as long as it takes */
  storeRetryMs?: number;
  storeRetryMaxMs?: number;
}

export interface RunnerDeps {
  fal: FalGateway;
  store: JobStore;
  outbox: DiscordOutbox;
  progress: ProgressMessenger;
  downloader: ResultDownloader;
  clock: Clock;
  logger: Logger;
  /** the bot's user id, to recognise its own messages after a restart */
  botUserId: () => string;
  /** called once for every job that reaches delivered, failed or cancelled */
  onFinished: (job: Job) => Promise<void>;
  /** quota: right before submit, the job's reservation is confirmed open (or taken again); a refusal fails the job unsent */
  beforeSubmit: (job: Job) => Promise<{ ok: true; patch?: Partial<Job> } | { ok: false; message: string }>;
  /** reads fal's result with the project's inspector (range reads): its real length is what the job is billed */
  inspectResult: (url: string) => Promise<VideoFacts>;
  /** fal took the job (its request id is saved): e.g. recorded so fal's webhook for it is recognised */
  onSubmitted?: (job: Job) => Promise<void>;
  /** whether a result gets a "Share to showcase" button (src/showcase); default no */
  shareable?: (job: Job) => Promise<boolean>;
  /** job state changes, fal queue and run times, the wait before a job is worked (src/ops/metrics.ts) */
  metrics?: BotMetrics;
}

/** "stopping": fal had started the job and was asked to stop; it may finish anyway (then the result is posted) */
export type CancelOutcome = "cancelled" | "too-late" | "not-running" | "stopping";

interface ActiveJob {
  abort: AbortController;
  /** drive() has started (a held job may be waiting for its progress message) */
  running?: boolean;
  /** `stopping`: fal was asked to stop the running job, which is followed to its end */
  cancel?: { by: string; settle: (outcome: CancelOutcome) => void; stopping?: boolean };
  /** the job as this runner last saved it */
  job: Job;
  /** fal's verified webhook said the request finished: the follower goes on to the result without a status call */
  falCompleted?: boolean;
  /** when this runner took it (the wait until it is worked is kling_queue_wait_seconds) */
  heldAt: number;
}

class Stopped extends Error {}

/**
 * Another writer moved the record first (a Cancel handled by a process not running the job, or another process
 * resuming it): this runner's copy is stale, so it lets go instead of overwriting the newer state.
 */
class Superseded extends Error {
  constructor(readonly current: Job | undefined) {
    super("the job record was changed by another writer");
  }
}

/** This runner no longer drives the job (shutting down, or another writer moved it): it lets go, saving nothing more. */
const letsGo = (error: unknown): error is Stopped | Superseded =>
  error instanceof Stopped || error instanceof Superseded;

/**
 * Submits a job, follows it at fal, and delivers the result. Every state change is saved before it is shown,
 * so a process may die at any line and the next one finishes the job from its record (see resume()).
 *
 * The runner owns a job from before anything a member can press exists for it (accept(), or claim() at
 * start-up), so a Cancel always reaches the one place that drives the job. Every save is a compare-and-set on the
 * record's version: a copy that another writer overtook is refused, and the runner re-reads and lets go
 * (cancelling at fal what only it knew of). A store outage never drops a job: its saves are retried with backoff
 * while the job stays here.
 */
export class JobRunner {
  private readonly active = new Map<string, ActiveJob>();
  private stopping = false;
  /** aborted by stop(): ends the waits between save retries */
  private readonly halt = new AbortController();
  /** submit and deliver calls in progress: shutdown waits for them so nothing is left in doubt */
  private critical = 0;
  private criticalDone: (() => void) | undefined;

  constructor(
    private readonly deps: RunnerDeps,
    private readonly options: RunnerOptions,
  ) {}

  get activeCount(): number {
    return this.active.size;
  }

  /** the logger for a job by id: with the job's fields when this runner holds it */
  private jobLog(jobId: string) {
    const held = this.active.get(jobId)?.job;
    return held ? jobLogger(this.deps.logger, held) : this.deps.logger.child({ jobId });
  }

  /** Every job this runner holds, and whether it is being worked (for the metrics: jobs held, queue depth). */
  *heldJobs(): Generator<{ state: Job["state"]; running: boolean }> {
    for (const active of this.active.values()) yield { state: active.job.state, running: Boolean(active.running) };
  }

  /** A job this runner holds, as it last saved it (the quota sweeper must not release its reservation). */
  held(jobId: string): Job | undefined {
    return this.active.get(jobId)?.job;
  }

  /**
   * Saves the job, conditional on the stored record still being the version this copy was read at. A store
   * error is retried with backoff for as long as it lasts (the job stays here); after a lost answer the retry
   * finds its own write. A record another writer moved throws Superseded. `critical`: a save that must land
   * even while stopping (fal's answer to a submit).
   */
  private async persist(job: Job, critical = false): Promise<Job> {
    const first = this.options.storeRetryMs ?? 500;
    const max = this.options.storeRetryMaxMs ?? 30_000;
    for (let attempt = 1; ; attempt += 1) {
      try {
        const saved = await this.deps.store.save(job);
        const active = this.active.get(job.id);
        if (active) active.job = saved;
        return saved;
      } catch (error) {
        if (error instanceof StaleJobError) {
          const current = await this.reread(job.id);
          const attempted = JSON.parse(JSON.stringify({ ...job, version: (job.version ?? 0) + 1 })) as Job;
          if (attempt > 1 && current && isDeepStrictEqual(current, attempted)) {
            const active = this.active.get(job.id);
            if (active) active.job = current;
            return current;
          }
          throw new Superseded(current);
        }
        if (this.stopping && !critical) throw new Stopped();
        const delay = Math.min(first * 2 ** (attempt - 1), max);
        jobLogger(this.deps.logger, job).warn(
          { err: error, attempt, retryInMs: delay },
          "could not save the job; retrying",
        );
        await this.deps.clock.sleep(delay, critical ? undefined : this.halt.signal);
      }
    }
  }

  /** the stored record, retried like a save while the store is out */
  private async reread(jobId: string): Promise<Job | undefined> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.deps.store.get(jobId);
      } catch (error) {
        if (this.stopping) throw new Stopped();
        const delay = Math.min(
          (this.options.storeRetryMs ?? 500) * 2 ** (attempt - 1),
          this.options.storeRetryMaxMs ?? 30_000,
        );
        this.jobLog(jobId).warn({ err: error, attempt, retryInMs: delay }, "could not read the job; retrying");
        await this.deps.clock.sleep(delay, this.halt.signal);
      }
    }
  }

  private async move(job: Job, to: JobState, patch: Partial<Job> = {}, critical = false): Promise<Job> {
    const next = transition(job, to, this.deps.clock.now(), patch);
    // a terminal state is shown by a final progress edit that a crash can still lose: resume() makes it if this stays false
    if (isTerminal(next)) next.finalShown = false;
    const saved = await this.persist(next, critical);
    this.counted(job, saved);
    if (isTerminal(saved))
      await this.deps
        .onFinished(saved)
        .catch((error) => jobLogger(this.deps.logger, saved).error({ err: error }, "onFinished failed"));
    return saved;
  }

  /** a saved state change, in the metrics (a poll that finds the same state is not a change) */
  private counted(before: Job, saved: Job): void {
    const metrics = this.deps.metrics;
    if (!metrics || before.state === saved.state) return;
    metrics.jobTransitions.inc({ state: saved.state });
    if (saved.state === "delivering") metrics.observeFalTimes(saved, saved.updatedAt);
    if (isTerminal(saved)) metrics.jobsFinished.inc({ state: saved.state });
  }

  private async save(job: Job, patch: Partial<Job>): Promise<Job> {
    return this.persist({ ...job, ...patch, updatedAt: this.deps.clock.now() });
  }

  private async show(job: Job, final = false): Promise<Job> {
    const messageId = await this.deps.progress.show(job, { final });
    const patch: Partial<Job> = {};
    if (messageId && messageId !== job.progressMessageId) patch.progressMessageId = messageId;
    if (final && job.finalShown === false) patch.finalShown = true;
    if (Object.keys(patch).length) job = await this.save(job, patch);
    return job;
  }

  private async guarded<T>(work: () => Promise<T>): Promise<T> {
    if (this.stopping) throw new Stopped();
    this.critical += 1;
    try {
      return await work();
    } finally {
      this.critical -= 1;
      if (this.critical === 0) this.criticalDone?.();
    }
  }

  /** Asks a job this runner holds to stop. Resolves once the job is cancelled, or says why it could not be. */
  requestCancel(jobId: string, by: string): Promise<CancelOutcome> {
    const active = this.active.get(jobId);
    if (!active) return Promise.resolve("not-running");
    if (active.cancel) return Promise.resolve(active.cancel.stopping ? "stopping" : "cancelled");
    jobLogger(this.deps.logger, active.job).debug({ by, running: Boolean(active.running) }, "cancel requested");
    return new Promise((settle) => {
      active.cancel = { by, settle };
      active.abort.abort();
    });
  }

  /**
   * fal's verified webhook says this request finished: the job's follower (if this runner holds it) wakes now and
   * goes on to fetch the result as after a status poll. False when no job held here has that request id.
   */
  notifyCompleted(requestId: string): boolean {
    for (const active of this.active.values()) {
      if (active.job.requestId !== requestId) continue;
      if (active.falCompleted) return true;
      active.falCompleted = true;
      // a fresh controller: the old one's abort only ends the current sleep (a pending Cancel is read from active.cancel)
      const woken = active.abort;
      active.abort = new AbortController();
      woken.abort();
      return true;
    }
    return false;
  }

  /** fal request ids of the jobs this runner follows at fal and has not been told are finished. */
  awaitingCompletion(): string[] {
    const ids: string[] = [];
    for (const active of this.active.values()) {
      const { requestId, state } = active.job;
      if (requestId && !active.falCompleted && state !== "delivering" && !isTerminal(active.job)) ids.push(requestId);
    }
    return ids;
  }

  /** Holds a job (before it is run) so that a Cancel waits for the runner instead of writing around it. */
  claim(job: Job): void {
    if (this.active.has(job.id)) throw new Error(`job ${job.id} is already held`);
    this.active.set(job.id, { abort: new AbortController(), job, heldAt: this.deps.clock.now() });
  }

  /**
   * A new job: held from this moment (before its progress message, and so its Cancel button, exists) and its
   * first record saved (retried through a store outage). Then run() it, or abandon() it.
   */
  async accept(job: Job): Promise<Job> {
    this.claim(job);
    try {
      return await this.persist(job);
    } catch (error) {
      this.letGoOf(job.id, "not-running");
      throw error;
    }
  }

  /**
   * A held job another process drives (the job queue): the copy the caller has (its progress message id) is saved,
   * then let go. A Cancel pressed meanwhile is answered "not-running" and decided on the record (cancelRecorded).
   * Returns the record as saved, or as another writer left it; a store that cannot be reached leaves the record
   * as accepted (the worker adopts the posted progress message by its footer).
   */
  async handOff(job: Job): Promise<Job> {
    const held = this.active.get(job.id)?.job;
    const latest = !held || held.version === job.version ? job : held;
    try {
      return await this.save(latest, {});
    } catch (error) {
      if (error instanceof Superseded) return error.current ?? latest;
      if (error instanceof Stopped) return latest;
      throw error;
    } finally {
      this.letGoOf(job.id, "not-running");
    }
  }

  /** stop() was called: a job let go of now is left for another process (or the next start) to finish */
  get isStopping(): boolean {
    return this.stopping;
  }

  /** A held job that will not run (its progress message could not be posted): recorded as failed, then let go. */
  async abandon(job: Job, failure: string): Promise<Job> {
    try {
      // not through move(): nothing reached fal, so the caller releases the reservation instead of settling it
      const failed = await this.persist(transition(job, "failed", this.deps.clock.now(), { failure }));
      this.counted(job, failed);
      return failed;
    } finally {
      this.letGoOf(job.id, "too-late");
    }
  }

  private letGoOf(jobId: string, outcome: CancelOutcome): void {
    const active = this.active.get(jobId);
    this.active.delete(jobId);
    active?.cancel?.settle(outcome);
  }

  /** Stops following jobs (their records stay as they are, to be resumed) once no submit or delivery is half done. */
  async stop(timeoutMs: number): Promise<void> {
    this.stopping = true;
    this.halt.abort();
    for (const active of this.active.values()) active.abort.abort();
    if (this.critical > 0) {
      await Promise.race([
        new Promise<void>((resolve) => (this.criticalDone = resolve)),
        new Promise<void>((resolve) => setTimeout(resolve, timeoutMs).unref()),
      ]);
    }
  }

  /** Drives a job to its end: one this runner holds (accept, claim), or takes now. */
  async run(initial: Job): Promise<Job> {
    let active = this.active.get(initial.id);
    if (active?.running) throw new Error(`job ${initial.id} is already running`);
    if (!active) {
      this.claim(initial);
      active = this.active.get(initial.id)!;
    }
    active.running = true;
    this.deps.metrics?.observeQueueWait((this.deps.clock.now() - active.heldAt) / 1000);
    // the held copy plus what the caller added since (e.g. the progress message id): saved with the next change
    if (initial.version === active.job.version) active.job = initial;
    let job = initial;
    try {
      job = await this.drive(job, active);
      return job;
    } catch (error) {
      if (error instanceof Stopped) return active.job;
      if (error instanceof Superseded) return (job = await this.yieldTo(active.job, error.current));
      throw error;
    } finally {
      this.active.delete(initial.id);
      active.cancel?.settle(job.state === "cancelled" ? "cancelled" : "too-late");
    }
  }

  /** Another writer moved the record: stop here; a fal request only this copy knew of is cancelled at fal. */
  private async yieldTo(mine: Job, current: Job | undefined): Promise<Job> {
    jobLogger(this.deps.logger, mine).info(
      { state: current?.state, mine: mine.state },
      "the job was changed elsewhere; this runner lets go of it",
    );
    if (mine.requestId && current?.requestId !== mine.requestId && mine.state !== "delivering") {
      await this.deps.fal
        .cancel(mine.endpoint, mine.requestId)
        .catch((error) => jobLogger(this.deps.logger, mine).warn({ err: error }, "fal cancel failed"));
    }
    // the final edit (its writer makes one too) also ends what the progress messenger keeps for the job here
    if (current && isTerminal(current)) await this.deps.progress.show(current, { final: true }).catch(() => undefined);
    return current ?? mine;
  }

  private async drive(job: Job, active: ActiveJob): Promise<Job> {
    try {
      if (!job.progressMessageId) job = await this.adoptOrPostProgress(job);
      if (!job.requestId) {
        if (job.attempts.submit > 0) {
          // The process died while sending it: fal may have it. Resubmitting could pay twice.
          return await this.fail(
            job,
            "the bot restarted while sending this job to fal, so I can't tell whether fal received it. Nothing more will happen to it; press Retry or run the command again.",
            "submit in doubt",
            "resume",
            { closed: { by: "submit-in-doubt", queued: false } },
          );
        }
        if (active.cancel) return (await this.cancel(job, active))!;
        const confirmed = await this.deps.beforeSubmit(job);
        if (!confirmed.ok) return await this.fail(job, confirmed.message, "quota refused", "submit");
        if (confirmed.patch) job = await this.save(job, confirmed.patch);
        job = await this.rehostPrivateInputs(job);
        const submitted = await this.submit(job, active);
        if (!submitted) return (await this.cancel(job, active))!;
        job = submitted;
        jobLogger(this.deps.logger, job).info({ endpoint: job.endpoint }, "submitted to fal");
        await this.deps
          .onSubmitted?.(job)
          .catch((error) => jobLogger(this.deps.logger, job).warn({ err: error }, "could not record the fal request"));
        job = await this.show(job);
      }
      if (job.state !== "delivering") job = await this.follow(job, active);
      if (isTerminal(job)) return job;
      return await this.deliver(job);
    } catch (error) {
      if (letsGo(error)) throw error;
      // the steps above save every change: the job as last saved is the job as it stood when this was thrown
      job = active.job;
      if (isTerminal(job)) throw error;
      if (error instanceof SubmitInDoubtError) {
        return await this.fail(
          job,
          "fal's answer to this job was lost on the way back, so I can't tell whether fal received it, and sending it again could pay twice. Nothing more will happen to it here; press Retry or run the command again.",
          error,
          "submit",
          { closed: { by: "submit-in-doubt", queued: false } },
        );
      }
      const stage = job.requestId ? (job.state === "delivering" ? "delivery" : "status") : "submit";
      const message =
        stage === "delivery"
          ? `the video was made but I could not post it here.${job.resultUrl ? ` Link: ${job.resultUrl}` : ""}`
          : describeFalError(error, stage === "submit" ? "submit" : "status").memberMessage;
      return await this.fail(job, message, error, stage);
    }
  }

  /** The job was saved before its progress message was posted (or the message id was lost in a crash). */
  private async adoptOrPostProgress(job: Job): Promise<Job> {
    const footer = `job ${job.id.slice(0, 8)}`;
    const recent = await this.deps.outbox.recentMessages(job.channelId, 50).catch(() => []);
    const existing = recent.find((m) => m.author.id === this.deps.botUserId() && m.embeds[0]?.footer?.text === footer);
    const messageId =
      existing?.id ?? (await this.deps.outbox.post(job.channelId, renderProgress(job, this.deps.clock.now()))).id;
    return this.save(job, { progressMessageId: messageId });
  }

  /** Returns the submitted job, or undefined when a cancel arrived while waiting to retry. */
  private async submit(job: Job, active: ActiveJob): Promise<Job | undefined> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.guarded(async () => {
          // Recorded before the call: if the process dies during it, resume knows the submit is in doubt.
          job = await this.save(job, { attempts: { ...job.attempts, submit: job.attempts.submit + 1 } });
          const queued = await this.deps.fal.submit(job.endpoint, job.falInput);
          // fal has it: recording its id must land even while stopping (or the next start cannot follow it)
          return await this.move(
            job,
            "submitted",
            {
              requestId: queued.requestId,
              ...(queued.queuePosition !== undefined ? { queuePosition: queued.queuePosition } : {}),
            },
            true,
          ).catch(async (error) => {
            if (error instanceof Superseded) {
              // cancelled elsewhere while fal took it: cancel what only this copy knows of
              await this.yieldTo({ ...job, requestId: queued.requestId }, error.current);
              throw new Superseded(error.current);
            }
            throw error;
          });
        });
      } catch (error) {
        if (letsGo(error)) throw error;
        if (!isRefusedForNow(error) || attempt >= this.options.submitAttempts) throw error;
        // fal answered: it did not take the job, so trying again cannot pay twice.
        job = await this.save(job, { attempts: { ...job.attempts, submit: job.attempts.submit - 1 } });
        jobLogger(this.deps.logger, job).warn({ err: error, attempt }, "fal refused the submit for now; retrying");
        await this.deps.clock.sleep(Math.min(2_000 * 2 ** attempt, 60_000), active.abort.signal);
        if (active.cancel) return undefined;
        if (this.stopping) throw new Stopped();
      }
    }
  }

  /**
   * The Cancel this runner was asked for: at fal (if submitted), in the store, then on the progress message.
   * Returns undefined when fal had already finished the job: the video exists and is billed, so it is delivered.
   */
  private async cancel(job: Job, active: ActiveJob): Promise<Job | undefined> {
    const by = active.cancel?.by;
    if (job.requestId && (await this.cancelForMember(job)) === "already-completed") {
      this.tooLateToCancel(active);
      return undefined;
    }
    job = await this.move(job, "cancelled", by ? { cancelledBy: by } : {});
    jobLogger(this.deps.logger, job).info({ by, wasRunning: Boolean(job.runningAt) }, "cancelled");
    return await this.show(job, true);
  }

  private async cancelForMember(job: Job): Promise<"cancelled" | "already-completed"> {
    try {
      await this.deps.fal.cancel(job.endpoint, job.requestId!);
      return "cancelled";
    } catch (error) {
      if (isAlreadyCompleted(error)) return "already-completed";
      jobLogger(this.deps.logger, job).warn({ err: error }, "fal cancel failed");
      return "cancelled";
    }
  }

  /**
   * A Cancel for a job this runner does not hold (another process follows it, or it is stuck between
   * processes): decided on the stored record and saved only if the record has not moved meanwhile — otherwise
   * read again and decided again. The process driving it sees the cancelled record at its next save and stops.
   */
  async cancelRecorded(jobId: string, by: string): Promise<CancelOutcome> {
    let cancelledAtFal: string | undefined;
    for (;;) {
      if (this.active.has(jobId)) return this.requestCancel(jobId, by);
      const job = await this.deps.store.get(jobId);
      if (!job || !isCancellable(job)) return job?.state === "cancelled" ? "cancelled" : "too-late";
      if (job.requestId && job.requestId !== cancelledAtFal) {
        if ((await this.cancelForMember(job)) === "already-completed") return "too-late";
        cancelledAtFal = job.requestId;
      }
      const next = transition(job, "cancelled", this.deps.clock.now(), { cancelledBy: by, finalShown: false });
      let saved: Job;
      try {
        saved = await this.deps.store.save(next);
      } catch (error) {
        if (error instanceof StaleJobError) continue;
        throw error;
      }
      this.counted(job, saved);
      jobLogger(this.deps.logger, saved).info(
        { by, wasRunning: Boolean(saved.runningAt) },
        "cancelled from its record",
      );
      await this.deps
        .onFinished(saved)
        .catch((error) => jobLogger(this.deps.logger, saved).error({ err: error }, "onFinished failed"));
      const messageId = await this.deps.progress.show(saved, { final: true });
      await this.deps.store
        .save({ ...saved, finalShown: true, ...(messageId ? { progressMessageId: messageId } : {}) })
        .catch((error) =>
          jobLogger(this.deps.logger, saved).info(
            { err: error },
            "could not record the final progress edit; resume makes it again",
          ),
        );
      return "cancelled";
    }
  }

  private async fail(job: Job, message: string, error: unknown, stage: string, patch: Partial<Job> = {}): Promise<Job> {
    jobLogger(this.deps.logger, job).warn({ err: error, stage }, "job failed");
    const failed = await this.move(job, "failed", { failure: message, ...patch });
    return await this.show(failed, true);
  }

  /** Polls fal's status until COMPLETED, spaced by pollIntervalMs (not the client's 500 ms). */
  private async follow(job: Job, active: ActiveJob): Promise<Job> {
    const { fal, clock } = this.deps;
    const started = job.submittedAt ?? clock.now();
    let failuresInARow = 0;
    // with webhooks, a status call is only the safety net for a lost one: the first waits a poll interval too
    if (this.options.completionsPushed && !active.falCompleted && !active.cancel)
      await clock.sleep(this.options.pollIntervalMs, active.abort.signal);
    while (true) {
      if (active.cancel && !active.cancel.stopping) {
        let cancelNow: boolean;
        if (!job.runningAt) {
          // fal may have started it since the last poll: ask first (a cancel is certain, and free, only while queued)
          const now = await fal.status(job.endpoint, job.requestId!).catch(() => undefined);
          if (now?.status === "COMPLETED") {
            this.tooLateToCancel(active); // the paid video is posted
            return await this.move(job, "delivering");
          }
          if (now?.status === "IN_PROGRESS") job = await this.move(job, "running");
          // closed at once (and free) only while fal says it is still queued; if fal did not answer, it may be
          // running: ask it to stop and follow the job to its end, as for a running one
          cancelNow = now?.status === "IN_QUEUE";
        } else cancelNow = false;
        if (cancelNow) {
          const cancelled = await this.cancel(job, active);
          if (cancelled) return cancelled;
        } else job = await this.askFalToStop(job, active);
      }
      if (this.stopping) throw new Stopped();
      if (clock.now() - started > this.options.deadlineMs) {
        const last = await fal.status(job.endpoint, job.requestId!).catch(() => undefined);
        // it finished since the last poll: a paid result is posted, not thrown away
        if (last?.status === "COMPLETED") return await this.move(job, "delivering");
        const queued = await this.cancelAtFal(job, last);
        return await this.fail(
          job,
          `fal did not finish within ${describeSpan(this.options.deadlineMs)}, so I cancelled it.`,
          "deadline",
          "status",
          {
            closed: { by: "deadline", queued },
          },
        );
      }
      if (active.falCompleted) {
        // fal's signed webhook said it finished: what it made is fetched (and checked, and billed) by deliver()
        if (job.cancelledBy) return await this.endAfterStopAsked(job);
        return await this.move(job, "delivering");
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
          clock.sleep(Math.max(1_000, 3 * this.options.pollIntervalMs), slow.signal).then(() => "slow" as const),
        ]);
        if (first === "slow" && !job.falUnreachableSince) {
          job = await this.save(job, { falUnreachableSince: clock.now() });
          job = await this.show(job);
        }
        status = await call;
      } catch (error) {
        if (letsGo(error)) throw error;
        const failure = describeFalError(error, "status");
        if (failure.kind === "auth") throw error;
        failuresInARow += 1;
        jobLogger(this.deps.logger, job).warn(
          { err: error, failuresInARow, kind: failure.kind },
          "status check failed; will retry",
        );
        if (!job.falUnreachableSince) {
          job = await this.save(job, { falUnreachableSince: clock.now() });
          job = await this.show(job);
        }
        await clock.sleep(Math.min(this.options.pollIntervalMs * 2 ** failuresInARow, 60_000), active.abort.signal);
        continue;
      } finally {
        slow.abort();
      }
      failuresInARow = 0;
      const { falUnreachableSince: _, ...reachable } = job;
      job = { ...reachable, attempts: { ...job.attempts, status: job.attempts.status + 1 } } as Job;
      if (status.status === "COMPLETED") {
        if (job.cancelledBy) return await this.endAfterStopAsked(job);
        return await this.move(job, "delivering");
      }
      if (status.status === "IN_QUEUE") {
        job = await this.move(job, "queued", { queuePosition: status.queue_position });
      } else {
        const logs = "logs" in status ? status.logs : undefined;
        const latest = logs?.length ? logs[logs.length - 1]?.message : undefined;
        job = await this.move(job, "running", latest ? { lastLog: latest } : {});
      }
      job = await this.show(job);
      await clock.sleep(this.options.pollIntervalMs, active.abort.signal);
    }
  }

  /**
   * Cancel of a job fal had started: fal only tries to stop a running request (its cancel is best-effort), and a
   * video it finishes anyway is billed. So the job is not closed here: it is followed until fal says how it ended.
   */
  private async askFalToStop(job: Job, active: ActiveJob): Promise<Job> {
    const by = active.cancel!.by;
    if ((await this.cancelForMember(job)) === "already-completed") {
      this.tooLateToCancel(active); // the next poll sees COMPLETED and delivers the video fal bills
      return job;
    }
    job = await this.save(job, { cancelledBy: by });
    jobLogger(this.deps.logger, job).info({ by }, "asked fal to stop a running job; following it to its end");
    active.abort = new AbortController(); // the old one fired to wake this loop; later sleeps must sleep
    active.cancel!.stopping = true;
    active.cancel!.settle("stopping");
    return job;
  }

  /** fal finished a job it was asked to stop: a video it made anyway is delivered (it is billed); else it is cancelled. */
  private async endAfterStopAsked(job: Job): Promise<Job> {
    const made = await this.deps.fal.result(job.endpoint, job.requestId!).then(
      () => true,
      () => false,
    );
    if (made) {
      jobLogger(this.deps.logger, job).info(
        {},
        "fal finished the job despite the cancel; delivering the result it bills",
      );
      return await this.move(job, "delivering");
    }
    job = await this.move(job, "cancelled", { cancelledBy: job.cancelledBy });
    jobLogger(this.deps.logger, job).info({ by: job.cancelledBy }, "cancelled (fal stopped the running job)");
    return await this.show(job, true);
  }

  /** fal has finished the job: the Cancel is answered "too late" and the delivery that follows must not be cut short. */
  private tooLateToCancel(active: ActiveJob): void {
    active.cancel?.settle("too-late");
    delete active.cancel;
    active.abort = new AbortController();
  }

  private async deliver(job: Job): Promise<Job> {
    const log = jobLogger(this.deps.logger, job);
    let delivered: Delivered | undefined;
    if (job.resultMessageId && job.resultChannelId) {
      delivered = { channelId: job.resultChannelId, messageId: job.resultMessageId, mode: "attachment" };
    } else if (job.attempts.deliver > 0) {
      delivered = await findPostedResult(this.deps.outbox, job, this.deps.botUserId());
      if (delivered) log.info({ messageId: delivered.messageId }, "found the result posted before a restart");
    }
    if (!delivered) {
      let output;
      try {
        output = await this.deps.fal.result(job.endpoint, job.requestId!);
      } catch (error) {
        return await this.fail(
          job,
          describeFalError(error, "result").memberMessage,
          error,
          "result",
          error instanceof FalResultError ? { resultUnusable: true } : {},
        );
      }
      // billing follows what fal made: its real length, measured from the file (once; a resumed job keeps it)
      const measured =
        job.resultSec === undefined ? await measureResult(this.deps.inspectResult, output.video.url, log) : undefined;
      const made: Partial<Job> = measured?.playable && measured.sec !== undefined ? { resultSec: measured.sec } : {};
      if (job.resultUrl !== output.video.url || made.resultSec !== undefined)
        job = await this.save(job, { resultUrl: output.video.url, ...made });
      if (measured && !measured.playable)
        return await this.fail(job, measured.message, "result is not a playable video", "result");
      const posted = await this.guarded(() =>
        deliverResult(this.deps, job, output, async ({ threadId }) => {
          job = await this.save(job, {
            ...(threadId ? { threadId } : {}),
            attempts: { ...job.attempts, deliver: job.attempts.deliver + 1 },
          });
        }),
      ).catch(async (error) => {
        if (error instanceof Stopped) throw error;
        if (channelIsGone(error)) {
          log.error(
            { code: discordCode(error), resultUrl: redactUrl(output.video.url) },
            "the channel is gone; the result is recorded on the job",
          );
        }
        throw error;
      });
      delivered = posted;
      // Recorded before the job is marked delivered, so a restart in between never posts twice.
      job = await this.save(job, { resultMessageId: posted.messageId, resultChannelId: posted.channelId });
      log.info({ mode: posted.mode, channelId: posted.channelId }, "delivered");
    }
    job = await this.move(job, "delivered", {
      resultMessageId: delivered.messageId,
      resultChannelId: delivered.channelId,
      ...(delivered.threadId ? { threadId: delivered.threadId } : {}),
    });
    return await this.show(job, true);
  }

  /**
   * Picks up an unfinished job after a restart where it stood: never resubmits a job fal has, never posts twice.
   * Jobs older than resumeMaxAgeMs are closed with a message instead. A job that ended without its final progress
   * edit (finalShown false) gets that edit.
   */
  async resume(job: Job): Promise<Job> {
    if (!this.active.has(job.id)) this.claim(job);
    try {
      // the claim: a save from the version read at start-up; another process resuming the same job wins or loses here
      job = await this.save(job, {});
    } catch (error) {
      this.letGoOf(job.id, "not-running");
      if (error instanceof Superseded) return this.yieldTo(job, error.current);
      if (error instanceof Stopped) return job;
      throw error;
    }
    // it ended before the restart, but its progress message was never told (the final edit waits out the edit interval)
    if (isTerminal(job)) {
      try {
        return await this.show(job, true);
      } catch (error) {
        if (letsGo(error)) return job;
        throw error;
      } finally {
        this.letGoOf(job.id, "too-late");
      }
    }
    const age = this.deps.clock.now() - job.createdAt;
    if (age > this.options.resumeMaxAgeMs) {
      const unfinished = job.requestId !== undefined && job.state !== "delivering";
      const queued =
        unfinished &&
        (await this.cancelAtFal(job, await this.deps.fal.status(job.endpoint, job.requestId!).catch(() => undefined)));
      const link = job.resultUrl ? ` The last known result: ${job.resultUrl}` : "";
      try {
        return await this.fail(
          job,
          `the bot was offline and this job is over ${describeSpan(this.options.resumeMaxAgeMs)} old, so it was closed.${link}`,
          "too old",
          "resume",
          {
            closed: { by: "too-old", queued },
          },
        );
      } catch (error) {
        if (letsGo(error)) return job;
        throw error;
      } finally {
        this.letGoOf(job.id, "too-late");
      }
    }
    return this.run(job);
  }

  /**
   * Cancels at fal a job the bot gives up on. True when fal's answer just before was IN_QUEUE and it took the cancel:
   * the job never ran, so it is free (billing: src/quota/billing.ts).
   */
  private async cancelAtFal(job: Job, last: QueueStatus | undefined): Promise<boolean> {
    const accepted = await this.deps.fal.cancel(job.endpoint, job.requestId!).then(
      () => true,
      () => false,
    );
    return accepted && last?.status === "IN_QUEUE";
  }

  /** fal cannot fetch from private addresses: download those inputs and upload them to fal storage first. */
  private async rehostPrivateInputs(job: Job): Promise<Job> {
    const rehost = async (url: string): Promise<string> => {
      if (!matchesAllowedHost(url, this.options.rehostHosts)) return url;
      try {
        const { bytes, contentType } = await this.deps.downloader.download(url, { maxBytes: VIDEO_LIMITS.maxBytes });
        const name = decodeURIComponent(new URL(url).pathname.split("/").pop() || "input");
        const uploaded = await this.deps.fal.upload(bytes, contentType ?? "application/octet-stream", name);
        jobLogger(this.deps.logger, job).debug({ from: redactUrl(url) }, "re-hosted input on fal storage");
        return uploaded;
      } catch (error) {
        if (describeFalError(error, "upload").kind === "auth") throw error;
        // fal may still reach it (a private name with a public route); if not, fal's own 422 says so
        jobLogger(this.deps.logger, job).warn(
          { err: error, from: redactUrl(url) },
          "could not re-host an input; sending its link",
        );
        return url;
      }
    };
    const input = job.falInput;
    const rehosted: FalKlingInput = {
      ...input,
      video_url: await rehost(input.video_url),
      ...(input.image_urls ? { image_urls: await Promise.all(input.image_urls.map(rehost)) } : {}),
      ...(input.elements
        ? {
            elements: await Promise.all(
              input.elements.map(async (element) => ({
                frontal_image_url: await rehost(element.frontal_image_url),
                ...(element.reference_image_urls
                  ? { reference_image_urls: await Promise.all(element.reference_image_urls.map(rehost)) }
                  : {}),
              })),
            ),
          }
        : {}),
    };
    if (JSON.stringify(rehosted) === JSON.stringify(input)) return job;
    return this.save(job, { falInput: rehosted });
  }
}
