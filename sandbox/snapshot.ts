import type { SandboxWorld } from "./world.js";
import type { Sample } from "./samples.js";

/** A message as the page draws it: Discord's message object, plus what only the emulator knows. */
export interface PageMessage {
  raw: unknown;
  ephemeral: boolean;
  edited: boolean;
}

export interface PageChannel {
  id: string;
  name: string;
  kind: "text" | "thread";
  messages: PageMessage[];
}

export interface PageModal {
  interactionId: string;
  channelId: string;
  modal: unknown;
}

export interface PageJob {
  requestId: string;
  endpoint: string;
  state: string;
  queuePosition: number;
  logs: string[];
  submittedAt: number;
  completedAt?: number;
  resultUrl?: string;
}

/** Everything the page shows, at one moment. */
export interface PageState {
  guild: { id: string; name: string };
  me: { id: string; username: string };
  users: Record<string, string>;
  channels: PageChannel[];
  commands: unknown[];
  modal: PageModal | null;
  queue: PageJob[];
  samples: { name: string; label: string }[];
}

function pageMessages(world: SandboxWorld, channelId: string): PageMessage[] {
  return world.discord
    .messages(channelId)
    .filter((m) => !m.deleted)
    .map((m) => ({ raw: m.raw, ephemeral: m.ephemeral, edited: m.edits.length > 0 }));
}

export function pageState(
  world: SandboxWorld,
  samples: readonly Sample[],
  answeredModals: ReadonlySet<string>,
): PageState {
  const { discord, fal } = world;
  const channel = discord.channel(world.channelId) as { name: string };
  const threads = discord.threads().filter((t) => !t.deleted && t.parentId === world.channelId);
  const channels: PageChannel[] = [
    { id: world.channelId, name: channel.name, kind: "text", messages: pageMessages(world, world.channelId) },
    ...threads.map((t) => ({ id: t.id, name: t.name, kind: "thread" as const, messages: pageMessages(world, t.id) })),
  ];
  const open = discord
    .allInteractions()
    .filter((i) => i.modal && i.userId === world.userId && !answeredModals.has(i.id))
    .at(-1);
  return {
    guild: { id: world.guildId, name: "Kling Sandbox" },
    me: { id: world.userId, username: "you" },
    users: { [world.userId]: "you", [discord.applicationId]: "Kling" },
    channels,
    commands: discord.commands(world.guildId),
    modal: open ? { interactionId: open.id, channelId: open.channelId, modal: open.modal } : null,
    queue: [...fal.jobs.values()].map((j) => ({
      requestId: j.requestId,
      endpoint: j.endpoint,
      state: j.state,
      queuePosition: j.queuePosition,
      logs: j.logs.map((l) => l.message),
      submittedAt: j.submittedAt,
      ...(j.completedAt ? { completedAt: j.completedAt } : {}),
      ...(j.videoUrl ? { resultUrl: j.videoUrl } : {}),
    })),
    samples: samples.map((s) => ({ name: s.name, label: s.label })),
  };
}
