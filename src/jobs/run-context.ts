import type { FalGateway } from "../fal/gateway.js";
import type { ResultDownloader } from "../discord/delivery.js";
import type { DiscordOutbox } from "../discord/outbox.js";
import type { Clock } from "../clock.js";
import type { ProgressMessenger } from "../discord/progress-messenger.js";
import type { SavedElements } from "../elements/saved-elements.js";
import type { Logger } from "../logger.js";
import type { VideoFacts } from "../media/types.js";
import type { Job, JobState } from "../job.js";
import type { Text } from "../i18n/index.js";
import type { JobStore } from "./job-store.js";
import type { BotMetrics } from "../ops/metrics.js";
import type { InputCheck } from "./input-check.js";

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
  /**
   * With more than one process on a job queue: how long after another process claimed a result's post a process
   * that took the job over waits before it posts (that post lands or is given up by then: the lock it lost, plus
   * the post's own bounded time). Default 0: one process, whose earlier self is dead.
   */
  deliveryInDoubtMs?: number;
  /** submit attempts on a 429 (fal did not take the job; on top of the fal client's own retries) */
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
  /** saved elements (/kling-element): their images get fal storage links right before submit */
  elements: Pick<SavedElements, "host">;
  clock: Clock;
  logger: Logger;
  /** the bot's user id, to recognise its own messages after a restart */
  botUserId: () => string;
  /** called once for every job that reaches delivered, failed or cancelled */
  onFinished: (job: Job) => Promise<void>;
  /**
   * the quota settlement alone (idempotent): for a job found ended but not finished off (finalShown false), whose
   * process may have died before onFinished settled it
   */
  settle?: (job: Job) => Promise<void>;
  /** an inspecting job's files read (src/jobs/input-check.ts): refused, or moved on; the member answered either way */
  inputs: InputCheck;
  /** quota: right before submit, the job's reservation is confirmed open (or taken again); a refusal fails the job unsent */
  beforeSubmit: (job: Job) => Promise<{ ok: true; patch?: Partial<Job> } | { ok: false; message: Text }>;
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

/** A job a runner holds: from accept() or claim() until it lets go. */
export interface HeldJob {
  abort: AbortController;
  /** drive() has started (a held job may be waiting for its progress message) */
  running?: boolean;
  /** `stopping`: fal was asked to stop the running job, which is followed to its end */
  cancel?: { by: string; settle: (outcome: CancelOutcome) => void; stopping?: boolean };
  /** the job as this runner last saved it */
  job: Job;
  /** fal's verified webhook said the request finished: the follower goes on to the result without a status call */
  falCompleted?: boolean;
  /** the job queue's lock on it was lost (another process may take it over): no more saves, so nothing more is done */
  lost?: boolean;
  /** when this runner took it (the wait until it is worked is kling_queue_wait_seconds) */
  heldAt: number;
}

/** The runner is shutting down: the job is left as saved, for the next start. */
export class Stopped extends Error {}

/**
 * Another writer moved the record first (a Cancel handled by a process not running the job, or another process
 * resuming it): this runner's copy is stale, so it lets go instead of overwriting the newer state.
 */
export class Superseded extends Error {
  constructor(readonly current: Job | undefined) {
    super("the job record was changed by another writer");
  }
}

/** This runner no longer drives the job (shutting down, or another writer moved it): it lets go, saving nothing more. */
export const letsGo = (error: unknown): error is Stopped | Superseded =>
  error instanceof Stopped || error instanceof Superseded;

/** How a progress edit is recorded on the job: by default the runner's own versioned save. */
export type RecordPatch = (job: Job, patch: Partial<Job>) => Promise<Job>;

/**
 * What the runner's verbs (submit, follow, deliver, cancel) may do to a job, all through the runner: every change
 * is saved before it is shown, every save is versioned, and a submit or delivery is guarded against shutdown.
 */
export interface RunContext {
  readonly deps: RunnerDeps;
  readonly options: RunnerOptions;
  /** stop() was called */
  readonly stopping: boolean;
  /** the job with `patch`, saved (versioned, retried through a store outage) */
  save(job: Job, patch: Partial<Job>): Promise<Job>;
  /** a state change, saved; a terminal one is counted and reported to onFinished */
  move(job: Job, to: JobState, patch?: Partial<Job>, critical?: boolean): Promise<Job>;
  /** the job on its progress message (`final`: the last edit), the message id and finalShown recorded */
  show(job: Job, final?: boolean, record?: RecordPatch): Promise<Job>;
  /** the job failed with `message` for the member: saved, then shown */
  fail(job: Job, reason: Text, error: unknown, stage: string, patch?: Partial<Job>): Promise<Job>;
  /** a saved state change in the metrics; a terminal one reported to onFinished */
  finished(before: Job, saved: Job): Promise<void>;
  /** a submit or delivery: shutdown waits for it, and none starts once stopping */
  guarded<T>(work: () => Promise<T>): Promise<T>;
  /** another writer moved the record: this runner lets go (a fal request only its copy knew of is cancelled) */
  yieldTo(mine: Job, current: Job | undefined): Promise<Job>;
}
