import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/** What an HTTP-ish call ended as, for the calls counters: the status code, or "error" when no answer came. */
export type CallOutcome = number | "error";

/** How many jobs wait for a worker and how many are being worked, as the job queue reports them. */
export type QueueDepth = Partial<Record<"waiting" | "active" | "delayed", number>>;

/** Seconds buckets for fal's queue and run times (a Kling run takes one to several minutes). */
const FAL_SECONDS = [1, 5, 15, 30, 60, 120, 180, 300, 600, 1200, 3600];
/** Seconds buckets for the store's answers (a local SQLite read is well under a millisecond). */
const STORE_SECONDS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];
/** Seconds buckets for a job's wait between being held and being worked. */
const WAIT_SECONDS = [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300];

const statusLabel = (outcome: CallOutcome) => String(outcome);

/**
 * The bot's Prometheus metrics, one registry per bot (several bots in one test process never share a counter).
 * The metric names are a contract operators script against: every one starts `kling_`, and README lists them.
 * Each piece of the bot is handed this object (plain injection); none reaches for a global.
 */
export class BotMetrics {
  readonly registry = new Registry();

  /** slash commands by name and how they ended: ok (answered), user_error (refused with a reason), error (apology) */
  readonly commands = this.counter("kling_commands_total", "Slash commands handled, by command and outcome", [
    "command",
    "outcome",
  ]);
  /** requests refused before anything reached fal, by the rule that refused them (quota, media, permissions…) */
  readonly refusals = this.counter("kling_refusals_total", "Job requests refused, by reason", ["reason"]);
  /** every job state change the bot saved (submitted, queued, running, delivering, delivered, failed, cancelled) */
  readonly jobTransitions = this.counter("kling_job_transitions_total", "Job state changes saved, by new state", [
    "state",
  ]);
  readonly jobsFinished = this.counter("kling_jobs_finished_total", "Jobs that reached an end, by end state", [
    "state",
  ]);
  /** jobs this process holds right now, by state (read when scraped) */
  readonly jobsHeld = new Gauge({
    name: "kling_jobs_held",
    help: "Jobs this process holds now, by state",
    labelNames: ["state"] as const,
    registers: [this.registry],
    collect: () => this.collectHeld(),
  });
  /** the job queue's depth (the in-process runner's held jobs; BullMQ's counts when the queue runs there) */
  readonly queueDepth = new Gauge({
    name: "kling_queue_jobs",
    help: "Jobs in the job queue, by queue state (waiting, active, delayed)",
    labelNames: ["state"] as const,
    registers: [this.registry],
    collect: () => this.collectQueueDepth(),
  });
  readonly queueWait = this.histogram(
    "kling_queue_wait_seconds",
    "How long a job waited in the job queue before a worker took it",
    [],
    WAIT_SECONDS,
  );
  readonly falQueueTime = this.histogram(
    "kling_fal_queue_seconds",
    "fal queue time: submitted until fal reported it running",
    ["endpoint"],
    FAL_SECONDS,
  );
  readonly falRunTime = this.histogram(
    "kling_fal_run_seconds",
    "fal run time: running until fal reported it completed",
    ["endpoint"],
    FAL_SECONDS,
  );
  /** every HTTP request to fal (queue and storage), retries of fal's client included */
  readonly falCalls = this.counter("kling_fal_requests_total", "HTTP requests to fal, by operation and status", [
    "operation",
    "status",
  ]);
  readonly falRateLimited = this.counter("kling_fal_rate_limited_total", "fal answers HTTP 429, by operation", [
    "operation",
  ]);
  /** every HTTP request to Discord's REST API (interaction callbacks and the bot token), retries included */
  readonly discordCalls = this.counter(
    "kling_discord_requests_total",
    "HTTP requests to Discord's REST API, by method, route and status",
    ["method", "route", "status"],
  );
  readonly discordRateLimited = this.counter(
    "kling_discord_rate_limited_total",
    "Discord answers HTTP 429, by route and scope",
    ["route", "scope"],
  );
  /** the REST client waited out a rate limit before sending (its bucket was empty) */
  readonly discordRateLimitWaits = this.counter(
    "kling_discord_rate_limit_waits_total",
    "Requests the Discord REST client held back for a rate limit, by route and whether it was global",
    ["route", "global"],
  );
  readonly storeLatency = this.histogram(
    "kling_store_seconds",
    "Job store calls, by operation and outcome",
    ["operation", "outcome"],
    STORE_SECONDS,
  );
  /** fal webhook calls, by verdict (accepted, unsigned, bad_signature, stale, replayed, unknown_request…) */
  readonly webhookVerdicts = this.counter("kling_fal_webhooks_total", "fal webhook calls, by verdict", ["verdict"]);
  /** micro-dollars held for jobs when they started (their estimate) */
  readonly costReserved = this.counter(
    "kling_cost_reserved_microdollars_total",
    "Micro-dollars reserved for accepted jobs (their estimated cost)",
    [],
  );
  /** micro-dollars the quota ledger settled as billed */
  readonly costCharged = this.counter(
    "kling_cost_charged_microdollars_total",
    "Micro-dollars settled as charged for finished jobs",
    [],
  );

  private heldSource: (() => Iterable<{ state: string }>) | undefined;
  private queueSource: (() => QueueDepth | Promise<QueueDepth>) | undefined;

  constructor() {
    // process RSS, heap, event-loop lag, GC: prom-client's defaults, under the same prefix
    collectDefaultMetrics({ register: this.registry, prefix: "kling_" });
  }

  /** the webhook handler's hook: one call per webhook request, with its verdict */
  readonly onVerdict = (verdict: string): void => this.webhookVerdicts.inc({ verdict });

  /** the jobs this process holds (the runner): read on every scrape for kling_jobs_held */
  watchHeldJobs(source: () => Iterable<{ state: string }>): void {
    this.heldSource = source;
  }

  /**
   * Where kling_queue_jobs comes from: the in-process runner's held jobs by default; a job queue (BullMQ) sets its
   * own (e.g. its job counts), read on every scrape.
   */
  setQueueDepthSource(source: () => QueueDepth | Promise<QueueDepth>): void {
    this.queueSource = source;
  }

  /** a job left the queue for a worker after waiting this long */
  observeQueueWait(seconds: number): void {
    this.queueWait.observe(Math.max(0, seconds));
  }

  /** fal's side of a job that completed: queue time (submitted → running) and run time (running → completed) */
  observeFalTimes(job: { endpoint: string; submittedAt?: number; runningAt?: number }, completedAt: number): void {
    if (job.submittedAt === undefined) return;
    const ranFrom = job.runningAt ?? completedAt;
    this.falQueueTime.observe({ endpoint: job.endpoint }, Math.max(0, (ranFrom - job.submittedAt) / 1000));
    if (job.runningAt !== undefined)
      this.falRunTime.observe({ endpoint: job.endpoint }, Math.max(0, (completedAt - job.runningAt) / 1000));
  }

  falCall(operation: string, outcome: CallOutcome): void {
    this.falCalls.inc({ operation, status: statusLabel(outcome) });
    if (outcome === 429) this.falRateLimited.inc({ operation });
  }

  discordCall(method: string, route: string, outcome: CallOutcome, scope?: string): void {
    this.discordCalls.inc({ method: method.toUpperCase(), route, status: statusLabel(outcome) });
    if (outcome === 429) this.discordRateLimited.inc({ route, scope: scope ?? "unknown" });
  }

  /** the Prometheus text exposition of every metric */
  async exposition(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  private collectHeld(): void {
    this.jobsHeld.reset();
    for (const job of this.heldSource?.() ?? []) this.jobsHeld.inc({ state: job.state });
  }

  private async collectQueueDepth(): Promise<void> {
    this.queueDepth.reset();
    const depth = await this.queueSource?.();
    for (const [state, count] of Object.entries(depth ?? {})) this.queueDepth.set({ state }, count ?? 0);
  }

  private counter<L extends string>(name: string, help: string, labelNames: readonly L[]): Counter<L> {
    return new Counter({ name, help, labelNames, registers: [this.registry] });
  }

  private histogram<L extends string>(
    name: string,
    help: string,
    labelNames: readonly L[],
    buckets: number[],
  ): Histogram<L> {
    return new Histogram({ name, help, labelNames, buckets, registers: [this.registry] });
  }
}
