import { MessageFlags, type AutocompleteInteraction, type Interaction, type RepliableInteraction } from "discord.js";
import type { BotContext } from "../bot-context.js";
import type { Logger } from "../logger.js";
import { NO_MENTIONS } from "../discord/render.js";
import { ownsModal, UserError, type AtStake, type Command, type MessageCommand } from "./command.js";
import type { JobButtons } from "./job-buttons.js";
import type { BotMetrics } from "../ops/metrics.js";
import { t } from "../i18n/index.js";

/** The apology for a failure on the bot's side, fitting what the interaction had at stake. */
export const APOLOGY_KEYS: Readonly<Record<AtStake, string>> = {
  job: "boundary.apologyJob",
  nothing: "boundary.apologyNothing",
};
/** …in English */
export const APOLOGIES: Readonly<Record<AtStake, string>> = {
  job: t("en", APOLOGY_KEYS.job),
  nothing: t("en", APOLOGY_KEYS.nothing),
};

async function replyEphemeral(interaction: RepliableInteraction, content: string): Promise<void> {
  const body = { content, allowedMentions: NO_MENTIONS };
  if (interaction.deferred || interaction.replied) await interaction.editReply(body);
  else await interaction.reply({ ...body, flags: MessageFlags.Ephemeral });
}

/** The one error boundary: user errors become ephemeral replies; anything else is logged and apologised for. */
export function createInteractionHandler(
  commands: Map<string, Command>,
  ctx: BotContext,
  buttons: JobButtons,
  logger: Logger,
  /** commands by name and outcome (src/ops/metrics.ts) */
  metrics?: BotMetrics,
) {
  // every reply here is ephemeral: in the member's own language
  const unknownCommand = (interaction: Interaction) => t(interaction.locale, "boundary.unknownCommand");

  /** The message command whose form this is, by its custom id's prefix. */
  const modalOwner = (customId: string): MessageCommand | undefined =>
    [...commands.values()].find((command): command is MessageCommand => ownsModal(command, customId));

  async function dispatch(interaction: Interaction & RepliableInteraction): Promise<void> {
    if (interaction.isChatInputCommand()) {
      const command = commands.get(interaction.commandName);
      if (command?.kind !== "slash") return void (await replyEphemeral(interaction, unknownCommand(interaction)));
      await command.execute(interaction, ctx);
    } else if (interaction.isMessageContextMenuCommand()) {
      const command = commands.get(interaction.commandName);
      if (command?.kind !== "message") return void (await replyEphemeral(interaction, unknownCommand(interaction)));
      await command.execute(interaction, ctx);
    } else if (interaction.isButton()) {
      if (!(await buttons.onButton(interaction)))
        await replyEphemeral(interaction, t(interaction.locale, "boundary.buttonGone"));
    } else if (interaction.isModalSubmit()) {
      const owner = modalOwner(interaction.customId);
      if (owner) await owner.submit(interaction, ctx);
      else if (!(await buttons.onModal(interaction)))
        await replyEphemeral(interaction, t(interaction.locale, "boundary.formGone"));
    }
  }

  function atStake(interaction: Interaction): AtStake {
    if (interaction.isCommand()) return commands.get(interaction.commandName)?.atStake ?? "nothing";
    if (interaction.isModalSubmit())
      return modalOwner(interaction.customId)?.modalAtStake ?? buttons.atStake(interaction.customId);
    if (interaction.isButton()) return buttons.atStake(interaction.customId);
    return "nothing";
  }

  /** Suggestions must come within Discord's 3 s; a failure answers none (the member can still type). */
  async function suggest(interaction: AutocompleteInteraction): Promise<void> {
    const command = commands.get(interaction.commandName);
    try {
      if (command?.kind === "slash" && command.autocomplete) await command.autocomplete(interaction, ctx);
      else await interaction.respond([]);
    } catch (error) {
      logger.warn({ err: error, interaction: interaction.commandName }, "autocomplete failed");
      if (!interaction.responded) await interaction.respond([]).catch(() => undefined);
    }
  }

  return async (interaction: Interaction): Promise<void> => {
    if (interaction.isAutocomplete()) return suggest(interaction);
    if (!interaction.isRepliable()) return;
    const name = interaction.isCommand()
      ? interaction.commandName
      : "customId" in interaction
        ? interaction.customId
        : undefined;
    const log = logger.child({ interactionId: interaction.id, interaction: name, userId: interaction.user.id });
    // a known command's name (an unknown one is not a label: member-controlled values must not grow the metrics)
    const counted =
      interaction.isChatInputCommand() && commands.has(interaction.commandName) ? interaction.commandName : undefined;
    try {
      await dispatch(interaction);
      if (counted) metrics?.commands.inc({ command: counted, outcome: "ok" });
    } catch (error) {
      if (counted)
        metrics?.commands.inc({ command: counted, outcome: error instanceof UserError ? "user_error" : "error" });
      // a UserError's message is English (not yet in the catalogs)
      const message =
        error instanceof UserError ? error.message : t(interaction.locale, APOLOGY_KEYS[atStake(interaction)]);
      if (!(error instanceof UserError)) log.error({ err: error }, "interaction failed");
      await replyEphemeral(interaction, message).catch((replyError) =>
        log.info({ err: replyError }, "could not tell the member"),
      );
    }
  };
}
