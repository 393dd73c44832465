import { ChannelType, PermissionFlagsBits, type Client, type RESTPostAPIChannelMessageJSONBody } from "discord.js";
import { inertUserText } from "../inert-text.js";
import { messageLink, NO_MENTIONS } from "./render.js";
import type { Job } from "../job.js";
import type { Logger } from "../logger.js";
import { titleOf } from "../models/models.js";
import type { GuildSettingsStore } from "../guild/settings-store.js";

/** The showcase post for a delivered job (pure): who made it, a link to the result, the prompt quoted. */
export function renderShowcase(job: Job): RESTPostAPIChannelMessageJSONBody | undefined {
  if (!job.guildId) return undefined;
  const link =
    job.resultMessageId && job.resultChannelId
      ? messageLink(job.guildId, job.resultChannelId, job.resultMessageId)
      : job.resultUrl;
  if (!link) return undefined;
  return {
    content: `🎬 New ${titleOf(job)} by <@${job.requester.id}>: ${link}\n> ${inertUserText(job.prompt, 300)}`,
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

/**
 * When a job is delivered and the server has a showcase channel (other than where the result already is), posts
 * a link there — only when @everyone can see where the result is, so the showcase never shows a private channel's
 * work to a wider audience; when the bot cannot tell, it does not post. Never throws: a showcase that cannot be
 * posted is logged, and the job is unaffected.
 */
export function createShowcasePoster(deps: {
  outbox: { post(channelId: string, body: RESTPostAPIChannelMessageJSONBody): Promise<unknown> };
  settings: GuildSettingsStore;
  everyoneCanView: EveryoneCanView;
  logger: Logger;
}) {
  return async (job: Job): Promise<void> => {
    if (job.state !== "delivered" || !job.guildId) return;
    try {
      const target = (await deps.settings.get(job.guildId)).showcaseChannelId;
      if (!target || target === job.resultChannelId || target === job.channelId) return;
      const sources = [...new Set([job.channelId, job.resultChannelId].filter((id): id is string => Boolean(id)))];
      for (const source of sources) {
        const visible = await deps.everyoneCanView(source);
        if (visible !== true) {
          deps.logger.info(
            { jobId: job.id, channelId: source, visible: visible ?? "unknown" },
            "not showcased: @everyone cannot see the channel the result is in",
          );
          return;
        }
      }
      const body = renderShowcase(job);
      if (body) await deps.outbox.post(target, body);
    } catch (error) {
      deps.logger.warn({ err: error, jobId: job.id }, "could not post to the showcase channel");
    }
  };
}
