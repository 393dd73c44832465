import type { RESTPostAPIChannelMessageJSONBody } from "discord.js";
import { messageLink, NO_MENTIONS, quoteUserText } from "../discord/render.js";
import type { Job } from "../jobs/job.js";
import type { Logger } from "../logger.js";
import type { GuildSettingsStore } from "./settings-store.js";

/** The showcase post for a delivered job (pure): who made it, a link to the result, the prompt quoted. */
export function renderShowcase(job: Job): RESTPostAPIChannelMessageJSONBody | undefined {
  if (!job.guildId) return undefined;
  const link = job.resultMessageId && job.resultChannelId ? messageLink(job.guildId, job.resultChannelId, job.resultMessageId) : job.resultUrl;
  if (!link) return undefined;
  return {
    content: `🎬 New Kling ${job.kind} by <@${job.requester.id}>: ${link}\n> ${quoteUserText(job.prompt, 300)}`,
    allowed_mentions: NO_MENTIONS,
  };
}

/**
 * When a job is delivered and the server has a showcase channel (other than where the result already is), posts
 * a link there. Never throws: a showcase that cannot be posted is logged, and the job is unaffected.
 */
export function createShowcasePoster(deps: {
  outbox: { post(channelId: string, body: RESTPostAPIChannelMessageJSONBody): Promise<unknown> };
  settings: GuildSettingsStore;
  logger: Logger;
}) {
  return async (job: Job): Promise<void> => {
    if (job.state !== "delivered" || !job.guildId) return;
    try {
      const target = (await deps.settings.get(job.guildId)).showcaseChannelId;
      if (!target || target === job.resultChannelId || target === job.channelId) return;
      const body = renderShowcase(job);
      if (body) await deps.outbox.post(target, body);
    } catch (error) {
      deps.logger.warn({ jobId: job.id, err: String(error) }, "could not post to the showcase channel");
    }
  };
}
