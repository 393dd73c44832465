import { DEFAULT_SQLITE_PATH, type StoreBackend } from "../backend.js";

/**
 * Every kind of STORE_URL: its schemes (the first is the one messages name) and its module, loaded only when a
 * STORE_URL names it (so reading the configuration loads no database driver). A new backend is one module and
 * one line here.
 */
const BACKENDS: readonly { schemes: readonly string[]; load: () => Promise<StoreBackend> }[] = [
  { schemes: ["sqlite"], load: async () => (await import("./sqlite.js")).sqliteBackend },
  { schemes: ["redis", "rediss"], load: async () => (await import("./redis.js")).redisBackend },
  { schemes: ["postgres", "postgresql"], load: async () => (await import("./postgres.js")).postgresBackend },
];

export const DEFAULT_STORE_URL = `sqlite://${DEFAULT_SQLITE_PATH}`;

/** "sqlite://, redis:// or postgres://" */
export const SUPPORTED_STORE_URLS = BACKENDS.map((b) => `${b.schemes[0]}://`)
  .join(", ")
  .replace(/, ([^,]*)$/, " or $1");

export const storeUrlScheme = (storeUrl: string) => storeUrl.slice(0, Math.max(0, storeUrl.indexOf(":")));

/** whether STORE_URL names a backend: `<scheme>://<something>` with a scheme listed above */
export const isSupportedStoreUrl = (storeUrl: string) =>
  /^[a-z]+:\/\/.+/.test(storeUrl) && BACKENDS.some((b) => b.schemes.includes(storeUrlScheme(storeUrl)));

/** the backend for STORE_URL's scheme, or undefined */
export const loadBackendFor = (storeUrl: string): Promise<StoreBackend> | undefined =>
  BACKENDS.find((b) => b.schemes.includes(storeUrlScheme(storeUrl)))?.load();
