import { DiscordAPIError, PermissionFlagsBits, type APIChannel, type APIMessage } from "discord.js";
import { describe, expect, it } from "vitest";
import { deliverResult } from "../../src/discord/delivery.js";
import type { DiscordOutbox } from "../../src/discord/outbox.js";
import type { Job } from "../../src/job.js";
import { createLogger } from "../../src/logger.js";

const THREADS = PermissionFlagsBits.CreatePublicThreads | PermissionFlagsBits.SendMessagesInThreads;

const job: Job = {
  id: "j",
  kind: "edit",
  endpoint: "fal-ai/kling-video/o3/standard/video-to-video/edit",
  falInput: { prompt: "p", video_url: "u", keep_audio: true, shot_type: "customize" },
  state: "delivering",
  requester: { id: "42", name: "ana" },
  guildId: "1",
  channelId: "c",
  channelType: 0,
  // no Attach Files: the result is posted as fal's link, so nothing is downloaded here
  appPermissions: THREADS.toString(),
  attachmentSizeLimit: 10 * 1024 * 1024,
  prompt: "a cat",
  inputsSummary: "video",
  warnings: [],
  outputSec: 5,
  createdAt: 0,
  updatedAt: 0,
  progressMessageId: "progress",
  threadFrom: "member",
  attempts: { submit: 1, status: 1, deliver: 0 },
};

const apiError = (code: number, status: number) =>
  new DiscordAPIError({ code, message: "no" }, code, status, "POST", "/channels/c/messages/m/threads", {
    body: undefined,
    files: undefined,
  });

/** An outbox whose thread starts fail per message as told; records where things were posted. */
function outbox(failures: Record<string, Error>) {
  const started: string[] = [];
  const posted: string[] = [];
  const fake = {
    async startThread(_channelId: string, messageId: string): Promise<APIChannel> {
      started.push(messageId);
      if (failures[messageId]) throw failures[messageId];
      return { id: messageId } as APIChannel;
    },
    async post(channelId: string): Promise<APIMessage> {
      posted.push(channelId);
      return { id: "result" } as APIMessage;
    },
  };
  return { fake: fake as unknown as DiscordOutbox, started, posted };
}

const deliver = (o: DiscordOutbox, j: Job = job) =>
  deliverResult(
    {
      outbox: o,
      downloader: { download: () => Promise.reject(new Error("no download")) },
      logger: createLogger("silent"),
    },
    j,
    { video: { url: "https://fal.media/out.mp4" } } as Parameters<typeof deliverResult>[2],
  );

describe("the result thread of an Edit with Kling job", () => {
  it("starts from the member's message", async () => {
    const o = outbox({});
    expect(await deliver(o.fake)).toMatchObject({ threadId: "member", channelId: "member" });
    expect(o.started).toEqual(["member"]);
  });

  it("goes into the thread the member's message already has (an earlier edit of it, or ours before a restart)", async () => {
    const o = outbox({ member: apiError(160004, 400) });
    expect(await deliver(o.fake)).toMatchObject({ threadId: "member" });
    expect(o.posted).toEqual(["member"]);
  });

  it("falls back on a thread on the progress message when Discord refuses one on the member's message", async () => {
    const o = outbox({ member: apiError(10008, 404) }); // e.g. the member deleted it
    expect(await deliver(o.fake)).toMatchObject({ threadId: "progress" });
    expect(o.started).toEqual(["member", "progress"]);
  });

  it("without Create Public Threads: in the channel, as /kling-edit's", async () => {
    const o = outbox({});
    expect(await deliver(o.fake, { ...job, appPermissions: "0" })).toMatchObject({ channelId: "c" });
    expect(o.started).toEqual([]);
  });
});
