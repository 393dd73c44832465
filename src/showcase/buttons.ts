import { MessageFlags, type ButtonInteraction } from "discord.js";
import type { GuildSettings } from "../guild/settings.js";
import type { Job } from "../job.js";
import type { Logger } from "../logger.js";
import { jobLogger } from "../jobs/job-log.js";
import { NO_MENTIONS } from "../discord/render.js";
import { t, type Vars } from "../i18n/index.js";
import { postToShowcase, type ShowcaseOutbox } from "../discord/showcase.js";
import { channelIsGone, discordStatus, type OutgoingFile } from "../discord/outbox.js";
import { modelOf } from "../models/models.js";
import type { ShowcaseBoard } from "./board.js";
import { parseShowcaseCustomId, starRow } from "./components.js";

export interface ShowcaseButtonDeps {
  jobs: { get(jobId: string): Promise<Job | undefined> };
  board: ShowcaseBoard;
  settings: { get(guildId: string): Promise<GuildSettings> };
  outbox: ShowcaseOutbox & {
    message(channelId: string, messageId: string): Promise<{ attachments: { url: string; filename: string }[] }>;
  };
  /** the guarded fetcher: the before/after clip is fetched again from the result's thread to be attached */
  downloader: { download(url: string, opts: { maxBytes: number }): Promise<{ bytes: Buffer }> };
  logger: Logger;
  now: () => number;
}

const ephemeral = (content: string) => ({
  content,
  flags: MessageFlags.Ephemeral as const,
  allowedMentions: NO_MENTIONS,
});

/** Serializes work per key inside this process (a post's star label is edited in the order its stars were counted). */
function keyedQueue() {
  const tails = new Map<string, Promise<unknown>>();
  return async <T>(key: string, work: () => Promise<T>): Promise<T> => {
    const previous = tails.get(key) ?? Promise.resolve();
    const run = previous.then(work, work);
    const tail = run.catch(() => undefined);
    tails.set(key, tail);
    void tail.then(() => tails.get(key) === tail && tails.delete(key));
    return run;
  };
}

/** "Share to showcase" on a result (its requester only) and ⭐ on a showcase post (one star per member, toggling). */
export function createShowcaseButtons(deps: ShowcaseButtonDeps) {
  const inOrder = keyedQueue();

  /** the before/after clip posted in the result's thread, fetched again for the showcase post (none: no clip) */
  async function comparisonClip(job: Job): Promise<OutgoingFile | undefined> {
    try {
      const record = await deps.board.comparison(job.id);
      if (!record) return undefined;
      const message = await deps.outbox.message(record.channelId, record.messageId);
      const attachment = message.attachments[0];
      if (!attachment) return undefined;
      const { bytes } = await deps.downloader.download(attachment.url, { maxBytes: job.attachmentSizeLimit });
      return { name: attachment.filename, data: bytes, contentType: "video/mp4" };
    } catch (error) {
      jobLogger(deps.logger, job).warn({ err: error }, "could not fetch the before/after clip; sharing without it");
      return undefined;
    }
  }

  async function share(interaction: ButtonInteraction, jobId: string): Promise<void> {
    // the answers are the member's; the post is public, in the server's language
    const say = (key: string, vars?: Vars) => t(interaction.locale, `showcase.${key}`, vars);
    const job = await deps.jobs.get(jobId);
    if (!job || job.guildId === null || job.guildId !== interaction.guildId || job.state !== "delivered")
      return void (await interaction.reply(ephemeral(say("gone"))));
    if (interaction.user.id !== job.requester.id) {
      const command = t(interaction.locale, `cmd.${modelOf(job).command}.name`);
      return void (await interaction.reply(ephemeral(say("notRequester", { user: job.requester.id, command }))));
    }
    const target = (await deps.settings.get(job.guildId)).showcaseChannelId;
    if (!target) return void (await interaction.reply(ephemeral(say("noChannel"))));
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const post = { ...job, locale: interaction.guildLocale ?? job.locale };
    let outcome;
    try {
      outcome = await postToShowcase(deps, post, target, await comparisonClip(job));
    } catch (error) {
      if (discordStatus(error) !== 403 && !channelIsGone(error)) throw error;
      jobLogger(deps.logger, job).warn({ err: error, channelId: target }, "could not post to the showcase channel");
      return void (await interaction.editReply({
        content: say("cannotPost", { channel: target }),
        allowedMentions: NO_MENTIONS,
      }));
    }
    const answer =
      "link" in outcome
        ? say("shared", { channel: target, link: outcome.link })
        : "already" in outcome
          ? say("already", { link: outcome.already })
          : "busy" in outcome
            ? say("busy")
            : say("nothing");
    await interaction.editReply({ content: answer, allowedMentions: NO_MENTIONS });
  }

  async function star(interaction: ButtonInteraction, jobId: string): Promise<void> {
    const post = await deps.board.post(jobId);
    const gone = ephemeral(t(interaction.locale, "showcase.postGone"));
    if (!post || post.guildId !== interaction.guildId || post.messageId !== interaction.message.id)
      return void (await interaction.reply(gone));
    await inOrder(jobId, async () => {
      const counted = await deps.board.toggleStar(jobId, interaction.user.id);
      if (!counted) return void (await interaction.reply(gone));
      // the press is answered by the post itself: its button shows the new count
      await interaction.update({ components: [starRow(jobId, counted.count)], allowedMentions: NO_MENTIONS });
    });
  }

  return {
    async onButton(interaction: ButtonInteraction): Promise<boolean> {
      const parsed = parseShowcaseCustomId(interaction.customId);
      if (!parsed) return false;
      if (parsed.action === "share") await share(interaction, parsed.jobId);
      else await star(interaction, parsed.jobId);
      return true;
    },
  };
}

export type ShowcaseButtons = ReturnType<typeof createShowcaseButtons>;
