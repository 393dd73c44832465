import type { DiscordEmulator } from "../../emulators/discord/index.js";
import type { FalEmulator } from "../../emulators/fal/index.js";

/**
 * The documented configuration that points the real bot at the two emulators — and nothing else: the bot
 * does not know it is emulated. Both emulators are on loopback, so their hosts are allow-listed for media —
 * unless `publicMedia`: their CDNs then stand under public names on a test network (emulators/public-net.ts,
 * given to the bot as BotOverrides.media), nothing is allow-listed, and links go to fal as members sent them.
 */
export function botEnv(
  discord: DiscordEmulator,
  fal: FalEmulator,
  options: { guildId: string; storeUrl?: string; pollMs?: number; editMs?: number; publicMedia?: boolean },
): Record<string, string> {
  return {
    DISCORD_TOKEN: discord.botToken,
    DISCORD_APPLICATION_ID: discord.applicationId,
    DISCORD_GUILD_ID: options.guildId,
    DISCORD_API_URL: discord.apiBase,
    FAL_KEY: fal.key,
    FAL_QUEUE_URL: fal.queueUrl,
    FAL_REST_URL: fal.restUrl,
    FAL_JWKS_URL: fal.jwksUrl,
    FAL_API_URL: fal.apiUrl,
    ...(options.publicMedia
      ? {}
      : { MEDIA_ALLOWED_HOSTS: `${new URL(discord.apiBase).host},${new URL(fal.queueUrl).host}` }),
    ...(options.storeUrl ? { STORE_URL: options.storeUrl } : {}),
    FAL_POLL_INTERVAL_MS: String(options.pollMs ?? 100),
    PROGRESS_EDIT_INTERVAL_MS: String(options.editMs ?? 150),
  };
}
