import { createHash, randomBytes } from "node:crypto";
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
 * What a member waits for, most urgent first. Acknowledgements (interaction callbacks and the ephemeral reply, sent
 * by discord.js on the interaction token) are not here: Discord does not count interaction routes against a bot's
 * global limit, so they never wait behind anything of the outbox.
 *  - post: a new job's progress message (the member's first sign that the job exists)
 *  - delivery: a result, its thread, the look-ups it needs, a job's final progress edit, the showcase link
 *  - edit: a running job's progress edit (may slow under load; superseded ones are dropped)
 */
export type Urgency = "post" | "delivery" | "edit";
const ORDER: readonly Urgency[] = ["post", "delivery", "edit"];

/**
 * Discord's global limit: 50 requests a second per bot token (interaction routes excluded). The outbox sends at
 * most this many in any second, leaving a few for the bot-token calls discord.js makes by itself (channel fetches).
 */
export const OUTBOX_REQUESTS_PER_SECOND = 45;

/**
 * discord.js's own pre-emptive global counter (REST option `globalRequestsPerSecond`, default 50) counts interaction
 * routes too, so at 40 commands a second (a deferReply and an editReply each) it would hold acknowledgements behind
 * progress edits. The outbox keeps bot-token calls under Discord's limit, so discord.js's counter is set above
 * what both can reach; its per-route buckets and its handling of 429s (global ones included) stay as they are.
 */
export const REST_GLOBAL_REQUESTS_PER_SECOND = 500;

export interface OutboxOptions {
  /** bot-token calls sent in any 1,000 ms (default OUTBOX_REQUESTS_PER_SECOND; tests lower it) */
  perSecond?: number;
  now?: () => number;
}

interface Pending {
  urgency: Urgency;
  /** edits only: the message it edits (one edit of a message is sent at a time, so they land in order) */
  messageId?: string;
  send: () => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * A message create's `nonce` (at most 25 characters): from `seed` the same each time (a job's result, whoever posts
 * it), else a fresh one. Sent with `enforce_nonce`, Discord answers a second create with the same nonce, within a few
 * minutes, with the message the first one made: a create retried after a 5xx or a timeout (discord.js's retries,
 * or a caller's after an answer that was lost) never makes a second message.
 */
export function messageNonce(seed?: string): string {
  const bytes = seed === undefined ? randomBytes(18) : createHash("sha256").update(seed).digest().subarray(0, 18);
  return bytes.toString("base64url");
}

/** A progress edit replaced by a newer one before it was sent: it was never sent (nothing to show for it). */
export const SUPERSEDED = Symbol("superseded");

/**
 * Everything the bot posts after the first reply goes through the bot token (channel routes), never the
 * interaction token, which dies after 15 minutes. The outbox sits in front of client.rest: it sends at most
 * `perSecond` calls in any second, the most urgent first (Urgency), in order within one urgency; an edit still
 * waiting when a newer edit of the same message arrives is dropped (its caller gets SUPERSEDED), and the newer one
 * keeps its place in the line. discord.js then handles per-route buckets and 429s as always.
 */
export class DiscordOutbox {
  private readonly lines = new Map<Urgency, Pending[]>(ORDER.map((u) => [u, []]));
  /** the queued edit of each message (by message id) */
  private readonly queuedEdits = new Map<string, Pending>();
  /**
   * messages with an edit on its way: discord.js may send two calls on one route at once (e.g. while it learns the
   * route's bucket after a 429), so an edit that overtook the one before would leave the message showing an older state
   */
  private readonly editing = new Set<string>();
  /** when the calls of the last second were sent */
  private readonly sentAt: number[] = [];
  private readonly perSecond: number;
  private readonly now: () => number;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly rest: REST,
    options: OutboxOptions = {},
  ) {
    this.perSecond = options.perSecond ?? OUTBOX_REQUESTS_PER_SECOND;
    this.now = options.now ?? Date.now;
  }

  /** calls waiting to be sent, by urgency */
  get waiting(): Record<Urgency, number> {
    return {
      post: this.lines.get("post")!.length,
      delivery: this.lines.get("delivery")!.length,
      edit: this.lines.get("edit")!.length,
    };
  }

  async post(
    channelId: string,
    body: RESTPostAPIChannelMessageJSONBody,
    files: OutgoingFile[] = [],
    urgency: Urgency = "post",
    /** run when the post's turn comes, right before it is sent: throwing sends nothing (a job's delivery claim) */
    beforeSend?: () => Promise<void>,
  ): Promise<APIMessage> {
    // one nonce for every send of this post (the body's own, or a fresh one): discord.js's retries of a create that
    // timed out or got a 5xx after Discord made the message return that message instead of making a second one
    const withNonce = { ...body, nonce: body.nonce ?? messageNonce(), enforce_nonce: true };
    const withAttachments = files.length
      ? { ...withNonce, attachments: files.map((file, id) => ({ id: String(id), filename: file.name })) }
      : withNonce;
    return (await this.enqueue(urgency, async () => {
      await beforeSend?.();
      return this.rest.post(Routes.channelMessages(channelId), {
        body: withAttachments,
        ...(files.length
          ? { files: files.map((f) => ({ name: f.name, data: f.data, contentType: f.contentType })) }
          : {}),
      });
    })) as APIMessage;
  }

  /**
   * Edits a message. An edit still waiting when a newer edit of the same message arrives resolves SUPERSEDED
   * without being sent. A "delivery" edit (a job's final state) is never dropped for an "edit" one: it drops a
   * waiting "edit", and an "edit" made while it waits is dropped instead.
   */
  async edit(
    channelId: string,
    messageId: string,
    body: RESTPatchAPIChannelMessageJSONBody,
    urgency: Urgency = "edit",
  ): Promise<APIMessage | typeof SUPERSEDED> {
    const send = () => this.rest.patch(Routes.channelMessage(channelId, messageId), { body });
    const queued = this.queuedEdits.get(messageId);
    if (queued) {
      // a job's final state already waits to be shown: a running edit made after it is dropped
      if (queued.urgency === "delivery" && urgency === "edit") return SUPERSEDED;
      if (queued.urgency === urgency) {
        // the newer body takes the older one's place in the line; the older is never sent
        const previous = queued.resolve;
        return new Promise<unknown>((resolve, reject) => {
          queued.send = send;
          queued.resolve = resolve;
          queued.reject = reject;
          previous(SUPERSEDED);
        }) as Promise<APIMessage | typeof SUPERSEDED>;
      }
      // a final edit replaces a waiting running one, and goes in its own (earlier) line
      this.queuedEdits.delete(messageId);
      this.remove(queued);
      queued.resolve(SUPERSEDED);
    }
    return (await this.enqueue(urgency, send, messageId)) as APIMessage | typeof SUPERSEDED;
  }

  async message(channelId: string, messageId: string): Promise<APIMessage> {
    return (await this.rest.get(Routes.channelMessage(channelId, messageId))) as APIMessage;
  }

  async recentMessages(channelId: string, limit: number): Promise<APIMessage[]> {
    return (await this.enqueue("delivery", () =>
      this.rest.get(Routes.channelMessages(channelId), { query: new URLSearchParams({ limit: String(limit) }) }),
    )) as APIMessage[];
  }

  /**
   * Discord attachment links signed anew (POST /attachments/refresh-urls): original → refreshed. Urgency "post": a
   * rerun waits for it before its job can start.
   */
  async refreshUrls(urls: readonly string[]): Promise<Map<string, string>> {
    const answer = (await this.enqueue("post", () =>
      this.rest.post("/attachments/refresh-urls", { body: { attachment_urls: urls } }),
    )) as {
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
    return (await this.enqueue("delivery", () =>
      this.rest.post(Routes.threads(channelId, messageId), { body: { name, auto_archive_duration: 1440 } }),
    )) as APIChannel;
  }

  private enqueue(urgency: Urgency, send: () => Promise<unknown>, messageId?: string): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const pending: Pending = { urgency, send, resolve, reject, ...(messageId ? { messageId } : {}) };
      this.lines.get(urgency)!.push(pending);
      if (messageId) this.queuedEdits.set(messageId, pending);
      this.pump();
    });
  }

  private remove(pending: Pending): void {
    const line = this.lines.get(pending.urgency)!;
    const at = line.indexOf(pending);
    if (at >= 0) line.splice(at, 1);
  }

  /** Sends what the budget allows, most urgent first; wakes up when the oldest send leaves the window. */
  private pump(): void {
    const now = this.now();
    while (this.sentAt.length && this.sentAt[0]! <= now - 1_000) this.sentAt.shift();
    while (this.sentAt.length < this.perSecond) {
      const next = this.next();
      if (!next) return;
      this.sentAt.push(now);
      const { messageId } = next;
      if (messageId) {
        this.queuedEdits.delete(messageId);
        this.editing.add(messageId);
      }
      next
        .send()
        .finally(() => {
          if (!messageId) return;
          this.editing.delete(messageId);
          this.pump(); // the message's next edit may go now
        })
        .then(next.resolve, next.reject);
    }
    if (!this.timer && this.hasWaiting()) {
      this.timer = setTimeout(
        () => {
          this.timer = undefined;
          this.pump();
        },
        Math.max(1, this.sentAt[0]! + 1_000 - now),
      );
    }
  }

  /** The most urgent call that may go: an edit waits while an earlier edit of its message is still on its way. */
  private next(): Pending | undefined {
    for (const urgency of ORDER) {
      const line = this.lines.get(urgency)!;
      const at = line.findIndex((p) => !p.messageId || !this.editing.has(p.messageId));
      if (at >= 0) return line.splice(at, 1)[0];
    }
    return undefined;
  }

  private hasWaiting(): boolean {
    return ORDER.some((u) => this.lines.get(u)!.length > 0);
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

/**
 * A call that failed without Discord refusing it — a 5xx, a timeout, a dropped connection — may have been carried
 * out all the same (a 502 from Discord's edge can answer a message Discord went on to create).
 */
export function mayHaveBeenCarriedOut(error: unknown): boolean {
  const status = discordStatus(error);
  return status === undefined || status >= 500;
}

/** Discord says the channel is gone, or the bot can no longer see it: nothing can be posted or read there. */
export function channelIsGone(error: unknown): boolean {
  const code = discordCode(error);
  return code === DISCORD_CODES.unknownChannel || code === DISCORD_CODES.missingAccess;
}
