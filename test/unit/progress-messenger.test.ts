import { Writable } from "node:stream";
import { DiscordAPIError } from "discord.js";
import { describe, expect, it } from "vitest";
import type { DiscordOutbox } from "../../src/discord/outbox.js";
import type { Clock } from "../../src/clock.js";
import { ProgressMessenger } from "../../src/discord/progress-messenger.js";
import type { Job } from "../../src/job.js";
import { createLogger } from "../../src/logger.js";

const INTERVAL_MS = 5_000;

function job(id: string, state: Job["state"]): Job {
  return {
    id,
    kind: "edit",
    endpoint: "fal-ai/kling-video/o3/standard/video-to-video/edit",
    falInput: { prompt: "p", video_url: "u", keep_audio: true, shot_type: "customize" },
    state,
    requester: { id: "42", name: "ana" },
    guildId: "1",
    channelId: `c${id}`,
    channelType: 0,
    appPermissions: "0",
    attachmentSizeLimit: 10 * 1024 * 1024,
    prompt: "a cat",
    inputsSummary: "video",
    warnings: [],
    outputSec: 5,
    createdAt: 0,
    updatedAt: 0,
    progressMessageId: `m${id}`,
    attempts: { submit: 1, status: 0, deliver: 0 },
    ...(state === "failed" ? { failure: "boom" } : {}),
  };
}

const apiError = (code: number, status: number) =>
  new DiscordAPIError({ code, message: "no" }, code, status, "PATCH", "/channels/x/messages/y", {
    body: undefined,
    files: undefined,
  });

/** Every way a final edit can fail that is not "the message was deleted" (and that one when re-posting fails too). */
const FAILURES: (() => Error)[] = [
  () => apiError(10003, 404), // the channel was deleted
  () => apiError(50001, 403), // the bot lost access
  () => apiError(50013, 403), // missing permissions
  () =>
    new DiscordAPIError({ code: 0, message: "Internal Server Error" }, 0, 500, "PATCH", "/x", {
      body: undefined,
      files: undefined,
    }),
  () => new Error("socket hang up"),
  () => apiError(10008, 404), // deleted, and the re-post below fails as well
];

function setup(logger = createLogger("silent")) {
  let now = 1_000_000;
  const clock: Clock = { now: () => now, sleep: async (ms) => void (now += ms) };
  const edits: { channelId: string; at: number }[] = [];
  const failing = new Map<string, () => Error>();
  const outbox = {
    async edit(channelId: string) {
      const fail = failing.get(channelId);
      if (fail) throw fail();
      edits.push({ channelId, at: now });
      return { id: "m" };
    },
    async post(channelId: string) {
      if (failing.has(channelId)) throw apiError(50001, 403);
      return { id: `re-${channelId}` };
    },
  } as unknown as DiscordOutbox;
  const messenger = new ProgressMessenger(outbox, INTERVAL_MS, clock, logger);
  return { messenger, edits, failing, advance: (ms: number) => void (now += ms), now: () => now };
}

describe("ProgressMessenger", () => {
  it("logs a failed edit's error as { err } (type, message, Discord's code), not as a string", async () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
    const { messenger, failing } = setup(createLogger("warn", sink));
    failing.set("c1", () => apiError(50013, 403));
    await messenger.show(job("1", "running"));
    await messenger.idle(); // a running job's edit is not waited for by show()
    const logged = lines.map((line) => JSON.parse(line) as { msg: string; code: number; err: unknown });
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({
      msg: "progress edit failed",
      code: 50013,
      err: { type: "DiscordAPIError", code: 50013, status: 403, message: "no" },
    });
  });

  it("forgets a job after its final edit whatever the edit's error, so 2,000 failed final edits leave the spacing unchanged", async () => {
    const { messenger, edits, failing, advance } = setup();
    expect(messenger.spacingMs()).toBe(INTERVAL_MS);

    for (let i = 0; i < 2_000; i += 1) {
      const running = job(String(i), "running");
      messenger.posted(running);
      failing.set(running.channelId, FAILURES[i % FAILURES.length]!);
      const ended = job(String(i), i % 2 ? "failed" : "cancelled");
      const shown = messenger.show(ended, { final: true });
      // a deleted message is posted again; when that fails too, the caller hears of it
      if (i % FAILURES.length === FAILURES.length - 1) await expect(shown).rejects.toThrow();
      else await expect(shown).resolves.toBe(ended.progressMessageId);
    }
    expect(messenger.spacingMs()).toBe(INTERVAL_MS);

    // a live job is still edited once per interval, not once per 2,000 × 40 ms = 80 s
    const live = job("live", "queued");
    messenger.posted(live);
    advance(INTERVAL_MS);
    await messenger.show({ ...live, queuePosition: 3 });
    expect(edits.filter((e) => e.channelId === live.channelId)).toHaveLength(1);
  });

  it("forgets a job whose final body equals what was last shown", async () => {
    const { messenger } = setup();
    for (let i = 0; i < 500; i += 1) {
      const done = job(String(i), "cancelled");
      messenger.posted(done);
      await messenger.show(done, { final: true });
    }
    expect(messenger.spacingMs()).toBe(INTERVAL_MS);
  });

  it("spaces intermediate edits wider while many jobs are in flight (25 edits a second in all)", async () => {
    const { messenger } = setup();
    for (let i = 0; i < 250; i += 1) messenger.posted(job(String(i), "running"));
    expect(messenger.spacingMs()).toBe(10_000);
  });
});
