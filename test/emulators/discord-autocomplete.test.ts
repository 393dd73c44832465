/**
 * The Discord emulator answers autocomplete as Discord documents it (interaction type 4 → callback type 8 with
 * `{ choices }`, checked against the OpenAPI spec and the 25-choice / 100-character limits), and its CDN links
 * expire when its clock passes their `ex`.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  Client,
  GatewayIntentBits,
  SlashCommandBuilder,
  type AutocompleteInteraction,
  type BaseInteraction,
} from "discord.js";
import { startDiscordEmulator, type DiscordEmulator } from "../../emulators/discord/index.js";

let emu: DiscordEmulator;
let client: Client;
let guildId: string;
let channelId: string;

function nextAutocomplete(): Promise<AutocompleteInteraction> {
  return new Promise((resolve) => {
    const on = (i: BaseInteraction) => {
      if (!i.isAutocomplete()) return;
      client.off("interactionCreate", on);
      resolve(i);
    };
    client.on("interactionCreate", on);
  });
}

beforeAll(async () => {
  emu = await startDiscordEmulator();
  guildId = emu.addGuild({ name: "Lab" }).id;
  channelId = emu.addChannel({ guildId, type: 0, name: "general" }).id as string;
  client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: emu.apiBase } });
  await new Promise<void>((resolve, reject) => {
    client.once("clientReady", () => resolve());
    client.login(emu.botToken).catch(reject);
  });
  const cmd = new SlashCommandBuilder()
    .setName("pick")
    .setDescription("Pick things")
    .addStringOption((o) => o.setName("prompt").setDescription("What").setRequired(true))
    .addStringOption((o) => o.setName("things").setDescription("Names").setAutocomplete(true));
  await client.application!.commands.set([cmd.toJSON()], guildId);
});

afterAll(async () => {
  await client?.destroy();
  await emu?.close();
});

describe("discord emulator: autocomplete", () => {
  it("sends type 4 with the focused option's partial text; the bot's callback type 8 choices are recorded", async () => {
    const arrived = nextAutocomplete();
    const { id } = emu.sendAutocomplete({ channelId, name: "pick", focused: "things", options: { things: "al" } });
    const interaction = await arrived;
    // required options are not checked while typing; the focused one is a string
    expect(interaction.options.getFocused(true)).toMatchObject({ name: "things", value: "al", focused: true });
    expect(interaction.commandName).toBe("pick");
    await interaction.respond([
      { name: "alice", value: "alice" },
      { name: "alfred", value: "alfred" },
    ]);
    expect(emu.autocompleteChoices(id)).toEqual([
      { name: "alice", value: "alice" },
      { name: "alfred", value: "alfred" },
    ]);
    expect(emu.interaction(id)!.callbacks[0]).toMatchObject({ type: 8, status: 204 });
    expect(emu.specViolations).toEqual([]);
  });

  it("refuses other callback types, more than 25 choices and values over 100 characters", async () => {
    const start = emu.specViolations.length;
    const callback = async (body: unknown) => {
      const { id, token } = emu.sendAutocomplete({ channelId, name: "pick", focused: "things", options: {} });
      const res = await fetch(`${emu.apiBase}/v10/interactions/${id}/${token}/callback`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      return { res, id };
    };
    const message = await callback({ type: 4, data: { content: "hi" } });
    expect(message.res.status).toBe(400);
    const many = Array.from({ length: 26 }, (_, i) => ({ name: `n${i}`, value: `v${i}` }));
    expect((await callback({ type: 8, data: { choices: many } })).res.status).toBe(400);
    const long = await callback({ type: 8, data: { choices: [{ name: "x", value: "v".repeat(101) }] } });
    expect(long.res.status).toBe(400);
    expect(emu.autocompleteChoices(long.id)).toBeUndefined();
    const added = emu.specViolations
      .slice(start)
      .map((v) => `${v.kind} ${v.errors.map((e) => e.path.join(".")).join(",")}`);
    expect(added).toEqual([
      "semantic type", // a message is no answer to autocomplete
      "schema type", // 26 choices match none of the spec's callback bodies (its maxItems is 25)
      "limit data.choices",
      "limit data.choices.0.value", // the spec allows 6000; the docs (and Discord) 100
    ]);
    emu.specViolations.splice(start);
  });

  it("only for options registered with autocomplete", () => {
    expect(() => emu.sendAutocomplete({ channelId, name: "pick", focused: "prompt", options: {} })).toThrow(
      /not registered with autocomplete/,
    );
  });
});

describe("discord emulator: CDN links expire", () => {
  it("a signed link answers until its ex passes on the CDN's clock, then 404", async () => {
    const attachment = emu.addAttachment({ filename: "a.png", data: Buffer.from("png bytes") });
    expect((await fetch(attachment.url)).status).toBe(200);
    emu.advanceCdnClock(25 * 3_600_000);
    const expired = await fetch(attachment.url);
    expect(expired.status).toBe(404);
    // a link signed now is good again
    const fresh = emu.addAttachment({ filename: "b.png", data: Buffer.from("png bytes") });
    expect((await fetch(fresh.url)).status).toBe(200);
  });
});
