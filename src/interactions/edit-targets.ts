import type { Keyv } from "keyv";
import type { MessageVideo } from "../requests/message-video.js";

/** What "Edit with Kling" found on a message, kept for the modal that follows (its custom id holds only ids). */
export interface EditTarget {
  guildId: string;
  channelId: string;
  messageId: string;
  video: MessageVideo;
}

/** How long a member may take to fill in the form. */
export const EDIT_TARGET_TTL_MS = 60 * 60_000;

/**
 * The videos members opened the "Edit with Kling" form on, in the store (any process may receive the submit),
 * keyed by member and message: one member's form never reads another's, and a record expires with the form.
 * The bot cannot read the message again at submit time: without the Message Content intent Discord sends its
 * attachments only with the context-menu interaction.
 */
export class EditTargets {
  constructor(
    private readonly keyv: Keyv,
    private readonly ttlMs = EDIT_TARGET_TTL_MS,
  ) {}

  private key(userId: string, messageId: string): string {
    return `edit-target:${userId}:${messageId}`;
  }

  async put(userId: string, target: EditTarget): Promise<void> {
    await this.keyv.set(this.key(userId, target.messageId), target, this.ttlMs);
  }

  /** The member's target for this message in this channel, if the form is still fresh. */
  async get(userId: string, channelId: string, messageId: string): Promise<EditTarget | undefined> {
    const found = (await this.keyv.get(this.key(userId, messageId))) as EditTarget | undefined;
    return found && found.channelId === channelId && found.messageId === messageId ? found : undefined;
  }
}
