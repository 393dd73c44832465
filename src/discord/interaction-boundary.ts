import { MessageFlags, type ChatInputCommandInteraction, type Interaction } from "discord.js";
import type { Command } from "../../commands/index.js";
import type { BotContext } from "../bot-context.js";
import type { Logger } from "../logger.js";
import { NO_MENTIONS } from "./render.js";

/** An error whose message is meant for the member (thrown anywhere below a command handler). */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UserError";
  }
}

async function replyEphemeral(interaction: ChatInputCommandInteraction, content: string): Promise<void> {
  const body = { content, allowedMentions: NO_MENTIONS };
  if (interaction.deferred || interaction.replied) await interaction.editReply(body);
  else await interaction.reply({ ...body, flags: MessageFlags.Ephemeral });
}

/** The one error boundary: user errors become ephemeral replies; anything else is logged and apologised for. */
export function createInteractionHandler(commands: Map<string, Command>, ctx: BotContext, logger: Logger) {
  return async (interaction: Interaction): Promise<void> => {
    if (!interaction.isChatInputCommand()) return;
    const command = commands.get(interaction.commandName);
    const log = logger.child({ interactionId: interaction.id, command: interaction.commandName, userId: interaction.user.id });
    if (!command) {
      log.warn("unknown command");
      await replyEphemeral(interaction, "I don't know this command any more; the server's commands may need redeploying.").catch(() => undefined);
      return;
    }
    try {
      await command.execute(interaction, ctx);
    } catch (error) {
      const message =
        error instanceof UserError
          ? error.message
          : "Something went wrong on my side, so I didn't start the job. Nothing was charged; please try again.";
      if (!(error instanceof UserError)) log.error({ err: error }, "command failed");
      await replyEphemeral(interaction, message).catch((replyError) => log.info({ err: String(replyError) }, "could not tell the member"));
    }
  };
}
