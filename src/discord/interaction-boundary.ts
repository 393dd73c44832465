import { MessageFlags, type Interaction, type RepliableInteraction } from "discord.js";
import type { Command } from "../../commands/index.js";
import type { BotContext } from "../bot-context.js";
import type { Logger } from "../logger.js";
import type { JobButtons } from "./job-buttons.js";
import { NO_MENTIONS } from "./render.js";

/** An error whose message is meant for the member (thrown anywhere below a command handler). */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UserError";
  }
}

async function replyEphemeral(interaction: RepliableInteraction, content: string): Promise<void> {
  const body = { content, allowedMentions: NO_MENTIONS };
  if (interaction.deferred || interaction.replied) await interaction.editReply(body);
  else await interaction.reply({ ...body, flags: MessageFlags.Ephemeral });
}

/** The one error boundary: user errors become ephemeral replies; anything else is logged and apologised for. */
export function createInteractionHandler(commands: Map<string, Command>, ctx: BotContext, buttons: JobButtons, logger: Logger) {
  async function dispatch(interaction: Interaction & RepliableInteraction): Promise<void> {
    if (interaction.isChatInputCommand()) {
      const command = commands.get(interaction.commandName);
      if (!command) {
        await replyEphemeral(interaction, "I don't know this command any more; the server's commands may need redeploying.");
        return;
      }
      await command.execute(interaction, ctx);
    } else if (interaction.isButton()) {
      if (!(await buttons.onButton(interaction))) await replyEphemeral(interaction, "This button is no longer in use.");
    } else if (interaction.isModalSubmit()) {
      if (!(await buttons.onModal(interaction))) await replyEphemeral(interaction, "This form is no longer in use.");
    }
  }

  return async (interaction: Interaction): Promise<void> => {
    if (!interaction.isRepliable()) return;
    const name = interaction.isChatInputCommand() ? interaction.commandName : "customId" in interaction ? interaction.customId : undefined;
    const log = logger.child({ interactionId: interaction.id, interaction: name, userId: interaction.user.id });
    try {
      await dispatch(interaction);
    } catch (error) {
      const message =
        error instanceof UserError
          ? error.message
          : "Something went wrong on my side, so I didn't start the job. Nothing was charged; please try again.";
      if (!(error instanceof UserError)) log.error({ err: error }, "interaction failed");
      await replyEphemeral(interaction, message).catch((replyError) => log.info({ err: replyError }, "could not tell the member"));
    }
  };
}
