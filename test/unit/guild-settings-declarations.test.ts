import { readFileSync } from "node:fs";
import Keyv from "keyv";
import { describe, expect, it } from "vitest";
import { data, renderSettings } from "../../commands/kling-config.js";
import { configSchema, loadConfig } from "../../src/config.js";
import { isListCommand, isValueCommand } from "../../src/guild/setting.js";
import { GuildSettingsStore } from "../../src/guild/settings-store.js";
import {
  defaultsFromEnv,
  SETTING_DECLARATIONS,
  settingsOverridesSchema,
  type SettingKey,
} from "../../src/guild/settings.js";

const minimal = { DISCORD_TOKEN: "t", DISCORD_APPLICATION_ID: "123456789012345678", FAL_KEY: "k" };
const defaults = defaultsFromEnv(loadConfig(minimal));
const GUILD = "900000000000000002";

interface Option {
  type: number;
  name: string;
  description: string;
  options?: Option[];
  choices?: { name: string; value: string | number }[];
}
const subcommands = data.options as Option[];
const subcommand = (name: string) => subcommands.find((s) => s.name === name);
// the choices as members see them in English (their translations are checked in i18n.test.ts)
const resetChoices = subcommand("reset")!.options![0]!.choices!.map(({ name, value }) => ({ name, value }));

const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
/** The rows of the README table under a heading. */
function tableRows(heading: string): string[] {
  const from = readme.indexOf(heading);
  expect(from, heading).toBeGreaterThan(-1);
  const section = readme.slice(from + heading.length);
  const end = section.search(/\n#{2,3} /);
  return (end < 0 ? section : section.slice(0, end)).split("\n").filter((line) => line.startsWith("| `"));
}
const envRows = tableRows("### Defaults for every server (environment)");
const commandRows = tableRows("### `/kling-config` (Manage Server; replies are private)");
/** The row whose first cell names the subcommand (`pause [reason]` / `resume`). */
const commandRow = (sub: string) => commandRows.find((row) => new RegExp(`^\\| ([^|]*/ )?\`${sub}[ \`]`).test(row));

describe("every server setting is declared once, and everything else follows from the declaration", () => {
  for (const [key, declaration] of SETTING_DECLARATIONS) {
    it(`${key}: stored schema, environment, show, reset, /kling-config option, README`, () => {
      // stored: the override schema has the field
      expect(Object.keys(settingsOverridesSchema.shape)).toContain(key);
      expect(defaults[key]).not.toBeUndefined();

      // environment: config.ts parses the variable, and the README's table documents it
      if (declaration.env) {
        expect(configSchema.shape[declaration.env.name as keyof typeof configSchema.shape]).toBe(
          declaration.env.schema,
        );
        expect(envRows.filter((row) => row.startsWith(`| \`${declaration.env!.name}\` |`))).toHaveLength(1);
      } else {
        expect(defaults[key]).toEqual(declaration.fallback);
      }

      // show: its own line (or its host's), marked default until the server sets it
      const line = `• ${(declaration.shownIn ? SETTING_DECLARATIONS.find(([k]) => k === declaration.shownIn)![1] : declaration).label}: `;
      const shown = (text: string) => text.split("\n").find((l) => l.startsWith(line));
      expect(shown(renderSettings(defaults, {}))).toMatch(/ \*\(default\)\*$/);
      expect(shown(renderSettings(defaults, { [key]: defaults[key] }))).not.toMatch(/\*\(default\)\*/);

      // reset: offered by its label when resettable; `all` resets it either way
      expect(resetChoices.filter((c) => c.value === key)).toEqual(
        declaration.resettable === false ? [] : [{ name: declaration.label, value: key }],
      );

      // /kling-config: the subcommand that sets it carries its option, and the README's table names both
      const { command } = declaration;
      if (isValueCommand(command)) {
        expect(subcommand(command.subcommand)?.options).toContainEqual(command.option);
        expect(commandRow(command.subcommand)).toContain(command.option.name);
      } else if (isListCommand(command)) {
        expect(subcommand(command.subcommand)?.options?.map((o) => o.name)).toEqual(["action", command.item.name]);
        expect(commandRow(command.subcommand)).toContain(`[${command.item.name}]`);
      } else {
        for (const name of command.subcommands) {
          expect(subcommand(name), name).toBeDefined();
          expect(commandRow(name), name).toBeDefined();
        }
      }
    });
  }

  it("nothing is left undeclared: every option, variable and README row belongs to a setting", () => {
    const declaredOptions = SETTING_DECLARATIONS.flatMap(([, { command }]) =>
      isValueCommand(command) ? [command.option.name] : isListCommand(command) ? ["action", command.item.name] : [],
    );
    const options = subcommands
      .flatMap((s) => (s.options ?? []).map((o) => o.name))
      .filter((name) => name !== "setting");
    expect([...new Set(options)].sort()).toEqual([...new Set(declaredOptions)].sort());
    const declaredEnv = SETTING_DECLARATIONS.flatMap(([, d]) => (d.env ? [d.env.name] : [])).sort();
    expect(
      Object.keys(configSchema.shape)
        .filter((name) => name.startsWith("KLING_"))
        .sort(),
    ).toEqual(declaredEnv);
    expect(envRows.map((row) => row.slice(3, row.indexOf("`", 3))).sort()).toEqual(declaredEnv);
    expect(resetChoices[0]).toEqual({ name: "all settings", value: "all" });
  });

  it("keeps Discord's limits on the command data", () => {
    expect(subcommands.length).toBeLessThanOrEqual(25);
    expect(resetChoices.length).toBeLessThanOrEqual(25);
    for (const sub of subcommands) {
      expect(sub.options?.length ?? 0).toBeLessThanOrEqual(25);
      for (const o of [sub, ...(sub.options ?? [])]) {
        expect(o.name).toMatch(/^[-_a-z0-9]{1,32}$/);
        expect(o.description.length, o.name).toBeLessThanOrEqual(100);
      }
      for (const c of sub.options?.flatMap((o) => o.choices ?? []) ?? [])
        expect(c.name.length).toBeLessThanOrEqual(100);
    }
  });
});

describe("Pro quality and its price: environment defaults, set, show, reset", () => {
  const store = (env: Record<string, string> = {}) =>
    new GuildSettingsStore(new Keyv(), loadConfig({ ...minimal, ...env }));

  it("off and $0.336 per second unless the environment says otherwise", async () => {
    expect(await store().get(GUILD)).toMatchObject({
      proEnabled: false,
      proPricePerSecondMicros: 336_000,
      pricePerSecondMicros: 126_000,
    });
    const configured = store({ KLING_PRO_ENABLED: "true", KLING_PRO_PRICE_PER_SECOND_USD: "0.4" });
    expect(await configured.get(GUILD)).toMatchObject({
      proEnabled: true,
      proPricePerSecondMicros: 400_000,
      pricePerSecondMicros: 126_000,
    });
    const text = renderSettings(await configured.get(GUILD), {});
    expect(text).toContain(
      "\n• Pro quality: on (members may choose `quality:pro`, billed at the Pro price) *(default)*\n",
    );
    expect(text).toContain("\n• Price per output second: $0.126/s (estimate) *(default)*\n• Pro quality:");
    expect(text).toContain("\n• Pro price per second: $0.4/s (estimate) *(default)*\n");
  });

  it("a server's own values win, are shown as set, and reset returns the environment's", async () => {
    const settings = store({ KLING_PRO_PRICE_PER_SECOND_USD: "0.4" });
    const set = await settings.update(GUILD, () => ({ proEnabled: true, proPricePerSecondMicros: 500_000 }));
    expect(set).toMatchObject({ proEnabled: true, proPricePerSecondMicros: 500_000 });
    const shown = renderSettings(set, await settings.overrides(GUILD));
    expect(shown).toContain("\n• Pro quality: on (members may choose `quality:pro`, billed at the Pro price)\n");
    expect(shown).toContain("\n• Pro price per second: $0.5/s (estimate)\n");
    const reset = await settings.reset(GUILD, ["proEnabled"] satisfies SettingKey[]);
    expect(reset).toMatchObject({ proEnabled: false, proPricePerSecondMicros: 500_000 });
    expect(await settings.reset(GUILD, ["proPricePerSecondMicros"])).toMatchObject({
      proPricePerSecondMicros: 400_000,
    });
    expect(await settings.overrides(GUILD)).toEqual({});
  });

  it("a stored Pro price that no longer parses falls back to the default, alone", async () => {
    const keyv = new Keyv();
    await keyv.set(`guild-settings:${GUILD}`, { proEnabled: true, proPricePerSecondMicros: -5 });
    const settings = new GuildSettingsStore(keyv, loadConfig(minimal));
    expect(await settings.stored(GUILD)).toMatchObject({
      overrides: { proEnabled: true },
      repaired: ["proPricePerSecondMicros"],
    });
    expect(await settings.get(GUILD)).toMatchObject({ proEnabled: true, proPricePerSecondMicros: 336_000 });
  });
});
