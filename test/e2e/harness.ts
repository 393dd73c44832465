import { expect } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { startBot, type Bot, type BotOverrides } from "../../src/bot.js";
import { loadConfig } from "../../src/config.js";
import { deployCommands } from "../../src/interactions/deploy-commands.js";
import { loadCommands } from "../../commands/index.js";
import { createLogger } from "../../src/logger.js";
import {
  startDiscordEmulator,
  type DiscordAttachment,
  type DiscordEmulator,
  type StoredMessage,
} from "../../emulators/discord/index.js";
import { startFalEmulator, type FalEmulator, type StartFalEmulatorOptions } from "../../emulators/fal/index.js";
import { createPublicNetwork, type PublicNetwork } from "../../emulators/public-net.js";
import { makeImage, type ImageRecipe, type VideoRecipe } from "../media/corpus.js";
import { botEnv } from "../support/bot-env.js";
import { attachVideo } from "../support/clip.js";

export interface World {
  discord: DiscordEmulator;
  fal: FalEmulator;
  bot: Bot;
  guildId: string;
  channelId: string;
  userId: string;
  env: Record<string, string>;
  logs: string[];
  /** the links members send: "allow-listed" (emulators on loopback, inputs re-hosted) or "public" (production path) */
  media: MediaPath;
  /** the pretend internet the emulators' CDNs stand on, when media is "public" */
  network?: PublicNetwork;
  video(recipe?: Partial<VideoRecipe>, filename?: string): Promise<DiscordAttachment>;
  image(recipe?: Partial<ImageRecipe>, filename?: string): Promise<DiscordAttachment>;
  /** the bot's public progress message for the newest job in a channel */
  progressMessage(channelId?: string): StoredMessage | undefined;
  /** stops the bot (as on SIGTERM) and starts a new one on the same store, as after a restart */
  restart(env?: Record<string, string>): Promise<Bot>;
  close(): Promise<void>;
}

export type MediaPath = "allow-listed" | "public";

/**
 * Both ways members' links can reach the bot, for tests that run on each: "allow-listed" (the emulators' loopback
 * CDNs are in MEDIA_ALLOWED_HOSTS, so inputs are re-uploaded to fal storage) and "public" (the production path:
 * cdn.discordapp.com links checked against DNS by the SSRF guard and passed straight to fal).
 */
export const MEDIA_PATHS: readonly MediaPath[] = ["allow-listed", "public"];

export interface WorldOptions {
  tokenLifetimeMs?: number;
  attachmentSizeLimit?: number;
  env?: Record<string, string>;
  /**
   * injectable seams of startBot (the logger is the harness's own); a function is called once both emulators run
   * (for seams built on them, e.g. a wrapped fal gateway). Kept across restarts.
   */
  overrides?: Omit<BotOverrides, "logger"> | ((fal: FalEmulator) => Omit<BotOverrides, "logger">);
  /** default "allow-listed" */
  media?: MediaPath;
  /** the fal emulator's options (e.g. how it delivers webhooks) */
  fal?: Omit<StartFalEmulatorOptions, "publicNetwork">;
  /**
   * before/after clips (ffmpeg looked up on PATH as in production), made small and fast for the shared test CPUs;
   * default off, so tests that do not check them spend no CPU on them
   */
  comparisons?: boolean;
}

/** The clips' bounds in tests that turn them on: 270 px halves, x264's fastest preset (the code paths are the same). */
export const TEST_COMPARISON_LIMITS = { panelShortSide: 270, preset: "ultrafast" } as const;

/** Both emulators, commands deployed with the real deploy code, and the real bot logged in with only its documented configuration. */
export async function startWorld(options: WorldOptions = {}): Promise<World> {
  const media = options.media ?? "allow-listed";
  const network = media === "public" ? await createPublicNetwork() : undefined;
  const discord = await startDiscordEmulator({
    tokenLifetimeMs: options.tokenLifetimeMs ?? 15 * 60_000,
    ...(network ? { publicNetwork: network } : {}),
  });
  const fal = await startFalEmulator({ ...options.fal, ...(network ? { publicNetwork: network } : {}) });
  const guild = discord.addGuild({
    name: "Kling Lab",
    attachmentSizeLimit: options.attachmentSizeLimit ?? 10 * 1024 * 1024,
  });
  const channel = discord.addChannel({ guildId: guild.id, type: 0, name: "kling" });
  const user = discord.addUser({ username: "ana" });
  const dataDir = mkdtempSync(join(tmpdir(), "kling-e2e-"));
  const env: Record<string, string> = {
    ...botEnv(discord, fal, {
      guildId: guild.id,
      storeUrl: `sqlite://${join(dataDir, "kling-bot.sqlite")}`,
      publicMedia: Boolean(network),
    }),
    LOG_LEVEL: "debug",
    ...options.env,
  };
  const config = loadConfig(env);
  await deployCommands(config, loadCommands());

  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const logger = createLogger(config.LOG_LEVEL, sink);
  const overrides = {
    comparisons: options.comparisons ? TEST_COMPARISON_LIMITS : ("off" as const),
    ...(typeof options.overrides === "function" ? options.overrides(fal) : (options.overrides ?? {})),
  };
  // the bot reaches the public names only because this network's DNS and routes say so; its SSRF checks stay on
  const mediaSeams = network ? { media: { resolve: network.resolve, route: network.route, ca: network.ca } } : {};
  const bot = await startBot(config, { ...overrides, ...mediaSeams, logger });

  const world: World = {
    discord,
    fal,
    bot,
    guildId: guild.id,
    channelId: channel.id as string,
    userId: user.id as string,
    env,
    logs,
    media,
    ...(network ? { network } : {}),
    video: (recipe, filename) => attachVideo(discord, recipe, filename),
    async image(recipe = {}, filename) {
      const format = recipe.format ?? "png";
      const path = await makeImage({ width: 512, height: 512, format, ...recipe });
      const name = filename ?? `image.${format}`;
      const contentType = { jpg: "image/jpeg", png: "image/png", webp: "image/webp", gif: "image/gif" }[format];
      return discord.addAttachment({
        filename: name,
        contentType,
        data: path,
        width: recipe.width ?? 512,
        height: recipe.height ?? 512,
      });
    },
    progressMessage(channelId = channel.id as string) {
      return discord
        .messages(channelId)
        .filter((m) => !m.ephemeral && !m.deleted && m.raw.embeds?.[0]?.title?.startsWith("Kling"))
        .at(-1);
    },
    async restart(extraEnv = {}) {
      await world.bot.stop();
      Object.assign(env, extraEnv);
      // the same seams, except a pool: the stopped bot closed it
      const { inspectPool: _closed, ...seams } = overrides;
      world.bot = await startBot(loadConfig(env), { ...seams, ...mediaSeams, logger });
      return world.bot;
    },
    async close() {
      await world.bot.stop();
      await Promise.all([discord.close(), fal.close()]);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return world;
}

/** After a test: everything is closed, then nothing the bot sent may have been something Discord would reject. */
export async function closeWorld(world: World | undefined): Promise<void> {
  if (!world) return;
  try {
    await world.close();
  } finally {
    // checked after the teardown, so a violation never leaves the emulators and the bot running
    expect(world.discord.specViolations).toEqual([]);
  }
}

/** The status field of a progress message as last edited. */
export function statusOf(message: StoredMessage | undefined): string {
  return message?.raw.embeds?.[0]?.fields?.find((f: { name: string }) => f.name === "Status")?.value ?? "";
}

/** Every status the progress message showed, in order (its first post, then each edit). */
export function statusHistory(discord: DiscordEmulator, message: StoredMessage): string[] {
  const first = discord.requests.find((r) => r.method === "POST" && r.response?.id === message.raw.id);
  const bodies = [first?.body, ...message.edits.map((e) => e.body)].filter(Boolean);
  return bodies.map((b) => b.embeds?.[0]?.fields?.find((f: { name: string }) => f.name === "Status")?.value ?? "");
}
