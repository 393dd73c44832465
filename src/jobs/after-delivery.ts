import { PermissionFlagsBits } from "discord.js";
import type { Job } from "../job.js";
import type { Logger } from "../logger.js";
import { jobLogger } from "./job-log.js";
import type { ComparisonMaker } from "../media/comparison.js";
import { ComparisonSkipped } from "../media/comparison.js";
import type { DiscordOutbox, OutgoingFile } from "../discord/outbox.js";
import { NO_MENTIONS } from "../discord/render.js";
import { t } from "../i18n/index.js";
import type { ShowcaseBoard } from "../showcase/board.js";

export interface AfterDeliveryDeps {
  /** absent when ffmpeg was not found at start-up: no before/after clips */
  comparisons?: ComparisonMaker | undefined;
  outbox: Pick<DiscordOutbox, "post">;
  board: Pick<ShowcaseBoard, "recordComparison">;
  /** the automatic showcase post (the server's showcase mode decides whether it posts) */
  autoShowcase: (job: Job, clip?: OutgoingFile) => Promise<void>;
  logger: Logger;
}

const mayAttach = (job: Job) =>
  (BigInt(job.appPermissions || "0") & PermissionFlagsBits.AttachFiles) === PermissionFlagsBits.AttachFiles;

/**
 * What follows a delivered result, off the job's path: the before/after clip as a second message where the result
 * is (its thread, else a reply to it), then the automatic showcase post (with the clip). Started once the result is
 * posted and recorded, never awaited by the runner — a slow or failed clip never delays or fails the result.
 */
export function createAfterDelivery(deps: AfterDeliveryDeps) {
  const inFlight = new Set<Promise<void>>();

  async function comparisonFor(job: Job): Promise<OutgoingFile | undefined> {
    const where = job.resultChannelId;
    if (!deps.comparisons || !job.resultUrl || !where || !job.resultMessageId || !mayAttach(job)) return undefined;
    const log = deps.logger.child({ jobId: job.id });
    try {
      const clip = await deps.comparisons.make({
        inputUrl: job.falInput.video_url,
        resultUrl: job.resultUrl,
        maxBytes: job.attachmentSizeLimit,
      });
      const file: OutgoingFile = { name: clip.fileName, data: clip.bytes, contentType: "video/mp4" };
      // public, beside the result: the job's language
      const sides = t(
        job.locale,
        clip.layout === "side-by-side" ? "delivery.comparisonSideBySide" : "delivery.comparisonStacked",
      );
      const reply = job.threadId
        ? {}
        : { message_reference: { message_id: job.resultMessageId, fail_if_not_exists: false } };
      const message = await deps.outbox.post(where, { content: sides, allowed_mentions: NO_MENTIONS, ...reply }, [
        file,
      ]);
      await deps.board.recordComparison({ jobId: job.id, channelId: where, messageId: message.id });
      log.info({ bytes: clip.bytes.length, layout: clip.layout }, "posted the before/after clip");
      return file;
    } catch (error) {
      if (error instanceof ComparisonSkipped) log.info({ reason: error.message }, "no before/after clip");
      else log.warn({ err: error }, "could not make or post the before/after clip");
      return undefined;
    }
  }

  return {
    /** starts the follow-ups of a delivered job (returns at once) */
    onFinished(job: Job): void {
      if (job.state !== "delivered" || !job.guildId) return;
      const work = (async () => deps.autoShowcase(job, await comparisonFor(job)))()
        .catch((error) => jobLogger(deps.logger, job).warn({ err: error }, "after-delivery work failed"))
        .finally(() => inFlight.delete(work));
      inFlight.add(work);
    },
    /** kills running encodes and waits (at most `graceMs`) for the follow-ups to end; what is left is dropped */
    async stop(graceMs = 2_000): Promise<void> {
      deps.comparisons?.close();
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)));
      await Promise.race([Promise.allSettled([...inFlight]), grace]);
      clearTimeout(timer);
    },
  };
}
