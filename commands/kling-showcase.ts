import { ApplicationCommandOptionType, MessageFlags, type ChatInputCommandInteraction } from "discord.js";
import type { BotContext } from "../src/bot-context.js";
import { subcommandsCommand, UserError, type SubcommandsData } from "../src/interactions/command.js";
import { DISCORD_LIMITS, messageLink, NO_MENTIONS } from "../src/discord/render.js";
import { inertUserText } from "../src/inert-text.js";
import type { ShowcaseEntry } from "../src/showcase/board.js";
import { truncate } from "../src/text.js";

/** How many posts `top` lists. */
export const TOP_POSTS = 10;

const DAY_MS = 86_400_000;
/** Rolling windows ending now (a showcase's week is the last seven days, not a calendar week). */
export const PERIODS = {
  week: { label: "the last 7 days", ms: 7 * DAY_MS },
  month: { label: "the last 30 days", ms: 30 * DAY_MS },
  all: { label: "all time", ms: Number.POSITIVE_INFINITY },
} as const;
type Period = keyof typeof PERIODS;
const isPeriod = (value: string): value is Period => Object.hasOwn(PERIODS, value);

const data = {
  name: "kling-showcase",
  description: "The server's showcase: its most starred videos",
  options: [
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: "top",
      description: "The most starred showcase posts",
      options: [
        {
          type: ApplicationCommandOptionType.String,
          name: "period",
          description: "Which posts: of the last 7 days (default), the last 30 days, or all time",
          choices: [
            { name: "week", value: "week" },
            { name: "month", value: "month" },
            { name: "all", value: "all" },
          ],
        },
      ],
    },
  ],
} satisfies SubcommandsData;

/** The ranking as text (pure): member text inert, links plain (no previews), never a mention. */
export function renderTop(guildId: string, entries: readonly ShowcaseEntry[], period: Period): string {
  const { label } = PERIODS[period];
  if (!entries.length)
    return `No showcase post has a star yet in ${label}. Press ⭐ on the posts in the showcase channel to rank them.`;
  const lines = entries.map((entry, i) => {
    const link = messageLink(guildId, entry.channelId, entry.messageId);
    const who = inertUserText(entry.requesterName, 40);
    return `${i + 1}\\. ⭐ ${entry.stars} · ${inertUserText(entry.prompt, 80)} · by ${who} · <${link}>`;
  });
  return truncate([`**Most starred in the showcase, ${label}**`, ...lines].join("\n"), DISCORD_LIMITS.content);
}

async function run(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const guildId = interaction.guildId;
  if (!guildId) throw new UserError("This command works in a server only.");
  const given = interaction.options.getString("period") ?? "week";
  if (!isPeriod(given)) throw new UserError("The period is week, month or all.");
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const since = ctx.clock.now() - PERIODS[given].ms;
  const entries = (await ctx.showcase.top(guildId, since, TOP_POSTS)).filter((entry) => entry.stars > 0);
  await interaction.editReply({ content: renderTop(guildId, entries, given), allowedMentions: NO_MENTIONS });
}

export const command = subcommandsCommand({
  data,
  atStake: "nothing",
  run: (interaction, ctx) => run(interaction, ctx),
});
