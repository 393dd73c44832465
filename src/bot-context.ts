import type { ChatInputCommandInteraction, Guild } from "discord.js";
import type { Clock } from "./clock.js";
import type { CommandInput } from "./requests/kling-request.js";
import type { QuotaService } from "./quota/quota-service.js";

/** What command handlers may call: the rest of the bot, injected. */
export interface BotContext {
  startJob(interaction: ChatInputCommandInteraction, input: CommandInput): Promise<void>;
  /** server owners' settings, the quota ledger and usage (/kling-config, /kling-usage) */
  quota: QuotaService;
  clock: Pick<Clock, "now">;
  /** /kling-config check: what this server's set-up lacks, rendered for its owner */
  setupCheck(guild: Guild): Promise<string>;
}
