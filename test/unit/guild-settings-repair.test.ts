import { Writable } from "node:stream";
import Keyv from "keyv";
import { describe, expect, it } from "vitest";
import { renderSettings } from "../../commands/kling-config.js";
import { loadConfig } from "../../src/config.js";
import { GuildSettingsStore } from "../../src/guild/settings-store.js";
import { createLogger } from "../../src/logger.js";

const env = loadConfig({
  DISCORD_TOKEN: "t",
  DISCORD_APPLICATION_ID: "123456789012345678",
  FAL_KEY: "k",
  KLING_USER_COOLDOWN_SEC: "45",
});
const GUILD = "900000000000000001";

/** What an owner saved: budgets, a pause, channel and role limits, a cooldown. */
const SAVED = {
  paused: true,
  pausedReason: "maintenance",
  allowedChannelIds: ["111111", "222222"],
  allowedRoleIds: ["333333"],
  guildDailyBudgetMicros: 5_000_000,
  guildMonthlyBudgetMicros: 100_000_000,
  userCooldownSec: 120,
  blockedPromptWords: ["gore"],
};

async function storeWith(raw: unknown) {
  const keyv = new Keyv();
  await keyv.set(`guild-settings:${GUILD}`, raw);
  const lines: string[] = [];
  const logger = createLogger(
    "warn",
    new Writable({ write: (chunk, _e, done) => void (lines.push(String(chunk)), done()) }),
  );
  return { store: new GuildSettingsStore(keyv, env, logger), keyv, logs: () => lines.map((l) => JSON.parse(l)) };
}

describe("stored guild settings that no longer parse are repaired field by field", () => {
  it("one bad field keeps the budgets, the pause and the channel and role limits", async () => {
    const { store, logs } = await storeWith({ ...SAVED, userCooldownSec: "two minutes, sk-SECRET" });
    const settings = await store.get(GUILD);
    expect(settings).toMatchObject({
      paused: true,
      pausedReason: "maintenance",
      allowedChannelIds: ["111111", "222222"],
      allowedRoleIds: ["333333"],
      guildDailyBudgetMicros: 5_000_000,
      guildMonthlyBudgetMicros: 100_000_000,
      blockedPromptWords: ["gore"],
      userCooldownSec: 45, // the environment's default
    });
    // logged once, with the guild and the field name, never the value
    await store.get(GUILD);
    const warnings = logs().filter((l) => l.level === 40);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ guildId: GUILD, fields: ["userCooldownSec"] });
    expect(JSON.stringify(logs())).not.toContain("SECRET");
    expect(JSON.stringify(logs())).not.toContain("two minutes");
  });

  it("a list keeps the entries that parse", async () => {
    const { store } = await storeWith({ ...SAVED, allowedChannelIds: ["111111", 42, "not-an-id", "222222"] });
    const stored = await store.stored(GUILD);
    expect(stored.repaired).toEqual(["allowedChannelIds"]);
    expect(stored.overrides.allowedChannelIds).toEqual(["111111", "222222"]);
    expect((await store.get(GUILD)).guildDailyBudgetMicros).toBe(5_000_000);
  });

  it("a list with no entry left falls back to the default, not to an empty list", async () => {
    const { store } = await storeWith({ ...SAVED, allowedRoleIds: "333333" });
    const stored = await store.stored(GUILD);
    expect(stored.repaired).toEqual(["allowedRoleIds"]);
    expect("allowedRoleIds" in stored.overrides).toBe(false);
    expect((await store.get(GUILD)).allowedChannelIds).toEqual(["111111", "222222"]);
  });

  it("unknown keys (a newer version's) are ignored without a warning; a record that is not an object is reported", async () => {
    const newer = await storeWith({ ...SAVED, someFutureSetting: 1 });
    expect(await newer.store.stored(GUILD)).toMatchObject({ repaired: [], unreadable: false });
    expect(newer.logs()).toEqual([]);
    const garbage = await storeWith("corrupted");
    expect(await garbage.store.stored(GUILD)).toEqual({ overrides: {}, repaired: [], unreadable: true });
    expect(garbage.logs()[0]).toMatchObject({ guildId: GUILD, unreadable: true });
  });

  it("a change saves the repaired record: what parsed is kept, the broken field is gone", async () => {
    const { store, keyv } = await storeWith({ ...SAVED, guildMonthlyBudgetMicros: -3 });
    await store.update(GUILD, () => ({ threads: false }));
    expect(await keyv.get(`guild-settings:${GUILD}`)).toEqual({
      paused: true,
      pausedReason: "maintenance",
      allowedChannelIds: ["111111", "222222"],
      allowedRoleIds: ["333333"],
      guildDailyBudgetMicros: 5_000_000,
      userCooldownSec: 120,
      blockedPromptWords: ["gore"],
      threads: false,
    });
  });

  it("/kling-config show says what was repaired and what it fell back to", async () => {
    const { store } = await storeWith({
      ...SAVED,
      guildMonthlyBudgetMicros: "lots",
      allowedChannelIds: ["111111", "bad"],
    });
    const stored = await store.stored(GUILD);
    const text = renderSettings(await store.get(GUILD), stored.overrides, undefined, stored);
    expect(text).toContain(
      "⚠️ repaired: Server monthly budget was invalid and fell back to no limit (the default). Set it again to change it.",
    );
    expect(text).toContain(
      "⚠️ repaired: Allowed channels had invalid entries, which were dropped; it is now <#111111>.",
    );
    expect(text).toContain("• Server daily budget: $5.00\n");
    expect(text.length).toBeLessThan(2000);
  });
});
