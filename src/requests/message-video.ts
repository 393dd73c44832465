import type { AttachmentLike } from "./kling-request.js";

/** The clip a member's message holds, as /kling-edit's `video` or `video_url` option. */
export type MessageVideo = { video: AttachmentLike } | { video_url: string };

/** What of a message is read: its attachments, its text (context-menu targets carry it) and its link embeds. */
export interface MessageLike {
  attachments: Iterable<AttachmentLike>;
  content: string;
  embeds: readonly { video?: { url?: string | null } | null }[];
}

/** Extensions that name a video file (the inspector decides from the bytes whether it is one fal takes). */
const VIDEO_EXTENSION = /\.(mp4|mov|m4v|webm|mkv|avi)$/i;
/**
 * http(s) links in prose, up to whitespace, brackets, quotes or markdown (bounded: Discord text is ≤ 4000 characters);
 * which of them may be fetched is the guarded fetcher's decision, as for video_url
 */
const LINK = /https?:\/\/[^\s"'<>()[\]*`|]+/gi;
/** links looked at in one message (a message of links is not worth more work) */
const MAX_LINKS = 10;

const isVideoAttachment = (a: AttachmentLike) =>
  Boolean(a.contentType?.toLowerCase().startsWith("video/")) || VIDEO_EXTENSION.test(a.name);

function isVideoLink(link: string): boolean {
  try {
    return VIDEO_EXTENSION.test(new URL(link).pathname);
  } catch {
    return false;
  }
}

/**
 * The first video in a message: an attached video, else a link to a video file in its text or in a link embed.
 * Undefined when it has none (the member is told what to do instead).
 */
export function videoOfMessage(message: MessageLike): MessageVideo | undefined {
  for (const attachment of message.attachments) if (isVideoAttachment(attachment)) return { video: attachment };
  const links = [...message.content.matchAll(LINK)].slice(0, MAX_LINKS).map((m) => m[0]);
  const embedded = message.embeds.map((e) => e.video?.url).filter((u): u is string => typeof u === "string");
  const link = [...links, ...embedded.slice(0, MAX_LINKS)].find(isVideoLink);
  return link ? { video_url: link } : undefined;
}
