/**
 * What members can make the bot say and do (issue 8, point 5), through the real bot and both emulators:
 * echoed prompts are inert, buttons act only on their own server's jobs and reruns follow the owner's setting, the
 * showcase never reposts from a channel @everyone cannot see, and fal's answers are checked and redacted.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DiscordAttachment } from "../../emulators/discord/index.js";
import { DEFAULT_MEMBER_PERMISSIONS, Perm } from "../../emulators/discord/model.js";
import { closeWorld, startWorld, statusOf, type World } from "./harness.js";
import { channelOption, command, config } from "./quota-helpers.js";

const HOSTILE =
  "# FREE NITRO [claim here](https://evil.test/phish) and [again](https://evil.test/2) **now** " +
  "<@&123456789012345678> @everyone @here <@999999999999999999>\n-# small print\n> quoted ||spoiler|| `code`";
const HOSTILE_INERT =
  "\\# FREE NITRO \\[claim here\\](<https://evil.test/phish>) and \\[again\\](<https://evil.test/2>) " +
  "\\*\\*now\\*\\* <@&123456789012345678> @everyone @here <@999999999999999999> -# small print > quoted \\|\\|spoiler\\|\\| \\`code\\`";

let world: World;
let video: DiscordAttachment;
let showcaseId: string;

beforeAll(async () => {
  world = await startWorld();
  video = await world.video();
  showcaseId = world.discord.addChannel({ guildId: world.guildId, type: 0, name: "showcase" }).id as string;
  await config(world, "showcase", { channel: channelOption(showcaseId) });
});
afterAll(async () => {
  await closeWorld(world);
});

const member = (username: string) => world.discord.addUser({ username }).id as string;
const logText = () => world.logs.join("");

/** Runs /kling-edit and waits until the job has ended and its final progress edit is made. */
async function runJob(userId: string, prompt = "a paper boat in @Video1", channelId = world.channelId) {
  const sent = await command(world, "kling-edit", { prompt, video }, { userId, channelId });
  expect(sent.content).toContain("Started!");
  const progress = await world.discord.waitFor(() => world.progressMessage(channelId), 10_000, "progress message");
  await world.discord.waitFor(
    () => /^(✅|❌)/.test(statusOf(world.discord.message(channelId, progress.raw.id))),
    20_000,
    "job ended",
  );
  return world.discord.message(channelId, progress.raw.id)!;
}

function resultOf(progressId: string) {
  const thread = world.discord.threads().find((t) => t.fromMessageId === progressId);
  return world.discord
    .messages(thread?.id ?? world.channelId)
    .find((m) => m.raw.content?.includes("is ready") && m.raw.components?.length);
}

async function click(
  channelId: string,
  messageId: string,
  customId: string,
  userId: string,
  memberPermissions = DEFAULT_MEMBER_PERMISSIONS,
  locale?: string,
) {
  const input = { channelId, messageId, customId, userId, memberPermissions, ...(locale ? { locale } : {}) };
  const { id } = world.discord.clickButton(input);
  return world.discord.waitFor(
    () => {
      const record = world.discord.interaction(id);
      const callback = record?.callbacks[0];
      if (callback?.type === 9) return { modal: true, reply: "", callback };
      const reply = record?.edits.at(-1)?.body.content ?? callback?.body.data?.content;
      return reply ? { modal: false, reply: reply as string, callback } : undefined;
    },
    15_000,
    "button answer",
  );
}

describe("echoed prompts are inert", () => {
  it("progress embed, thread name and showcase post show a hostile prompt escaped, pinging no one", async () => {
    const progress = await runJob(member("mallory"), HOSTILE);
    const bodies = [
      world.discord.requests.find((r) => r.method === "POST" && r.response?.id === progress.raw.id)!.body,
      ...progress.edits.map((e) => e.body),
    ];
    for (const body of bodies) {
      expect(body.embeds[0].description).toBe(HOSTILE_INERT);
      expect(body.allowed_mentions).toEqual({ parse: [] });
    }
    const thread = world.discord.threads().find((t) => t.fromMessageId === progress.raw.id)!;
    expect(thread.name).toBe(
      "Kling edit: FREE NITRO claim here (https://evil.test/phish) and again (https://evil.test/2) now <@&…",
    );
    const showcase = await world.discord.waitFor(
      () => world.discord.messages(showcaseId).at(-1),
      10_000,
      "showcase post",
    );
    expect(showcase.raw.content).toBe(
      `🎬 New Kling edit by <@${progress.raw.embeds[0].fields[0].value.slice(2, -1)}>: ` +
        `https://discord.com/channels/${world.guildId}/${thread.id}/${resultOf(progress.raw.id)!.raw.id}\n> ${HOSTILE_INERT}`,
    );
    // the showcase post is made after the job's last progress edit: its request is recorded once it is answered
    await world.discord.waitForRequest("POST", `/channels/${showcaseId}/messages`, 5_000);
    // every message the bot sent in this job disabled mentions (the result pings only its requester)
    const sent = world.discord.requests.filter(
      (r) => (r.method === "POST" || r.method === "PATCH") && /\/channels\/\d+\/messages(\/\d+)?$/.test(r.path),
    );
    expect(sent.length).toBeGreaterThanOrEqual(4);
    for (const request of sent) {
      const mentions = request.body?.allowed_mentions;
      expect(mentions?.parse).toEqual([]);
      expect(mentions?.roles ?? []).toEqual([]);
      expect(JSON.stringify(request.body)).not.toContain("[claim here](");
    }
  });
});

describe("the showcase never reposts from a channel @everyone cannot see", () => {
  it("a job in a moderators-only channel is not showcased; the same job in a public channel is", async () => {
    const secret = world.discord.addChannel({
      guildId: world.guildId,
      type: 0,
      name: "mods-only",
      permissionOverwrites: [{ id: world.guildId, type: 0, deny: Perm.ViewChannel }],
    }).id as string;
    const before = world.discord.messages(showcaseId).length;
    await runJob(member("moderator"), "a paper boat in @Video1", secret);
    await world.discord.waitFor(
      () => logText().includes("not showcased: @everyone cannot see the channel the result is in"),
      10_000,
      "not showcased",
    );
    expect(world.discord.messages(showcaseId).length).toBe(before);

    // opening the channel to @everyone (a moderator edits it; the bot hears CHANNEL_UPDATE) lets the next one through
    world.discord.setChannelOverwrites(secret, []);
    await runJob(member("moderator2"), "a paper boat in @Video1", secret);
    await world.discord.waitFor(() => world.discord.messages(showcaseId).length === before + 1, 10_000, "showcased");
  });
});

describe("Retry and Remix of someone else's result", () => {
  it("the requester and Manage Messages may; others only once the owner runs /kling-config reruns who:everyone", async () => {
    const owner = member("ana2");
    const progress = await runJob(owner);
    const result = await world.discord.waitFor(() => resultOf(progress.raw.id), 10_000, "result");
    const [retry, remix] = (result.raw.components[0].components as { custom_id: string }[]).map((b) => b.custom_id);
    const stranger = member("stranger");

    const refused = await click(result.channelId, result.raw.id, retry!, stranger);
    expect(refused.reply).toBe(
      `Only <@${owner}>, who made this video, or members with Manage Messages can press Retry or Remix ` +
        `on it. Run /kling-edit to make your own.`,
    );
    expect(refused.callback!.body.data.flags & 64).toBe(64);
    expect(refused.callback!.body.data.allowed_mentions).toEqual({ parse: [] });
    expect((await click(result.channelId, result.raw.id, remix!, stranger)).modal).toBe(false);
    // in the member's language
    expect((await click(result.channelId, result.raw.id, retry!, stranger, undefined, "de")).reply).toBe(
      `Nur <@${owner}>, von dem dieses Video ist, oder Mitglieder mit „Nachrichten verwalten“ können hier Wiederholen ` +
        "oder Remixen drücken. Starte /kling-bearbeiten, um dein eigenes zu machen.",
    );

    const submitsBefore = world.fal.requests.filter((r) => r.kind === "submit").length;
    const moderator = await click(
      result.channelId,
      result.raw.id,
      retry!,
      member("mod"),
      DEFAULT_MEMBER_PERMISSIONS | Perm.ManageMessages,
    );
    expect(moderator.reply).toContain("Started!");
    const form = await click(result.channelId, result.raw.id, remix!, owner, undefined, "ja");
    expect(form.callback!.body.data.title).toBe("リミックス：プロンプトを編集");
    expect(form.callback!.body.data.components[0].components[0].label).toBe("プロンプト");

    expect(await config(world, "reruns", { who: "everyone" })).toContain(
      "• Retry/Remix of others' results: everyone\n",
    );
    const allowed = await click(result.channelId, result.raw.id, retry!, stranger);
    expect(allowed.reply).toContain("Started!");
    expect((await click(result.channelId, result.raw.id, remix!, member("another"))).modal).toBe(true);
    await world.discord.waitFor(
      () => world.fal.requests.filter((r) => r.kind === "submit").length === submitsBefore + 2,
      15_000,
      "two reruns submitted",
    );
    expect(await config(world, "reruns", { who: "requester" })).toContain(
      "• Retry/Remix of others' results: the requester and members with Manage Messages\n",
    );
  });

  it("a modal naming another server's job is answered as unknown, and nothing is started", async () => {
    const progress = await runJob(member("ana3"));
    const result = await world.discord.waitFor(() => resultOf(progress.raw.id), 10_000, "result");
    const remixId = (result.raw.components[0].components as { custom_id: string }[])[1]!.custom_id;
    const other = world.discord.addGuild({ name: "Elsewhere" });
    const otherChannel = world.discord.addChannel({ guildId: other.id, type: 0, name: "general" }).id as string;
    const intruder = world.discord.addUser({ username: "intruder", guildIds: [other.id] }).id as string;
    const submitsBefore = world.fal.requests.filter((r) => r.kind === "submit").length;
    const { id } = world.discord.submitModal({
      channelId: otherChannel,
      customId: remixId,
      fields: { prompt: "steal @Video1" },
      userId: intruder,
    });
    const answer = await world.discord.waitFor(() => world.discord.interaction(id)?.callbacks[0], 10_000, "answer");
    expect(answer.body.data.content).toBe("I can't find this job any more.");
    expect(answer.body.data.flags & 64).toBe(64);
    expect(world.fal.requests.filter((r) => r.kind === "submit").length).toBe(submitsBefore);
    expect(logText()).toContain("a button named another server's job");
  });
});

describe("fal's answers", () => {
  it("a malformed result fails the job with a clear message; nothing is posted", async () => {
    world.fal.script({
      outcome: { type: "result", body: { video: { url: "ftp://files.evil.test/out.mp4?token=SECRET" } } },
    });
    const progress = await runJob(member("falcheck"));
    expect(statusOf(progress)).toBe(
      "❌ Failed — fal finished, but its answer has no usable video: video.url is not an https link " +
        "(video.url: ftp://files.evil.test/out.mp4). Nothing was posted.",
    );
    expect(resultOf(progress.raw.id)).toBeUndefined();
    // fal made something and bills it: counted at the estimate (the 3.5 s clip at the default $0.126/s)
    expect(progress.raw.embeds[0].fields.find((f: { name: string }) => f.name === "Cost")?.value).toBe(
      "$0.44 — fal made a video, so it is billed",
    );
    expect(logText()).not.toContain("SECRET");
  });

  it("fal's error bodies are logged and shown without signed URLs' query strings", async () => {
    const signed = `${video.url}`;
    expect(signed).toMatch(/hm=[0-9a-f]+/);
    world.fal.script({
      outcome: {
        type: "error",
        status: 422,
        body: {
          detail: [{ loc: ["body", "video_url"], msg: `could not read ${signed}`, type: "value_error", input: signed }],
        },
      },
    });
    const progress = await runJob(member("falerror"));
    expect(statusOf(progress)).toMatch(
      /^❌ Failed — fal refused the input — the video: could not read <http:\/\/127\.0\.0\.1:\d+\/[^?”>]+>\.$/,
    );
    await world.discord.waitFor(() => logText().includes('"msg":"job failed"'), 5_000, "job failed logged");
    const failedLine = world.logs.filter((l) => l.includes('"msg":"job failed"')).at(-1)!;
    expect(failedLine).toContain("could not read http://127.0.0.1");
    expect(logText()).not.toMatch(/hm=[0-9a-f]/);
  });
});
