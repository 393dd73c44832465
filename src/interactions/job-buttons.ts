import {
  ComponentType,
  MessageFlags,
  PermissionFlagsBits,
  TextInputStyle,
  type ButtonInteraction,
  type ModalSubmitInteraction,
} from "discord.js";
import type { GuildSettings } from "../guild/settings.js";
import { isCancellable, type Job } from "../job.js";
import type { JobStore } from "../jobs/job-store.js";
import type { CancelOutcome, JobRunner } from "../jobs/runner.js";
import type { JobStarter } from "../jobs/start-job.js";
import type { Logger } from "../logger.js";
import { REQUEST_LIMITS } from "../media/limits.js";
import { modelOf } from "../models/models.js";
import { customId, parseCustomId } from "../discord/components.js";
import { truncate } from "../text.js";
import { NO_MENTIONS } from "../discord/render.js";
import type { AtStake } from "./command.js";
import { jobLogger } from "../jobs/job-log.js";
import { t } from "../i18n/index.js";

export interface JobButtonDeps {
  store: JobStore;
  runner: JobRunner;
  starter: JobStarter;
  logger: Logger;
  /**
   * the job queue: a Cancel for a job another process's worker holds, handed to that worker (so it ends as it
   * would here); undefined when no worker holds it, and then it is decided on the record
   */
  forwardCancel?: (jobId: string, by: string) => Promise<CancelOutcome | undefined>;
  /** the server's settings (who may rerun someone else's result) */
  settings: { get(guildId: string): Promise<GuildSettings> };
}

type JobInteraction = ButtonInteraction | ModalSubmitInteraction;

/** A job is acted on only from the server it belongs to: another server's ids are "not found" (nothing leaks). */
export function belongsHere(job: Job | undefined, interaction: Pick<JobInteraction, "guildId">): job is Job {
  return job !== undefined && job.guildId !== null && job.guildId === interaction.guildId;
}

/** Retry/Remix: the requester and Manage Messages always; anyone else only where the owner allows it. */
export async function mayRerun(
  job: Job,
  interaction: JobInteraction,
  settings: JobButtonDeps["settings"],
): Promise<boolean> {
  if (interaction.user.id === job.requester.id) return true;
  if (interaction.memberPermissions?.has(PermissionFlagsBits.ManageMessages) === true) return true;
  return job.guildId !== null && (await settings.get(job.guildId)).rerunsByAnyone;
}

const ephemeral = (content: string) => ({
  content,
  flags: MessageFlags.Ephemeral as const,
  allowedMentions: NO_MENTIONS,
});

/** Cancel on the progress message; Retry and Remix on the result. */
export function createJobButtons(deps: JobButtonDeps) {
  /** The job, if it exists and belongs to this server; otherwise the member has been told. */
  async function find(interaction: JobInteraction, jobId: string, held?: Job): Promise<Job | undefined> {
    const job = held ?? (await deps.store.get(jobId));
    if (belongsHere(job, interaction)) return job;
    if (job)
      deps.logger.warn(
        { jobId, guildId: interaction.guildId, userId: interaction.user.id },
        "a button named another server's job",
      );
    await interaction.reply(ephemeral(t(interaction.locale, "buttons.jobGone")));
    return undefined;
  }

  /** The job if this member may rerun it; otherwise the member has been told why not. */
  async function findRerunnable(interaction: JobInteraction, jobId: string): Promise<Job | undefined> {
    const job = await find(interaction, jobId);
    if (!job) return undefined;
    if (await mayRerun(job, interaction, deps.settings)) return job;
    await interaction.reply(
      ephemeral(
        t(interaction.locale, "buttons.rerunNotAllowed", {
          user: job.requester.id,
          command: t(interaction.locale, `cmd.${modelOf(job).command}.name`),
        }),
      ),
    );
    return undefined;
  }

  async function cancel(interaction: ButtonInteraction, jobId: string): Promise<void> {
    let job: Job | undefined;
    try {
      // a job this process runs is decided on the runner's copy: a Cancel works even while the store is out
      job = await find(interaction, jobId, deps.runner.held(jobId));
    } catch (error) {
      if (interaction.replied || interaction.deferred) throw error;
      deps.logger.warn({ err: error, jobId }, "could not read the job to cancel it");
      return void (await interaction.reply(ephemeral(t(interaction.locale, "buttons.storageDown"))));
    }
    if (!job) return;
    const mayCancel =
      interaction.user.id === job.requester.id ||
      interaction.memberPermissions?.has(PermissionFlagsBits.ManageMessages) === true;
    if (!mayCancel) {
      return void (await interaction.reply(
        ephemeral(t(interaction.locale, "buttons.cancelNotAllowed", { user: job.requester.id })),
      ));
    }
    if (!isCancellable(job)) {
      return void (await interaction.reply(ephemeral(t(interaction.locale, "buttons.alreadyFinished"))));
    }
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    let outcome = await deps.runner.requestCancel(job.id, interaction.user.id);
    try {
      if (outcome === "not-running" && deps.forwardCancel)
        outcome = (await deps.forwardCancel(job.id, interaction.user.id)) ?? "not-running";
      // Not held by any process (between processes): decided on the record, saved only if it has not moved.
      if (outcome === "not-running") outcome = await deps.runner.cancelRecorded(job.id, interaction.user.id);
    } catch (error) {
      jobLogger(deps.logger, job).warn({ err: error }, "could not cancel the job from its record");
      await interaction.editReply({
        content: t(interaction.locale, "buttons.storageDown"),
        allowedMentions: NO_MENTIONS,
      });
      return;
    }
    jobLogger(deps.logger, job).info({ by: interaction.user.id, outcome }, "cancel pressed");
    await interaction.editReply({
      content: t(
        interaction.locale,
        outcome === "cancelled" ? "buttons.cancelled" : outcome === "stopping" ? "buttons.stopping" : "buttons.posting",
      ),
      allowedMentions: NO_MENTIONS,
    });
  }

  async function showRemixModal(interaction: ButtonInteraction, jobId: string): Promise<void> {
    const job = await findRerunnable(interaction, jobId);
    if (!job) return;
    await interaction.showModal({
      custom_id: customId("remix", job.id),
      title: t(interaction.locale, "buttons.remixTitle"),
      components: [
        {
          type: ComponentType.ActionRow,
          components: [
            {
              type: ComponentType.TextInput,
              custom_id: "prompt",
              label: t(interaction.locale, "buttons.remixPrompt"),
              style: TextInputStyle.Paragraph,
              value: truncate(job.prompt, REQUEST_LIMITS.maxPromptChars),
              max_length: REQUEST_LIMITS.maxPromptChars,
              required: true,
            },
          ],
        },
      ],
    });
  }

  return {
    /** Retry and Remix start a job; Cancel starts none. */
    atStake(id: string): AtStake {
      const action = parseCustomId(id)?.action;
      return action === "retry" || action === "remix" ? "job" : "nothing";
    },

    async onButton(interaction: ButtonInteraction): Promise<boolean> {
      const parsed = parseCustomId(interaction.customId);
      if (!parsed) return false;
      if (parsed.action === "cancel") await cancel(interaction, parsed.jobId);
      else if (parsed.action === "remix") await showRemixModal(interaction, parsed.jobId);
      else {
        const job = await findRerunnable(interaction, parsed.jobId);
        if (job) await deps.starter.rerun(interaction, job);
      }
      return true;
    },

    async onModal(interaction: ModalSubmitInteraction): Promise<boolean> {
      const parsed = parseCustomId(interaction.customId);
      if (!parsed || parsed.action !== "remix") return false;
      const job = await findRerunnable(interaction, parsed.jobId);
      if (!job) return true;
      await deps.starter.rerun(interaction, job, interaction.fields.getTextInputValue("prompt"));
      return true;
    },
  };
}

export type JobButtons = ReturnType<typeof createJobButtons>;
