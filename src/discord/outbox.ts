import {
  DiscordAPIError,
  Routes,
  type APIChannel,
  type APIMessage,
  type REST,
  type RESTPatchAPIChannelMessageJSONBody,
  type RESTPostAPIChannelMessageJSONBody,
} from "discord.js";

export interface OutgoingFile {
  name: string;
  data: Buffer;
  contentType: string;
}

/**
 * Everything the bot posts after the first reply goes through the bot token (channel routes),
 * never the interaction token, which dies after 15 minutes.
 */
export class DiscordOutbox {
  constructor(private readonly rest: REST) {}

  async post(
    channelId: string,
    body: RESTPostAPIChannelMessageJSONBody,
    files: OutgoingFile[] = [],
  ): Promise<APIMessage> {
    const withAttachments = files.length
      ? { ...body, attachments: files.map((file, id) => ({ id: String(id), filename: file.name })) }
      : body;
    return (await this.rest.post(Routes.channelMessages(channelId), {
      body: withAttachments,
      ...(files.length
        ? { files: files.map((f) => ({ name: f.name, data: f.data, contentType: f.contentType })) }
        : {}),
    })) as APIMessage;
  }

  async edit(channelId: string, messageId: string, body: RESTPatchAPIChannelMessageJSONBody): Promise<APIMessage> {
    return (await this.rest.patch(Routes.channelMessage(channelId, messageId), { body })) as APIMessage;
  }

  async message(channelId: string, messageId: string): Promise<APIMessage> {
    return (await this.rest.get(Routes.channelMessage(channelId, messageId))) as APIMessage;
  }

  async recentMessages(channelId: string, limit: number): Promise<APIMessage[]> {
    return (await this.rest.get(Routes.channelMessages(channelId), {
      query: new URLSearchParams({ limit: String(limit) }),
    })) as APIMessage[];
  }

  /** Discord attachment links signed anew (POST /attachments/refresh-urls): original → refreshed. */
  async refreshUrls(urls: readonly string[]): Promise<Map<string, string>> {
    const answer = (await this.rest.post("/attachments/refresh-urls", { body: { attachment_urls: urls } })) as {
      refreshed_urls?: { original?: unknown; refreshed?: unknown }[];
    };
    const fresh = new Map<string, string>();
    for (const entry of answer.refreshed_urls ?? []) {
      if (typeof entry.original === "string" && typeof entry.refreshed === "string" && urls.includes(entry.original))
        fresh.set(entry.original, entry.refreshed);
    }
    return fresh;
  }

  async startThread(channelId: string, messageId: string, name: string): Promise<APIChannel> {
    return (await this.rest.post(Routes.threads(channelId, messageId), {
      body: { name, auto_archive_duration: 1440 },
    })) as APIChannel;
  }
}

/** Discord JSON error codes the delivery ladder reacts to. */
export const DISCORD_CODES = {
  unknownChannel: 10003,
  unknownMessage: 10008,
  missingAccess: 50001,
  missingPermissions: 50013,
  requestEntityTooLarge: 40005,
  threadAlreadyCreated: 160004,
} as const;

export function discordCode(error: unknown): number | undefined {
  if (error instanceof DiscordAPIError) return typeof error.code === "number" ? error.code : undefined;
  return undefined;
}

export function discordStatus(error: unknown): number | undefined {
  if (error instanceof DiscordAPIError) return error.status;
  if (error && typeof error === "object" && "status" in error && typeof error.status === "number") return error.status;
  return undefined;
}

/** Discord says the channel is gone, or the bot can no longer see it: nothing can be posted or read there. */
export function channelIsGone(error: unknown): boolean {
  const code = discordCode(error);
  return code === DISCORD_CODES.unknownChannel || code === DISCORD_CODES.missingAccess;
}
