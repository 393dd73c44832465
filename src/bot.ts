import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  Client,
  Events,
  GatewayIntentBits,
  MessageFlags,
  Routes,
  type APIUser,
  Status,
  type ButtonInteraction,
  type Guild,
  type Interaction,
} from "discord.js";
import { loadCommands } from "../commands/index.js";
import { queueUrlOf, type Config } from "./config.js";
import { DiscordOutbox, REST_GLOBAL_REQUESTS_PER_SECOND, type OutboxOptions } from "./discord/outbox.js";
import { createInteractionHandler } from "./interactions/boundary.js";
import { systemClock, type Clock } from "./clock.js";
import { ProgressMessenger } from "./discord/progress-messenger.js";
import { createFalGateway, type FalGateway } from "./fal/gateway.js";
import { createDryRun } from "./fal/dry-run.js";
import { JobStore } from "./jobs/job-store.js";
import { JobRunner } from "./jobs/runner.js";
import { createJobStarter } from "./jobs/start-job.js";
import { createInputCheck } from "./jobs/input-check.js";
import { openJobQueue, type JobQueue } from "./jobs/job-queue.js";
import { createQueuedRunner } from "./jobs/queued-runner.js";
import { createJobButtons } from "./interactions/job-buttons.js";
import { EditTargets } from "./interactions/edit-targets.js";
import { createLogger, type Logger } from "./logger.js";
import { createMediaProber, mediaRules } from "./requests/media-prober.js";
import { createGuardedFetcher, type GuardedFetcherOptions } from "./media/guarded-fetch.js";
import { createInspectPool, type InspectPool } from "./media/inspect-pool.js";
import { openStorage } from "./store/open-store.js";
import { GuildSettingsStore } from "./guild/settings-store.js";
import { QuotaService } from "./quota/quota-service.js";
import { createShowcasePoster, everyoneCanViewVia } from "./discord/showcase.js";
import { NO_MENTIONS } from "./discord/render.js";
import { ElementLibrary } from "./elements/element-library.js";
import { createSavedElements } from "./elements/saved-elements.js";
import { startHttpListener, type HttpListener, type HttpRoutes } from "./http/listener.js";
import { FalCompletionInbox } from "./fal/completion-inbox.js";
import { createFalJwks } from "./fal/webhook-verify.js";
import {
  createFalWebhookRoute,
  FAL_WEBHOOK_PATH,
  FAL_WEBHOOK_ROUTE,
  type FalWebhookVerdict,
} from "./fal/webhook-route.js";
import { findFfmpeg } from "./media/ffmpeg.js";
import { createComparisonMaker, type ComparisonLimits } from "./media/comparison.js";
import { ShowcaseBoard } from "./showcase/board.js";
import { createShowcaseButtons } from "./showcase/buttons.js";
import { createAfterDelivery } from "./jobs/after-delivery.js";
import { clientShards, ownsGuild } from "./shard.js";
import { BotMetrics } from "./ops/metrics.js";
import { countingFalFetch, timedStore, watchDiscordRest } from "./ops/instrument.js";
import { addOpsRoutes, type HealthChecks } from "./ops/health.js";
import { checkChannels, permissionName, renderSetupCheck, runSetupCheck, type SetupCheckDeps } from "./setup/check.js";
import { verdict } from "./i18n/verdict.js";
import { formatRate } from "./money.js";
import { FalPricing, type FalPricingOptions } from "./fal/pricing.js";
import { MODELS } from "./models/models.js";
import { jobLogger } from "./jobs/job-log.js";

/** On shutdown, how long to wait for a submit or a delivery that is under way. */
const SHUTDOWN_GRACE_MS = 4_000;
/** How often finished jobs past JOB_RETENTION_DAYS are deleted (Redis expires them itself). */
const PURGE_INTERVAL_MS = 3_600_000;
/**
 * A result's post, once claimed, lands or fails within about this: discord.js's tries, each within its 15 s request
 * timeout; a post after it is claimed anew. A process taking over a job whose post another claimed waits this long
 * before it posts — and every post of a job's result carries the job's one nonce (src/discord/delivery.ts), so one
 * that lands later still returns the message already made rather than a second one.
 */
const DELIVERY_POST_BOUND_MS = 60_000;
/** With webhooks: how often a process asks the store whether another process got the webhook for a job it follows. */
const WEBHOOK_INBOX_CHECK_MS = 5_000;

/** The answer to a command or button that arrives while the bot shuts down (silence would look like a hang). */
export const RESTARTING_REPLY = "I'm restarting, try again in a minute. Nothing was started or charged.";

export interface Bot {
  client: Client;
  store: JobStore;
  logger: Logger;
  /** the HTTP listener when HTTP_PORT is set */
  http?: HttpListener;
  /** this bot's Prometheus metrics (GET /metrics) */
  metrics: BotMetrics;
  /** what GET /healthz checks; a capability that opens a connection adds its own (e.g. `queue`) */
  health: HealthChecks;
  stop(): Promise<void>;
}

export interface BotOverrides {
  fal?: FalGateway;
  clock?: Clock;
  logger?: Logger;
  /** the worker pool that parses member files (tests give it a shorter deadline); the bot closes it on stop */
  inspectPool?: InspectPool;
  /** one request's whole inspection (default INSPECT_LIMITS.requestDeadlineMs; tests shorten it) */
  inspectionDeadlineMs?: number;
  /** fal's price list reader's timing (tests shorten the refresh interval) */
  pricing?: Pick<FalPricingOptions, "refreshMs" | "timeoutMs">;
  /** this bot's metrics (default: a fresh registry per bot) */
  metrics?: BotMetrics;
  /** wraps the job store (tests inject store faults here) */
  wrapStore?: (store: JobStore) => JobStore;
  /** with a job queue: how long a taken-over job's claimed post is waited out (default 60 s; tests shorten it) */
  deliveryInDoubtMs?: number;
  /** store save retry timing (default 500 ms doubling to 30 s) */
  storeRetryMs?: number;
  /** how often the quota sweeper runs (default 5 minutes) */
  quotaSweepMs?: number;
  /**
   * Test/operator seam for media links: the DNS the guarded fetcher asks, where a checked address is dialled, and
   * which CA it trusts (see GuardedFetcherOptions). The SSRF checks still apply to whatever `resolve` answers.
   * The e2e harness uses it to put the emulators' CDNs under their public names (emulators/public-net.ts).
   */
  media?: Pick<GuardedFetcherOptions, "resolve" | "route" | "ca" | "dnsTimeoutMs">;
  /** told the verdict on every fal webhook delivery (FAL_WEBHOOK_VERDICTS), e.g. a metrics counter */
  onFalWebhookVerdict?: (verdict: FalWebhookVerdict) => void;
  /**
   * before/after clips: bounds (tests make smaller, faster clips on their shared CPUs), or "off" (not looked for:
   * most e2e tests do not spend CPU on clips they do not check)
   */
  comparisons?: Partial<ComparisonLimits> | "off";
  /** the outbox's budget (tests lower it to make a queue form) */
  outbox?: OutboxOptions;
  /** FAL_DRY_RUN: where its requests and renders are kept (default DRY_RUN_DIR) */
  dryRunDir?: string;
}

/** FAL_DRY_RUN keeps its requests and stand-in results here (a restart resumes them; files older than 48 h go). */
export const DRY_RUN_DIR = join(tmpdir(), "kling-bot-dry-run");

/**
 * start-up: config → store → (job queue) → fal gateway → unfinished jobs held by the runner → Discord client
 * (interactions) → resume the held jobs. Holding them before any interaction is handled means a Cancel pressed
 * during start-up waits for the runner instead of racing it.
 *
 * With a job queue (QUEUE_URL, or STORE_URL on Redis) BullMQ owns unfinished jobs instead: nothing is resumed
 * here; a gateway hands accepted jobs to the queue and a worker drives whatever it takes from it (BOT_ROLE says
 * which of the two this process runs). A worker-only process does not log in to the gateway: it talks to Discord
 * over REST with the bot token.
 */
export async function startBot(config: Config, overrides: BotOverrides = {}): Promise<Bot> {
  const logger = overrides.logger ?? createLogger(config.LOG_LEVEL);
  const metrics = overrides.metrics ?? new BotMetrics();
  const clock = overrides.clock ?? systemClock;
  const runsGateway = config.BOT_ROLE !== "worker";
  const runsWorker = config.BOT_ROLE !== "gateway";
  // one connection to STORE_URL for the job records, the guild settings and the quota ledger
  const storage = await openStorage(config.STORE_URL);
  const queueUrl = queueUrlOf(config);
  let queue: JobQueue | undefined;
  try {
    queue = queueUrl
      ? await openJobQueue({
          url: queueUrl,
          stallMs: config.QUEUE_STALL_MS,
          logger,
          onPickedUp: (sec) => metrics.observeQueueWait(sec),
        })
      : undefined;
  } catch (error) {
    await storage.close();
    throw error;
  }
  const { keyv } = storage;
  const jobStore = new JobStore(keyv, { retentionMs: config.JOB_RETENTION_DAYS * 86_400_000, now: () => clock.now() });
  const store = timedStore(overrides.wrapStore ? overrides.wrapStore(jobStore) : jobStore, metrics);
  // fal's live prices for every endpoint the bot runs: read now (bounded) and every few hours; owners' and the
  // environment's explicit prices override them
  const pricing = new FalPricing({
    apiUrl: config.FAL_API_URL,
    key: config.FAL_KEY,
    endpoints: Object.values(MODELS).flatMap((model) => Object.values(model.endpoints)),
    logger,
    fetch: countingFalFetch(metrics),
    ...overrides.pricing,
  });
  // a dry run sends nothing to fal, not even the price-list read: jobs are priced from the configured prices
  if (!config.FAL_DRY_RUN) await pricing.start();
  // quota (src/quota, src/guild): owners' settings and the reservation ledger, in the same store
  const settings = new GuildSettingsStore(keyv, config, logger);
  const quota = new QuotaService(storage.ledger, settings, clock, logger, metrics, pricing);
  // fal webhooks (FAL_WEBHOOK_URL): completions arrive at POST /fal/webhook; polling stays as the safety net
  // (not in a dry run: fal never has its jobs, so no webhook would come)
  const inbox =
    config.FAL_WEBHOOK_URL !== undefined && !config.FAL_DRY_RUN
      ? new FalCompletionInbox(keyv, () => clock.now())
      : undefined;
  const guardedFetcher = createGuardedFetcher({ ...overrides.media, allowedHosts: config.MEDIA_ALLOWED_HOSTS });
  // FAL_DRY_RUN: a stand-in for fal (src/fal/dry-run.ts) whose results only its wrapped fetcher can read
  const dryRun = config.FAL_DRY_RUN
    ? createDryRun({ fetcher: guardedFetcher, dir: overrides.dryRunDir ?? DRY_RUN_DIR, logger })
    : undefined;
  if (dryRun) {
    logger.warn(
      { dir: overrides.dryRunDir ?? DRY_RUN_DIR },
      "FAL_DRY_RUN: this is a dry run — nothing is sent to fal or charged; results are the inputs through a filter",
    );
    void findFfmpeg().then(
      (found) =>
        found || logger.error("FAL_DRY_RUN needs ffmpeg, which does not run here: every dry-run job will fail"),
    );
  }
  const fal =
    overrides.fal ??
    dryRun?.gateway ??
    createFalGateway({
      key: config.FAL_KEY,
      queueUrl: config.FAL_QUEUE_URL,
      restUrl: config.FAL_REST_URL,
      ...(config.FAL_WEBHOOK_URL !== undefined ? { webhookUrl: config.FAL_WEBHOOK_URL + FAL_WEBHOOK_PATH } : {}),
      fetch: countingFalFetch(metrics),
    });
  const fetcher = dryRun?.fetcher ?? guardedFetcher;
  // member bytes are parsed in these worker threads, never on the event loop that answers Discord
  const inspectPool =
    overrides.inspectPool ??
    createInspectPool({
      onWorkerError: (err) => logger.warn({ err }, "media parser thread failed (replaced)"),
      onParseKilled: ({ label, reason }) => logger.warn({ file: label, reason }, "media parse killed, file refused"),
    });
  const prober = createMediaProber(fetcher, inspectPool);
  const inspectVideoAt = (url: string) =>
    prober.probeVideo({ option: "result", role: "video", source: "link", url, fileName: "result" });
  // before/after clips: on when ffmpeg is on PATH now (looked up once; `/kling-config show` says which)
  const ffmpegPath = overrides.comparisons === "off" ? undefined : await findFfmpeg();
  if (!ffmpegPath) logger.info("ffmpeg not found on PATH: before/after clips are off");
  const comparisons = ffmpegPath
    ? createComparisonMaker({
        ffmpegPath,
        downloader: fetcher,
        inspect: inspectVideoAt,
        ...(typeof overrides.comparisons === "object" ? { limits: overrides.comparisons } : {}),
      })
    : undefined;
  const board = new ShowcaseBoard(keyv);

  // the character library: images kept in the store, uploaded to fal storage when a job uses them
  const elements = createSavedElements({
    library: new ElementLibrary(keyv),
    fetcher,
    pool: inspectPool,
    fal,
    libraryMb: async (guildId) => (await quota.settings.get(guildId)).elementLibraryMb,
    clock,
    logger,
  });

  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: { api: config.DISCORD_API_URL, globalRequestsPerSecond: REST_GLOBAL_REQUESTS_PER_SECOND },
  });
  // a worker-only process never logs in: its REST calls carry the token all the same
  if (!runsGateway) client.rest.setToken(config.DISCORD_TOKEN);
  let restUserId = "";
  watchDiscordRest(client.rest, metrics);
  // every bot-token call the bot makes goes through the outbox, most urgent first, within Discord's global limit
  const outbox = new DiscordOutbox(client.rest, overrides.outbox);
  // a worker-only process has no gateway cache to read a channel's overwrites from: it goes by what the job recorded
  const everyoneCanView = runsGateway ? everyoneCanViewVia(client) : async () => undefined;
  const showcase = createShowcasePoster({
    outbox,
    settings: quota.settings,
    everyoneCanView,
    logger,
    board,
    now: () => clock.now(),
  });
  // off the job's path: the before/after clip in the result's thread, then the automatic showcase post
  const afterDelivery = createAfterDelivery({ comparisons, outbox, board, autoShowcase: showcase, logger });
  const progress = new ProgressMessenger(outbox, config.PROGRESS_EDIT_INTERVAL_MS, clock, logger);
  // the member's files, read where the job is worked (a worker, or this process)
  const inputs = createInputCheck({
    prober,
    rules: mediaRules,
    quota,
    rest: client.rest,
    outbox,
    logger,
    metrics,
    ...(overrides.inspectionDeadlineMs ? { inspectionDeadlineMs: overrides.inspectionDeadlineMs } : {}),
  });
  const runner = new JobRunner(
    {
      fal,
      store,
      outbox,
      progress,
      downloader: fetcher,
      elements,
      clock,
      logger,
      botUserId: () => client.user?.id ?? restUserId,
      // quota: settle the job's reservation; then (not awaited) the before/after clip and the showcase post
      onFinished: async (job) => {
        await quota.settle(job);
        afterDelivery.onFinished(job);
      },
      settle: (job) => quota.settle(job),
      // a "Share to showcase" button when the server shares results on request
      shareable: async (job) => {
        if (!job.guildId) return false;
        const settings = await quota.settings.get(job.guildId);
        return settings.showcaseMode === "shared" && settings.showcaseChannelId !== null;
      },
      inputs,
      // quota: the reservation is confirmed open (or taken again) right before submit
      beforeSubmit: (job) => quota.confirmBeforeSubmit(job),
      inspectResult: inspectVideoAt,
      ...(inbox ? { onSubmitted: (job) => inbox.remember(job.requestId!, job.id) } : {}),
      metrics,
    },
    {
      pollIntervalMs: config.FAL_POLL_INTERVAL_MS,
      completionsPushed: inbox !== undefined,
      rehostHosts: config.MEDIA_ALLOWED_HOSTS,
      deadlineMs: config.JOB_DEADLINE_MINUTES * 60_000,
      resumeMaxAgeMs: config.JOB_RESUME_MAX_AGE_HOURS * 3_600_000,
      submitAttempts: 4,
      // a post claimed (right before it was sent) by a process that lost the job or died: waited out before posting
      ...(queue ? { deliveryInDoubtMs: overrides.deliveryInDoubtMs ?? DELIVERY_POST_BOUND_MS } : {}),
      ...(overrides.storeRetryMs !== undefined
        ? { storeRetryMs: overrides.storeRetryMs, storeRetryMaxMs: overrides.storeRetryMs * 8 }
        : {}),
    },
  );
  const queued = queue
    ? createQueuedRunner({ queue, store, runner, logger, now: () => clock.now(), sweepMs: config.QUEUE_STALL_MS })
    : undefined;
  const starter = createJobStarter({
    store,
    outbox,
    runner,
    clock,
    logger,
    quota,
    elements,
    everyoneCanView,
    metrics,
    ...(queued ? { dispatch: queued.dispatch } : {}),
    ...(dryRun ? { dryRun: true } : {}),
  });
  const jobButtons = createJobButtons({
    store,
    runner,
    starter,
    logger,
    settings: quota.settings,
    ...(queue ? { forwardCancel: (jobId: string, by: string) => queue.forwardCancel(jobId, by) } : {}),
  });
  const showcaseButtons = createShowcaseButtons({
    jobs: store,
    board,
    settings: quota.settings,
    outbox,
    downloader: fetcher,
    logger,
    now: () => clock.now(),
  });
  const buttons = {
    ...jobButtons,
    onButton: async (interaction: ButtonInteraction) =>
      (await showcaseButtons.onButton(interaction)) || jobButtons.onButton(interaction),
  };
  const commands = loadCommands();
  const editTargets = new EditTargets(keyv);
  // /kling-config check and the start-up log: channels' permissions, the fal key, the store, the price source
  const setupDeps: SetupCheckDeps = {
    checkFalKey: async () => (config.FAL_DRY_RUN ? verdict(true, "setup.falDryRun") : pricing.checkKey()),
    pingStore: async () => void (await store.get("setup-check-probe")),
    describePrice: async (guildId) => {
      const { pricePerSecondMicros, priceSource } = await quota.priced(guildId, { kind: "edit" });
      const rate = formatRate(pricePerSecondMicros);
      return verdict(true, priceSource === "fal" ? "setup.priceFal" : "setup.priceServer", { rate });
    },
    allowedChannelIds: async (guildId) => (await quota.settings.get(guildId)).allowedChannelIds,
    now: () => clock.now(),
  };
  const context = {
    startJob: starter.startJob,
    quota,
    editTargets,
    clock,
    elements,
    comparisons: comparisons !== undefined,
    showcase: board,
    setupCheck: async (guild: Guild, locale: string) => renderSetupCheck(await runSetupCheck(setupDeps, guild), locale),
    dryRun: dryRun !== undefined,
  };
  const handle = createInteractionHandler(commands, context, buttons, logger, metrics);
  let accepting = true;
  client.on(Events.InteractionCreate, (interaction: Interaction) => {
    if (!accepting) {
      if (interaction.isRepliable()) {
        void interaction
          .reply({ content: RESTARTING_REPLY, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS })
          .catch((error) =>
            logger.info(
              { err: error, interactionId: interaction.id },
              "could not tell the member the bot is restarting",
            ),
          );
      }
      return;
    }
    void handle(interaction);
  });
  client.on(Events.Error, (error) => logger.error({ err: error }, "discord client error"));

  // held before the first interaction can arrive; driven once logged in. A shard process follows only the jobs of
  // its own guilds (Discord sends it their interactions, too), so two shards never follow the same job. With a queue,
  // BullMQ owns them.
  const shards = clientShards(client.options);
  const unfinished = queue ? [] : (await store.unfinished()).filter((job) => ownsGuild(job.guildId, shards));
  for (const job of unfinished) runner.claim(job);

  if (runsGateway) {
    const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
    await client.login(config.DISCORD_TOKEN);
    await ready;
    logger.info(
      {
        user: client.user?.tag,
        guilds: client.guilds.cache.size,
        role: config.BOT_ROLE,
        ...(shards.count > 1 ? { shards: shards.ids, shardCount: shards.count } : {}),
      },
      "logged in",
    );
    void logSetupChecks(
      client,
      setupDeps,
      () => (config.FAL_DRY_RUN ? verdict(true, "setup.falDryRun") : pricing.keyVerdict()),
      logger,
    );
  } else {
    // the bot's own id, to recognise its messages after a takeover (the gateway's READY would say it)
    restUserId = ((await client.rest.get(Routes.user())) as APIUser).id;
  }

  // a job the runner holds keeps its reservation even while the store cannot be read (an outage mid-job)
  const jobFor = async (id: string) => runner.held(id) ?? (await store.get(id));
  const heldHere = (id: string) => runner.held(id) !== undefined;
  const reconciled = await quota.reconcile(jobFor, heldHere);
  if (reconciled.settled || reconciled.released) logger.info(reconciled, "quota reservations reconciled");
  const stopSweeper = quota.startSweeper(jobFor, overrides.quotaSweepMs, heldHere);
  const purge = () =>
    void store
      .purgeExpired()
      .then((deleted) => deleted && logger.info({ deleted }, "deleted finished jobs past JOB_RETENTION_DAYS"))
      .catch((error) => logger.warn({ err: error }, "could not delete expired jobs"));
  purge();
  const purger = setInterval(purge, PURGE_INTERVAL_MS);
  purger.unref();
  for (const job of unfinished) {
    const log = jobLogger(logger, job);
    log.info({ state: job.state }, "resuming job");
    void runner.resume(job).catch((error) => log.error({ err: error }, "resumed job crashed"));
  }
  if (unfinished.length) logger.info({ count: unfinished.length }, "resumed unfinished jobs");
  if (queued && runsWorker) {
    queue!.serveCancels((jobId, by) => (runner.held(jobId) ? runner.requestCancel(jobId, by) : undefined));
    queue!.work(queued.work, queued.lockLost);
  }
  const stopQueueSweeper = queued?.startSweeper();
  if (!runsGateway) logger.info({ role: config.BOT_ROLE }, "worker ready");

  // jobs held and the in-process queue's depth (a job queue sets its own source: metrics.setQueueDepthSource)
  metrics.watchHeldJobs(() => runner.heldJobs());
  metrics.setQueueDepthSource(
    queue
      ? () => queue.counts()
      : () => {
          const depth = { waiting: 0, active: 0 };
          for (const job of runner.heldJobs()) depth[job.running ? "active" : "waiting"] += 1;
          return depth;
        },
  );
  // GET /healthz: what this process depends on
  const health: HealthChecks = {
    // every gateway shard this process runs is connected and ready (a worker-only process runs none)
    ...(runsGateway
      ? {
          gateway: () => client.ws.shards.size > 0 && client.ws.shards.every((shard) => shard.status === Status.Ready),
        }
      : {}),
    // a cheap read of one (absent) record: answers only while the store does
    store: async () => (await store.get("healthz-probe"), true),
    ...(queue ? { queue: async () => (await queue.counts(), true) } : {}),
  };

  // the HTTP listener's routes ("METHOD /path"): each capability that answers over HTTP adds its own
  const httpRoutes: HttpRoutes = new Map();
  addOpsRoutes(httpRoutes, { metrics, checks: health });
  let inboxWatcher: NodeJS.Timeout | undefined;
  if (inbox) {
    const jwks = createFalJwks({
      url: config.FAL_JWKS_URL,
      onStaleKeys: (error) =>
        logger.warn({ err: error }, "could not read fal's webhook keys again; using the cached ones"),
    });
    const route = createFalWebhookRoute({
      jwks,
      now: () => clock.now(),
      logger,
      // kling_fal_webhooks_total{verdict}, and the test seam
      onVerdict: (verdict) => {
        metrics.onVerdict(verdict);
        overrides.onFalWebhookVerdict?.(verdict);
      },
      complete: async (requestId, status) => {
        const notice = await inbox.complete(requestId, status);
        const held = runner.notifyCompleted(requestId);
        return notice === "unknown" && held ? "new" : notice;
      },
    });
    httpRoutes.set(FAL_WEBHOOK_ROUTE, route);
    // a webhook taken by another process: its record in the store wakes the job here
    const checkInbox = () =>
      void inbox
        .completedAmong(runner.awaitingCompletion())
        .then((ids) => ids.forEach((id) => runner.notifyCompleted(id)))
        .catch((error) => logger.warn({ err: error }, "could not read fal completions from the store"));
    inboxWatcher = setInterval(checkInbox, WEBHOOK_INBOX_CHECK_MS);
    inboxWatcher.unref();
  }
  const http =
    config.HTTP_PORT !== undefined
      ? await startHttpListener({ port: config.HTTP_PORT, routes: httpRoutes, logger })
      : undefined;

  return {
    client,
    store,
    logger,
    metrics,
    health,
    ...(http ? { http } : {}),
    async stop() {
      accepting = false;
      await http?.close();
      clearInterval(inboxWatcher);
      stopQueueSweeper?.();
      // the queue's worker waits for its jobs, which the runner's stop lets go of (handed back to the queue)
      await Promise.all([runner.stop(SHUTDOWN_GRACE_MS), queue?.close()]);
      await afterDelivery.stop(1_000);
      await client.destroy();
      stopSweeper();
      pricing.stop();
      await inspectPool.close().catch(() => undefined);
      clearInterval(purger);
      await storage.close();
    },
  };
}

/**
 * The set-up check at start-up, in the log: what fal's price list read at start-up said of the key, then each server's channels that lack a
 * permission the bot needs (what /kling-config check tells an owner). Nothing is posted in any server.
 */
async function logSetupChecks(
  client: Client,
  deps: SetupCheckDeps,
  keyVerdict: () => { ok: boolean; detail: string },
  logger: Logger,
): Promise<void> {
  const fal = keyVerdict();
  if (fal.ok) logger.info({ fal: fal.detail }, "set-up check: fal");
  else logger.warn({ fal: fal.detail }, "set-up check: fal");
  for (const guild of client.guilds.cache.values()) {
    const allowed = await deps.allowedChannelIds(guild.id).catch(() => []);
    const { channels, checked } = checkChannels(guild, allowed);
    const lacking = channels.map((c) => ({
      channelId: c.channelId,
      missing: c.missing.map((m) => permissionName("en", m.permission)),
    }));
    if (lacking.length) logger.warn({ guildId: guild.id, checked, lacking }, "set-up check: permissions missing");
    else logger.info({ guildId: guild.id, checked }, "set-up check: every channel has what the bot needs");
  }
}
