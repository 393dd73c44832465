/**
 * The error boundary's apology fits what the failed interaction had at stake: "nothing was charged" where a job was
 * being started (/kling-edit, Retry), a plain apology elsewhere (/kling-usage). The failure is forced through the
 * bot's injected clock and job store.
 */
import { randomUUID } from "node:crypto";
import { REST, Routes } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resultRow } from "../../src/discord/components.js";
import { systemClock, type Clock } from "../../src/clock.js";
import type { InteractionRecord } from "../../emulators/discord/index.js";
import { closeWorld, startWorld, type World } from "./harness.js";

const JOB_APOLOGY =
  "Something went wrong on my side, so I didn't start the job. Nothing was charged; please try again.";
const PLAIN_APOLOGY = "Something went wrong on my side; please try again.";

let world: World;
let broken = false;
const fault = () => new Error("injected fault");
const clock: Clock = {
  ...systemClock,
  now: () => {
    if (broken) throw fault();
    return Date.now();
  },
};

async function answerOf(id: string): Promise<string> {
  const { discord } = world;
  const record = await discord.waitFor(
    () => {
      const r: InteractionRecord | undefined = discord.interaction(id);
      return r?.edits.length || r?.callbacks.some((c) => c.body.type === 4) ? r : undefined;
    },
    15_000,
    "the bot's answer",
  );
  const body = record.edits.at(-1)?.body ?? record.callbacks.find((c) => c.body.type === 4)!.body.data;
  expect(body.allowed_mentions).toEqual({ parse: [] });
  return body.content as string;
}

describe("the error boundary apologises for what was at stake", () => {
  beforeAll(async () => {
    world = await startWorld({
      overrides: {
        clock,
        wrapStore: (store) => {
          const get = store.get.bind(store);
          store.get = async (id) => {
            if (broken) throw fault();
            return get(id);
          };
          return store;
        },
      },
    });
  });
  afterAll(async () => {
    broken = false;
    await closeWorld(world);
  });

  async function whileBroken(send: () => { id: string }): Promise<string> {
    broken = true;
    try {
      return await answerOf(send().id);
    } finally {
      broken = false;
    }
  }

  it("/kling-edit: the job did not start and nothing was charged", async () => {
    const video = await world.video();
    const text = await whileBroken(() =>
      world.discord.sendCommand({
        channelId: world.channelId,
        userId: world.userId,
        name: "kling-edit",
        options: { prompt: "rain", video },
      }),
    );
    expect(text).toBe(JOB_APOLOGY);
    expect(world.fal.requests.filter((r) => r.kind === "submit")).toEqual([]);
  });

  it("Retry: the rerun did not start and nothing was charged", async () => {
    const jobId = randomUUID();
    const rest = new REST({ api: world.env.DISCORD_API_URL }).setToken(world.env.DISCORD_TOKEN!);
    const posted = (await rest.post(Routes.channelMessages(world.channelId), {
      body: { content: "an earlier result", components: [resultRow(jobId)] },
    })) as { id: string };
    const text = await whileBroken(() =>
      world.discord.clickButton({
        channelId: world.channelId,
        messageId: posted.id,
        customId: `kling:retry:${jobId}`,
        userId: world.userId,
      }),
    );
    expect(text).toBe(JOB_APOLOGY);
  });

  it("/kling-usage: a plain apology, no job mentioned", async () => {
    const text = await whileBroken(() =>
      world.discord.sendCommand({ channelId: world.channelId, userId: world.userId, name: "kling-usage", options: {} }),
    );
    expect(text).toBe(PLAIN_APOLOGY);
    expect(
      world.logs.filter((line) => line.includes('"interaction failed"') && line.includes("injected fault")),
    ).toHaveLength(3);
  });
});
