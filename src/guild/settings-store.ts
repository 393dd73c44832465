import type { Keyv } from "keyv";
import {
  defaultsFromEnv,
  effectiveSettings,
  settingsOverridesSchema,
  type GuildSettings,
  type SettingsOverrides,
} from "./settings.js";
import type { GuildDefaultsEnv } from "./env.js";

/**
 * Per-guild settings in the shared store: only what an owner changed is stored, so changing an environment default
 * reaches every guild that did not override it. Read on every command, never cached, so a change takes effect at
 * once on every process sharing the store.
 */
export class GuildSettingsStore {
  readonly defaults: GuildSettings;

  constructor(
    private readonly keyv: Keyv,
    env: GuildDefaultsEnv,
  ) {
    this.defaults = defaultsFromEnv(env);
  }

  private key(guildId: string) {
    return `guild-settings:${guildId}`;
  }

  async overrides(guildId: string): Promise<SettingsOverrides> {
    const raw = await this.keyv.get(this.key(guildId));
    const parsed = settingsOverridesSchema.safeParse(raw ?? {});
    return parsed.success ? parsed.data : {};
  }

  async get(guildId: string): Promise<GuildSettings> {
    return effectiveSettings(this.defaults, await this.overrides(guildId));
  }

  /** Applies a change (read-modify-write: two owners saving the same instant may lose one change; both are told what is now set). */
  async update(guildId: string, change: (current: GuildSettings, overrides: SettingsOverrides) => SettingsOverrides): Promise<GuildSettings> {
    const overrides = await this.overrides(guildId);
    const next = settingsOverridesSchema.parse({ ...overrides, ...change(effectiveSettings(this.defaults, overrides), overrides) });
    for (const [key, value] of Object.entries(next)) if (value === undefined) delete (next as Record<string, unknown>)[key];
    await this.keyv.set(this.key(guildId), next);
    return effectiveSettings(this.defaults, next);
  }

  /** Forgets the owner's value for these settings: the environment's default applies again. */
  async reset(guildId: string, keys: (keyof GuildSettings)[]): Promise<GuildSettings> {
    const overrides = await this.overrides(guildId);
    for (const key of keys) delete overrides[key];
    await this.keyv.set(this.key(guildId), overrides);
    return effectiveSettings(this.defaults, overrides);
  }
}
