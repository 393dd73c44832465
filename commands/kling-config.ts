import {
  ApplicationCommandOptionType,
  ChannelType,
  MessageFlags,
  PermissionFlagsBits,
  type ChatInputCommandInteraction,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord.js";
import type { BotContext } from "../src/bot-context.js";
import { UserError } from "../src/discord/interaction-boundary.js";
import { DISCORD_LIMITS, NO_MENTIONS, truncate } from "../src/discord/render.js";
import {
  describeSetting,
  SETTING_LABELS,
  SETTINGS_LIMITS,
  type GuildSettings,
  type SettingKey,
  type SettingsOverrides,
  type StoredOverrides,
} from "../src/guild/settings.js";
import { usdToMicros } from "../src/quota/money.js";
import { QUOTA_TIMEZONE } from "../src/quota/periods.js";

const LIST_ACTIONS = [
  { name: "add", value: "add" },
  { name: "remove", value: "remove" },
  { name: "clear (no restriction)", value: "clear" },
];

/** Settings `reset` can return to the environment's default. */
const RESETTABLE: readonly SettingKey[] = [
  "allowedChannelIds",
  "allowedRoleIds",
  "userConcurrentJobs",
  "userCooldownSec",
  "userDailySeconds",
  "guildDailyBudgetMicros",
  "guildMonthlyBudgetMicros",
  "pricePerSecondMicros",
  "showcaseChannelId",
  "blockedPromptWords",
  "threads",
  "rerunsByAnyone",
];

/** Manage Server only (Discord hides it from others; the handler checks again). Every reply is ephemeral. */
export const data = {
  name: "kling-config",
  description: "Server owners: who may use Kling where, limits, budgets and price (Manage Server)",
  default_member_permissions: PermissionFlagsBits.ManageGuild.toString(),
  options: [
    { type: ApplicationCommandOptionType.Subcommand, name: "show", description: "Show this server's Kling settings" },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: "pause",
      description: "Stop new jobs on this server (running jobs finish)",
      options: [{ type: ApplicationCommandOptionType.String, name: "reason", description: "Shown to members who try", max_length: SETTINGS_LIMITS.maxPauseReason }],
    },
    { type: ApplicationCommandOptionType.Subcommand, name: "resume", description: "Accept new jobs again" },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: "limits",
      description: "Per-member limits (0 = no limit for cooldown and daily seconds)",
      options: [
        { type: ApplicationCommandOptionType.Integer, name: "jobs_at_once", description: "Jobs one member may run at once", min_value: 1, max_value: SETTINGS_LIMITS.maxConcurrentJobs },
        { type: ApplicationCommandOptionType.Integer, name: "cooldown_seconds", description: "Seconds between one member's jobs", min_value: 0, max_value: SETTINGS_LIMITS.maxCooldownSec },
        { type: ApplicationCommandOptionType.Integer, name: "daily_seconds", description: `Seconds of output video per member per day (resets 00:00 ${QUOTA_TIMEZONE})`, min_value: 0, max_value: SETTINGS_LIMITS.maxDailySeconds },
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: "budget",
      description: "Server budgets in US dollars (0 = no limit) and the price estimate",
      options: [
        { type: ApplicationCommandOptionType.Number, name: "daily_usd", description: `Spend per day, whole server (resets 00:00 ${QUOTA_TIMEZONE})`, min_value: 0, max_value: 1_000_000 },
        { type: ApplicationCommandOptionType.Number, name: "monthly_usd", description: "Spend per calendar month, whole server", min_value: 0, max_value: 10_000_000 },
        { type: ApplicationCommandOptionType.Number, name: "price_per_second_usd", description: "What fal charges per output second (an estimate; default 0.126)", min_value: 0, max_value: 100 },
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: "channels",
      description: "Channels where Kling may be used (none = everywhere)",
      options: [
        { type: ApplicationCommandOptionType.String, name: "action", description: "What to do", required: true, choices: LIST_ACTIONS },
        {
          type: ApplicationCommandOptionType.Channel,
          name: "channel",
          description: "The channel (threads in it are included)",
          channel_types: [ChannelType.GuildText, ChannelType.GuildAnnouncement],
        },
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: "roles",
      description: "Roles allowed to use Kling (none = everyone)",
      options: [
        { type: ApplicationCommandOptionType.String, name: "action", description: "What to do", required: true, choices: LIST_ACTIONS },
        { type: ApplicationCommandOptionType.Role, name: "role", description: "The role" },
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: "block-words",
      description: "Words or phrases a prompt may not contain",
      options: [
        { type: ApplicationCommandOptionType.String, name: "action", description: "What to do", required: true, choices: LIST_ACTIONS },
        { type: ApplicationCommandOptionType.String, name: "words", description: "Comma-separated words or phrases", max_length: 1000 },
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: "showcase",
      description: "The showcase channel (leave empty to unset)",
      options: [
        { type: ApplicationCommandOptionType.Channel, name: "channel", description: "Where finished videos are showcased", channel_types: [ChannelType.GuildText, ChannelType.GuildAnnouncement] },
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: "threads",
      description: "Whether results may leave the channel into a thread",
      options: [{ type: ApplicationCommandOptionType.Boolean, name: "enabled", description: "On: a thread per result; off: results stay in the channel", required: true }],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: "reruns",
      description: "Who may press Retry and Remix on someone else's result",
      options: [
        {
          type: ApplicationCommandOptionType.String,
          name: "who",
          description: "requester: only the requester and Manage Messages; everyone: any member",
          required: true,
          choices: [
            { name: "requester (and Manage Messages)", value: "requester" },
            { name: "everyone", value: "everyone" },
          ],
        },
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: "reset",
      description: "Return a setting to the bot's default",
      options: [
        {
          type: ApplicationCommandOptionType.String,
          name: "setting",
          description: "Which setting",
          required: true,
          choices: [{ name: "all settings", value: "all" }, ...RESETTABLE.map((key) => ({ name: SETTING_LABELS[key], value: key }))],
        },
      ],
    },
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

const SHOWN: readonly SettingKey[] = [
  "paused",
  "allowedChannelIds",
  "allowedRoleIds",
  "blockedPromptWords",
  "userConcurrentJobs",
  "userCooldownSec",
  "userDailySeconds",
  "guildDailyBudgetMicros",
  "guildMonthlyBudgetMicros",
  "pricePerSecondMicros",
  "showcaseChannelId",
  "threads",
  "rerunsByAnyone",
];

const clip = (value: string) => (value.length > 300 ? `${value.slice(0, 299)}…` : value);

/** What `show` says about stored values that no longer parsed (settings-store repairs them field by field). */
function renderRepairs(settings: GuildSettings, stored: Pick<StoredOverrides, "overrides" | "repaired" | "unreadable">): string[] {
  if (stored.unreadable) {
    return ["⚠️ repaired: the stored settings could not be read at all, so every setting fell back to the default. Set them again."];
  }
  return stored.repaired.map((key) => {
    const full = describeSetting(key, settings);
    const value = full.length > 100 ? `${full.slice(0, 99)}…` : full;
    return key in stored.overrides
      ? `⚠️ repaired: ${SETTING_LABELS[key]} had invalid entries, which were dropped; it is now ${value}.`
      : `⚠️ repaired: ${SETTING_LABELS[key]} was invalid and fell back to ${value} (the default). Set it again to change it.`;
  });
}

/** The settings as /kling-config shows them: each value, and whether this server set it or it is the default (pure). */
export function renderSettings(
  settings: GuildSettings,
  overrides: SettingsOverrides,
  heading = "**Kling settings for this server**",
  repairs: Pick<StoredOverrides, "repaired" | "unreadable"> = { repaired: [], unreadable: false },
): string {
  const lines = SHOWN.map((key) => {
    const source = key in overrides || (key === "paused" && "pausedReason" in overrides) ? "" : " *(default)*";
    return `• ${SETTING_LABELS[key]}: ${clip(describeSetting(key, settings))}${source}`;
  });
  return [
    heading,
    ...lines,
    ...renderRepairs(settings, { overrides, ...repairs }),
    `-# Limits are checked in this order: channel, role, blocked words, jobs at once, cooldown, daily seconds, server budget. Days reset at 00:00 ${QUOTA_TIMEZONE}, months on the 1st. Changes apply at once.`,
  ].join("\n");
}

/** A channel or role option's id (read from the option itself: Discord may leave it out of `resolved`). */
function idOption(interaction: ChatInputCommandInteraction, name: string): string | undefined {
  const value = interaction.options.get(name)?.value;
  return typeof value === "string" && /^\d{5,25}$/.test(value) ? value : undefined;
}

/** Adds or removes members of a list setting (pure). */
export function editList(current: readonly string[], action: string, items: readonly string[], max: number): string[] {
  if (action === "clear") return [];
  if (!items.length) throw new UserError(`Say which one to ${action}.`);
  if (action === "add") {
    const next = [...current];
    for (const item of items) if (!next.some((c) => c.toLowerCase() === item.toLowerCase())) next.push(item);
    if (next.length > max) throw new UserError(`That would make ${next.length}; the limit is ${max}.`);
    return next;
  }
  return current.filter((c) => !items.some((item) => item.toLowerCase() === c.toLowerCase()));
}

async function change(interaction: ChatInputCommandInteraction, ctx: BotContext, guildId: string): Promise<{ settings: GuildSettings; what: string }> {
  const store = ctx.quota.settings;
  const options = interaction.options;
  const sub = options.getSubcommand(true);
  const update = async (what: string, fn: (s: GuildSettings) => SettingsOverrides) => ({ settings: await store.update(guildId, fn), what });
  switch (sub) {
    case "pause": {
      const reason = options.getString("reason")?.replace(/\s+/g, " ").trim() || null;
      return update("Paused: members' new jobs are refused with the reason; running jobs finish.", () => ({ paused: true, pausedReason: reason }));
    }
    case "resume":
      return update("Resumed: new jobs are accepted again.", () => ({ paused: false, pausedReason: null }));
    case "limits": {
      const patch: SettingsOverrides = {};
      const jobs = options.getInteger("jobs_at_once");
      const cooldown = options.getInteger("cooldown_seconds");
      const daily = options.getInteger("daily_seconds");
      if (jobs !== null) patch.userConcurrentJobs = jobs;
      if (cooldown !== null) patch.userCooldownSec = cooldown;
      if (daily !== null) patch.userDailySeconds = daily === 0 ? null : daily;
      if (!Object.keys(patch).length) throw new UserError("Give at least one of `jobs_at_once`, `cooldown_seconds`, `daily_seconds`.");
      return update("Limits updated.", () => patch);
    }
    case "budget": {
      const patch: SettingsOverrides = {};
      const daily = options.getNumber("daily_usd");
      const monthly = options.getNumber("monthly_usd");
      const price = options.getNumber("price_per_second_usd");
      if (daily !== null) patch.guildDailyBudgetMicros = daily === 0 ? null : usdToMicros(daily);
      if (monthly !== null) patch.guildMonthlyBudgetMicros = monthly === 0 ? null : usdToMicros(monthly);
      if (price !== null) patch.pricePerSecondMicros = usdToMicros(price);
      if (!Object.keys(patch).length) throw new UserError("Give at least one of `daily_usd`, `monthly_usd`, `price_per_second_usd`.");
      return update("Budget updated (jobs already running keep the price they were accepted at).", () => patch);
    }
    case "channels": {
      const action = options.getString("action", true);
      const channel = idOption(interaction, "channel");
      return update("Allowed channels updated.", (s) => ({
        allowedChannelIds: editList(s.allowedChannelIds, action, channel ? [channel] : [], SETTINGS_LIMITS.maxChannels),
      }));
    }
    case "roles": {
      const action = options.getString("action", true);
      const role = idOption(interaction, "role");
      return update("Allowed roles updated.", (s) => ({
        allowedRoleIds: editList(s.allowedRoleIds, action, role ? [role] : [], SETTINGS_LIMITS.maxRoles),
      }));
    }
    case "block-words": {
      const action = options.getString("action", true);
      const words = (options.getString("words") ?? "")
        .split(",")
        .map((w) => w.replace(/\s+/g, " ").trim())
        .filter(Boolean);
      const tooLong = words.find((w) => w.length > SETTINGS_LIMITS.maxBlockedWordLength);
      if (tooLong) throw new UserError(`Each blocked word or phrase may be at most ${SETTINGS_LIMITS.maxBlockedWordLength} characters.`);
      return update("Blocked words updated.", (s) => ({
        blockedPromptWords: editList(s.blockedPromptWords, action, words, SETTINGS_LIMITS.maxBlockedWords),
      }));
    }
    case "showcase": {
      const channel = idOption(interaction, "channel");
      return update(channel ? "Showcase channel set." : "Showcase channel unset.", () => ({ showcaseChannelId: channel ?? null }));
    }
    case "threads": {
      const enabled = options.getBoolean("enabled", true);
      return update(enabled ? "Results go in a thread again." : "Results stay in the channel (no threads).", () => ({ threads: enabled }));
    }
    case "reruns": {
      const everyone = options.getString("who", true) === "everyone";
      return update(
        everyone
          ? "Anyone may now press Retry and Remix on anyone's result (each rerun is a new job, checked and charged as usual)."
          : "Retry and Remix of a result are now for its requester and members with Manage Messages.",
        () => ({ rerunsByAnyone: everyone }),
      );
    }
    case "reset": {
      const setting = options.getString("setting", true);
      const keys = setting === "all" ? [...RESETTABLE, "paused" as const, "pausedReason" as const] : [setting as SettingKey];
      if (setting !== "all" && !RESETTABLE.includes(setting as SettingKey)) throw new UserError("I don't know that setting.");
      return { settings: await store.reset(guildId, keys), what: setting === "all" ? "Every setting is back to the default." : `${SETTING_LABELS[setting as SettingKey]} is back to the default.` };
    }
    default:
      return { settings: await store.get(guildId), what: "" };
  }
}

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const guildId = interaction.guildId;
  if (!guildId) throw new UserError("This command works in a server only.");
  if (!interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)) {
    throw new UserError("Only members with **Manage Server** can view or change Kling's settings. `/kling-usage` shows your own use.");
  }
  const { settings, what } = await change(interaction, ctx, guildId);
  const stored = await ctx.quota.settings.stored(guildId);
  await interaction.editReply({
    content: truncate(renderSettings(settings, stored.overrides, what ? `✅ ${what}\n**Kling settings for this server**` : undefined, stored), DISCORD_LIMITS.content),
    allowedMentions: NO_MENTIONS,
  });
}
