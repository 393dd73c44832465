import type { Clock } from "../clock.js";
import type { Job } from "../job.js";
import type { Logger } from "../logger.js";
import { DISCORD_CODES, discordCode, type DiscordOutbox } from "./outbox.js";
import { renderProgress } from "./render.js";
import { jobLogger } from "../jobs/job-log.js";

/**
 * Keeps one progress message per job current: edits only when what it shows changes, at most once per interval.
 * A moderator deleting the message gets a fresh one posted (the caller records its id).
 */
/**
 * Discord allows a bot 50 requests a second in all. Progress edits get about half, so posts, replies and
 * deliveries never queue behind them: with many jobs in flight each one's edits are spaced further apart.
 */
const PROGRESS_EDITS_PER_SECOND = 25;

export class ProgressMessenger {
  private readonly shown = new Map<string, { body: string; at: number }>();

  constructor(
    private readonly outbox: DiscordOutbox,
    private readonly intervalMs: number,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /**
   * Returns the progress message id (new if the old one was deleted). `final` waits out the interval instead of
   * skipping, and forgets the job whatever the edit's outcome: its entry widens every other job's spacing.
   */
  async show(job: Job, options: { final?: boolean } = {}): Promise<string | undefined> {
    if (!options.final) return this.edit(job, false);
    try {
      return await this.edit(job, true);
    } finally {
      this.shown.delete(job.id);
    }
  }

  private async edit(job: Job, final: boolean): Promise<string | undefined> {
    if (!job.progressMessageId) return undefined;
    const body = renderProgress(job, this.clock.now());
    const key = JSON.stringify(body);
    const last = this.shown.get(job.id);
    if (last?.body === key) return job.progressMessageId;
    if (last) {
      // a final edit waits only the configured interval; intermediate ones also share the edit budget
      const spacing = final ? this.intervalMs : this.spacingMs();
      const wait = last.at + spacing - this.clock.now();
      if (wait > 0) {
        if (!final) return job.progressMessageId;
        await this.clock.sleep(wait);
      }
    }
    let messageId = job.progressMessageId;
    try {
      await this.outbox.edit(job.channelId, messageId, body);
    } catch (error) {
      if (discordCode(error) !== DISCORD_CODES.unknownMessage) {
        jobLogger(this.logger, job).warn({ code: discordCode(error), err: error }, "progress edit failed");
        return messageId;
      }
      messageId = (await this.outbox.post(job.channelId, body)).id;
      jobLogger(this.logger, job).info({ messageId }, "progress message was deleted; posted a new one");
    }
    if (!final) this.shown.set(job.id, { body: key, at: this.clock.now() });
    return messageId;
  }

  /** The gap between one job's intermediate edits: the configured interval, or wider when many jobs share the budget. */
  spacingMs(): number {
    return Math.max(this.intervalMs, (this.shown.size * 1000) / PROGRESS_EDITS_PER_SECOND);
  }

  /** Records that the message was just posted with this content. */
  posted(job: Job): void {
    this.shown.set(job.id, { body: JSON.stringify(renderProgress(job, this.clock.now())), at: this.clock.now() });
  }
}
