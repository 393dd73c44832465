import { MessageFlags } from "discord.js";
import { NO_MENTIONS } from "../src/discord/render.js";
import { renderHelp } from "../src/help/render-help.js";
import { optionsCommand, UserError } from "../src/interactions/command.js";
import { named } from "../src/i18n/commands.js";
import { t } from "../src/i18n/index.js";

export const command = optionsCommand({
  data: {
    ...named("kling-help", "cmd.kling-help"),
    options: [],
  },
  atStake: "nothing",
  async run(interaction, ctx) {
    const guildId = interaction.guildId;
    if (!guildId) throw new UserError(t(interaction.locale, "reply.serverOnly"));
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const [settings, usage] = await Promise.all([
      ctx.quota.settingsAsPriced(guildId),
      ctx.quota.ledger.userUsage(guildId, interaction.user.id, ctx.clock.now()),
    ]);
    await interaction.editReply({
      content: renderHelp(settings, usage, ctx.clock.now(), interaction.locale),
      allowedMentions: NO_MENTIONS,
    });
  },
});
