import { Client, Events, GatewayIntentBits, type Interaction } from "discord.js";
import { loadCommands } from "../commands/index.js";
import type { Config } from "./config.js";
import { DiscordOutbox } from "./discord/outbox.js";
import { createInteractionHandler } from "./discord/interaction-boundary.js";
import { ProgressMessenger, systemClock, type Clock } from "./discord/progress-messenger.js";
import { createFalGateway, type FalGateway } from "./fal/gateway.js";
import { JobStore } from "./jobs/job-store.js";
import { JobRunner } from "./jobs/runner.js";
import { createJobStarter } from "./jobs/start-job.js";
import { createLogger, type Logger } from "./logger.js";
import { createMediaProber, mediaRules } from "./requests/media-prober.js";
import { createGuardedFetcher } from "./media/guarded-fetch.js";
import { openStore } from "./store/open-store.js";

/** How long a job may wait at fal before it is cancelled. */
const JOB_DEADLINE_MS = 60 * 60 * 1000;

export interface Bot {
  client: Client;
  store: JobStore;
  logger: Logger;
  stop(): Promise<void>;
}

export interface BotOverrides {
  fal?: FalGateway;
  clock?: Clock;
  logger?: Logger;
}

/** start-up: config → store → fal gateway → Discord client → resume unfinished jobs */
export async function startBot(config: Config, overrides: BotOverrides = {}): Promise<Bot> {
  const logger = overrides.logger ?? createLogger(config.LOG_LEVEL);
  const clock = overrides.clock ?? systemClock;
  const keyv = await openStore(config.STORE_URL);
  const store = new JobStore(keyv);
  const fal =
    overrides.fal ?? createFalGateway({ key: config.FAL_KEY, queueUrl: config.FAL_QUEUE_URL, restUrl: config.FAL_REST_URL });
  const fetcher = createGuardedFetcher({ allowedHosts: config.MEDIA_ALLOWED_HOSTS });

  const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: config.DISCORD_API_URL } });
  const outbox = new DiscordOutbox(client.rest);
  const progress = new ProgressMessenger(outbox, config.PROGRESS_EDIT_INTERVAL_MS, clock, logger);
  const runner = new JobRunner(
    { fal, store, outbox, progress, downloader: fetcher, clock, logger },
    { pollIntervalMs: config.FAL_POLL_INTERVAL_MS, rehostHosts: config.MEDIA_ALLOWED_HOSTS, deadlineMs: JOB_DEADLINE_MS },
  );
  const inFlight = new Set<Promise<unknown>>();
  const startJob = createJobStarter({
    store,
    outbox,
    progress,
    runner,
    prober: createMediaProber(fetcher),
    rules: mediaRules,
    clock,
    logger,
    inFlight,
  });
  const commands = loadCommands();
  const handle = createInteractionHandler(commands, { startJob }, logger);
  let accepting = true;
  client.on(Events.InteractionCreate, (interaction: Interaction) => {
    if (!accepting) return;
    void handle(interaction);
  });
  client.on(Events.Error, (error) => logger.error({ err: error }, "discord client error"));

  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login(config.DISCORD_TOKEN);
  await ready;
  logger.info({ user: client.user?.tag, guilds: client.guilds.cache.size }, "logged in");

  for (const job of await store.unfinished()) {
    if (!job.progressMessageId) continue;
    logger.info({ jobId: job.id, state: job.state }, "resuming job");
    const running = runner.run(job).catch((error) => logger.error({ err: error, jobId: job.id }, "resumed job crashed"));
    inFlight.add(running);
    void running.finally(() => inFlight.delete(running));
  }

  return {
    client,
    store,
    logger,
    async stop() {
      accepting = false;
      await client.destroy();
      await keyv.disconnect().catch(() => undefined);
    },
  };
}
