import { FalResultError } from "../fal/gateway.js";
import { describeFalError } from "../fal/errors.js";
import { deliverResult, findPostedResult, measureResult, type Delivered } from "../discord/delivery.js";
import { channelIsGone, discordCode, mayHaveBeenCarriedOut } from "../discord/outbox.js";
import { redactUrl } from "../media/redact.js";
import { MediaError } from "../media/types.js";
import type { Job } from "../job.js";
import { jobLogger } from "./job-log.js";
import { letsGo, type RunContext } from "./run-context.js";

/** While another process's claimed post is waited out, whether it landed is looked for this often. */
const IN_DOUBT_LOOK_MS = 5_000;
/**
 * Posts of a result whose discord.js tries all failed the way a call carried out anyway can (a 5xx, a timeout, a
 * dropped connection), each after looking for it; every one carries the job's one nonce, so none makes a second.
 * Also how often, and how far apart, a look for the post and the result's measure are tried (tryAgain).
 */
const POST_ATTEMPTS = 6;
const POST_RETRY_MS = 1_000;

/** `work`, tried up to POST_ATTEMPTS times (POST_RETRY_MS longer each time) while `passing` says its failure may pass. */
async function tryAgain<T>(
  clock: RunContext["deps"]["clock"],
  work: () => Promise<T>,
  passing: (error: unknown) => boolean,
  onRetry?: (error: unknown, attempt: number) => void,
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= POST_ATTEMPTS || !passing(error)) throw error;
      onRetry?.(error, attempt);
      await clock.sleep(POST_RETRY_MS * attempt);
    }
  }
}

/**
 * Fetches what fal made, measures it (its real length is what the job is billed), posts it once — a result found
 * posted before a restart is not posted again — and closes the job as delivered.
 */
export async function deliverJob(run: RunContext, job: Job): Promise<Job> {
  const { deps } = run;
  const log = jobLogger(deps.logger, job);
  /** the result's post looked for; a look that fails (a dropped connection, a 5xx) is tried again a few times */
  const lookForPost = () =>
    tryAgain(
      deps.clock,
      () => findPostedResult(deps.outbox, job, deps.botUserId()),
      mayHaveBeenCarriedOut,
      (error, attempt) => log.warn({ err: error, attempt }, "could not look for the result's post; looking again"),
    );
  /**
   * The result's measure (what the job is billed) when the media inspection is full: a member's file is refused as
   * busy (the member sends it again), but the bot's own measure waits its turn a while before billing at the estimate.
   */
  const inspectWhenFree = (url: string) =>
    tryAgain(
      deps.clock,
      () => deps.inspectResult(url),
      (error) => error instanceof MediaError && error.code === "busy",
    );
  let delivered: Delivered | undefined;
  if (job.resultMessageId && job.resultChannelId) {
    delivered = { channelId: job.resultChannelId, messageId: job.resultMessageId, mode: "attachment" };
  } else if (job.attempts.deliver > 0) {
    delivered = await lookForPost();
    const inDoubtUntil = (job.deliverClaimedAt ?? 0) + (run.options.deliveryInDoubtMs ?? 0);
    if (!delivered && deps.clock.now() < inDoubtUntil) {
      // another process claimed the post and may still be posting (it lost the job, or died): its post lands or is
      // given up within deliveryInDoubtMs, so that is waited out (looking again now and then) before this one posts
      log.info({ waitMs: inDoubtUntil - deps.clock.now() }, "waiting out another process's post of the result");
      while (!delivered && deps.clock.now() < inDoubtUntil) {
        await deps.clock.sleep(Math.min(IN_DOUBT_LOOK_MS, inDoubtUntil - deps.clock.now()));
        delivered = await lookForPost();
      }
    }
    if (delivered) log.info({ messageId: delivered.messageId }, "found the result posted before a restart");
  }
  if (!delivered) {
    let output;
    try {
      output = await deps.fal.result(job.endpoint, job.requestId!);
    } catch (error) {
      return await run.fail(
        job,
        describeFalError(error, "result").text,
        error,
        "result",
        error instanceof FalResultError ? { resultUnusable: true } : {},
      );
    }
    // billing follows what fal made: its real length, measured from the file (once; a resumed job keeps it)
    const measured =
      job.resultSec === undefined ? await measureResult(inspectWhenFree, output.video.url, log) : undefined;
    const made: Partial<Job> = measured?.playable && measured.sec !== undefined ? { resultSec: measured.sec } : {};
    if (job.resultUrl !== output.video.url || made.resultSec !== undefined)
      job = await run.save(job, { resultUrl: output.video.url, ...made });
    if (measured && !measured.playable)
      return await run.fail(job, measured.message, "result is not a playable video", "result");
    let claimed = false;
    /** this try's post was claimed, so sent */
    let sent = false;
    // the claim right before each post is a versioned save: one refused (another process took the job over and
    // saved first, or this one lost the job's lock) throws, and nothing is posted by this process
    const claim = async ({ threadId }: { threadId?: string }) => {
      job = await run.save(job, {
        ...(threadId ? { threadId } : {}),
        attempts: claimed ? job.attempts : { ...job.attempts, deliver: job.attempts.deliver + 1 },
        deliverClaimedAt: deps.clock.now(),
      });
      claimed = true;
      sent = true;
    };
    let posted: Delivered | undefined;
    for (let attempt = 1; !posted; attempt += 1) {
      sent = false;
      posted = await run
        .guarded(() => deliverResult(deps, job, output, claim))
        .catch(async (error) => {
          if (letsGo(error)) throw error;
          // a post that may have gone through is looked for before another is sent
          if (sent && mayHaveBeenCarriedOut(error)) {
            // a look that keeps failing is no reason to give a paid result up: the post sent again (seconds later)
            // carries the job's nonce, so Discord returns the one already made, if it was
            const found = await lookForPost().catch(() => undefined);
            if (found) {
              log.info({ messageId: found.messageId }, "found the result posted by a call that seemed to fail");
              return found;
            }
            if (attempt < POST_ATTEMPTS) {
              log.warn({ err: error, attempt }, "the result's post failed and is not there; posting it again");
              await deps.clock.sleep(POST_RETRY_MS * attempt);
              return undefined;
            }
          }
          if (channelIsGone(error)) {
            log.error(
              { code: discordCode(error), resultUrl: redactUrl(output.video.url) },
              "the channel is gone; the result is recorded on the job",
            );
          }
          throw error;
        });
    }
    delivered = posted;
    // Recorded before the job is marked delivered, so a restart in between never posts twice.
    job = await run.save(job, { resultMessageId: posted.messageId, resultChannelId: posted.channelId });
    log.info({ mode: posted.mode, channelId: posted.channelId }, "delivered");
  }
  job = await run.move(job, "delivered", {
    resultMessageId: delivered.messageId,
    resultChannelId: delivered.channelId,
    ...(delivered.threadId ? { threadId: delivered.threadId } : {}),
  });
  return await run.show(job, true);
}
