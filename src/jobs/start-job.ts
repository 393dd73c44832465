import { randomUUID } from "node:crypto";
import {
  ChannelType,
  MessageFlags,
  PermissionFlagsBits,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type ModalSubmitInteraction,
  type RepliableInteraction,
} from "discord.js";
import { refreshAttachmentLinks } from "../requests/refresh-links.js";
import { isThread } from "../discord/delivery.js";
import { discordCode, type DiscordOutbox } from "../discord/outbox.js";
import type { Clock } from "../clock.js";
import { NO_MENTIONS, renderRefusal } from "../discord/render.js";
import type { EveryoneCanView } from "../discord/showcase.js";
import type { Logger } from "../logger.js";
import type { Violation } from "../media/types.js";
import { checkRequestShape, isError } from "../requests/check-shape.js";
import { buildKlingRequest, type CommandInput, type KlingRequest } from "../requests/kling-request.js";
import { endpointFor, inputParts, renderInputs, toFalInput } from "../requests/to-fal-input.js";
import { qualityOf, qualityRefusal } from "../models/model.js";
import type { Job } from "../job.js";
import type { JobStore } from "./job-store.js";
import type { JobRunner } from "./runner.js";
import { jobLogger } from "./job-log.js";
import { INTERACTION_TOKEN_MS } from "./input-check.js";
import { t } from "../i18n/index.js";
import type { BotMetrics } from "../ops/metrics.js";
import type { Reservation } from "../quota/ledger.js";
import { estimateOutput, type QuotaService } from "../quota/quota-service.js";
import { memberRoleIds, parentChannelId } from "../quota/admission-input.js";
import type { SavedElements } from "../elements/saved-elements.js";
import { acknowledge, afterAcknowledgements } from "../interactions/ack-first.js";

export interface StartJobDeps {
  store: JobStore;
  outbox: DiscordOutbox;
  runner: JobRunner;
  clock: Clock;
  logger: Logger;
  /** server owners' limits (src/quota): checked before any download, reserved atomically */
  quota: QuotaService;
  /** saved elements (/kling-element): named in the `elements` option (hosted on fal storage by the job's check) */
  elements: Pick<SavedElements, "attach">;
  /** whether @everyone can view a channel, as this process sees it (recorded on the job for the showcase) */
  everyoneCanView: EveryoneCanView;
  /** the job queue: hands an accepted job to whichever worker takes it (default: this process's runner drives it) */
  dispatch?: (job: Job) => void;
  /** refusals by reason (src/ops/metrics.ts) */
  metrics?: BotMetrics;
  /** FAL_DRY_RUN: every job is a dry run (nothing sent to fal, nothing charged: src/fal/dry-run.ts) */
  dryRun?: boolean;
}

/** Where a job can start from: a slash command, or a Retry/Remix on an earlier result. */
export type JobInteraction = ChatInputCommandInteraction | ButtonInteraction | ModalSubmitInteraction;

/** Where a job came from, beyond its interaction. */
export interface JobOrigin {
  /** Retry/Remix: the job it reruns */
  rerunOf?: string;
  /** "Edit with Kling": the member's message the result thread starts from, where Discord allows it */
  threadFrom?: string;
}

/** When Discord does not say what the bot may do, assume everything and fall back on its refusals. */
const ALL_PERMISSIONS = ((1n << 53n) - 1n).toString();

/** Discord's default upload limit, used when the interaction does not say. */
const DEFAULT_ATTACHMENT_LIMIT = 10 * 1024 * 1024;

/** The permissions, by catalog key (`setup.permission.<name>`), the bot lacks to post a job's progress here. */
function missingPostingPermissions(interaction: JobInteraction, inThread: boolean): string[] {
  const permissions = interaction.appPermissions as typeof interaction.appPermissions | null;
  // Discord always sends app_permissions today; without it, try and let Discord's answers decide.
  if (!permissions) return [];
  const needed = ["ViewChannel", inThread ? "SendMessagesInThreads" : "SendMessages", "EmbedLinks"] as const;
  return needed.filter((name) => !permissions.has(PermissionFlagsBits[name])).map((name) => `setup.permission.${name}`);
}

async function channelTypeOf(interaction: JobInteraction): Promise<number> {
  if (interaction.channel) return interaction.channel.type;
  const channel = interaction.channelId
    ? await interaction.client.channels.fetch(interaction.channelId).catch(() => null)
    : null;
  return channel?.type ?? ChannelType.GuildText;
}

/** The ephemeral acknowledgement, then a wait until the acknowledgements on their way have gone (ack-first.ts). */
async function deferFirst(interaction: RepliableInteraction): Promise<void> {
  await acknowledge(() => interaction.deferReply({ flags: MessageFlags.Ephemeral }));
  await afterAcknowledgements();
}

/**
 * A member's request, from the first acknowledgement to a job handed on: defer within Discord's 3 s, run the checks
 * that need no file (server, permissions, tier, quota reserved on the estimate, request shape), save the job as
 * inspecting with what its worker needs to answer the member, and hand it to the runner (in this process) or the job
 * queue. The worker reads the files and answers the member (src/jobs/input-check.ts); nothing reaches fal before
 * every check passed. A failure on the interaction token is logged and never stops the job.
 */
export function createJobStarter(deps: StartJobDeps) {
  async function accept(interaction: JobInteraction, request: KlingRequest, origin: JobOrigin = {}): Promise<void> {
    // a job's lines carry its id, guild and member (the runner's add fal's request id once it has one)
    let log = deps.logger.child({
      interactionId: interaction.id,
      ...(interaction.guildId ? { guildId: interaction.guildId } : {}),
      userId: interaction.user.id,
      rerunOf: origin.rerunOf,
    });
    const reply = async (content: string) => {
      try {
        await interaction.editReply({ content, allowedMentions: NO_MENTIONS });
      } catch (error) {
        log.info({ code: discordCode(error) }, "could not edit the ephemeral reply (token expired or dismissed)");
      }
    };
    // `held`: the quota reservation, released when refused after it was taken (nothing reached fal)
    const refuse = async (violations: Violation[], held?: Reservation) => {
      if (held) await deps.quota.release(held);
      const rules = violations.filter(isError).map((v) => v.rule);
      for (const reason of new Set(rules)) deps.metrics?.refusals.inc({ reason });
      log.info({ rules }, "refused");
      await reply(renderRefusal(violations, interaction.locale).content);
    };

    const channelId = interaction.channelId;
    if (!channelId || !interaction.guildId) {
      return refuse([
        {
          rule: "guild-only",
          message: "I only work in server channels: use me in a text channel or thread of a server.",
          key: "guildOnly",
        },
      ]);
    }
    const channelType = await channelTypeOf(interaction);
    const missing = missingPostingPermissions(interaction, isThread(channelType));
    if (missing.length) {
      return refuse([
        {
          rule: "bot-permissions",
          message:
            `I can't post progress here: I'm missing ${missing.map((key) => t("en", key)).join(", ")} ` +
            `in this channel. Ask a moderator to grant ${missing.length === 1 ? "it" : "them"}, or use another channel.`,
          key: "botPermissions",
          vars: { missingKeys: missing.join(",") },
        },
      ]);
    }

    // the quality tier: offered, and turned on by this server where it must be — before anything is reserved or downloaded
    const guildId = interaction.guildId;
    const tierRefused = await qualityRefusal(request.quality, async () => deps.quota.settings.get(guildId));
    if (tierRefused) return refuse([tierRefused]);
    const quality = qualityOf(request);

    // quota: paused, channel, role, blocked words, jobs at once, cooldown, daily seconds, budgets — before any download
    const jobId = randomUUID();
    log = log.child({ jobId });
    const admission = await deps.quota.admit({
      jobId,
      guildId,
      userId: interaction.user.id,
      userName: interaction.user.username,
      kind: request.kind,
      quality,
      channelId,
      parentChannelId: parentChannelId(interaction),
      roleIds: memberRoleIds(interaction),
      prompt: request.prompt,
      estimate: estimateOutput(request),
    });
    if (!admission.ok) return refuse([admission.refusal]);
    const reservation = admission.reservation;

    const shapeViolations = checkRequestShape(request);
    if (shapeViolations.some(isError)) return refuse(shapeViolations, reservation);

    const now = deps.clock.now();
    // the worker's showcase cannot see the channel: what the gateway sees now goes with the job
    const everyoneCanView = await deps.everyoneCanView(channelId).catch(() => undefined);
    const inputs = inputParts(request, undefined);
    let job: Job = {
      id: jobId,
      reservationId: reservation.id,
      estimatedCostMicros: reservation.amountMicros,
      pricePerSecondMicros: reservation.pricePerSecondMicros,
      priceSource: admission.priceSource,
      ...(admission.settings.threads === false ? { threadsAllowed: false } : {}),
      ...(origin.threadFrom ? { threadFrom: origin.threadFrom } : {}),
      ...(origin.rerunOf ? { rerunOf: origin.rerunOf } : {}),
      ...(everyoneCanView !== undefined ? { everyoneCanView } : {}),
      ...(deps.dryRun ? { dryRun: true } : {}),
      kind: request.kind,
      quality,
      endpoint: endpointFor(request),
      falInput: toFalInput(request),
      request,
      // its files are read next, by a worker (src/jobs/input-check.ts), which answers the member through this
      state: "inspecting",
      memberReply: {
        applicationId: interaction.applicationId,
        token: interaction.token,
        locale: interaction.locale,
        expiresAt: interaction.createdTimestamp + INTERACTION_TOKEN_MS,
      },
      requester: { id: interaction.user.id, name: interaction.user.username },
      guildId,
      channelId,
      channelType,
      appPermissions:
        (interaction.appPermissions as typeof interaction.appPermissions | null)?.bitfield.toString() ??
        ALL_PERMISSIONS,
      attachmentSizeLimit: interaction.attachmentSizeLimit || DEFAULT_ATTACHMENT_LIMIT,
      prompt: request.prompt,
      // the clip's size and length are measured by the check: unmeasured here
      inputsSummary: renderInputs("en", inputs),
      inputs,
      warnings: shapeViolations.filter((v) => !isError(v)).map((v) => v.message),
      outputSec: reservation.amountMs / 1000,
      // public messages (progress, result) in the server's language, kept for the job's whole life
      ...(interaction.guildLocale ? { locale: interaction.guildLocale } : {}),
      createdAt: now,
      updatedAt: now,
      attempts: { submit: 0, status: 0, deliver: 0 },
    };
    // From here the runner holds the job (a Cancel reaches the one place that drives it once its button exists). The
    // first record is saved before anything else (a crash after it leaves a job that resume, or another worker,
    // finishes), retried by the runner through a store outage.
    try {
      job = await deps.runner.accept(job);
    } catch (error) {
      // only when shutting down mid-outage: whether the record landed is unknown, so promise nothing either way
      log.warn({ err: error }, "could not record the job before shutting down");
      await reply(t(interaction.locale, "checks.notRecorded"));
      return;
    }
    launch(job);
    log.info({ endpoint: job.endpoint }, "accepted");
  }

  /**
   * Outside accept() on purpose: a closure made there would keep the whole interaction (and its cached
   * structures) alive for the minutes the job runs.
   */
  function launch(job: Job): void {
    if (deps.dispatch) return deps.dispatch(job);
    // the runner tracks its jobs itself (cancel, shutdown); nothing here needs to wait for it
    void deps.runner.run(job).catch((error) => jobLogger(deps.logger, job).error({ err: error }, "job runner crashed"));
  }

  return {
    async startJob(
      interaction: ChatInputCommandInteraction | ModalSubmitInteraction,
      input: CommandInput,
      origin: JobOrigin = {},
    ): Promise<void> {
      await deferFirst(interaction);
      let request = buildKlingRequest(input);
      if (interaction.guildId && input.elements) {
        // names that do not exist are refused here, before anything is reserved
        const attached = await deps.elements.attach(request, input.elements, interaction.guildId, interaction.user.id);
        if (!attached.ok) {
          await interaction.editReply({
            content: renderRefusal(attached.violations, interaction.locale).content,
            allowedMentions: NO_MENTIONS,
          });
          return;
        }
        request = attached.request;
      }
      await accept(interaction, request, origin);
    },

    /** Retry (same inputs) or Remix (new prompt) of an earlier job: every check runs again. */
    async rerun(interaction: ButtonInteraction | ModalSubmitInteraction, source: Job, prompt?: string): Promise<void> {
      await deferFirst(interaction);
      if (!source.request) {
        await interaction.editReply({
          content: t(interaction.locale, "buttons.inputsGone"),
          allowedMentions: NO_MENTIONS,
        });
        return;
      }
      const request = await refreshAttachmentLinks(source.request, deps.outbox).catch((error: unknown) => {
        // the links as they were: still good if they have not expired, else the member is told to send the files again
        deps.logger.warn({ err: error, rerunOf: source.id }, "could not refresh the inputs' Discord links");
        return source.request!;
      });
      await accept(interaction, { ...request, prompt: prompt ?? request.prompt }, { rerunOf: source.id });
    },
  };
}

export type JobStarter = ReturnType<typeof createJobStarter>;
