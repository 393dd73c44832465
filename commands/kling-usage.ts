import { ApplicationCommandOptionType, AttachmentBuilder, MessageFlags, PermissionFlagsBits } from "discord.js";
import { optionsCommand, UserError } from "../src/interactions/command.js";
import { NO_MENTIONS } from "../src/discord/render.js";
import { ledgerCsv } from "../src/quota/csv.js";
import { formatUsd } from "../src/money.js";
import { monthKey, parseMonth } from "../src/periods.js";
import { renderGuildUsage, renderUserUsage } from "../src/quota/usage.js";
import { named } from "../src/i18n/commands.js";
import { sayIn } from "../src/i18n/index.js";

/** How many members the server view ranks. */
export const TOP_USERS = 5;

const data = {
  ...named("kling-usage", "cmd.kling-usage"),
  options: [
    {
      type: ApplicationCommandOptionType.Boolean,
      ...named("server", "cmd.kling-usage.server"),
    },
    {
      type: ApplicationCommandOptionType.Boolean,
      ...named("export", "cmd.kling-usage.export"),
    },
    {
      type: ApplicationCommandOptionType.String,
      ...named("month", "cmd.kling-usage.month"),
      min_length: 7,
      max_length: 7,
    },
  ],
} as const;

export const command = optionsCommand({
  data,
  atStake: "nothing",
  async run(interaction, ctx, args) {
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const say = sayIn(interaction.locale);
    const guildId = interaction.guildId;
    if (!guildId) throw new UserError(say("reply.serverOnly"));
    const { ledger, settings: settingsStore } = ctx.quota;
    const now = ctx.clock.now();
    const wantsServer = args.server === true;
    const wantsExport = args.export === true;
    const monthText = args.month;
    const settings = await settingsStore.get(guildId);

    if (!wantsServer && !wantsExport) {
      const usage = await ledger.userUsage(guildId, interaction.user.id, now);
      await interaction.editReply({
        content: renderUserUsage(usage, settings, now, say),
        allowedMentions: NO_MENTIONS,
      });
      return;
    }
    if (!interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)) {
      throw new UserError(say("usage.managersOnly"));
    }
    const month = monthText ? parseMonth(monthText) : monthKey(now);
    if (!month) throw new UserError(say("usage.badMonth"));

    const parts: string[] = [];
    if (wantsServer || !wantsExport) {
      const [usage, top] = await Promise.all([
        ledger.guildUsage(guildId, now),
        ledger.topUsers(guildId, monthKey(now), TOP_USERS),
      ]);
      parts.push(renderGuildUsage(usage, top, settings, now, say));
    }
    const files: AttachmentBuilder[] = [];
    if (wantsExport) {
      const entries = await ledger.entries(guildId, month);
      const total = entries.reduce((sum, e) => sum + (e.state === "reserved" ? e.reservedMicros : e.billedMicros), 0);
      files.push(new AttachmentBuilder(Buffer.from(ledgerCsv(entries), "utf8"), { name: `kling-ledger-${month}.csv` }));
      parts.push(
        say("usage.ledger", { month, jobs: say("usage.jobs", { count: entries.length }), cost: formatUsd(total) }),
      );
    }
    await interaction.editReply({ content: parts.join("\n\n"), files, allowedMentions: NO_MENTIONS });
  },
});
