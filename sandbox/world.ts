import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { loadCommands } from "../commands/index.js";
import { startDiscordEmulator, type DiscordEmulator } from "../emulators/discord/index.js";
import { startFalEmulator, type FalEmulator, type Scenario } from "../emulators/fal/index.js";
import { startBot, type Bot, type BotOverrides } from "../src/bot.js";
import { loadConfig } from "../src/config.js";
import { deployCommands } from "../src/interactions/deploy-commands.js";
import { createLogger } from "../src/logger.js";
import { renderSandboxResult } from "../src/media/sandbox-filter.js";
import { LogBuffer } from "./log-buffer.js";

export const SANDBOX_RESULT_LABEL = "sandbox result";

/** The stand-ins of Discord and fal, one server with one channel and one member, and the real bot between them. */
export interface SandboxWorld {
  discord: DiscordEmulator;
  fal: FalEmulator;
  bot: Bot;
  guildId: string;
  channelId: string;
  userId: string;
  logs: LogBuffer;
  close(): Promise<void>;
}

export interface SandboxWorldOptions {
  logLevel: string;
  /** how long each fal queue step lasts (ms): long enough to watch and press Cancel; tests shorten it */
  falStepMs: number;
  /** startBot's seams (tests turn the before/after clip off to spare the shared CPUs); default none */
  botOverrides?: Omit<BotOverrides, "logger">;
}

/**
 * Links a member types (`video_url`) never reach out: the bot's media fetcher looks up no name and dials no address
 * but loopback (the stand-ins); anything else is sent to a closed port, and the bot says it could not fetch it.
 */
const LOCAL_ONLY_MEDIA: NonNullable<BotOverrides["media"]> = {
  resolve: (hostname) => Promise.reject(new Error(`the sandbox looks up no names (${hostname})`)),
  route: ({ address, port }) => (address === "127.0.0.1" ? { address, port } : { address: "127.0.0.1", port: 0 }),
};

/** What the stand-in fal does with every job: a short visible queue, then the input passed through the filter. */
function sandboxScenario(stepMs: number): Scenario {
  return {
    timeline: [
      { status: "IN_QUEUE", queuePosition: 1, ms: stepMs },
      { status: "IN_QUEUE", queuePosition: 0, ms: stepMs },
      { status: "IN_PROGRESS", logs: ["Starting generation (sandbox: no model runs)"], ms: stepMs },
      { status: "IN_PROGRESS", logs: ["Applying the sandbox filter"], ms: stepMs },
    ],
    outcome: { type: "result" },
  };
}

export async function startSandboxWorld(options: SandboxWorldOptions): Promise<SandboxWorld> {
  const logs = new LogBuffer();
  const discord = await startDiscordEmulator();
  const workDir = await mkdtemp(join(tmpdir(), "kling-sandbox-"));
  const emulatorOrigins = () => [new URL(discord.apiBase).origin, new URL(fal.baseUrl).origin];
  const fal: FalEmulator = await startFalEmulator({
    defaultScenario: sandboxScenario(options.falStepMs),
    async resultFromInput(inputUrl, job) {
      // only the stand-ins' own files: a link a member typed is not fetched from here
      if (!emulatorOrigins().includes(new URL(inputUrl).origin)) {
        throw new Error("the sandbox makes results only from files uploaded to it");
      }
      const output = join(workDir, `result-${job.requestId}.mp4`);
      await renderSandboxResult(inputUrl, output, SANDBOX_RESULT_LABEL);
      try {
        return await readFile(output);
      } finally {
        await rm(output, { force: true });
      }
    },
  });
  const guild = discord.addGuild({ name: "Kling Sandbox" });
  const channel = discord.addChannel({ guildId: guild.id, type: 0, name: "kling" });
  const user = discord.addUser({ username: "you" });

  // exactly the documented settings, pointing at the stand-ins (as test/support/bot-env.ts does)
  const env: Record<string, string> = {
    DISCORD_TOKEN: discord.botToken,
    DISCORD_APPLICATION_ID: discord.applicationId,
    DISCORD_GUILD_ID: guild.id,
    DISCORD_API_URL: discord.apiBase,
    FAL_KEY: fal.key,
    FAL_QUEUE_URL: fal.queueUrl,
    FAL_REST_URL: fal.restUrl,
    FAL_JWKS_URL: fal.jwksUrl,
    MEDIA_ALLOWED_HOSTS: `${new URL(discord.apiBase).host},${new URL(fal.queueUrl).host}`,
    STORE_URL: `sqlite://${join(workDir, "kling-bot.sqlite")}`,
    FAL_POLL_INTERVAL_MS: "250",
    PROGRESS_EDIT_INTERVAL_MS: "400",
    LOG_LEVEL: options.logLevel,
  };
  let bot: Bot | undefined;
  try {
    const config = loadConfig(env);
    await deployCommands(config, loadCommands());
    const sink = new Writable({
      write(chunk, _encoding, done) {
        logs.push(String(chunk));
        done();
      },
    });
    bot = await startBot(config, {
      media: LOCAL_ONLY_MEDIA,
      ...options.botOverrides,
      logger: createLogger(config.LOG_LEVEL, sink),
    });
  } catch (error) {
    await Promise.all([discord.close(), fal.close()]);
    await rm(workDir, { recursive: true, force: true });
    throw error;
  }
  const started = bot;
  return {
    discord,
    fal,
    bot: started,
    guildId: guild.id,
    channelId: String(channel.id),
    userId: String(user.id),
    logs,
    async close() {
      await started.stop();
      await Promise.all([discord.close(), fal.close()]);
      await rm(workDir, { recursive: true, force: true });
    },
  };
}
