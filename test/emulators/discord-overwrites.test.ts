/**
 * Channel permission overwrites: role (@everyone = the guild id) and member overwrites arrive in
 * `permission_overwrites` as Discord sends them (GUILD_CREATE, CHANNEL_UPDATE, GET /channels/{id}), so discord.js
 * computes `permissionsFor(@everyone)` as it would against Discord; the bot's own permissions stay as set.
 */
import { ChannelType, Client, GatewayIntentBits, PermissionFlagsBits, type TextChannel } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DEFAULT_BOT_PERMISSIONS,
  Perm,
  startDiscordEmulator,
  type DiscordEmulator,
} from "../../emulators/discord/index.js";
import { SpecValidator } from "../../emulators/discord/spec.js";

let emu: DiscordEmulator;
let client: Client;
let guildId: string;
let openId: string;
let hiddenId: string;

beforeAll(async () => {
  emu = await startDiscordEmulator();
  guildId = emu.addGuild({ name: "Lab" }).id;
  const mods = "700000000000000001";
  openId = emu.addChannel({ guildId, type: 0, name: "general" }).id;
  hiddenId = emu.addChannel({
    guildId,
    type: 0,
    name: "mods",
    permissionOverwrites: [
      { id: guildId, type: 0, deny: Perm.ViewChannel },
      { id: mods, type: 0, allow: Perm.ViewChannel | Perm.SendMessages },
    ],
  }).id;
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

const everyoneView = (channelId: string) => {
  const channel = client.channels.cache.get(channelId) as TextChannel;
  return channel.permissionsFor(channel.guild.roles.everyone).has(PermissionFlagsBits.ViewChannel);
};

describe("channel permission overwrites", () => {
  it("GUILD_CREATE carries them: discord.js sees @everyone denied where a moderator hid the channel", () => {
    expect(everyoneView(openId)).toBe(true);
    expect(everyoneView(hiddenId)).toBe(false);
    const hidden = client.channels.cache.get(hiddenId) as TextChannel;
    expect(hidden.permissionOverwrites.cache.get(guildId)?.deny.has(PermissionFlagsBits.ViewChannel)).toBe(true);
    // the bot's member overwrite still decides its own permissions
    expect(hidden.permissionsFor(client.user!)!.bitfield).toBe(DEFAULT_BOT_PERMISSIONS);
  });

  it("GET /channels/{id} returns them in the spec's shape", async () => {
    const raw = (await client.rest.get(`/channels/${hiddenId}`)) as { permission_overwrites: unknown[] };
    expect(raw.permission_overwrites).toEqual([
      { id: guildId, type: 0, allow: "0", deny: String(Perm.ViewChannel) },
      { id: "700000000000000001", type: 0, allow: String(Perm.ViewChannel | Perm.SendMessages), deny: "0" },
      expect.objectContaining({ type: 1 }),
    ]);
    const spec = new SpecValidator();
    for (const overwrite of raw.permission_overwrites)
      expect(spec.validateComponent("ChannelPermissionOverwriteResponse", overwrite)).toEqual([]);
    expect(
      spec.validateComponent("ChannelPermissionOverwriteResponse", { id: guildId, type: 3, allow: 1, deny: "0" }),
    ).not.toEqual([]);
  });

  it("setChannelOverwrites sends CHANNEL_UPDATE and discord.js follows", async () => {
    emu.setChannelOverwrites(openId, [{ id: guildId, type: 0, deny: Perm.ViewChannel }]);
    await emu.waitFor(() => !everyoneView(openId), 5000, "CHANNEL_UPDATE applied");
    emu.setChannelOverwrites(openId, []);
    await emu.waitFor(() => everyoneView(openId), 5000, "CHANNEL_UPDATE applied");
  });

  it("refuses overwrites Discord would not have", () => {
    const text = emu.addChannel({ guildId, type: 0, name: "t" }).id;
    expect(() =>
      emu.addChannel({
        guildId,
        type: ChannelType.PublicThread,
        name: "th",
        parentId: text,
        permissionOverwrites: [{ id: guildId, type: 0 }],
      }),
    ).toThrow(/threads/);
    expect(() => emu.setChannelOverwrites(text, [{ id: emu.botUser.id as string, type: 1 }])).toThrow(/botPermissions/);
    expect(() =>
      emu.setChannelOverwrites(text, [
        { id: guildId, type: 0 },
        { id: guildId, type: 0 },
      ]),
    ).toThrow(/one per/);
  });
});
