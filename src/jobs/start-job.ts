import { randomUUID } from "node:crypto";
import { ChannelType, MessageFlags, PermissionFlagsBits, type ChatInputCommandInteraction } from "discord.js";
import { isThread } from "../discord/delivery.js";
import { DISCORD_CODES, discordCode, type DiscordOutbox } from "../discord/outbox.js";
import type { ProgressMessenger } from "../discord/progress-messenger.js";
import { messageLink, NO_MENTIONS, renderProgress, renderRefusal } from "../discord/render.js";
import type { Logger } from "../logger.js";
import type { VideoFacts, Violation } from "../media/types.js";
import { checkRequestShape, isError } from "../requests/check-shape.js";
import { inspectInputs, type MediaProber, type MediaRules } from "../requests/inspect-inputs.js";
import { buildKlingRequest, type CommandInput } from "../requests/kling-request.js";
import { endpointFor, inputsSummary, outputSeconds, toFalInput } from "../requests/to-fal-input.js";
import type { Clock } from "../discord/progress-messenger.js";
import type { Job } from "./job.js";
import type { JobStore } from "./job-store.js";
import type { JobRunner } from "./runner.js";

export interface StartJobDeps {
  store: JobStore;
  outbox: DiscordOutbox;
  progress: ProgressMessenger;
  runner: JobRunner;
  prober: MediaProber;
  rules: MediaRules;
  clock: Clock;
  logger: Logger;
  /** jobs running in this process, so shutdown can wait for their state to be recorded */
  inFlight: Set<Promise<unknown>>;
}

/** Discord's default upload limit, used when the interaction does not say. */
const DEFAULT_ATTACHMENT_LIMIT = 10 * 1024 * 1024;

function missingPostingPermissions(interaction: ChatInputCommandInteraction, inThread: boolean): string[] {
  const permissions = interaction.appPermissions;
  const needed: [bigint, string][] = [
    [PermissionFlagsBits.ViewChannel, "View Channel"],
    [inThread ? PermissionFlagsBits.SendMessagesInThreads : PermissionFlagsBits.SendMessages, inThread ? "Send Messages in Threads" : "Send Messages"],
    [PermissionFlagsBits.EmbedLinks, "Embed Links"],
  ];
  return needed.filter(([flag]) => !permissions.has(flag)).map(([, name]) => name);
}

async function channelTypeOf(interaction: ChatInputCommandInteraction): Promise<number> {
  if (interaction.channel) return interaction.channel.type;
  const channel = await interaction.client.channels.fetch(interaction.channelId).catch(() => null);
  return channel?.type ?? ChannelType.GuildText;
}

/**
 * A member's command, from the first acknowledgement to a running job: defer within Discord's 3 s, check
 * everything (no fal call before every check passed), post one public progress message with the bot token,
 * then hand the job to the runner. Any failure on the interaction token is logged and never stops the job.
 */
export function createJobStarter(deps: StartJobDeps) {
  return async function startJob(interaction: ChatInputCommandInteraction, input: CommandInput): Promise<void> {
    const log = deps.logger.child({ interactionId: interaction.id, userId: interaction.user.id, command: interaction.commandName });
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });

    const reply = async (body: { content: string }) => {
      try {
        await interaction.editReply({ ...body, allowedMentions: NO_MENTIONS });
      } catch (error) {
        log.info({ code: discordCode(error) }, "could not edit the ephemeral reply (token expired or dismissed)");
      }
    };
    const refuse = async (violations: Violation[]) => {
      log.info({ rules: violations.filter(isError).map((v) => v.rule) }, "refused");
      await reply({ content: renderRefusal(violations).content });
    };

    const channelType = await channelTypeOf(interaction);
    const inThread = isThread(channelType);
    const missing = missingPostingPermissions(interaction, inThread);
    if (missing.length) {
      return refuse([
        {
          rule: "bot-permissions",
          message: `I can't post progress here: I'm missing ${missing.join(", ")} in this channel. Ask a moderator to grant ${missing.length === 1 ? "it" : "them"}, or use another channel.`,
        },
      ]);
    }

    const request = buildKlingRequest(input);
    const shapeViolations = checkRequestShape(request);
    if (shapeViolations.some(isError)) return refuse(shapeViolations);

    const inspected = await inspectInputs(request, deps.prober, deps.rules);
    const violations = [...shapeViolations, ...inspected.violations];
    if (violations.some(isError)) return refuse(violations);

    const video = request.video ? (inspected.facts.get(request.video.option) as VideoFacts | undefined) : undefined;
    const now = deps.clock.now();
    let job: Job = {
      id: randomUUID(),
      kind: request.kind,
      endpoint: endpointFor(request),
      falInput: toFalInput(request),
      state: "checking",
      requester: { id: interaction.user.id, name: interaction.user.username },
      guildId: interaction.guildId,
      channelId: interaction.channelId,
      channelType,
      appPermissions: interaction.appPermissions.bitfield.toString(),
      attachmentSizeLimit: interaction.attachmentSizeLimit || DEFAULT_ATTACHMENT_LIMIT,
      prompt: request.prompt,
      inputsSummary: inputsSummary(request, video),
      warnings: violations.filter((v) => !isError(v)).map((v) => v.message),
      outputSec: outputSeconds(request, video),
      createdAt: now,
      updatedAt: now,
      attempts: { submit: 0, status: 0, deliver: 0 },
    };

    try {
      const message = await deps.outbox.post(job.channelId, renderProgress(job, now));
      job = { ...job, progressMessageId: message.id };
      deps.progress.posted(job);
    } catch (error) {
      log.warn({ code: discordCode(error) }, "could not post the progress message");
      const code = discordCode(error);
      return refuse([
        {
          rule: "bot-permissions",
          message:
            code === DISCORD_CODES.missingPermissions || code === DISCORD_CODES.missingAccess
              ? "I can't post in this channel (Discord says I'm missing permissions). Ask a moderator to let me post here, or use another channel."
              : "I couldn't post the progress message in this channel, so I didn't start the job. Please try again.",
        },
      ]);
    }
    await deps.store.save(job);
    log.info({ jobId: job.id, endpoint: job.endpoint }, "accepted");

    const link = messageLink(job.guildId, job.channelId, job.progressMessageId!);
    const notes = job.warnings.length ? `\n${job.warnings.map((w) => `⚠️ ${w}`).join("\n")}` : "";
    await reply({ content: `Started! Follow it here: ${link}${notes}` });

    const running = deps.runner.run(job).catch((error) => log.error({ err: error, jobId: job.id }, "job runner crashed"));
    deps.inFlight.add(running);
    void running.finally(() => deps.inFlight.delete(running));
  };
}
