import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import type { Keyv } from "keyv";
import { openStore, type StoreOptions } from "../../src/store/open-store.js";

/** Where the network stores for the tests live; `.ci/run` starts both on these defaults. */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL || "redis://127.0.0.1:6379";
export const TEST_POSTGRES_URL = process.env.TEST_POSTGRES_URL || "postgres://postgres@127.0.0.1:5432/test";

export type BackendName = "sqlite" | "redis" | "postgres";

/** One store for one test run: a unique place (file, key namespace, schema) and how to remove it afterwards. */
export interface Backend {
  name: BackendName;
  url: string;
  /** the options every test opens this backend's store with (unique per run) */
  options: StoreOptions;
  /** the same place under another Keyv namespace */
  other(namespace: string): StoreOptions;
  open(options?: StoreOptions): Promise<Keyv>;
  cleanup(): Promise<void>;
}

const runId = `${process.pid.toString(36)}${randomBytes(4).toString("hex")}`;

export function makeBackend(name: BackendName): Backend {
  const namespace = `kt${runId}`;
  switch (name) {
    case "sqlite": {
      const dir = mkdtempSync(join(tmpdir(), "kling-store-"));
      const url = `sqlite://${join(dir, "jobs.sqlite")}`;
      return backend(name, url, { namespace }, async () => rmSync(dir, { recursive: true, force: true }));
    }
    case "redis": {
      // a unique key namespace per run; cleanup deletes every namespace the run used
      const used = new Set<string>();
      const b = backend(name, TEST_REDIS_URL, { namespace }, async () => {
        for (const ns of used) {
          const keyv = await openStore(TEST_REDIS_URL, { namespace: ns });
          await keyv.clear();
          await keyv.disconnect();
        }
      });
      const open = b.open;
      b.open = async (options = b.options) => {
        used.add(options.namespace ?? "kling");
        return open(options);
      };
      return b;
    }
    case "postgres": {
      // a unique schema per run, dropped afterwards
      const schema = `kling_test_${runId}`;
      return backend(name, TEST_POSTGRES_URL, { namespace, schema }, async () => {
        const keyv = await openStore(TEST_POSTGRES_URL, { namespace, schema });
        await (keyv.store as { query(sql: string): Promise<unknown> }).query(
          `DROP SCHEMA IF EXISTS "${schema}" CASCADE`,
        );
        await keyv.disconnect();
      });
    }
  }
}

function backend(name: BackendName, url: string, options: StoreOptions, cleanup: () => Promise<void>): Backend {
  const b: Backend = {
    name,
    url,
    options,
    other: (namespace) => ({ ...options, namespace }),
    open: (opts = options) => openStore(url, opts),
    cleanup,
  };
  return b;
}

/** Resolves to why the backend cannot be used, or undefined when it answers. */
export async function unreachable(b: Backend): Promise<string | undefined> {
  if (b.name === "sqlite") return undefined;
  try {
    // default options: the run's own schema is created (and dropped) only by the tests that use it
    const keyv = await openStore(b.url, { connectTimeoutMs: 3_000 });
    await keyv.disconnect();
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
