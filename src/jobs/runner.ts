import { isDeepStrictEqual } from "node:util";
import { SubmitInDoubtError } from "../fal/gateway.js";
import { describeFalError } from "../fal/errors.js";
import { renderProgress, spanText } from "../discord/render.js";
import { message, type Text } from "../i18n/index.js";
import { failureOf, isTerminal, transition, type Job, type JobState } from "../job.js";
import { StaleJobError } from "./job-store.js";
import { jobLogger } from "./job-log.js";
import { cancelAtFal, cancelFromRecord, cancelHeld } from "./cancel-job.js";
import { deliverJob } from "./deliver-job.js";
import { followJob } from "./follow-job.js";
import { hostInputs } from "./host-inputs.js";
import { submitJob } from "./submit-job.js";
import { CHECK_FAILED, postingRefusal } from "./input-check.js";
import type { Violation } from "../media/types.js";
import {
  letsGo,
  Stopped,
  Superseded,
  type CancelOutcome,
  type HeldJob,
  type RecordPatch,
  type RunContext,
  type RunnerDeps,
  type RunnerOptions,
} from "./run-context.js";

export type { CancelOutcome, RunnerDeps, RunnerOptions };

/**
 * Submits a job, follows it at fal, and delivers the result. Every state change is saved before it is shown,
 * so a process may die at any line and the next one finishes the job from its record (see resume()).
 *
 * The runner owns a job from before anything a member can press exists for it (accept(), or claim() at
 * start-up), so a Cancel always reaches the one place that drives the job. Every save is a compare-and-set on the
 * record's version: a copy that another writer overtook is refused, and the runner re-reads and lets go
 * (cancelling at fal what only it knew of). A store outage never drops a job: its saves are retried with backoff
 * while the job stays here. The verbs are their own modules (host-inputs, submit-job, follow-job, deliver-job,
 * cancel-job), working the job through the RunContext this class gives them.
 */
export class JobRunner {
  private readonly active = new Map<string, HeldJob>();
  private stopping = false;
  /** aborted by stop(): ends the waits between save retries */
  private readonly halt = new AbortController();
  /** submit and deliver calls in progress: shutdown waits for them so nothing is left in doubt */
  private critical = 0;
  private criticalDone: (() => void) | undefined;
  private readonly context: RunContext;

  constructor(
    private readonly deps: RunnerDeps,
    private readonly options: RunnerOptions,
  ) {
    const isStopping = () => this.stopping;
    this.context = {
      deps,
      options,
      get stopping() {
        return isStopping();
      },
      save: (job, patch) => this.save(job, patch),
      move: (job, to, patch, critical) => this.move(job, to, patch, critical),
      show: (job, final, record) => this.show(job, final, record),
      fail: (job, reason, error, stage, patch) => this.fail(job, reason, error, stage, patch),
      finished: (before, saved) => this.finished(before, saved),
      guarded: (work) => this.guarded(work),
      yieldTo: (mine, current) => this.yieldTo(mine, current),
    };
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
   * The job queue offers again a job whose drive here lost its lock (loseHold) and has not let go yet — it may never
   * (a store call that hangs). That drive is set aside, so this runner can take the job anew as any other process
   * would; what the set-aside drive may still try is refused by the record's version, as another process's would be.
   * True when there was such a drive.
   */
  setAsideLostDrive(jobId: string): boolean {
    if (this.active.get(jobId)?.lost !== true) return false;
    this.active.delete(jobId);
    return true;
  }

  /** a store call refused (outage) for the attempt-th time waits this long before the next */
  private retryDelay(attempt: number): number {
    return Math.min((this.options.storeRetryMs ?? 500) * 2 ** (attempt - 1), this.options.storeRetryMaxMs ?? 30_000);
  }

  /**
   * Saves the job, conditional on the stored record still being the version this copy was read at. A store
   * error is retried with backoff for as long as it lasts (the job stays here); after a lost answer the retry
   * finds its own write. A record another writer moved throws Superseded. `critical`: a save that must land
   * even while stopping (fal's answer to a submit).
   */
  private async persist(job: Job, critical = false): Promise<Job> {
    if (this.active.get(job.id)?.lost) throw new Superseded(await this.reread(job.id));
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
        const delay = this.retryDelay(attempt);
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
        const delay = this.retryDelay(attempt);
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
    await this.finished(job, saved);
    return saved;
  }

  /** a saved state change, in the metrics; a terminal one reported to onFinished */
  private async finished(before: Job, saved: Job): Promise<void> {
    this.counted(before, saved);
    if (!isTerminal(saved)) return;
    await this.deps
      .onFinished(saved)
      .catch((error) => jobLogger(this.deps.logger, saved).error({ err: error }, "onFinished failed"));
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

  private async show(job: Job, final = false, record: RecordPatch = (job, patch) => this.save(job, patch)) {
    const messageId = await this.deps.progress.show(job, { final });
    const patch: Partial<Job> = {};
    if (messageId && messageId !== job.progressMessageId) patch.progressMessageId = messageId;
    if (final && job.finalShown === false) patch.finalShown = true;
    if (Object.keys(patch).length) job = await record(job, patch);
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

  private async fail(job: Job, reason: Text, error: unknown, stage: string, patch: Partial<Job> = {}): Promise<Job> {
    jobLogger(this.deps.logger, job).warn({ err: error, stage }, "job failed");
    const failed = await this.move(job, "failed", { ...failureOf(reason), ...patch });
    return await this.show(failed, true);
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
   * A Cancel for a job this runner does not hold, decided on the stored record (cancelFromRecord); one it holds,
   * or comes to hold meanwhile, goes through requestCancel.
   */
  cancelRecorded(jobId: string, by: string): Promise<CancelOutcome> {
    return cancelFromRecord(this.context, jobId, by, (id) =>
      this.active.has(id) ? this.requestCancel(id, by) : undefined,
    );
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

  /**
   * The job queue's lock on a job this runner drives was lost (an event loop too busy to renew it): another process
   * may take the job over now, so this one lets go at once — its drive is woken, and its next save (every submit and
   * post is preceded by one) is refused as if another writer had moved the record. True when it held the job (and
   * had not been told before).
   */
  loseHold(jobId: string): boolean {
    const active = this.active.get(jobId);
    if (!active || active.lost) return false;
    active.lost = true;
    const woken = active.abort;
    active.abort = new AbortController();
    woken.abort();
    return true;
  }

  /** Holds a job (before it is run) so that a Cancel waits for the runner instead of writing around it. */
  claim(job: Job): void {
    if (this.active.has(job.id)) throw new Error(`job ${job.id} is already held`);
    this.active.set(job.id, { abort: new AbortController(), job, heldAt: this.deps.clock.now() });
  }

  /**
   * A new job: held from this moment (before its progress message, and so its Cancel button, exists) and its
   * first record saved (retried through a store outage). Then run() it, or handOff() it to the job queue.
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
      // not a drive that took this one's place (setAsideLostDrive)
      if (this.active.get(initial.id) === active) this.active.delete(initial.id);
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

  private async drive(job: Job, active: HeldJob): Promise<Job> {
    const run = this.context;
    try {
      let checked = false;
      if (job.state === "inspecting") {
        const verdict = await this.deps.inputs.check(job);
        if (!verdict.ok) return await this.refuse(job, verdict.violations);
        job = await this.move(job, "checking", verdict.patch);
        checked = true;
      }
      if (!job.progressMessageId) {
        try {
          job = await this.adoptOrPostProgress(job, checked);
        } catch (error) {
          // the member has not been told it started, and nothing reached fal: a refusal, its reservation released
          if (letsGo(error) || !job.memberReply) throw error;
          return await this.refuse(job, [postingRefusal(error)]);
        }
      }
      if (job.memberReply) {
        await this.deps.inputs.started(job);
        const { memberReply: _answered, ...rest } = job;
        job = await this.persist({ ...rest, updatedAt: this.deps.clock.now() });
      }
      if (!job.requestId) {
        if (job.attempts.submit > 0) {
          // The process died while sending it: fal may have it. Resubmitting could pay twice.
          return await this.fail(job, message("failure.restartedInDoubt"), "submit in doubt", "resume", {
            closed: { by: "submit-in-doubt", queued: false },
          });
        }
        if (active.cancel) return (await cancelHeld(run, job, active))!;
        const confirmed = await this.deps.beforeSubmit(job);
        if (!confirmed.ok) return await this.fail(job, confirmed.message, "quota refused", "submit");
        if (confirmed.patch) job = await this.save(job, confirmed.patch);
        job = await hostInputs(run, job);
        if (isTerminal(job)) return job;
        const submitted = await submitJob(run, job, active);
        if (!submitted) return (await cancelHeld(run, job, active))!;
        job = submitted;
        jobLogger(this.deps.logger, job).info({ endpoint: job.endpoint }, "submitted to fal");
        await this.deps
          .onSubmitted?.(job)
          .catch((error) => jobLogger(this.deps.logger, job).warn({ err: error }, "could not record the fal request"));
        job = await this.show(job);
      }
      if (job.state !== "delivering") job = await followJob(run, job, active);
      if (isTerminal(job)) return job;
      return await deliverJob(run, job);
    } catch (error) {
      if (letsGo(error)) throw error;
      // the steps above save every change: the job as last saved is the job as it stood when this was thrown
      job = active.job;
      if (isTerminal(job)) throw error;
      if (job.memberReply && !job.requestId) {
        jobLogger(this.deps.logger, job).warn({ err: error }, "could not check the job");
        return await this.refuse(job, [CHECK_FAILED]);
      }
      if (error instanceof SubmitInDoubtError) {
        return await this.fail(job, message("failure.answerLost"), error, "submit", {
          closed: { by: "submit-in-doubt", queued: false },
        });
      }
      const stage = job.requestId ? (job.state === "delivering" ? "delivery" : "status") : "submit";
      const reason =
        stage === "delivery"
          ? message("failure.notPosted", { link: job.resultUrl ? message("failure.link", { url: job.resultUrl }) : "" })
          : describeFalError(error, stage === "submit" ? "submit" : "status").text;
      return await this.fail(job, reason, error, stage);
    }
  }

  /**
   * Posts the job's progress message; `fresh` (just checked by this runner): none can exist yet. Otherwise one may
   * have been posted before a crash lost its id: adopted by its footer.
   */
  private async adoptOrPostProgress(job: Job, fresh: boolean): Promise<Job> {
    const footer = `job ${job.id.slice(0, 8)}`;
    const recent = fresh ? [] : await this.deps.outbox.recentMessages(job.channelId, 50).catch(() => []);
    const existing = recent.find((m) => m.author.id === this.deps.botUserId() && m.embeds[0]?.footer?.text === footer);
    const messageId =
      existing?.id ?? (await this.deps.outbox.post(job.channelId, renderProgress(job, this.deps.clock.now()))).id;
    const saved = await this.save(job, { progressMessageId: messageId });
    if (!existing) this.deps.progress.posted(saved);
    return saved;
  }

  /** A job that never reached fal refused (src/jobs/input-check.ts): recorded failed, released rather than settled. */
  private async refuse(job: Job, violations: Violation[]): Promise<Job> {
    let failed: Job | undefined;
    await this.deps.inputs.refuse(job, violations, async (failure) => {
      failed = await this.persist(transition(job, "failed", this.deps.clock.now(), { failure }));
      this.counted(job, failed);
    });
    return failed!;
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
        // its process died between saving the end and settling it: settled here (idempotent) rather than by the sweep
        await this.deps.settle?.(job);
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
        (await cancelAtFal(
          this.deps.fal,
          job,
          await this.deps.fal.status(job.endpoint, job.requestId!).catch(() => undefined),
        ));
      const link = job.resultUrl ? message("failure.lastLink", { url: job.resultUrl }) : "";
      try {
        return await this.fail(
          job,
          message("failure.tooOld", { span: spanText(this.options.resumeMaxAgeMs), link }),
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
}
