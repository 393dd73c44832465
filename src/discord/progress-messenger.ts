import type { Clock } from "../clock.js";
import type { Job } from "../job.js";
import type { Logger } from "../logger.js";
import { DISCORD_CODES, discordCode, type DiscordOutbox } from "./outbox.js";
import { renderProgress } from "./render.js";
import { jobLogger } from "../jobs/job-log.js";

/**
 * Discord allows a bot 50 requests a second in all. Progress edits get about half, so posts, replies and
 * deliveries never queue behind them: with many jobs in flight each one's edits are spaced further apart.
 */
const PROGRESS_EDITS_PER_SECOND = 25;

/**
 * Keeps one progress message per job current: edits only when what it shows changes, at most once per interval.
 * A running job's edit is handed to the outbox and not waited for (the job goes on while it waits its turn behind
 * posts and deliveries); one still waiting when the next is made is replaced by it, never sent late. A job's final
 * edit is waited for and goes ahead of running jobs' edits. A moderator deleting the message gets a fresh one posted
 * (show() returns its id for the caller to record).
 */
export class ProgressMessenger {
  private readonly shown = new Map<string, { body: string; at: number }>();
  /** jobs whose message was deleted and posted again by a running edit: the caller has not recorded the new id yet */
  private readonly replaced = new Map<string, string>();
  /** running edits handed to the outbox and not yet answered */
  private readonly sending = new Set<Promise<unknown>>();

  constructor(
    private readonly outbox: DiscordOutbox,
    private readonly intervalMs: number,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /**
   * Returns the progress message id (new if the old one was deleted). `final` waits out the interval instead of
   * skipping, waits for the edit, and forgets the job whatever the edit's outcome: its entry widens every other
   * job's spacing.
   */
  async show(job: Job, options: { final?: boolean } = {}): Promise<string | undefined> {
    if (!options.final) return this.editRunning(job);
    try {
      return await this.editFinal(job);
    } finally {
      this.shown.delete(job.id);
      this.replaced.delete(job.id);
    }
  }

  /** Resolves once every running edit handed to the outbox so far has been answered (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.sending.size) await Promise.allSettled([...this.sending]);
  }

  private messageIdOf(job: Job): string | undefined {
    const replaced = this.replaced.get(job.id);
    if (replaced === job.progressMessageId) this.replaced.delete(job.id);
    return replaced ?? job.progressMessageId;
  }

  private editRunning(job: Job): string | undefined {
    const messageId = this.messageIdOf(job);
    if (!messageId) return undefined;
    const body = renderProgress(job, this.clock.now());
    const key = JSON.stringify(body);
    const last = this.shown.get(job.id);
    if (last?.body === key) return messageId;
    if (last && last.at + this.spacingMs() > this.clock.now()) return messageId;
    const shown = { body: key, at: this.clock.now() };
    this.shown.set(job.id, shown);
    const sending = this.send(job, messageId, body, "edit").then(
      (outcome) => {
        if (outcome === "failed" && this.shown.get(job.id) === shown) shown.body = ""; // tried again next time
        // a deleted message posted again: the id is handed to the caller at its next show (unless the job ended)
        if (outcome !== "failed" && outcome !== messageId && this.shown.has(job.id)) this.replaced.set(job.id, outcome);
      },
      (error: unknown) => {
        if (this.shown.get(job.id) === shown) shown.body = "";
        this.logger.warn({ jobId: job.id, err: error }, "could not post the progress message again");
      },
    );
    this.sending.add(sending);
    void sending.finally(() => this.sending.delete(sending));
    return messageId;
  }

  private async editFinal(job: Job): Promise<string | undefined> {
    const messageId = this.messageIdOf(job);
    if (!messageId) return undefined;
    const body = renderProgress(job, this.clock.now());
    const last = this.shown.get(job.id);
    if (last?.body === JSON.stringify(body)) return messageId;
    // a final edit waits only the configured interval (not the shared budget's wider spacing)
    const wait = last ? last.at + this.intervalMs - this.clock.now() : 0;
    if (wait > 0) await this.clock.sleep(wait);
    const outcome = await this.send(job, messageId, body, "delivery");
    return outcome === "failed" ? messageId : outcome;
  }

  /** The edit, or a new post when the message was deleted: the id shown, or "failed" (logged). */
  private async send(
    job: Job,
    messageId: string,
    body: ReturnType<typeof renderProgress>,
    urgency: "edit" | "delivery",
  ): Promise<string | "failed"> {
    try {
      // SUPERSEDED: a newer edit of this message took this one's place in the outbox; it shows the newer state
      await this.outbox.edit(job.channelId, messageId, body, urgency);
      return messageId;
    } catch (error) {
      if (discordCode(error) !== DISCORD_CODES.unknownMessage) {
        jobLogger(this.logger, job).warn({ code: discordCode(error), err: error }, "progress edit failed");
        return "failed";
      }
      const posted = (await this.outbox.post(job.channelId, body, [], urgency === "edit" ? "post" : "delivery")).id;
      jobLogger(this.logger, job).info({ messageId: posted }, "progress message was deleted; posted a new one");
      return posted;
    }
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
