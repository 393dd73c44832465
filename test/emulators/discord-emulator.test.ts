/**
 * Proof that the real discord.js 14 Client works against the emulator over real sockets:
 * gateway login, interactions, REST with multipart uploads, faults, limits, spec checks, CDN ranges.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ActionRowBuilder,
  AttachmentBuilder,
  ButtonBuilder,
  ButtonInteraction,
  ButtonStyle,
  ChannelType as DjsChannelType,
  ChatInputCommandInteraction,
  Client,
  DiscordAPIError,
  FileUploadBuilder,
  GatewayIntentBits,
  LabelBuilder,
  ModalBuilder,
  TextInputBuilder,
  TextInputStyle,
  MessageFlags,
  ModalSubmitInteraction,
  PermissionFlagsBits,
  SlashCommandBuilder,
  type BaseInteraction,
  type TextChannel,
} from "discord.js";
import {
  DEFAULT_BOT_PERMISSIONS,
  Perm,
  startDiscordEmulator,
  type DiscordEmulator,
} from "../../emulators/discord/index.js";

let emu: DiscordEmulator;
let client: Client;
let guildId: string;
let textId: string;
let noPermsId: string;
let voiceId: string;
let smallGuildId: string;
let smallTextId: string;
let userId: string;
/** Violations deliberately provoked by raw requests in this file are removed from the final check. */
const provoked = new Set<number>();

function nextInteraction<T extends BaseInteraction>(
  pred: (i: BaseInteraction) => i is T,
  timeoutMs = 5_000,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      client.off("interactionCreate", on);
      reject(new Error("no interaction arrived"));
    }, timeoutMs);
    const on = (i: BaseInteraction) => {
      if (!pred(i)) return;
      clearTimeout(timer);
      client.off("interactionCreate", on);
      resolve(i);
    };
    client.on("interactionCreate", on);
  });
}
const isChatInput = (i: BaseInteraction): i is ChatInputCommandInteraction => i.isChatInputCommand();

async function expectApiError(p: Promise<unknown>, status: number, code: number): Promise<DiscordAPIError> {
  const e = await p.then(
    () => {
      throw new Error("expected a DiscordAPIError");
    },
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(DiscordAPIError);
  const d = e as DiscordAPIError;
  expect({ status: d.status, code: d.code }).toEqual({ status, code });
  return d;
}

beforeAll(async () => {
  emu = await startDiscordEmulator({ heartbeatIntervalMs: 5_000 });
  guildId = emu.addGuild({ name: "Kling Lab" }).id;
  textId = emu.addChannel({ guildId, type: 0, name: "general" }).id;
  noPermsId = emu.addChannel({
    guildId,
    type: 0,
    name: "read-only",
    botPermissions: Perm.ViewChannel | Perm.ReadMessageHistory,
  }).id;
  voiceId = emu.addChannel({ guildId, type: 2, name: "Lounge" }).id;
  smallGuildId = emu.addGuild({ name: "Tiny", attachmentSizeLimit: 1024 }).id;
  smallTextId = emu.addChannel({ guildId: smallGuildId, type: 0, name: "tiny" }).id;
  userId = emu.addUser({ username: "alice" }).id;

  client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: emu.apiBase } });
  await new Promise<void>((resolve, reject) => {
    client.once("clientReady", () => resolve());
    client.login(emu.botToken).catch(reject);
  });
});

afterAll(async () => {
  await client?.destroy();
  await emu?.close();
});

describe("discord emulator with the real discord.js Client", () => {
  it("logs in over the gateway and caches guilds and channels", async () => {
    expect(client.user?.id).toBe(emu.botUser.id);
    expect(client.application?.id).toBe(emu.applicationId);
    const guild = client.guilds.cache.get(guildId)!;
    expect(guild.name).toBe("Kling Lab");
    const text = guild.channels.cache.get(textId)!;
    expect(text.type).toBe(DjsChannelType.GuildText);
    const me = guild.members.me!;
    expect(text.permissionsFor(me)?.bitfield).toBe(DEFAULT_BOT_PERMISSIONS);
    expect(guild.channels.cache.get(noPermsId)?.permissionsFor(me)?.has(PermissionFlagsBits.SendMessages)).toBe(false);
    const frames = emu.gatewayFrames.filter((f) => f.direction === "out").map((f) => f.t ?? f.op);
    expect(frames.slice(0, 4)).toEqual([10, "READY", "GUILD_CREATE", "GUILD_CREATE"]);
  });

  it("rejects a wrong token", async () => {
    const bad = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: emu.apiBase } });
    await expect(bad.login("not-the-token")).rejects.toThrow(/token/i);
    await bad.destroy();
  });

  it("stores bulk-overwritten commands (what discord.js builders send passes the spec)", async () => {
    const cmd = new SlashCommandBuilder()
      .setName("edit")
      .setDescription("Edit a video with Kling O3")
      .setDefaultMemberPermissions(PermissionFlagsBits.SendMessages)
      .addStringOption((o) => o.setName("prompt").setDescription("What to change").setRequired(true).setMaxLength(2500))
      .addAttachmentOption((o) => o.setName("video").setDescription("The clip").setRequired(true))
      .addIntegerOption((o) => o.setName("duration").setDescription("Seconds").setMinValue(3).setMaxValue(15))
      .addBooleanOption((o) => o.setName("keep_audio").setDescription("Keep audio"));
    const set = await client.application!.commands.set([cmd.toJSON()], guildId);
    expect(set.size).toBe(1);
    const stored = emu.commands(guildId);
    expect(stored[0]).toMatchObject({ name: "edit", default_member_permissions: "2048", guild_id: guildId });
    expect(set.first()!.id).toBe(stored[0].id);
    // Re-registering keeps the id, like Discord.
    await client.application!.commands.set([cmd.toJSON()], guildId);
    expect(emu.commands(guildId)[0].id).toBe(stored[0].id);
    expect(emu.specViolations).toEqual([]);
  });

  it("delivers a ChatInputCommandInteraction with a resolved attachment; deferReply + editReply + followUp", async () => {
    const video = emu.addAttachment({
      filename: "clip.mp4",
      contentType: "video/mp4",
      data: Buffer.alloc(4096, 7),
      width: 1280,
      height: 720,
    });
    const arrived = nextInteraction(isChatInput);
    const sent = emu.sendCommand({
      guildId,
      channelId: textId,
      userId,
      name: "edit",
      options: { prompt: "make it snow", video, duration: 5, keep_audio: false },
    });
    const i = await arrived;
    expect(i.id).toBe(sent.id);
    expect(i.commandName).toBe("edit");
    expect(i.options.getString("prompt")).toBe("make it snow");
    expect(i.options.getInteger("duration")).toBe(5);
    expect(i.options.getBoolean("keep_audio")).toBe(false);
    const att = i.options.getAttachment("video", true);
    expect(att).toMatchObject({ name: "clip.mp4", size: 4096, contentType: "video/mp4", width: 1280, height: 720 });
    expect(att.url).toMatch(/\?ex=[0-9a-f]+&is=[0-9a-f]+&hm=[0-9a-f]{64}&$/);
    expect(i.attachmentSizeLimit).toBe(10 * 1024 * 1024);
    expect(i.appPermissions.has(PermissionFlagsBits.AttachFiles)).toBe(true);
    expect(i.memberPermissions?.has(PermissionFlagsBits.SendMessages)).toBe(true);
    expect(i.channel?.id).toBe(textId);
    expect(i.user.id).toBe(userId);

    await i.deferReply({ flags: MessageFlags.Ephemeral });
    await i.editReply({ content: "Working on it…" });
    const follow = await i.followUp({ content: "Queued as job 1", flags: MessageFlags.Ephemeral });
    const second = await i.followUp({ content: "Done" });

    const rec = emu.interaction(sent.id)!;
    expect(rec.callbacks).toHaveLength(1);
    expect(rec.callbacks[0]).toMatchObject({ type: 5, status: 204 });
    expect(rec.callbacks[0]!.delayMs).toBeLessThan(3_000);
    expect(rec.edits.map((e) => e.body.content)).toEqual(["Working on it…"]);
    expect(rec.followUps.map((f) => [f.body.content, f.ephemeral])).toEqual([
      ["Queued as job 1", true],
      ["Done", false],
    ]);
    const original = emu.message(textId, rec.originalMessageId!)!;
    expect(original.ephemeral).toBe(true);
    expect(original.raw.flags & 128).toBe(0); // no longer "thinking"
    expect(original.raw.content).toBe("Working on it…");
    expect(follow.id).not.toBe(original.raw.id);
    expect(emu.message(textId, second.id)?.raw.interaction_metadata?.id).toBe(sent.id);
  });

  it("answers a second callback with 40060 and expired tokens with 50027", async () => {
    const arrived = nextInteraction(isChatInput);
    const sent = emu.sendCommand({
      channelId: textId,
      userId,
      name: "edit",
      options: { prompt: "x", video: emu.addAttachment({ filename: "a.mp4", data: Buffer.from("abc") }) },
    });
    const i = await arrived;
    await i.reply({ content: "ok" });
    const again = await fetch(`${emu.apiBase}/v10/interactions/${sent.id}/${sent.token}/callback`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ type: 4, data: { content: "twice" } }),
    });
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({ code: 40060 });
    emu.expireToken(sent.token);
    await expectApiError(i.editReply("late"), 401, 50027);
    await expectApiError(i.followUp("late"), 401, 50027);
  });

  it("records channel.send with a file (multipart) including the bytes, served back by the CDN", async () => {
    const channel = client.channels.cache.get(textId) as TextChannel;
    const bytes = Buffer.from(Array.from({ length: 3000 }, (_, k) => k % 251));
    const msg = await channel.send({ content: "here", files: [new AttachmentBuilder(bytes, { name: "result.mp4" })] });
    const req = emu.requests.find(
      (r) => r.method === "POST" && r.path === `/channels/${textId}/messages` && r.multipart,
    )!;
    expect(req.files).toEqual([{ field: "files[0]", filename: "result.mp4", contentType: "video/mp4", size: 3000 }]);
    expect(req.body).toMatchObject({ content: "here", attachments: [{ id: "0" }] });
    const stored = emu.message(textId, msg.id)!;
    expect(stored.files[0]!.data.equals(bytes)).toBe(true);
    const url = msg.attachments.first()!.url;
    const got = Buffer.from(await (await fetch(url)).arrayBuffer());
    expect(got.equals(bytes)).toBe(true);
  });

  it("serves CDN ranges: 206 with the right bytes, suffix ranges, 416 past the end, HEAD", async () => {
    const data = Buffer.from(Array.from({ length: 1000 }, (_, k) => (k * 7) % 256));
    const att = emu.addAttachment({ filename: "big.mov", data, sizeOverride: 5_000_000 });
    expect(att.size).toBe(5_000_000);
    const r = await fetch(att.url, { headers: { range: "bytes=10-19" } });
    expect(r.status).toBe(206);
    expect(r.headers.get("content-range")).toBe("bytes 10-19/1000");
    expect(r.headers.get("content-length")).toBe("10");
    expect(r.headers.get("accept-ranges")).toBe("bytes");
    expect(Buffer.from(await r.arrayBuffer()).equals(data.subarray(10, 20))).toBe(true);
    const tail = await fetch(att.proxy_url, { headers: { range: "bytes=-4" } });
    expect(tail.status).toBe(206);
    expect(Buffer.from(await tail.arrayBuffer()).equals(data.subarray(996))).toBe(true);
    const past = await fetch(att.url, { headers: { range: "bytes=1000-" } });
    expect(past.status).toBe(416);
    expect(past.headers.get("content-range")).toBe("bytes */1000");
    const head = await fetch(att.url, { method: "HEAD" });
    expect(head.headers.get("content-length")).toBe("1000");
    const unsigned = await fetch(att.url.split("?")[0]!);
    expect(unsigned.status).toBe(404);
  });

  it("makes discord.js wait out a 429 (retry-after) and retry", async () => {
    const channel = client.channels.cache.get(textId) as TextChannel;
    emu.failNext({ method: "POST", path: new RegExp(`^/channels/${textId}/messages$`), status: 429, retryAfter: 0.3 });
    const before = emu.requests.length;
    const msg = await channel.send("after the rate limit");
    const mine = emu.requests.slice(before).filter((r) => r.path === `/channels/${textId}/messages`);
    expect(mine.map((r) => r.status)).toEqual([429, 200]);
    expect(mine[1]!.at - mine[0]!.at).toBeGreaterThanOrEqual(300);
    expect(emu.message(textId, msg.id)?.raw.content).toBe("after the rate limit");
  });

  it("holds a request before it is handled, or handles it and holds its answer, until released", async () => {
    const channel = client.channels.cache.get(textId) as TextChannel;
    const path = new RegExp(`^/channels/${textId}/messages$`);
    const before = emu.requests.length;
    const early = emu.hold({ method: "POST", path });
    const sending = channel.send("held before handling");
    await early.reached;
    expect(emu.messages(textId).some((m) => m.raw.content === "held before handling")).toBe(false);
    early.release();
    expect((await sending).content).toBe("held before handling");

    const late = emu.hold({ method: "POST", path, phase: "answer" });
    let answered = false;
    const posting = channel.send("held after handling").then((m) => ((answered = true), m));
    await late.reached;
    // the message exists (members see it) while the bot still waits for the answer
    const stored = emu.messages(textId).find((m) => m.raw.content === "held after handling");
    expect(stored).toBeDefined();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(answered).toBe(false);
    late.release();
    expect((await posting).id).toBe(stored!.raw.id);
    expect(
      emu.requests
        .slice(before)
        .filter((r) => path.test(r.path))
        .map((r) => r.status),
    ).toEqual([200, 200]);
  });

  it("surfaces 403/50013 for missing permissions and for injected faults", async () => {
    const ro = client.channels.cache.get(noPermsId) as TextChannel;
    await expectApiError(ro.send("hi"), 403, 50013);
    const channel = client.channels.cache.get(textId) as TextChannel;
    emu.failNext({ path: /\/messages$/, status: 403, body: { message: "Missing Permissions", code: 50013 } });
    await expectApiError(channel.send("nope"), 403, 50013);
    emu.failNext({ path: /\/messages$/, status: 500, times: 1 });
    const m = await channel.send("after a 500"); // @discordjs/rest retries 5xx
    expect(m.content).toBe("after a 500");
  });

  it("a fault in the answer phase comes after the request was carried out, as a 502 from Discord's edge does", async () => {
    const channel = client.channels.cache.get(textId) as TextChannel;
    const path = new RegExp(`^/channels/${textId}/messages$`);
    const before = emu.requests.length;
    emu.failNext({ method: "POST", path, status: 502, phase: "answer" });
    // @discordjs/rest retries the 5xx: the message the 502 answered exists, so the retry makes a second one
    await channel.send("carried out, then 502");
    expect(emu.messages(textId).filter((m) => m.raw.content === "carried out, then 502")).toHaveLength(2);
    expect(
      emu.requests
        .slice(before)
        .filter((r) => path.test(r.path))
        .map((r) => [r.status, r.injected]),
    ).toEqual([
      [502, true],
      [200, false],
    ]);
  });

  it("enforce_nonce: discord.js's retry of a create the 502 answered returns the message made, not a second one", async () => {
    const channel = client.channels.cache.get(textId) as TextChannel;
    const path = new RegExp(`^/channels/${textId}/messages$`);
    emu.failNext({ method: "POST", path, status: 502, phase: "answer" });
    const sent = await channel.send({ content: "once, with a nonce", nonce: "n-once-1", enforceNonce: true });
    const made = emu.messages(textId).filter((m) => m.raw.content === "once, with a nonce");
    expect(made).toHaveLength(1);
    expect(sent.id).toBe(made[0]!.raw.id);
  });

  it("answers 413/40005 for uploads over the guild's attachment limit", async () => {
    const tiny = client.channels.cache.get(smallTextId) as TextChannel;
    await expectApiError(
      tiny.send({ files: [new AttachmentBuilder(Buffer.alloc(2048), { name: "x.mp4" })] }),
      413,
      40005,
    );
    expect(emu.messages(smallTextId)).toHaveLength(0);
  });

  it("starts threads from messages; needs CreatePublicThreads; not in voice channels", async () => {
    const channel = client.channels.cache.get(textId) as TextChannel;
    const starter = await channel.send("job #1");
    const thread = await starter.startThread({ name: "Job 1 — make it snow" });
    expect(thread.id).toBe(starter.id);
    expect(thread.parentId).toBe(textId);
    const inThread = await thread.send("progress 10%");
    expect(emu.message(thread.id, inThread.id)?.raw.content).toBe("progress 10%");
    expect(emu.threads().find((t) => t.id === thread.id)).toMatchObject({
      fromMessageId: starter.id,
      parentId: textId,
    });
    const refetched = await channel.messages.fetch({ message: starter.id, force: true });
    expect(refetched.hasThread).toBe(true);
    // discord.js refuses client-side once it knows about the thread; Discord itself answers 160004.
    const again = await fetch(`${emu.apiBase}/v10/channels/${textId}/messages/${starter.id}/threads`, {
      method: "POST",
      headers: { authorization: `Bot ${emu.botToken}`, "content-type": "application/json" },
      body: JSON.stringify({ name: "again" }),
    });
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({ code: 160004 });

    emu.setBotPermissions(noPermsId, Perm.ViewChannel | Perm.ReadMessageHistory | Perm.SendMessages);
    await emu.waitFor(() =>
      (client.channels.cache.get(noPermsId) as TextChannel)
        .permissionsFor(client.user!)
        ?.has(PermissionFlagsBits.SendMessages),
    );
    const ro = client.channels.cache.get(noPermsId) as TextChannel;
    const m2 = await ro.send("can post, cannot thread");
    await expectApiError(m2.startThread({ name: "nope" }), 403, 50013);

    const voiceMsg = await fetch(`${emu.apiBase}/v10/channels/${voiceId}/messages`, {
      method: "POST",
      headers: { authorization: `Bot ${emu.botToken}`, "content-type": "application/json" },
      body: JSON.stringify({ content: "text in voice" }),
    }).then((r) => r.json());
    const res = await fetch(`${emu.apiBase}/v10/channels/${voiceId}/messages/${voiceMsg.id}/threads`, {
      method: "POST",
      headers: { authorization: `Bot ${emu.botToken}`, "content-type": "application/json" },
      body: JSON.stringify({ name: "x" }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 50024 });
  });

  it("404s for messages and channels a moderator deleted", async () => {
    const channel = client.channels.cache.get(textId) as TextChannel;
    const m = await channel.send("soon gone");
    emu.deleteMessage(textId, m.id);
    await expectApiError(m.edit("edited"), 404, 10008);
    const doomed = emu.addChannel({ guildId, type: 0, name: "doomed" }).id;
    await emu.waitFor(() => client.channels.cache.get(doomed));
    const d = client.channels.cache.get(doomed) as TextChannel;
    emu.deleteChannel(doomed);
    await expectApiError(d.send("hello?"), 404, 10003);
  });

  it("rejects spec-invalid bodies with 50035 and records them", async () => {
    const start = emu.specViolations.length;
    const post = (body: unknown) =>
      fetch(`${emu.apiBase}/v10/channels/${textId}/messages`, {
        method: "POST",
        headers: { authorization: `Bot ${emu.botToken}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    const long = await post({ content: "x".repeat(2001) });
    expect(long.status).toBe(400);
    const body = await long.json();
    expect(body).toMatchObject({
      code: 50035,
      message: "Invalid Form Body",
      errors: { content: { _errors: [{ code: "BASE_TYPE_MAX_LENGTH" }] } },
    });
    const badType = await post({ content: "ok", tts: "yes" });
    expect(badType.status).toBe(400);
    expect((await badType.json()).errors.tts).toBeDefined();
    const bigEmbed = await post({ embeds: [{ title: "t".repeat(257) }] });
    expect(bigEmbed.status).toBe(400);
    const threadName = await fetch(`${emu.apiBase}/v10/channels/${textId}/threads`, {
      method: "POST",
      headers: { authorization: `Bot ${emu.botToken}`, "content-type": "application/json" },
      body: JSON.stringify({ name: "n".repeat(101), type: 11 }),
    });
    expect(threadName.status).toBe(400);
    const added = emu.specViolations.slice(start);
    expect(added.map((v) => `${v.kind} ${v.errors.map((e) => e.path.join(".")).join(",")}`)).toEqual([
      "limit content", // the spec allows 4000; the docs (and Discord) 2000
      "schema tts",
      "schema embeds.0.title",
      "limit embeds.0.title",
      "schema name",
      "limit name",
    ]);
    added.forEach((_, k) => provoked.add(start + k));
    expect(emu.messages(textId).some((m) => m.raw.content === "x".repeat(2001))).toBe(false);
  });

  it("delivers button clicks and modal submits", async () => {
    const channel = client.channels.cache.get(textId) as TextChannel;
    const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
      new ButtonBuilder().setCustomId("cancel:1").setLabel("Cancel").setStyle(ButtonStyle.Danger),
    );
    const msg = await channel.send({ content: "Job 1 running", components: [row] });
    const click = nextInteraction((i): i is ButtonInteraction => i.isButton());
    const sent = emu.clickButton({ channelId: textId, messageId: msg.id, customId: "cancel:1", userId });
    const b = await click;
    expect(b.customId).toBe("cancel:1");
    expect(b.message.id).toBe(msg.id);
    await b.update({ content: "Job 1 cancelled", components: [] });
    expect(emu.message(textId, msg.id)?.raw).toMatchObject({ content: "Job 1 cancelled", components: [] });
    expect(emu.interaction(sent.id)?.callbacks[0]).toMatchObject({ type: 7, status: 204 });

    const file = emu.addAttachment({ filename: "ref.png", data: Buffer.from("png") });
    const modal = nextInteraction((i): i is ModalSubmitInteraction => i.isModalSubmit());
    emu.submitModal({ channelId: textId, userId, customId: "edit-modal", fields: { prompt: "snow", refs: [file] } });
    const s = await modal;
    expect(s.fields.getTextInputValue("prompt")).toBe("snow");
    expect(s.fields.getUploadedFiles("refs")?.first()?.name).toBe("ref.png");
    await s.reply({ content: "thanks", flags: MessageFlags.Ephemeral });
  });

  it("a button on a message in another channel: that channel's interaction; an update edits its label, keeps its file", async () => {
    const otherId = emu.addChannel({ guildId, type: 0, name: "showcase" }).id as string;
    const channel = (await client.channels.fetch(otherId)) as TextChannel;
    const star = (label: string) =>
      new ActionRowBuilder<ButtonBuilder>().addComponents(
        new ButtonBuilder()
          .setCustomId("star:1")
          .setEmoji({ name: "⭐" })
          .setLabel(label)
          .setStyle(ButtonStyle.Secondary),
      );
    const msg = await channel.send({
      content: "a showcase post",
      components: [star("0")],
      files: [new AttachmentBuilder(Buffer.from("clip"), { name: "before-after.mp4" })],
    });
    const click = nextInteraction((i): i is ButtonInteraction => i.isButton());
    const sent = emu.clickButton({ channelId: otherId, messageId: msg.id, customId: "star:1", userId });
    const b = await click;
    expect(b.channelId).toBe(otherId);
    expect(emu.interaction(sent.id)?.payload).toMatchObject({ channel_id: otherId, message: { id: msg.id } });
    await b.update({ components: [star("1")] });
    const stored = emu.message(otherId, msg.id)!;
    expect(stored.raw.components[0].components[0]).toMatchObject({ label: "1", emoji: { name: "⭐" } });
    expect(stored.raw.content).toBe("a showcase post");
    expect(stored.files.map((f) => f.filename)).toEqual(["before-after.mp4"]);
    // a label over Discord's 80 characters (discord.js's builder would stop it; raw JSON does not) is refused (50035)
    const start = emu.specViolations.length;
    const again = nextInteraction((i): i is ButtonInteraction => i.isButton());
    emu.clickButton({ channelId: otherId, messageId: msg.id, customId: "star:1", userId });
    await expect(
      (await again).update({
        components: [{ type: 1, components: [{ type: 2, custom_id: "star:1", style: 2, label: "x".repeat(81) }] }],
      }),
    ).rejects.toThrow(DiscordAPIError);
    for (let k = start; k < emu.specViolations.length; k += 1) provoked.add(k);
    expect(emu.specViolations.length).toBeGreaterThan(start);
    expect(emu.message(otherId, msg.id)!.raw.components[0].components[0].label).toBe("1");
  });

  it("resumes the gateway session after a dropped connection", async () => {
    const resumed = new Promise<void>((r) => client.ws.shards.first()!.once("resumed", () => r()));
    emu.dropGatewayConnections(4000);
    await resumed;
    const arrived = nextInteraction(isChatInput);
    emu.sendCommand({
      channelId: textId,
      userId,
      name: "edit",
      options: { prompt: "again", video: emu.addAttachment({ filename: "b.mp4", data: Buffer.from("b") }) },
    });
    await (await arrived).reply("still here");
  });

  it("accepts the rest of discord.js's usual traffic without spec violations", async () => {
    const video = emu.addAttachment({ filename: "clip.mov", data: Buffer.alloc(64, 1) });
    // showModal with a label-wrapped text input and file upload
    let arrived = nextInteraction(isChatInput);
    emu.sendCommand({ channelId: textId, userId, name: "edit", options: { prompt: "p", video } });
    let i = await arrived;
    await i.showModal(
      new ModalBuilder()
        .setCustomId("refs")
        .setTitle("Reference images")
        .setLabelComponents(
          new LabelBuilder()
            .setLabel("Prompt")
            .setTextInputComponent(
              new TextInputBuilder().setCustomId("prompt").setStyle(TextInputStyle.Paragraph).setMaxLength(2500),
            ),
          new LabelBuilder()
            .setLabel("Images")
            .setFileUploadComponent(new FileUploadBuilder().setCustomId("images").setMinValues(1).setMaxValues(4)),
        ),
    );
    expect(emu.interaction(i.id)?.modal).toMatchObject({ custom_id: "refs", title: "Reference images" });

    // deferReply withResponse, editReply with a file, reply with a file
    arrived = nextInteraction(isChatInput);
    emu.sendCommand({ channelId: textId, userId, name: "edit", options: { prompt: "p", video } });
    i = await arrived;
    const resp = await i.deferReply({ withResponse: true });
    expect(resp.interaction.responseMessageLoading).toBe(true);
    const edited = await i.editReply({
      content: "result",
      files: [new AttachmentBuilder(Buffer.alloc(100, 3), { name: "out.mp4" })],
    });
    expect(edited.attachments.first()?.size).toBe(100);
    expect(emu.message(textId, edited.id)?.files[0]?.data.length).toBe(100);

    arrived = nextInteraction(isChatInput);
    emu.sendCommand({ channelId: textId, userId, name: "edit", options: { prompt: "p", video } });
    i = await arrived;
    await i.reply({ content: "inline", files: [new AttachmentBuilder(Buffer.from("hi"), { name: "note.txt" })] });
    const reply = await i.fetchReply();
    expect(reply.attachments.first()?.name).toBe("note.txt");
    await i.deleteReply();
    expect(emu.message(textId, reply.id)?.deleted).toBe(true);

    // channel routes: fetch, history, threads.create, join, typing
    const fetched = (await client.channels.fetch(textId, { force: true })) as TextChannel;
    await fetched.sendTyping();
    const history = await fetched.messages.fetch({ limit: 5 });
    expect(history.size).toBeGreaterThan(0);
    expect([...history.values()].every((m) => !m.flags.has(MessageFlags.Ephemeral))).toBe(true);
    const t = await fetched.threads.create({
      name: "side thread",
      type: DjsChannelType.PublicThread,
      autoArchiveDuration: 60,
    });
    await t.join();
    await t.send({
      content: "hello thread",
      embeds: [{ title: "Progress", description: "50%", fields: [{ name: "Job", value: "1" }] }],
    });
    expect(emu.threads().find((x) => x.id === t.id)?.members).toContain(emu.botUser.id);
  });

  it("saw no spec violations from discord.js traffic", () => {
    const unexpected = emu.specViolations.filter((_, k) => !provoked.has(k));
    expect(unexpected.map((v) => `${v.route} ${JSON.stringify(v.errors)}`)).toEqual([]);
    expect(emu.requests.filter((r) => r.route === null)).toEqual([]);
  });
});

describe("discord emulator options and raw checks", () => {
  it("rejects command registrations Discord would refuse", async () => {
    const e = await startDiscordEmulator();
    try {
      const g = e.addGuild({ name: "g" }).id;
      const put = (body: unknown) =>
        fetch(`${e.apiBase}/v10/applications/${e.applicationId}/guilds/${g}/commands`, {
          method: "PUT",
          headers: { authorization: `Bot ${e.botToken}`, "content-type": "application/json" },
          body: JSON.stringify(body),
        });
      const opt = (n: number, required = false) => ({ type: 3, name: `o${n}`, description: "d", required });
      const cases: unknown[] = [
        [{ name: "Edit", description: "uppercase name" }],
        [{ name: "edit", description: "" }],
        [{ name: "edit", description: "d", options: Array.from({ length: 26 }, (_, k) => opt(k)) }],
        [{ name: "edit", description: "d", options: [opt(1), opt(2, true)] }],
        [{ name: "edit", description: "d", options: [{ ...opt(1), max_length: 6001 }] }],
        [
          { name: "edit", description: "d" },
          { name: "edit", description: "again" },
        ],
      ];
      for (const c of cases) {
        const r = await put(c);
        expect(r.status, JSON.stringify(c).slice(0, 80)).toBe(400);
        expect((await r.json()).code).toBe(50035);
      }
      expect(new Set(e.specViolations.map((v) => v.requestSeq)).size).toBe(cases.length);
      expect(e.commands(g)).toEqual([]);
      const ok = await put([{ name: "edit", description: "d", options: [opt(1, true), opt(2)] }]);
      expect(ok.status).toBe(200);
      expect(e.commands(g)).toHaveLength(1);
      const unauth = await fetch(`${e.apiBase}/v10/users/@me`);
      expect(unauth.status).toBe(401);
    } finally {
      await e.close();
    }
  });

  it("enforce_nonce is remembered per author for nonceWindowMs; without it a nonce is only echoed", async () => {
    const e = await startDiscordEmulator({ nonceWindowMs: 300 });
    try {
      const g = e.addGuild({ name: "g" }).id;
      const c = e.addChannel({ guildId: g, type: 0, name: "c" }).id;
      const post = async (body: unknown) => {
        const r = await fetch(`${e.apiBase}/v10/channels/${c}/messages`, {
          method: "POST",
          headers: { authorization: `Bot ${e.botToken}`, "content-type": "application/json" },
          body: JSON.stringify(body),
        });
        expect(r.status).toBe(200);
        return ((await r.json()) as { id: string }).id;
      };
      const first = await post({ content: "a", nonce: "n1", enforce_nonce: true });
      expect(await post({ content: "a again", nonce: "n1", enforce_nonce: true })).toBe(first);
      expect(await post({ content: "other nonce", nonce: "n2", enforce_nonce: true })).not.toBe(first);
      expect(await post({ content: "not enforced", nonce: "n1" })).not.toBe(first);
      await new Promise((r) => setTimeout(r, 350));
      expect(await post({ content: "after the window", nonce: "n1", enforce_nonce: true })).not.toBe(first);
      expect(e.messages(c).map((m) => m.raw.content)).toEqual(["a", "other nonce", "not enforced", "after the window"]);
    } finally {
      await e.close();
    }
  });

  it("strictSpec:false records violations but lets the request through", async () => {
    const e = await startDiscordEmulator({ strictSpec: false });
    try {
      const g = e.addGuild({ name: "g" }).id;
      const c = e.addChannel({ guildId: g, type: 0, name: "c" }).id;
      const r = await fetch(`${e.apiBase}/v10/channels/${c}/messages`, {
        method: "POST",
        headers: { authorization: `Bot ${e.botToken}`, "content-type": "application/json" },
        body: JSON.stringify({ content: "y".repeat(2500) }),
      });
      expect(r.status).toBe(200);
      expect(e.specViolations).toHaveLength(1);
      expect(e.messages(c)).toHaveLength(1);
      const w = await e.waitForRequest("POST", `/channels/${c}/messages`);
      expect(w.status).toBe(200);
    } finally {
      await e.close();
    }
  });

  it("enforceCallbackDeadline answers late callbacks with 10062 (recording the delay)", async () => {
    const { e, c2, ch } = await deadlineEmulator(100);
    try {
      const got = new Promise<ChatInputCommandInteraction>((r) =>
        c2.once("interactionCreate", (i) => i.isChatInputCommand() && r(i)),
      );
      const { id } = e.sendCommand({ channelId: ch, name: "slow" });
      const i = await got;
      await new Promise((r) => setTimeout(r, 150));
      await expectApiError(i.deferReply(), 404, 10062);
      expect(e.interaction(id)?.callbacks[0]?.delayMs).toBeGreaterThanOrEqual(150);
    } finally {
      await c2.destroy();
      await e.close();
    }
  });
});

/** An emulator that refuses callbacks later than `deadlineMs`, a channel, and a discord.js client logged in to it. */
async function deadlineEmulator(deadlineMs: number) {
  const e = await startDiscordEmulator({ enforceCallbackDeadline: true, callbackDeadlineMs: deadlineMs });
  const c2 = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: e.apiBase } });
  const g = e.addGuild({ name: "g" }).id;
  const ch = e.addChannel({ guildId: g, type: 0, name: "c" }).id;
  await new Promise<void>((resolve, reject) => {
    c2.once("clientReady", () => resolve());
    c2.login(e.botToken).catch(reject);
  });
  return { e, c2, ch };
}

describe("discord emulator: when a callback counts as received", () => {
  it("times an interaction callback at its arrival, not after the emulator's own wait to handle it", async () => {
    const { e, c2, ch } = await deadlineEmulator(250);
    try {
      c2.on("interactionCreate", (i) => void (i.isChatInputCommand() && i.deferReply()));
      // the emulator is slow to get to the callback (as a loaded test process is), after it has arrived in time
      const held = e.hold({ method: "POST", path: /\/callback$/ });
      const { id } = e.sendCommand({ channelId: ch, name: "slow-emulator" });
      await held.reached;
      await new Promise((r) => setTimeout(r, 400));
      held.release();
      await e.waitFor(() => (e.interaction(id)?.callbacks[0]?.status ?? 0) > 0, 5_000, "the callback handled");
      const callback = e.interaction(id)!.callbacks[0]!;
      expect(callback.status).toBe(204);
      expect(callback.delayMs).toBeLessThan(250);
    } finally {
      await c2.destroy();
      await e.close();
    }
  });
});

describe("discord emulator CDN under Discord's public names (publicNetwork)", () => {
  it("signs attachment links as https://cdn.discordapp.com / media.discordapp.net and serves them over TLS", async () => {
    const { createPublicNetwork } = await import("../../emulators/public-net.js");
    const net = await createPublicNetwork();
    const pub = await startDiscordEmulator({ publicNetwork: net });
    try {
      const data = Buffer.from("0123456789abcdef");
      const att = pub.addAttachment({ filename: "clip.mp4", contentType: "video/mp4", data });
      expect(att.url).toMatch(
        /^https:\/\/cdn\.discordapp\.com\/ephemeral-attachments\/\d+\/\d+\/clip\.mp4\?ex=[0-9a-f]+&is=[0-9a-f]+&hm=[0-9a-f]+&$/,
      );
      expect(att.proxy_url).toMatch(/^https:\/\/media\.discordapp\.net\/ephemeral-attachments\//);
      expect(pub.apiBase).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api$/); // REST and the gateway stay where discord.js is pointed
      const whole = await net.fetch(att.url, { timeoutMs: 2_000 });
      expect([whole.status, whole.contentType, whole.bytes.toString()]).toEqual([200, "video/mp4", "0123456789abcdef"]);
      expect((await net.fetch(att.proxy_url, { timeoutMs: 2_000 })).bytes.toString()).toBe("0123456789abcdef");
      // a tampered signature is refused like Discord's CDN does
      const bad = await net.fetch(att.url.replace(/hm=[0-9a-f]+/, "hm=00"), { timeoutMs: 2_000 });
      expect(bad.status).toBe(404);
      expect(pub.cdnRequests.map((r) => r.status)).toEqual([200, 200, 404]);
      // both names resolve to public addresses routed to the same local TLS listener
      expect(net.addressOf("cdn.discordapp.com")).toMatch(/^203\.0\.114\.\d+$/);
      expect(net.dials.every((d) => d.port === 443 && d.to > 0)).toBe(true);
    } finally {
      await pub.close();
    }
  });
});
