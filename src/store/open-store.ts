import { Keyv, type KeyvStoreAdapter } from "keyv";
import { KeyvSqlite } from "./sqlite-adapter.js";

/** Opens the Keyv store named by STORE_URL: sqlite://<path> (default), redis://…, postgres://… */
export async function openStore(storeUrl: string, namespace = "kling"): Promise<Keyv> {
  const adapter = await adapterFor(storeUrl);
  const keyv = new Keyv({ store: adapter, namespace });
  keyv.on("error", () => {
    // Keyv re-emits adapter errors; callers see them as rejected promises, so an unhandled 'error' must not crash.
  });
  return keyv;
}

async function adapterFor(storeUrl: string): Promise<KeyvStoreAdapter> {
  const scheme = storeUrl.slice(0, storeUrl.indexOf(":"));
  switch (scheme) {
    case "sqlite": {
      const path = storeUrl.slice("sqlite://".length);
      return new KeyvSqlite(path || "data/kling-bot.sqlite");
    }
    case "redis":
    case "rediss": {
      const { default: KeyvRedis } = await import("@keyv/redis");
      return new KeyvRedis(storeUrl) as unknown as KeyvStoreAdapter;
    }
    case "postgres":
    case "postgresql": {
      const { default: KeyvPostgres } = await import("@keyv/postgres");
      return new KeyvPostgres({ uri: storeUrl }) as unknown as KeyvStoreAdapter;
    }
    default:
      throw new Error(`STORE_URL scheme "${scheme}" is not supported (use sqlite://, redis:// or postgres://)`);
  }
}
