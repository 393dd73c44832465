import { ApiError } from "@fal-ai/client";
import type { FalGateway } from "../fal/gateway.js";
import { describeFalError } from "../fal/errors.js";
import type { FalKlingInput } from "../fal/endpoints.js";
import { deliverResult, type ResultDownloader } from "../discord/delivery.js";
import type { DiscordOutbox } from "../discord/outbox.js";
import type { Clock, ProgressMessenger } from "../discord/progress-messenger.js";
import type { Logger } from "../logger.js";
import { redactUrl } from "../media/redact.js";
import { VIDEO_LIMITS } from "../media/limits.js";
import { isTerminal, transition, type Job, type JobState } from "./job.js";
import type { JobStore } from "./job-store.js";

export interface RunnerOptions {
  pollIntervalMs: number;
  /** hosts the bot may fetch from although fal cannot (private/loopback): their files are re-uploaded to fal storage */
  rehostHosts: readonly string[];
  /** give up on a job fal has not finished after this long */
  deadlineMs: number;
}

export interface RunnerDeps {
  fal: FalGateway;
  store: JobStore;
  outbox: DiscordOutbox;
  progress: ProgressMessenger;
  downloader: ResultDownloader;
  clock: Clock;
  logger: Logger;
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

/** Submits a job, follows it at fal, and delivers the result. Every state change is saved before it is shown. */
export class JobRunner {
  constructor(
    private readonly deps: RunnerDeps,
    private readonly options: RunnerOptions,
  ) {}

  private async move(job: Job, to: JobState, patch: Partial<Job> = {}): Promise<Job> {
    const next = transition(job, to, this.deps.clock.now(), patch);
    await this.deps.store.save(next);
    return next;
  }

  private async show(job: Job, final = false): Promise<Job> {
    const messageId = await this.deps.progress.show(job, { final });
    if (messageId && messageId !== job.progressMessageId) {
      job = { ...job, progressMessageId: messageId };
      await this.deps.store.save(job);
    }
    return job;
  }

  async run(initial: Job): Promise<Job> {
    let job = initial;
    const log = this.deps.logger.child({ jobId: job.id });
    try {
      if (!job.requestId) {
        job = await this.rehostPrivateInputs(job);
        const queued = await this.deps.fal.submit(job.endpoint, job.falInput);
        job = await this.move(job, "submitted", {
          requestId: queued.requestId,
          attempts: { ...job.attempts, submit: job.attempts.submit + 1 },
          ...(queued.queuePosition !== undefined ? { queuePosition: queued.queuePosition } : {}),
        });
        log.info({ requestId: queued.requestId, endpoint: job.endpoint }, "submitted to fal");
        job = await this.show(job);
      }
      job = await this.follow(job);
      if (isTerminal(job)) return job;

      let output;
      try {
        output = await this.deps.fal.result(job.endpoint, job.requestId!);
      } catch (error) {
        return await this.fail(job, describeFalError(error, "result").memberMessage, error, "result");
      }
      job = { ...job, resultUrl: output.video.url };
      await this.deps.store.save(job);
      const delivered = await deliverResult(this.deps, job, output);
      job = await this.move(job, "delivered", {
        resultMessageId: delivered.messageId,
        resultChannelId: delivered.channelId,
        ...(delivered.threadId ? { threadId: delivered.threadId } : {}),
        attempts: { ...job.attempts, deliver: job.attempts.deliver + 1 },
      });
      log.info({ mode: delivered.mode, channelId: delivered.channelId }, "delivered");
      return await this.show(job, true);
    } catch (error) {
      if (isTerminal(job)) throw error;
      const stage = job.requestId ? (job.state === "delivering" ? "delivery" : "status") : "submit";
      const message =
        stage === "delivery"
          ? `the video was made but I could not post it here. Link: ${job.resultUrl ?? "unavailable"}`
          : describeFalError(error, stage === "submit" ? "submit" : "status").memberMessage;
      return await this.fail(job, message, error, stage);
    }
  }

  private async fail(job: Job, message: string, error: unknown, stage: string): Promise<Job> {
    const detail = error instanceof ApiError ? { status: error.status, body: error.body } : { err: String(error) };
    this.deps.logger.warn({ jobId: job.id, stage, ...detail }, "job failed");
    const failed = await this.move(job, "failed", { failure: message });
    return await this.show(failed, true);
  }

  /** Polls fal's status until COMPLETED, spaced by pollIntervalMs (not the client's 500 ms). */
  private async follow(job: Job): Promise<Job> {
    const { fal, clock } = this.deps;
    const started = job.submittedAt ?? clock.now();
    let failuresInARow = 0;
    while (true) {
      if (clock.now() - started > this.options.deadlineMs) {
        await fal.cancel(job.endpoint, job.requestId!).catch(() => undefined);
        return await this.fail(job, `fal did not finish within ${Math.round(this.options.deadlineMs / 60000)} minutes, so I cancelled it.`, "deadline", "status");
      }
      let status;
      try {
        status = await fal.status(job.endpoint, job.requestId!);
        failuresInARow = 0;
      } catch (error) {
        const failure = describeFalError(error, "status");
        if (failure.kind === "auth") throw error;
        failuresInARow += 1;
        this.deps.logger.warn({ jobId: job.id, failuresInARow, ...failure.logDetail }, "status check failed; will retry");
        await clock.sleep(Math.min(this.options.pollIntervalMs * 2 ** failuresInARow, 60_000));
        continue;
      }
      job = { ...job, attempts: { ...job.attempts, status: job.attempts.status + 1 } };
      if (status.status === "COMPLETED") return await this.move(job, "delivering");
      if (status.status === "IN_QUEUE") {
        job = await this.move(job, "queued", { queuePosition: status.queue_position });
      } else {
        const logs = "logs" in status ? status.logs : undefined;
        const latest = logs?.length ? logs[logs.length - 1]?.message : undefined;
        job = await this.move(job, "running", latest ? { lastLog: latest } : {});
      }
      job = await this.show(job);
      await clock.sleep(this.options.pollIntervalMs);
    }
  }

  /** fal cannot fetch from private addresses: download those inputs and upload them to fal storage first. */
  private async rehostPrivateInputs(job: Job): Promise<Job> {
    const rehost = async (url: string): Promise<string> => {
      if (!hostMatches(url, this.options.rehostHosts)) return url;
      const { bytes, contentType } = await this.deps.downloader.download(url, { maxBytes: VIDEO_LIMITS.maxBytes });
      const name = decodeURIComponent(new URL(url).pathname.split("/").pop() || "input");
      const uploaded = await this.deps.fal.upload(bytes, contentType ?? "application/octet-stream", name);
      this.deps.logger.debug({ jobId: job.id, from: redactUrl(url) }, "re-hosted input on fal storage");
      return uploaded;
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
    const next = { ...job, falInput: rehosted, updatedAt: this.deps.clock.now() };
    await this.deps.store.save(next);
    return next;
  }
}
