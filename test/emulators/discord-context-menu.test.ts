/**
 * The emulator's message context-menu commands, modals with file uploads and attachment link refreshes, driven
 * by the real discord.js Client: what Discord sends, what it accepts, and what it refuses.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ApplicationCommandType,
  Client,
  ContextMenuCommandBuilder,
  FileUploadBuilder,
  GatewayIntentBits,
  LabelBuilder,
  MessageContextMenuCommandInteraction,
  ModalBuilder,
  ModalSubmitInteraction,
  TextInputBuilder,
  TextInputStyle,
  type APIModalInteractionResponseCallbackData,
  type BaseInteraction,
} from "discord.js";
import { startDiscordEmulator, type DiscordEmulator } from "../../emulators/discord/index.js";

let emu: DiscordEmulator;
let client: Client;
let guildId: string;
let channelId: string;
let userId: string;

function nextInteraction<T extends BaseInteraction>(pred: (i: BaseInteraction) => i is T): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("no interaction arrived")), 5_000);
    const on = (i: BaseInteraction) => {
      if (!pred(i)) return;
      clearTimeout(timer);
      client.off("interactionCreate", on);
      resolve(i);
    };
    client.on("interactionCreate", on);
  });
}
const isMessageMenu = (i: BaseInteraction): i is MessageContextMenuCommandInteraction =>
  i.isMessageContextMenuCommand();
const isModalSubmit = (i: BaseInteraction): i is ModalSubmitInteraction => i.isModalSubmit();

const editModal = () =>
  new ModalBuilder()
    .setCustomId("edit:1")
    .setTitle("Edit")
    .setLabelComponents(
      new LabelBuilder()
        .setLabel("Prompt")
        .setTextInputComponent(new TextInputBuilder().setCustomId("prompt").setStyle(TextInputStyle.Short)),
      new LabelBuilder()
        .setLabel("Images")
        .setFileUploadComponent(
          new FileUploadBuilder().setCustomId("images").setMinValues(0).setMaxValues(2).setRequired(false),
        ),
    );

/** Opens the context menu on a member's message and answers with `modal`; returns the interaction's id. */
async function openModal(modal: ModalBuilder | APIModalInteractionResponseCallbackData): Promise<string> {
  const target = emu.postMessage({
    channelId,
    userId,
    content: "clip",
    files: [{ filename: "a.mp4", data: Buffer.from("x") }],
  });
  const arrived = nextInteraction(isMessageMenu);
  const { id } = emu.sendCommand({
    channelId,
    userId,
    name: "Edit this",
    commandType: 3,
    targetId: target.raw.id,
  });
  await (await arrived).showModal(modal);
  return id;
}

beforeAll(async () => {
  emu = await startDiscordEmulator();
  guildId = emu.addGuild({ name: "Lab", attachmentSizeLimit: 1000 }).id;
  channelId = emu.addChannel({ guildId, type: 0, name: "clips" }).id;
  userId = emu.addUser({ username: "ana" }).id;
  client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: emu.apiBase } });
  await new Promise<void>((resolve, reject) => {
    client.once("clientReady", () => resolve());
    client.login(emu.botToken).catch(reject);
  });
  await client.application!.commands.set(
    [new ContextMenuCommandBuilder().setName("Edit this").setType(ApplicationCommandType.Message)],
    guildId,
  );
});

afterAll(async () => {
  await client?.destroy();
  await emu?.close();
});

describe("message context-menu commands", () => {
  it("registers a name with capitals and spaces, and refuses a description on it", async () => {
    expect(emu.commands(guildId)).toMatchObject([{ name: "Edit this", type: 3 }]);
    const put = await fetch(`${emu.apiBase}/v10/applications/${emu.applicationId}/guilds/${guildId}/commands`, {
      method: "PUT",
      headers: { authorization: `Bot ${emu.botToken}`, "content-type": "application/json" },
      body: JSON.stringify([{ name: "Edit this", type: 3, description: "no" }]),
    });
    expect(put.status).toBe(400);
    emu.specViolations.length = 0;
  });

  it("sends the target message, its text and attachments included, with a Guilds-only client", async () => {
    const target = emu.postMessage({
      channelId,
      userId,
      content: "look https://example.com/a.mp4",
      files: [{ filename: "clip.mp4", data: Buffer.alloc(64, 1), contentType: "video/mp4" }],
    });
    expect(target.raw.author.id).toBe(userId);
    const arrived = nextInteraction(isMessageMenu);
    emu.sendCommand({ channelId, userId, name: "Edit this", commandType: 3, targetId: target.raw.id });
    const interaction = await arrived;
    expect(interaction.commandType).toBe(ApplicationCommandType.Message);
    expect(interaction.targetId).toBe(target.raw.id);
    expect(interaction.targetMessage.content).toBe("look https://example.com/a.mp4");
    const attachment = interaction.targetMessage.attachments.first()!;
    expect(attachment).toMatchObject({ name: "clip.mp4", contentType: "video/mp4", size: 64 });
    expect(attachment.url).toContain(`/attachments/${channelId}/`);
    expect((await fetch(attachment.url)).status).toBe(200);
    await interaction.reply({ content: "ok", flags: 64 });
  });
});

describe("modals with file uploads", () => {
  it("accepts a Label with a File Upload and delivers the uploaded files as resolved attachments", async () => {
    const opened = await openModal(editModal());
    expect(emu.interaction(opened)!.modal.components[1]).toMatchObject({
      type: 18,
      component: { type: 19, custom_id: "images", min_values: 0, max_values: 2 },
    });
    const files = [
      emu.addAttachment({ filename: "a.png", data: Buffer.from("a") }),
      emu.addAttachment({ filename: "b.png", data: Buffer.from("b") }),
    ];
    const submitted = nextInteraction(isModalSubmit);
    emu.submitModal({ channelId, userId, openedBy: opened, fields: { prompt: "snow", images: files } });
    const modal = await submitted;
    expect(modal.customId).toBe("edit:1");
    expect(modal.fields.getTextInputValue("prompt")).toBe("snow");
    expect([...modal.fields.getUploadedFiles("images")!.values()].map((a) => a.name)).toEqual(["a.png", "b.png"]);
    await modal.reply({ content: "thanks", flags: 64 });
    expect(emu.specViolations).toEqual([]);
  });

  it("lets a member submit only what the shown modal allows", async () => {
    const opened = await openModal(editModal());
    const file = () => emu.addAttachment({ filename: "c.png", data: Buffer.from("c") });
    const big = emu.addAttachment({ filename: "big.png", data: Buffer.alloc(1001) });
    expect(() =>
      emu.submitModal({ channelId, openedBy: opened, fields: { prompt: "p", images: [file(), file(), file()] } }),
    ).toThrow(/0–2 files, got 3/);
    expect(() => emu.submitModal({ channelId, openedBy: opened, fields: { prompt: "p", images: [big] } })).toThrow(
      /upload limit/,
    );
    expect(() => emu.submitModal({ channelId, openedBy: opened, fields: { images: [] } })).toThrow(/required/);
    expect(() => emu.submitModal({ channelId, openedBy: opened, fields: { prompt: "p", other: "x" } })).toThrow(
      /no field "other"/,
    );
  });

  it("refuses file uploads Discord refuses: more than 10 files, min above max", async () => {
    for (const upload of [
      { type: 19, custom_id: "f", max_values: 11 },
      { type: 19, custom_id: "f", min_values: 3, max_values: 2 },
    ]) {
      // raw JSON: discord.js's builders would refuse these before sending
      const modal = { custom_id: "m", title: "T", components: [{ type: 18, label: "Files", component: upload }] };
      const before = emu.specViolations.length;
      await expect(openModal(modal as unknown as APIModalInteractionResponseCallbackData)).rejects.toThrow();
      expect(emu.specViolations.length).toBeGreaterThan(before);
    }
    emu.specViolations.length = 0;
  });
});

describe("POST /attachments/refresh-urls", () => {
  const refresh = (body: unknown) =>
    fetch(`${emu.apiBase}/v10/attachments/refresh-urls`, {
      method: "POST",
      headers: { authorization: `Bot ${emu.botToken}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });

  it("signs expired links anew; links it does not serve are left out", async () => {
    const message = emu.postMessage({ channelId, userId, files: [{ filename: "v.mp4", data: Buffer.from("video") }] });
    const url = message.raw.attachments[0].url as string;
    expect((await fetch(url)).status).toBe(200);
    emu.advanceCdnClock(25 * 3_600_000); // a day and an hour later
    expect((await fetch(url)).status).toBe(404);

    const answer = await refresh({ attachment_urls: [url, "https://example.com/x.mp4"] });
    expect(answer.status).toBe(200);
    const { refreshed_urls } = (await answer.json()) as { refreshed_urls: { original: string; refreshed: string }[] };
    expect(refreshed_urls).toHaveLength(1);
    expect(refreshed_urls[0]!.original).toBe(url);
    expect(refreshed_urls[0]!.refreshed.split("?")[0]).toBe(url.split("?")[0]);
    const fresh = await fetch(refreshed_urls[0]!.refreshed);
    expect(fresh.status).toBe(200);
    expect(await fresh.text()).toBe("video");
  });

  it("needs the bot token and 1–50 links", async () => {
    const noAuth = await fetch(`${emu.apiBase}/v10/attachments/refresh-urls`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ attachment_urls: ["https://x"] }),
    });
    expect(noAuth.status).toBe(401);
    expect((await refresh({ attachment_urls: [] })).status).toBe(400);
    expect((await refresh({ attachment_urls: Array(51).fill("https://x") })).status).toBe(400);
    expect((await refresh({})).status).toBe(400);
    emu.specViolations.length = 0;
  });
});
