import type { KlingRequest, MediaInput } from "./kling-request.js";
import { mediaInputs } from "./kling-request.js";

/** Discord's POST /attachments/refresh-urls takes at most this many links a call. */
export const REFRESH_BATCH = 50;

export interface LinkRefresher {
  /** fresh signed links for Discord attachment links (expired or not): original → refreshed; unknown ones left out */
  refreshUrls(urls: readonly string[]): Promise<Map<string, string>>;
}

/**
 * The request with every Discord attachment link (attachments, and links to Discord's CDN) signed anew (they expire
 * about a day after they were issued).
 * Every attachment is refreshed, expired or not: the `ex` in a link is Discord's clock, not ours, and a fresh link
 * also outlasts the minutes fal may queue before it fetches the file. A link Discord does not answer for is kept
 * as it was (the inspection then says whether it can still be read).
 */
export async function refreshAttachmentLinks(request: KlingRequest, refresher: LinkRefresher): Promise<KlingRequest> {
  const urls = [
    ...new Set(
      mediaInputs(request)
        .filter(isDiscordLink)
        .map((input) => input.url),
    ),
  ];
  if (!urls.length) return request;
  const fresh = new Map<string, string>();
  for (let i = 0; i < urls.length; i += REFRESH_BATCH) {
    for (const [original, refreshed] of await refresher.refreshUrls(urls.slice(i, i + REFRESH_BATCH)))
      fresh.set(original, refreshed);
  }
  const renew = <M extends MediaInput>(input: M): M =>
    isDiscordLink(input) && fresh.has(input.url) ? { ...input, url: fresh.get(input.url)! } : input;
  return {
    ...request,
    ...(request.video ? { video: renew(request.video) } : {}),
    elements: request.elements.map((element) => ({
      ...element,
      ...(element.frontal ? { frontal: renew(element.frontal) } : {}),
      references: element.references.map(renew),
    })),
    images: request.images.map(renew),
  };
}

/** Discord's own attachment hosts: a link a member pasted from another message expires like an attachment's. */
const DISCORD_CDN_HOSTS: ReadonlySet<string> = new Set(["cdn.discordapp.com", "media.discordapp.net"]);

function isDiscordLink(input: MediaInput): boolean {
  if (input.source === "attachment") return true;
  try {
    return DISCORD_CDN_HOSTS.has(new URL(input.url).hostname);
  } catch {
    return false;
  }
}
