import type { Keyv } from "keyv";
import { hasJobRecords, storedVersion, type JobRecords } from "./job-records.js";

/** Too many writers kept moving the record: nothing was written (callers say "try again"). */
export class ContendedRecordError extends Error {
  override name = "ContendedRecordError";
  constructor(readonly id: string) {
    super(`record ${id} kept changing under concurrent writers`);
  }
}

/**
 * Small records other than jobs, each changed only by a compare-and-set on its version — the store's own atomic
 * write that job records use (src/store/job-records.ts) — in a namespace of their own (`<namespace>-<name>`), so
 * they never mix with job records or their index. `update` re-reads and re-applies the change when another writer
 * (this process or another) got there first, so concurrent changes are never lost.
 */
export class VersionedRecords<T extends object> {
  private readonly records: JobRecords;

  constructor(
    private readonly keyv: Keyv,
    name: string,
    private readonly isValue: (value: unknown) => value is T,
  ) {
    const adapter = keyv.store as unknown;
    if (!hasJobRecords(adapter) || !keyv.namespace)
      throw new Error("versioned records need a store opened by openStore (with a namespace)");
    this.records = adapter.jobRecords(`${keyv.namespace}-${name}`);
  }

  async get(id: string): Promise<T | undefined> {
    return (await this.read(id))?.value;
  }

  /**
   * Applies `change` to the stored value (undefined: none yet) and writes the result if nobody wrote in between;
   * otherwise reads again and re-applies. `change` returning undefined leaves the record as it is. Returns the
   * value now stored (undefined when there is none).
   */
  async update(
    id: string,
    change: (current: T | undefined) => T | undefined | Promise<T | undefined>,
    attempts = 25,
  ): Promise<T | undefined> {
    for (let attempt = 0; attempt < attempts; attempt += 1) {
      const current = await this.read(id);
      const next = await change(current?.value);
      if (next === undefined) return current?.value;
      const version = (current?.version ?? 0) + 1;
      const raw = (await this.keyv.serialize!({ value: { ...next, version } })) as string;
      const written = await this.records.write({
        id,
        expected: current ? current.version : null, // a record that no longer parses is replaced at its version
        raw,
        unfinished: false,
        expiresAt: null,
      });
      if (written) return next;
    }
    throw new ContendedRecordError(id);
  }

  private async read(id: string): Promise<{ value: T | undefined; version: number } | undefined> {
    const raw = await this.records.read(id);
    if (raw === undefined) return undefined;
    const version = storedVersion(raw) ?? 0;
    const data = (await this.keyv.deserialize!(raw)) as { value?: unknown } | undefined;
    const value = data?.value;
    if (!this.isValue(value)) return { value: undefined, version };
    const { version: _version, ...rest } = value as T & { version?: unknown };
    return { value: rest as unknown as T, version };
  }
}
