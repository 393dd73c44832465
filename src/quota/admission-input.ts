import type { BaseInteraction } from "discord.js";

/** The invoking member's role ids, whether discord.js gave a cached GuildMember or the raw API member. */
export function memberRoleIds(interaction: Pick<BaseInteraction, "member">): string[] {
  const member = interaction.member;
  if (!member) return [];
  const roles: unknown = member.roles;
  if (Array.isArray(roles)) return roles.map(String);
  const ids = new Set<string>();
  if (roles && typeof roles === "object" && "cache" in roles)
    for (const id of (roles as { cache: Map<string, unknown> }).cache.keys()) ids.add(id);
  // discord.js keeps every role id Discord sent in `_roles`; `roles.cache` drops ids whose role is not cached yet
  const raw: unknown = (member as unknown as { _roles?: unknown })._roles;
  if (Array.isArray(raw)) for (const id of raw) ids.add(String(id));
  return [...ids];
}

/** The parent channel when the interaction comes from a thread (an allowed channel includes its threads). */
export function parentChannelId(interaction: Pick<BaseInteraction, "channel">): string | null {
  const channel = interaction.channel;
  return channel && "isThread" in channel && channel.isThread() ? channel.parentId : null;
}
