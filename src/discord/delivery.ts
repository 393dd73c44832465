import { ChannelType, PermissionFlagsBits, type RESTPostAPIChannelMessageJSONBody } from "discord.js";
import type { FalVideoOutput } from "../fal/endpoints.js";
import type { Job } from "../job.js";
import type { Logger } from "../logger.js";
import { MediaError, type VideoFacts } from "../media/types.js";
import { formatMegabytes } from "../text.js";
import { message, type Text } from "../i18n/index.js";
import {
  channelIsGone,
  DISCORD_CODES,
  discordCode,
  discordStatus,
  messageNonce,
  type DiscordOutbox,
} from "./outbox.js";
import { dryRunNote, inLanguageOf, threadName } from "./render.js";
import { jobIdOfMessage, resultRow } from "./components.js";
import { shareButton } from "../showcase/components.js";
import { jobLogger } from "../jobs/job-log.js";

export interface ResultDownloader {
  download(url: string, options: { maxBytes: number }): Promise<{ bytes: Buffer; contentType?: string | undefined }>;
}

export interface Delivered {
  channelId: string;
  messageId: string;
  threadId?: string;
  mode: "attachment" | "link";
}

const THREAD_TYPES: readonly number[] = [
  ChannelType.PublicThread,
  ChannelType.PrivateThread,
  ChannelType.AnnouncementThread,
];
const THREADABLE_TYPES: readonly number[] = [ChannelType.GuildText, ChannelType.GuildAnnouncement];

const has = (permissions: string, flag: bigint) => (BigInt(permissions || "0") & flag) === flag;

export function canStartThread(
  job: Pick<Job, "channelType" | "appPermissions" | "guildId" | "threadsAllowed">,
): boolean {
  return (
    job.guildId !== null &&
    job.threadsAllowed !== false && // the server owner's /kling-config threads setting
    THREADABLE_TYPES.includes(job.channelType) &&
    has(job.appPermissions, PermissionFlagsBits.CreatePublicThreads) &&
    has(job.appPermissions, PermissionFlagsBits.SendMessagesInThreads)
  );
}

export const isThread = (channelType: number) => THREAD_TYPES.includes(channelType);

function resultBody(job: Job, extra: string, share: boolean): RESTPostAPIChannelMessageJSONBody {
  const dryRun = job.dryRun ? `\n${dryRunNote(job.locale)}` : "";
  return {
    content: inLanguageOf(job)(`delivery.ready.${job.kind}`, { user: job.requester.id, extra: dryRun + extra }),
    allowed_mentions: { parse: [], users: [job.requester.id] },
    components: [resultRow(job.id, share ? [shareButton(job.id, job.locale)] : [], job.locale)],
    // the same for every post of this job's result, by any process: a post sent again within Discord's few minutes
    // (after an answer that was lost) returns the one already made
    nonce: messageNonce(`result:${job.id}`),
  };
}

export interface DeliveryDeps {
  outbox: DiscordOutbox;
  downloader: ResultDownloader;
  logger: Logger;
  /** whether the result gets a "Share to showcase" button (the server shares results on request); default no */
  shareable?: (job: Job) => Promise<boolean>;
}

export type MeasuredResult = { playable: true; sec?: number } | { playable: false; message: Text };

/** What the inspector says about the file itself; the other codes (unreachable, too slow, over budget) leave it unmeasured. */
const NOT_A_VIDEO: readonly MediaError["code"][] = ["unsupported-format", "corrupt", "truncated", "empty"];

/**
 * fal's result read with the project's own inspector (range reads, a few KB): its real length — what fal bills,
 * whatever the input's mvhd claimed; a fragmented file is measured by its fragments — or why it is not a video
 * to post. A result that cannot be fetched is left unmeasured (billed at the estimate) and delivery goes on.
 */
export async function measureResult(
  inspect: (url: string) => Promise<VideoFacts>,
  url: string,
  log: Logger,
): Promise<MeasuredResult> {
  const notPlayable = (why: Text) => message("failure.notPlayable", { why });
  try {
    const facts = await inspect(url);
    if (!(facts.durationSec > 0)) return { playable: false, message: notPlayable(message("failure.noFrames")) };
    return { playable: true, sec: facts.durationSec };
  } catch (error) {
    if (error instanceof MediaError && NOT_A_VIDEO.includes(error.code)) {
      log.warn({ code: error.code }, "fal's result is not a playable video");
      // the inspector's reason (in English) without its advice to members (which is about their own uploads)
      return { playable: false, message: notPlayable(error.message.split(":")[0]!) };
    }
    log.warn({ err: error }, "could not measure fal's result; it is billed at the estimate");
    return { playable: true };
  }
}

/**
 * Posts the finished video: in a thread on the member's message it edits ("Edit with Kling") or else on the
 * progress message where Discord allows it, else in the
 * channel (as a reply to the progress message); as an attachment when it fits the upload limit, else as fal's link.
 */
export async function deliverResult(
  deps: DeliveryDeps,
  job: Job,
  output: FalVideoOutput,
  /**
   * called right before each post is sent (its turn in the outbox come, the file downloaded): the runner records it,
   * so a crash after this is a delivery in doubt; a runner that no longer holds the job throws here, posting nothing
   */
  beforePost: (target: { threadId?: string }) => Promise<void> = async () => {},
): Promise<Delivered> {
  const { outbox, downloader, logger } = deps;
  const log = jobLogger(logger, job);

  let threadId = job.threadId;
  // the member's own message first ("Edit with Kling"), then the progress message, then the channel
  const starts = [...new Set([job.threadFrom, job.progressMessageId])].filter((id): id is string => Boolean(id));
  if (!threadId && !isThread(job.channelType) && canStartThread(job)) {
    for (const messageId of starts) {
      try {
        threadId = (await outbox.startThread(job.channelId, messageId, threadName(job))).id;
        break;
      } catch (error) {
        if (discordCode(error) === DISCORD_CODES.threadAlreadyCreated) {
          // a thread started from a message has that message's id (ours before a restart, or an earlier edit's)
          threadId = messageId;
          break;
        }
        log.warn(
          {
            code: discordCode(error),
            status: discordStatus(error),
            from: messageId === job.threadFrom ? "member" : "progress",
          },
          "could not start a thread from this message",
        );
      }
    }
    if (!threadId) log.warn("could not start a thread; posting in the channel");
  }
  const claim = () => beforePost(threadId ? { threadId } : {});
  const inChannel = !threadId;
  const targetId = threadId ?? job.channelId;
  const reference =
    inChannel && job.progressMessageId && !isThread(job.channelType)
      ? { message_reference: { message_id: job.progressMessageId, fail_if_not_exists: false } }
      : {};

  const limit = job.attachmentSizeLimit;
  const url = output.video.url;
  const size = output.video.file_size;
  const canAttach = has(job.appPermissions, PermissionFlagsBits.AttachFiles);
  const share =
    job.guildId !== null &&
    (await (deps.shareable?.(job) ?? Promise.resolve(false)).catch((error: unknown) => {
      log.warn({ err: error }, "could not tell whether the result may be shared; no Share button");
      return false;
    }));

  /** `why`: the reason it is not attached ("I may not upload files here") */
  const postLink = async (why: string) => {
    // a dry run's result is a file on the bot's disk: it has no link to give, only the reason it was not attached
    // (each reason ends "…, so here is fal's link:" in the job's language; a dry run's keeps only the reason)
    const extra = job.dryRun
      ? `\n${say("dryRun.notShown", { why: why.replace(/[,、，][^,、，]*[:：]\s*$/, "") })}`
      : `\n${why}\n${url}`;
    const message = await outbox.post(
      targetId,
      { ...resultBody(job, extra, share), ...reference },
      [],
      "delivery",
      claim,
    );
    return { channelId: targetId, messageId: message.id, mode: "link" as const, ...(threadId ? { threadId } : {}) };
  };

  const say = inLanguageOf(job);
  if (!canAttach) return postLink(say("delivery.noUpload"));
  if (size !== undefined && size > limit) {
    return postLink(say("delivery.overLimitSized", { size: formatMegabytes(size), limit: formatMegabytes(limit) }));
  }

  let file: { bytes: Buffer; contentType?: string | undefined };
  try {
    file = await downloader.download(url, { maxBytes: limit });
  } catch (error) {
    log.warn({ err: error }, "could not download the result; posting the link");
    const tooLarge = error instanceof Error && "code" in error && error.code === "too-large";
    return postLink(
      tooLarge ? say("delivery.overLimit", { limit: formatMegabytes(limit) }) : say("delivery.noDownload"),
    );
  }

  try {
    const message = await outbox.post(
      targetId,
      { ...resultBody(job, "", share), ...reference },
      [
        {
          name: output.video.file_name || "kling.mp4",
          data: file.bytes,
          contentType: output.video.content_type || "video/mp4",
        },
      ],
      "delivery",
      claim,
    );
    return { channelId: targetId, messageId: message.id, mode: "attachment", ...(threadId ? { threadId } : {}) };
  } catch (error) {
    const code = discordCode(error);
    if (code === DISCORD_CODES.requestEntityTooLarge || discordStatus(error) === 413) {
      return postLink(say("delivery.overServerLimit"));
    }
    if (code === DISCORD_CODES.missingPermissions) return postLink(say("delivery.noUpload"));
    throw error;
  }
}

/**
 * After a crash between posting the result and recording it: the result message, if it exists, carries the
 * job id in its buttons. Looks where it would have been posted.
 */
export async function findPostedResult(
  outbox: DiscordOutbox,
  job: Job,
  botUserId: string,
): Promise<Delivered | undefined> {
  const candidates = [
    ...new Set(
      [job.threadId, job.threadFrom, job.progressMessageId, job.channelId].filter((id): id is string => Boolean(id)),
    ),
  ];
  for (const channelId of candidates) {
    let messages;
    try {
      messages = await outbox.recentMessages(channelId, 50);
    } catch (error) {
      if (channelIsGone(error) || discordStatus(error) === 404) continue;
      throw error;
    }
    const found = messages.find(
      (m) => m.author.id === botUserId && m.id !== job.progressMessageId && jobIdOfMessage(m) === job.id,
    );
    if (found) {
      return {
        channelId,
        messageId: found.id,
        mode: found.attachments.length ? "attachment" : "link",
        ...(channelId !== job.channelId ? { threadId: channelId } : {}),
      };
    }
  }
  return undefined;
}
