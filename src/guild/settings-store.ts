import type { Keyv } from "keyv";
import type { Logger } from "../logger.js";
import {
  defaultsFromEnv,
  effectiveSettings,
  pricesSetByEnv,
  repairOverrides,
  type PriceSetting,
  settingsOverridesSchema,
  type GuildDefaultsEnv,
  type GuildSettings,
  type SettingsOverrides,
  type StoredOverrides,
} from "./settings.js";

/**
 * Per-guild settings in the shared store: only what an owner changed is stored, so changing an environment default
 * reaches every guild that did not override it. Read on every command, never cached, so a change takes effect at
 * once on every process sharing the store.
 */
export class GuildSettingsStore {
  readonly defaults: GuildSettings;
  /** price settings the environment sets explicitly (they override fal's live prices) */
  private readonly envPrices: ReadonlySet<PriceSetting>;

  /** guilds whose broken record was already logged, with what was wrong (bounded by the number of guilds) */
  private readonly warned = new Map<string, string>();

  constructor(
    private readonly keyv: Keyv,
    env: GuildDefaultsEnv,
    private readonly logger?: Logger,
  ) {
    this.defaults = defaultsFromEnv(env);
    this.envPrices = pricesSetByEnv(env);
  }

  private key(guildId: string) {
    return `guild-settings:${guildId}`;
  }

  /** The stored overrides, repaired field by field where they no longer parse (logged once per guild and problem). */
  async stored(guildId: string): Promise<StoredOverrides> {
    const stored = repairOverrides(await this.keyv.get(this.key(guildId)));
    const problem = stored.unreadable ? "unreadable" : stored.repaired.join(",");
    if (!problem) this.warned.delete(guildId);
    else if (this.warned.get(guildId) !== problem) {
      this.warned.set(guildId, problem);
      // field names only: a value may be anything, secrets included
      this.logger?.warn(
        { guildId, ...(stored.unreadable ? { unreadable: true } : { fields: stored.repaired }) },
        "stored guild settings no longer parse; the broken fields fall back to the defaults",
      );
    }
    return stored;
  }

  async overrides(guildId: string): Promise<SettingsOverrides> {
    return (await this.stored(guildId)).overrides;
  }

  async get(guildId: string): Promise<GuildSettings> {
    return effectiveSettings(this.defaults, await this.overrides(guildId));
  }

  /**
   * The settings, and whether a price setting was set explicitly here (by this server's owner or by the
   * environment): an explicit price is the price; otherwise fal's live price applies where there is one.
   */
  async getPriced(guildId: string): Promise<{ settings: GuildSettings; priceIsSet: (key: PriceSetting) => boolean }> {
    const overrides = await this.overrides(guildId);
    return {
      settings: effectiveSettings(this.defaults, overrides),
      priceIsSet: (key) => this.envPrices.has(key) || overrides[key] !== undefined,
    };
  }

  /** Applies a change (read-modify-write: two owners saving the same instant may lose one change; both are told what is now set). */
  async update(
    guildId: string,
    change: (current: GuildSettings, overrides: SettingsOverrides) => SettingsOverrides,
  ): Promise<GuildSettings> {
    const overrides = await this.overrides(guildId);
    const next = settingsOverridesSchema.parse({
      ...overrides,
      ...change(effectiveSettings(this.defaults, overrides), overrides),
    });
    for (const [key, value] of Object.entries(next))
      if (value === undefined) delete (next as Record<string, unknown>)[key];
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
