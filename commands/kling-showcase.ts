import { ApplicationCommandOptionType, MessageFlags, type ChatInputCommandInteraction } from "discord.js";
import type { BotContext } from "../src/bot-context.js";
import { subcommandsCommand, UserError, type SubcommandsData } from "../src/interactions/command.js";
import { DISCORD_LIMITS, messageLink, NO_MENTIONS } from "../src/discord/render.js";
import { inertUserText } from "../src/inert-text.js";
import type { ShowcaseEntry } from "../src/showcase/board.js";
import { truncate } from "../src/text.js";
import { choiceName, named } from "../src/i18n/commands.js";
import { t } from "../src/i18n/index.js";

/** How many posts `top` lists. */
export const TOP_POSTS = 10;

const DAY_MS = 86_400_000;
/** Rolling windows ending now (a showcase's week is the last seven days, not a calendar week); `showcase.<period>` names each. */
export const PERIODS = {
  week: { ms: 7 * DAY_MS },
  month: { ms: 30 * DAY_MS },
  all: { ms: Number.POSITIVE_INFINITY },
} as const;
type Period = keyof typeof PERIODS;
const isPeriod = (value: string): value is Period => Object.hasOwn(PERIODS, value);

const data = {
  ...named("kling-showcase", "cmd.kling-showcase"),
  options: [
    {
      type: ApplicationCommandOptionType.Subcommand,
      ...named("top", "cmd.kling-showcase.top"),
      options: [
        {
          type: ApplicationCommandOptionType.String,
          ...named("period", "cmd.kling-showcase.period"),
          choices: (["week", "month", "all"] as const).map((value) => ({
            ...choiceName(`cmd.kling-showcase.period.${value}`),
            value,
          })),
        },
      ],
    },
  ],
} satisfies SubcommandsData;

/** The ranking as text in the member's language (pure): member text inert, links plain (no previews), never a mention. */
export function renderTop(
  guildId: string,
  entries: readonly ShowcaseEntry[],
  period: Period,
  locale?: string | null,
): string {
  const label = t(locale, `showcase.${period}`);
  if (!entries.length) return t(locale, "showcase.topEmpty", { period: label });
  const lines = entries.map((entry, i) =>
    t(locale, "showcase.topLine", {
      rank: i + 1,
      stars: entry.stars,
      prompt: inertUserText(entry.prompt, 80),
      who: inertUserText(entry.requesterName, 40),
      link: messageLink(guildId, entry.channelId, entry.messageId),
    }),
  );
  return truncate([t(locale, "showcase.topTitle", { period: label }), ...lines].join("\n"), DISCORD_LIMITS.content);
}

async function run(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const guildId = interaction.guildId;
  if (!guildId) throw new UserError(t(interaction.locale, "showcase.guildOnly"));
  const given = interaction.options.getString("period") ?? "week";
  if (!isPeriod(given)) throw new UserError(t(interaction.locale, "showcase.badPeriod"));
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const since = ctx.clock.now() - PERIODS[given].ms;
  const entries = (await ctx.showcase.top(guildId, since, TOP_POSTS)).filter((entry) => entry.stars > 0);
  await interaction.editReply({
    content: renderTop(guildId, entries, given, interaction.locale),
    allowedMentions: NO_MENTIONS,
  });
}

export const command = subcommandsCommand({
  data,
  atStake: "nothing",
  run: (interaction, ctx) => run(interaction, ctx),
});
