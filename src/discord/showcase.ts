import { ChannelType, PermissionFlagsBits, type Client, type RESTPostAPIChannelMessageJSONBody } from "discord.js";
import { inertUserText } from "../inert-text.js";
import { inLanguageOf, localizedTitle, messageLink, NO_MENTIONS } from "./render.js";
import type { Job } from "../job.js";
import type { Logger } from "../logger.js";
import type { GuildSettingsStore } from "../guild/settings-store.js";
import type { OutgoingFile } from "./outbox.js";
import type { ShowcaseBoard } from "../showcase/board.js";
import { starRow } from "../showcase/components.js";

/** Where the job's result is: its message, else fal's link. */
export function resultLinkOf(job: Job): string | undefined {
  if (!job.guildId) return undefined;
  return job.resultMessageId && job.resultChannelId
    ? messageLink(job.guildId, job.resultChannelId, job.resultMessageId)
    : job.resultUrl;
}
import { jobLogger } from "../jobs/job-log.js";

/**
 * The showcase post for a delivered job (pure), in the job's language (public: the server's): who made it, a link
 * to the result, the prompt quoted.
 */
export function renderShowcase(job: Job): RESTPostAPIChannelMessageJSONBody | undefined {
  const link = resultLinkOf(job);
  if (!link) return undefined;
  const prompt = inertUserText(job.prompt, 300);
  return {
    content: inLanguageOf(job)("showcase.post", { title: localizedTitle(job), user: job.requester.id, link, prompt }),
    allowed_mentions: NO_MENTIONS,
  };
}

/** Whether @everyone may view a channel (a thread: its parent; a private thread: no); undefined when the bot cannot tell. */
export type EveryoneCanView = (channelId: string) => Promise<boolean | undefined>;

/**
 * Reads @everyone's View Channel from the channel's overwrites as the bot sees them (the gateway keeps them
 * current; an uncached channel is fetched).
 */
export function everyoneCanViewVia(client: Client): EveryoneCanView {
  return async (channelId) => {
    let channel = await client.channels.fetch(channelId).catch(() => null);
    if (channel?.isThread()) {
      if (channel.type === ChannelType.PrivateThread) return false;
      channel = channel.parent;
    }
    if (!channel || channel.isDMBased() || channel.isThread()) return undefined;
    const everyone = channel.guild.roles.everyone as typeof channel.guild.roles.everyone | undefined;
    if (!everyone) return undefined;
    return channel.permissionsFor(everyone).has(PermissionFlagsBits.ViewChannel);
  };
}

export interface ShowcaseOutbox {
  post(channelId: string, body: RESTPostAPIChannelMessageJSONBody, files?: OutgoingFile[]): Promise<{ id: string }>;
}

export type ShowcasePostOutcome =
  | { posted: true; link: string }
  | { posted: false; already: string }
  | { posted: false; busy: true }
  | { posted: false; nothingToShow: true };

/**
 * Posts a job to a showcase channel with its ⭐ button (and the before/after clip when given). With a board, each
 * job is posted once (claimed first, so two Shares at the same instant make one post) and the post is recorded for
 * its stars; a post that fails releases its claim and throws.
 */
export async function postToShowcase(
  deps: { outbox: ShowcaseOutbox; board?: ShowcaseBoard | undefined; now: () => number },
  job: Job,
  target: string,
  clip?: OutgoingFile,
): Promise<ShowcasePostOutcome> {
  const body = renderShowcase(job);
  const link = resultLinkOf(job);
  if (!body || !link || !job.guildId) return { posted: false, nothingToShow: true };
  let stars = 0;
  if (deps.board) {
    const claim = await deps.board.claim(
      {
        jobId: job.id,
        guildId: job.guildId,
        requesterId: job.requester.id,
        requesterName: job.requester.name,
        prompt: job.prompt,
        resultLink: link,
      },
      deps.now(),
    );
    if ("already" in claim)
      return { posted: false, already: messageLink(job.guildId, claim.already.channelId, claim.already.messageId) };
    if ("busy" in claim) return { posted: false, busy: true };
    stars = claim.claimed.stars.length;
  }
  let message: { id: string };
  try {
    message = await deps.outbox.post(target, { ...body, components: [starRow(job.id, stars)] }, clip ? [clip] : []);
  } catch (error) {
    await deps.board?.release(job.id);
    throw error;
  }
  await deps.board?.posted(job.id, { channelId: target, messageId: message.id }, deps.now());
  return { posted: true, link: messageLink(job.guildId, target, message.id) };
}

/**
 * When a job is delivered and the server showcases every result (`auto`) in a channel other than where the result
 * already is, posts it there — only when @everyone can see where the result is, so the showcase never shows a
 * private channel's work to a wider audience (as this process sees it now, else as the job recorded when it started);
 * when the bot cannot tell, it does not post. Never throws: a showcase that cannot be posted is logged, and the job
 * is unaffected.
 */
export function createShowcasePoster(deps: {
  outbox: ShowcaseOutbox;
  settings: Pick<GuildSettingsStore, "get">;
  everyoneCanView: EveryoneCanView;
  logger: Logger;
  board?: ShowcaseBoard;
  now?: () => number;
}) {
  return async (job: Job, clip?: OutgoingFile): Promise<void> => {
    if (job.state !== "delivered" || !job.guildId) return;
    try {
      const settings = await deps.settings.get(job.guildId);
      if (settings.showcaseMode === "shared") return;
      const target = settings.showcaseChannelId;
      if (!target || target === job.resultChannelId || target === job.channelId) return;
      const sources = [...new Set([job.channelId, job.resultChannelId].filter((id): id is string => Boolean(id)))];
      for (const source of sources) {
        // where this process cannot tell (a worker: no gateway cache), what the gateway saw when the job started; the
        // result's thread is a public thread of the job's channel, seen by whoever sees the channel
        const visible = (await deps.everyoneCanView(source)) ?? job.everyoneCanView;
        if (visible !== true) {
          jobLogger(deps.logger, job).info(
            { channelId: source, visible: visible ?? "unknown" },
            "not showcased: @everyone cannot see the channel the result is in",
          );
          return;
        }
      }
      await postToShowcase({ outbox: deps.outbox, board: deps.board, now: deps.now ?? Date.now }, job, target, clip);
    } catch (error) {
      jobLogger(deps.logger, job).warn({ err: error }, "could not post to the showcase channel");
    }
  };
}
