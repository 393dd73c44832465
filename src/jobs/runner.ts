import { ApiError } from "@fal-ai/client";
import { SubmitInDoubtError, type FalGateway, type QueueStatus } from "../fal/gateway.js";
import { describeFalError, falErrorLogDetail } from "../fal/errors.js";
import type { FalKlingInput } from "../fal/endpoints.js";
import { deliverResult, findPostedResult, measureResult, type Delivered, type ResultDownloader } from "../discord/delivery.js";
import { DISCORD_CODES, discordCode, type DiscordOutbox } from "../discord/outbox.js";
import type { Clock, ProgressMessenger } from "../discord/progress-messenger.js";
import { renderProgress } from "../discord/render.js";
import type { Logger } from "../logger.js";
import { redactUrl } from "../media/redact.js";
import { VIDEO_LIMITS } from "../media/limits.js";
import type { VideoFacts } from "../media/types.js";
import { isTerminal, transition, type Job, type JobState } from "./job.js";
import type { JobStore } from "./job-store.js";

export interface RunnerOptions {
  pollIntervalMs: number;
  /** hosts the bot may fetch from although fal cannot (private/loopback): their files are re-uploaded to fal storage */
  rehostHosts: readonly string[];
  /** give up on a job fal has not finished after this long (then cancel it at fal) */
  deadlineMs: number;
  /** on start-up, unfinished jobs older than this are closed with a message instead of resumed */
  resumeMaxAgeMs: number;
  /** submit attempts on 429/5xx answers (on top of the fal client's own retries) */
  submitAttempts: number;
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
  onFinished?: (job: Job) => Promise<void>;
  /** quota: right before submit, the job's reservation is confirmed open (or taken again); a refusal fails the job unsent */
  beforeSubmit?: (job: Job) => Promise<{ ok: true; patch?: Partial<Job> } | { ok: false; message: string }>;
  /** reads fal's result with the project's inspector (range reads): its real length is what the job is billed */
  inspectResult?: (url: string) => Promise<VideoFacts>;
}

export function hostMatches(url: string, allowed: readonly string[]): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  const host = parsed.hostname.toLowerCase();
  const port = parsed.port || (parsed.protocol === "https:" ? "443" : "80");
  return allowed.some((entry) => {
    const match = entry.match(/^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/);
    if (!match) return false;
    return match[1] === host && (match[2] === undefined || match[2] === port);
  });
}

/** "stopping": fal had started the job and was asked to stop; it may finish anyway (then the result is posted) */
type CancelOutcome = "cancelled" | "too-late" | "not-running" | "stopping";

interface ActiveJob {
  abort: AbortController;
  /** `stopping`: fal was asked to stop the running job, which is followed to its end */
  cancel?: { by: string; settle: (outcome: CancelOutcome) => void; stopping?: boolean };
}

class Stopped extends Error {}

/**
 * Submits a job, follows it at fal, and delivers the result. Every state change is saved before it is shown,
 * so a process may die at any line and the next one finishes the job from its record (see resume()).
 */
export class JobRunner {
  private readonly active = new Map<string, ActiveJob>();
  private stopping = false;
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

  private async move(job: Job, to: JobState, patch: Partial<Job> = {}): Promise<Job> {
    const next = transition(job, to, this.deps.clock.now(), patch);
    // a terminal state is shown by a final progress edit that a crash can still lose: resume() makes it if this stays false
    if (isTerminal(next)) next.finalShown = false;
    await this.deps.store.save(next);
    if (isTerminal(next)) await this.deps.onFinished?.(next).catch((error) => this.deps.logger.error({ err: error, jobId: next.id }, "onFinished failed"));
    return next;
  }

  private async save(job: Job, patch: Partial<Job>): Promise<Job> {
    const next = { ...job, ...patch, updatedAt: this.deps.clock.now() };
    await this.deps.store.save(next);
    return next;
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

  /** Asks a running job to stop. Resolves once the job is cancelled, or says why it could not be. */
  requestCancel(jobId: string, by: string): Promise<CancelOutcome> {
    const active = this.active.get(jobId);
    if (!active) return Promise.resolve("not-running");
    if (active.cancel) return Promise.resolve(active.cancel.stopping ? "stopping" : "cancelled");
    return new Promise((settle) => {
      active.cancel = { by, settle };
      active.abort.abort();
    });
  }

  /** Stops following jobs (their records stay as they are, to be resumed) once no submit or delivery is half done. */
  async stop(timeoutMs: number): Promise<void> {
    this.stopping = true;
    for (const active of this.active.values()) active.abort.abort();
    if (this.critical > 0) {
      await Promise.race([
        new Promise<void>((resolve) => (this.criticalDone = resolve)),
        new Promise<void>((resolve) => setTimeout(resolve, timeoutMs).unref()),
      ]);
    }
  }

  async run(initial: Job): Promise<Job> {
    if (this.active.has(initial.id)) throw new Error(`job ${initial.id} is already running`);
    const active: ActiveJob = { abort: new AbortController() };
    this.active.set(initial.id, active);
    let job = initial;
    try {
      job = await this.drive(job, active);
      return job;
    } catch (error) {
      if (error instanceof Stopped) return job;
      throw error;
    } finally {
      this.active.delete(initial.id);
      active.cancel?.settle(job.state === "cancelled" ? "cancelled" : "too-late");
    }
  }

  private async drive(job: Job, active: ActiveJob): Promise<Job> {
    const log = this.deps.logger.child({ jobId: job.id });
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
        if (active.cancel) return await this.cancel(job, active);
        if (this.deps.beforeSubmit) {
          const confirmed = await this.deps.beforeSubmit(job);
          if (!confirmed.ok) return await this.fail(job, confirmed.message, "quota refused", "submit");
          if (confirmed.patch) job = await this.save(job, confirmed.patch);
        }
        job = await this.rehostPrivateInputs(job);
        const submitted = await this.submit(job, active);
        if (!submitted) return await this.cancel(job, active);
        job = submitted;
        log.info({ requestId: job.requestId, endpoint: job.endpoint }, "submitted to fal");
        job = await this.show(job);
      }
      if (job.state !== "delivering") job = await this.follow(job, active);
      if (isTerminal(job)) return job;
      return await this.deliver(job);
    } catch (error) {
      if (error instanceof Stopped) throw error;
      // the steps above save every change: the store has the job as it stood when this was thrown
      job = (await this.deps.store.get(job.id)) ?? job;
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
    const messageId = existing?.id ?? (await this.deps.outbox.post(job.channelId, renderProgress(job, this.deps.clock.now()))).id;
    return this.save(job, { progressMessageId: messageId });
  }

  /** Returns the submitted job, or undefined when a cancel arrived while waiting to retry. */
  private async submit(job: Job, active: ActiveJob): Promise<Job | undefined> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        const queued = await this.guarded(async () => {
          // Recorded before the call: if the process dies during it, resume knows the submit is in doubt.
          job = await this.save(job, { attempts: { ...job.attempts, submit: job.attempts.submit + 1 } });
          return this.deps.fal.submit(job.endpoint, job.falInput);
        });
        return await this.move(job, "submitted", {
          requestId: queued.requestId,
          ...(queued.queuePosition !== undefined ? { queuePosition: queued.queuePosition } : {}),
        });
      } catch (error) {
        if (error instanceof Stopped) throw error;
        // only a 429 says fal did not take the job; a 5xx or a dropped answer may hide a queued (billed) job
        const retryable = error instanceof ApiError && error.status === 429;
        if (!retryable || attempt >= this.options.submitAttempts) throw error;
        // fal answered: it did not take the job, so trying again cannot pay twice.
        job = await this.save(job, { attempts: { ...job.attempts, submit: job.attempts.submit - 1 } });
        this.deps.logger.warn({ jobId: job.id, status: error.status, attempt }, "fal refused the submit for now; retrying");
        await this.deps.clock.sleep(Math.min(2_000 * 2 ** attempt, 60_000), active.abort.signal);
        if (active.cancel) return undefined;
        if (this.stopping) throw new Stopped();
      }
    }
  }

  private async cancel(job: Job, active: ActiveJob): Promise<Job> {
    return this.cancelRecorded(job, active.cancel?.by);
  }

  /** Cancels a job from its record: at fal (if submitted), in the store, then on its progress message. */
  async cancelRecorded(job: Job, by: string | undefined): Promise<Job> {
    return this.cancelRecordedAt(job, by, { askFal: true });
  }

  private async cancelRecordedAt(job: Job, by: string | undefined, { askFal }: { askFal: boolean }): Promise<Job> {
    if (job.requestId && askFal) {
      await this.deps.fal.cancel(job.endpoint, job.requestId).catch((error) =>
        this.deps.logger.warn({ jobId: job.id, ...falErrorLogDetail(error) }, "fal cancel failed; the job is closed here anyway"),
      );
    }
    job = await this.move(job, "cancelled", by ? { cancelledBy: by } : {});
    this.deps.logger.info({ jobId: job.id, by, wasRunning: Boolean(job.runningAt) }, "cancelled");
    return await this.show(job, true);
  }

  private async fail(job: Job, message: string, error: unknown, stage: string, patch: Partial<Job> = {}): Promise<Job> {
    const detail = falErrorLogDetail(error);
    this.deps.logger.warn({ jobId: job.id, stage, ...detail }, "job failed");
    const failed = await this.move(job, "failed", { failure: message, ...patch });
    return await this.show(failed, true);
  }

  /** Polls fal's status until COMPLETED, spaced by pollIntervalMs (not the client's 500 ms). */
  private async follow(job: Job, active: ActiveJob): Promise<Job> {
    const { fal, clock } = this.deps;
    const started = job.submittedAt ?? clock.now();
    let failuresInARow = 0;
    while (true) {
      if (active.cancel && !active.cancel.stopping) {
        if (!job.runningAt) {
          // fal may have started it since the last poll: ask first (a cancel is certain, and free, only while queued)
          const now = await fal.status(job.endpoint, job.requestId!).catch(() => undefined);
          if (now?.status === "COMPLETED") return await this.move(job, "delivering"); // too late: the paid video is posted
          if (now?.status !== "IN_PROGRESS") return await this.cancel(job, active);
          job = await this.move(job, "running");
        }
        job = await this.askFalToStop(job, active);
      }
      if (this.stopping) throw new Stopped();
      if (clock.now() - started > this.options.deadlineMs) {
        const last = await fal.status(job.endpoint, job.requestId!).catch(() => undefined);
        // it finished since the last poll: a paid result is posted, not thrown away
        if (last?.status === "COMPLETED") return await this.move(job, "delivering");
        const queued = await this.cancelAtFal(job, last);
        const minutes = Math.round(this.options.deadlineMs / 60_000);
        return await this.fail(job, `fal did not finish within ${minutes} minutes, so I cancelled it.`, "deadline", "status", {
          closed: { by: "deadline", queued },
        });
      }
      let status;
      // fal's client retries a dead connection for ~30 s before it throws: say so on the progress message meanwhile
      const slow = setTimeout(() => {
        if (job.falUnreachableSince) return;
        job = { ...job, falUnreachableSince: clock.now() };
        void this.save(job, {}).then((saved) => this.show(saved)).catch(() => undefined);
      }, Math.max(1_000, 3 * this.options.pollIntervalMs));
      try {
        status = await fal.status(job.endpoint, job.requestId!);
      } catch (error) {
        const failure = describeFalError(error, "status");
        if (failure.kind === "auth") throw error;
        failuresInARow += 1;
        this.deps.logger.warn({ jobId: job.id, failuresInARow, ...failure.logDetail }, "status check failed; will retry");
        if (!job.falUnreachableSince) {
          job = await this.save(job, { falUnreachableSince: clock.now() });
          job = await this.show(job);
        }
        await clock.sleep(Math.min(this.options.pollIntervalMs * 2 ** failuresInARow, 60_000), active.abort.signal);
        continue;
      } finally {
        clearTimeout(slow);
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
    await this.deps.fal.cancel(job.endpoint, job.requestId!).catch((error) =>
      this.deps.logger.warn({ jobId: job.id, ...falErrorLogDetail(error) }, "fal cancel failed; following the job to its end"),
    );
    job = await this.save(job, { cancelledBy: by });
    this.deps.logger.info({ jobId: job.id, by }, "asked fal to stop a running job; following it to its end");
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
      this.deps.logger.info({ jobId: job.id }, "fal finished the job despite the cancel; delivering the result it bills");
      return await this.move(job, "delivering");
    }
    return await this.cancelRecordedAt(job, job.cancelledBy, { askFal: false });
  }

  private async deliver(job: Job): Promise<Job> {
    const log = this.deps.logger.child({ jobId: job.id });
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
        return await this.fail(job, describeFalError(error, "result").memberMessage, error, "result");
      }
      // billing follows what fal made: its real length, measured from the file (once; a resumed job keeps it)
      const measured = job.resultSec === undefined && this.deps.inspectResult ? await measureResult(this.deps.inspectResult, output.video.url, log) : undefined;
      const made: Partial<Job> = measured?.playable && measured.sec !== undefined ? { resultSec: measured.sec } : {};
      if (job.resultUrl !== output.video.url || made.resultSec !== undefined) job = await this.save(job, { resultUrl: output.video.url, ...made });
      if (measured && !measured.playable) return await this.fail(job, measured.message, "result is not a playable video", "result");
      const posted = await this.guarded(() =>
        deliverResult(this.deps, job, output, async ({ threadId }) => {
          job = await this.save(job, {
            ...(threadId ? { threadId } : {}),
            attempts: { ...job.attempts, deliver: job.attempts.deliver + 1 },
          });
        }),
      ).catch(async (error) => {
        if (error instanceof Stopped) throw error;
        const code = discordCode(error);
        if (code === DISCORD_CODES.unknownChannel || code === DISCORD_CODES.missingAccess) {
          log.error({ code, resultUrl: redactUrl(output.video.url) }, "the channel is gone; the result is recorded on the job");
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
    // it ended before the restart, but its progress message was never told (the final edit waits out the edit interval)
    if (isTerminal(job)) return this.show(job, true);
    const age = this.deps.clock.now() - job.createdAt;
    if (age > this.options.resumeMaxAgeMs) {
      const unfinished = job.requestId !== undefined && job.state !== "delivering";
      const queued = unfinished && (await this.cancelAtFal(job, await this.deps.fal.status(job.endpoint, job.requestId!).catch(() => undefined)));
      const hours = Math.round(this.options.resumeMaxAgeMs / 3_600_000);
      const link = job.resultUrl ? ` The last known result: ${job.resultUrl}` : "";
      return this.fail(job, `the bot was offline and this job is over ${hours} h old, so it was closed.${link}`, "too old", "resume", {
        closed: { by: "too-old", queued },
      });
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
      if (!hostMatches(url, this.options.rehostHosts)) return url;
      try {
        const { bytes, contentType } = await this.deps.downloader.download(url, { maxBytes: VIDEO_LIMITS.maxBytes });
        const name = decodeURIComponent(new URL(url).pathname.split("/").pop() || "input");
        const uploaded = await this.deps.fal.upload(bytes, contentType ?? "application/octet-stream", name);
        this.deps.logger.debug({ jobId: job.id, from: redactUrl(url) }, "re-hosted input on fal storage");
        return uploaded;
      } catch (error) {
        if (describeFalError(error, "upload").kind === "auth") throw error;
        // fal may still reach it (a private name with a public route); if not, fal's own 422 says so
        this.deps.logger.warn({ jobId: job.id, from: redactUrl(url), ...falErrorLogDetail(error) }, "could not re-host an input; sending its link");
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
