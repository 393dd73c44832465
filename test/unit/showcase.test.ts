import { describe, expect, it } from "vitest";
import { createShowcasePoster, renderShowcase, type EveryoneCanView } from "../../src/discord/showcase.js";
import type { GuildSettingsStore } from "../../src/guild/settings-store.js";
import type { Job } from "../../src/job.js";
import { createLogger } from "../../src/logger.js";
import { shareButton, starRow } from "../../src/showcase/components.js";
import { renderTop } from "../../commands/kling-showcase.js";
import type { RESTPostAPIChannelMessageJSONBody } from "discord.js";

const job = {
  id: "0123456789abcdef",
  kind: "edit",
  state: "delivered",
  requester: { id: "42", name: "ana" },
  guildId: "1",
  channelId: "100",
  resultChannelId: "101", // a thread on the progress message
  resultMessageId: "8",
  prompt: "a cat",
} as Job;

function poster(visibility: Record<string, boolean | undefined>) {
  const posts: string[] = [];
  const asked: string[] = [];
  const everyoneCanView: EveryoneCanView = async (id) => (asked.push(id), visibility[id]);
  const post = createShowcasePoster({
    outbox: { post: async (channelId) => (posts.push(channelId), { id: "9" }) },
    settings: { get: async () => ({ showcaseChannelId: "500" }) } as unknown as GuildSettingsStore,
    everyoneCanView,
    logger: createLogger("silent"),
  });
  return { post, posts, asked };
}

describe("the showcase reposts only what @everyone can already see", () => {
  it("posts when @everyone can view the channel and the result's thread", async () => {
    const { post, posts, asked } = poster({ "100": true, "101": true });
    await post(job);
    expect(posts).toEqual(["500"]);
    expect(asked).toEqual(["100", "101"]);
  });

  it.each([
    ["the channel is hidden from @everyone", { "100": false, "101": true }],
    ["the result's thread is private", { "100": true, "101": false }],
    ["the bot cannot tell (channel not readable)", { "100": undefined, "101": true }],
  ])("does not post when %s", async (_, visibility) => {
    const { post, posts } = poster(visibility);
    await post(job);
    expect(posts).toEqual([]);
  });
});

describe("the showcase mode", () => {
  const bodies: { channelId: string; body: RESTPostAPIChannelMessageJSONBody; files: number }[] = [];
  const poster = (mode: "auto" | "shared") =>
    createShowcasePoster({
      outbox: {
        post: async (channelId, body, files = []) => (
          bodies.push({ channelId, body, files: files.length }),
          { id: "9" }
        ),
      },
      settings: {
        get: async () => ({ showcaseChannelId: "500", showcaseMode: mode }),
      } as unknown as GuildSettingsStore,
      everyoneCanView: async () => true,
      logger: createLogger("silent"),
    });
  const clip = { name: "before-after.mp4", data: Buffer.from("clip"), contentType: "video/mp4" };

  it("auto: every visible result is posted, with its ⭐ button at 0 and the before/after clip", async () => {
    bodies.length = 0;
    await poster("auto")(job, clip);
    expect(bodies).toHaveLength(1);
    expect(bodies[0]!.files).toBe(1);
    expect(bodies[0]!.body.components).toEqual([starRow(job.id, 0)]);
  });

  it("shared: nothing is posted until the requester shares it", async () => {
    bodies.length = 0;
    await poster("shared")(job, clip);
    expect(bodies).toEqual([]);
  });
});

describe("the showcase in the server's language", () => {
  it("the post and the Share button read the job's language; English without a catalog", () => {
    const link = "https://discord.com/channels/1/101/8";
    expect(renderShowcase({ ...job, locale: "de" })!.content).toBe(
      `🎬 Neu: Kling-Bearbeitung von <@42>: ${link}\n> a cat`,
    );
    expect(renderShowcase({ ...job, locale: "ja", quality: "pro" })!.content).toBe(
      `🎬 <@42> さんの新しいKling 編集 · Pro：${link}\n> a cat`,
    );
    expect(renderShowcase({ ...job, locale: "ko" })!.content).toBe(`🎬 New Kling edit by <@42>: ${link}\n> a cat`);
    expect(shareButton(job.id, "fr")).toMatchObject({ label: "Partager en vitrine" });
    expect(shareButton(job.id)).toMatchObject({ label: "Share to showcase" });
  });

  it("/kling-showcase top ranks in the member's language", () => {
    const entry = {
      jobId: "j",
      channelId: "5",
      messageId: "6",
      postedAt: 0,
      stars: 3,
      requesterName: "ana",
      prompt: "x",
    };
    expect(renderTop("1", [entry], "week", "es-419")).toBe(
      "**Lo más estrellado del escaparate, los últimos 7 días**\n" +
        "1\\. ⭐ 3 · x · de ana · <https://discord.com/channels/1/5/6>",
    );
    expect(renderTop("1", [], "all", "de")).toMatch(/^In der gesamten Zeit hat noch kein Showcase-Beitrag/);
  });
});
