/**
 * Issue 8 point 1: one upload must not freeze every guild. Hostile files (the issue's trun bomb and other cost
 * bombs) are sent while another member's job is in flight; that job's progress keeps being edited, a third
 * member's command is acknowledged within Discord's 3 s and started, and each hostile file is refused with its
 * reason. No real file is left that parses for long (sample budget, box limit), so the bot's pool runs the inspector's
 * worker with a test switch (test/media/misbehaving-worker.ts, an injected seam): a file named spin.mp4 makes its
 * parse loop forever, and the production deadline (INSPECT_LIMITS.parseDeadlineMs) must kill it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createInspectPool } from "../../src/media/inspect-pool.js";
import type { CommandOptionValue, DiscordAttachment } from "../../emulators/discord/index.js";
import { bombFile, COST_BOMBS, ISSUE_BOMB, paddedClipFile } from "../media/bombs.js";
import { startRangeServer } from "../media/range-server.js";
import { attachClip } from "../support/clip.js";
import { closeWorld, startWorld, statusOf, type World } from "./harness.js";

const MISBEHAVING_WORKER = new URL("../media/misbehaving-worker.ts", import.meta.url);
const BUDGET_MESSAGE =
  "the file's fragments declare more than 1,000,000 frames in all, far more than any clip Kling takes: " +
  "it is damaged or oddly made; re-export it as a plain MP4";
const BOXES_MESSAGE =
  "the file's index is made of more than 50,000 boxes (a normal clip has a few hundred): it is damaged " +
  "or oddly made; re-export it as a plain MP4";
const TOO_SLOW_MESSAGE =
  "this file takes too long to read — re-export it (the bot stops reading a file after 2 s of work; " +
  "a normal MP4 or image takes milliseconds)";

let world: World;
beforeAll(async () => {
  world = await startWorld({ overrides: { inspectPool: createInspectPool({ workerUrl: MISBEHAVING_WORKER }) } });
});
afterAll(() => closeWorld(world));

const attach = (path: string, filename: string): DiscordAttachment => attachClip(world.discord, path, { filename });

describe("hostile uploads while another member's job runs", () => {
  it("the running job keeps editing, another member is acknowledged and started, the hostile files are refused", async () => {
    const { discord, fal } = world;
    const ana = world.userId;
    const bob = discord.addUser({ username: "bob" }).id as string;

    // ana's job: 8 s of generating, a new log line every 200 ms, so every poll has something to show
    fal.script({
      timeline: [
        { status: "IN_QUEUE", queuePosition: 0, ms: 200 },
        ...Array.from({ length: 40 }, (_, i) => ({
          status: "IN_PROGRESS" as const,
          logs: [`frame ${i + 1} of 40`],
          ms: 200,
        })),
      ],
      outcome: { type: "result" },
    });
    discord.sendCommand({
      channelId: world.channelId,
      userId: ana,
      name: "kling-edit",
      options: { prompt: "rain", video: await world.video() },
    });
    await discord.waitFor(
      () => statusOf(world.progressMessage()).includes("frame") || undefined,
      15_000,
      "ana's job generating",
    );
    const anaProgress = world.progressMessage()!;

    const files: [name: string, path: string, expected: string][] = [
      ["bomb1.mp4", await bombFile(ISSUE_BOMB), BUDGET_MESSAGE],
      ["bomb2.mp4", await bombFile(ISSUE_BOMB), BUDGET_MESSAGE],
      ["trafs.mp4", await bombFile(COST_BOMBS["many trafs"]!, "many-trafs.mp4"), BOXES_MESSAGE],
      ["tiny.mp4", await bombFile(COST_BOMBS["tiny runs, 4 MiB of them"]!, "tiny-runs.mp4"), BOXES_MESSAGE],
      ["spin.mp4", await bombFile(ISSUE_BOMB), TOO_SLOW_MESSAGE],
      ["spin.mp4", await bombFile(ISSUE_BOMB), TOO_SLOW_MESSAGE],
    ];
    const editsBefore = anaProgress.edits.length;
    const hostileAt = Date.now();
    // one hostile member per file (the server allows each member one job at a time)
    const hostile = files.map(([name, path, expected], i) => ({
      expected,
      id: discord.sendCommand({
        channelId: world.channelId,
        userId: discord.addUser({ username: `mallory${i}` }).id as string,
        name: "kling-edit",
        options: { prompt: "x", video: attach(path, name) },
      }).id,
    }));
    // bob's valid request, right behind the hostile ones
    fal.script({ timeline: [{ status: "IN_PROGRESS", ms: 200 }], outcome: { type: "result" } });
    const bobsCommand = discord.sendCommand({
      channelId: world.channelId,
      userId: bob,
      name: "kling-edit",
      options: { prompt: "snow", video: await world.video() },
    });

    // every hostile file refused with its reason, nothing charged
    for (const h of hostile) {
      const record = await discord.waitFor(
        () => {
          const r = discord.interaction(h.id);
          return r?.edits.length ? r : undefined;
        },
        20_000,
        "hostile refusal",
      );
      const text = record.edits.at(-1)!.body.content as string;
      expect(text).toContain(`\`video\`: ${h.expected}`);
      expect(text).toContain("nothing was charged");
      expect(record.callbacks[0]!.delayMs).toBeLessThan(3_000);
    }

    // bob: acknowledged within Discord's 3 s and started
    const bobs = await discord.waitFor(
      () => {
        const r = discord.interaction(bobsCommand.id);
        return r?.edits.length ? r : undefined;
      },
      20_000,
      "bob's reply",
    );
    expect(bobs.callbacks[0]).toMatchObject({ type: 5, status: 204 });
    expect(bobs.callbacks[0]!.delayMs).toBeLessThan(3_000);
    expect(bobs.edits.at(-1)!.body.content).toContain("Started!");

    // ana's progress kept being edited while the hostile files were read: no gap near a freeze
    const during = anaProgress.edits.slice(editsBefore).filter((e) => e.at >= hostileAt);
    expect(during.length).toBeGreaterThanOrEqual(3);
    const gaps = during.slice(1).map((e, i) => e.at - during[i]!.at);
    expect(Math.max(during[0]!.at - hostileAt, ...gaps)).toBeLessThan(1_500);
    await discord.waitFor(
      () => statusOf(world.progressMessage(world.channelId)).startsWith("✅") || undefined,
      20_000,
      "jobs delivered",
    );
    // only ana's and bob's jobs reached fal
    expect(fal.requests.filter((r) => r.kind === "submit")).toHaveLength(2);
  }, 90_000);
});

describe("a link answered slowly, range read by range read", () => {
  it("is refused at the request's inspection deadline with nothing charged: the member can start a job right away", async () => {
    const deadlineMs = 2_000;
    const server = await startRangeServer();
    const w = await startWorld({ overrides: { inspectionDeadlineMs: deadlineMs } });
    try {
      // the slow server is one more allowed media host (MEDIA_ALLOWED_HOSTS, as an owner would set it)
      await w.restart({ MEDIA_ALLOWED_HOSTS: `${w.env.MEDIA_ALLOWED_HOSTS},${server.hostPort}` });
      const url = server.serve("/padded.mp4", await paddedClipFile());
      server.slow("/padded.mp4", 150); // 300 boxes × 150 ms: 45 s without the deadline
      const reply = async (options: Record<string, CommandOptionValue>) => {
        const { id } = w.discord.sendCommand({ channelId: w.channelId, userId: w.userId, name: "kling-edit", options });
        const record = await w.discord.waitFor(
          () => {
            const r = w.discord.interaction(id);
            return r?.edits.length ? r : undefined;
          },
          20_000,
          "reply",
        );
        return record.edits.at(-1)!.body.content as string;
      };
      const started = Date.now();
      const refused = await reply({ prompt: "x", video_url: url });
      expect(refused).toBe(
        "I can't start this job:\n• reading your files took longer than 2 s, the most the bot spends " +
          "checking one request (a link may be very slow): upload the files to Discord instead, or " +
          "try again later\nNothing was sent to fal and nothing was charged.",
      );
      expect(Date.now() - started).toBeLessThan(deadlineMs + 2_000);
      expect(w.fal.requests.filter((r) => r.kind === "submit")).toEqual([]);
      // its reservation was released: the server allows one job at a time per member, so a leaked one would refuse this
      w.fal.script({ timeline: [{ status: "IN_PROGRESS", ms: 200 }], outcome: { type: "result" } });
      expect(await reply({ prompt: "y", video: await w.video() })).toContain("Started!");
    } finally {
      await closeWorld(w);
      await server.close();
    }
  }, 60_000);
});
