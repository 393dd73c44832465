import type { StoreBackend } from "../backend.js";
import { postgresBackend } from "./postgres.js";
import { redisBackend } from "./redis.js";
import { DEFAULT_SQLITE_PATH, sqliteBackend } from "./sqlite.js";

/** every kind of STORE_URL; a new backend is one module and one line here */
export const STORE_BACKENDS: readonly StoreBackend[] = [sqliteBackend, redisBackend, postgresBackend];

export const DEFAULT_STORE_URL = `sqlite://${DEFAULT_SQLITE_PATH}`;

/** "sqlite://, redis:// or postgres://" */
export const SUPPORTED_STORE_URLS = STORE_BACKENDS.map((b) => `${b.schemes[0]}://`)
  .join(", ")
  .replace(/, ([^,]*)$/, " or $1");

export const storeUrlScheme = (storeUrl: string) => storeUrl.slice(0, Math.max(0, storeUrl.indexOf(":")));

/** the backend for STORE_URL's scheme, or undefined */
export const backendFor = (storeUrl: string): StoreBackend | undefined =>
  STORE_BACKENDS.find((b) => b.schemes.includes(storeUrlScheme(storeUrl)));
