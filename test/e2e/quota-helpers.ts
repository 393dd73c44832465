import { expect } from "vitest";
import type { CommandOptionValue, DiscordAttachment } from "../../emulators/discord/index.js";
import { DEFAULT_MEMBER_PERMISSIONS, Perm } from "../../emulators/discord/model.js";
import type { World } from "./harness.js";

export const OWNER_PERMISSIONS = DEFAULT_MEMBER_PERMISSIONS | Perm.ManageGuild;

export interface Sent {
  id: string;
  content: string;
  files: { filename: string; data: Buffer }[];
}

/** Runs a command and resolves with its (ephemeral, mention-free) reply once the bot has answered. */
export async function command(
  world: World,
  name: string,
  options: Record<string, CommandOptionValue> = {},
  extra: { userId?: string; subcommand?: string; memberPermissions?: bigint; channelId?: string; locale?: string } = {},
): Promise<Sent> {
  const { discord } = world;
  const channelId = extra.channelId ?? world.channelId;
  const { id } = discord.sendCommand({
    channelId,
    userId: extra.userId ?? world.userId,
    name,
    options,
    ...(extra.subcommand ? { subcommand: extra.subcommand } : {}),
    ...(extra.memberPermissions !== undefined ? { memberPermissions: extra.memberPermissions } : {}),
    ...(extra.locale ? { locale: extra.locale } : {}),
  });
  const record = await discord.waitFor(
    () => {
      const r = discord.interaction(id);
      return r?.edits.length ? r : undefined;
    },
    20_000,
    `reply to /${name}`,
  );
  expect(record.callbacks[0]!.body.data.flags & 64).toBe(64);
  const last = record.edits.at(-1)!;
  expect(last.body.allowed_mentions).toEqual({ parse: [] });
  const message = discord.message(channelId, last.messageId);
  return {
    id,
    content: last.body.content as string,
    files: (message?.files ?? []).map((f) => ({ filename: f.filename, data: Buffer.from(f.data) })),
  };
}

/** /kling-config <sub> as a member with Manage Server. */
export async function config(
  world: World,
  subcommand: string,
  options: Record<string, CommandOptionValue> = {},
): Promise<string> {
  const sent = await command(world, "kling-config", options, { subcommand, memberPermissions: OWNER_PERMISSIONS });
  expect(sent.content).not.toMatch(/Only members with/);
  return sent.content;
}

export const channelOption = (id: string): CommandOptionValue => ({ type: 7, value: id });
export const roleOption = (id: string): CommandOptionValue => ({ type: 8, value: id });

/** Discord's relative timestamp for an instant. */
export const relative = (ms: number) => `<t:${Math.floor(ms / 1000)}:R>`;
export const nextUtcMidnight = (now = Date.now()) => {
  const d = new Date(now);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1);
};
export const nextUtcMonth = (now = Date.now()) => {
  const d = new Date(now);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
};

export function submits(world: World): number {
  return world.fal.requests.filter((r) => r.kind === "submit").length;
}

/** A reference job's options: a fixed duration makes its cost known before any download. */
export function referenceJob(
  video: DiscordAttachment,
  durationSec: number,
  prompt = "a paper boat in @Video1",
): Record<string, CommandOptionValue> {
  return { prompt, video, duration: durationSec };
}
