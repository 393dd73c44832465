/**
 * The atomic primitive job records need beside Keyv (which has no compare-and-set): one record per job, written
 * only if the stored version is the one the writer read, together with the record's place in the index of
 * unfinished jobs and its expiry — in one step no other writer (in this process or another) can interleave with.
 * Each store implements it natively: SQLite a BEGIN IMMEDIATE transaction, PostgreSQL a transaction holding the
 * row lock (SELECT … FOR UPDATE; INSERT … ON CONFLICT DO NOTHING for a new record), Redis a Lua script.
 *
 * Records keep Keyv's layout (`<namespace>:job:<id>`, redis `<namespace>::job:<id>`, Keyv's serialized envelope
 * `{"value": job, "expires": ms}`), so Keyv reads them and records saved by earlier versions stay readable.
 */
export interface JobRecordWrite {
  id: string;
  /** the version the writer read; null: the record must not exist yet */
  expected: number | null;
  /** Keyv's serialized envelope; its value carries the new version */
  raw: string;
  /** listed by unfinishedIds() until a later write says otherwise */
  unfinished: boolean;
  /** epoch ms after which the record is deleted; null: kept */
  expiresAt: number | null;
}

export interface JobRecords {
  /** the stored envelope, or undefined */
  read(id: string): Promise<string | undefined>;
  /** false (nothing written) when the stored version is not `expected` */
  write(write: JobRecordWrite): Promise<boolean>;
  /** ids in the index of unfinished jobs (not a scan of every record) */
  unfinishedIds(): Promise<string[]>;
  /** deletes records whose expiry has passed; returns how many (stores with native expiry return 0) */
  purgeExpired(now: number): Promise<number>;
}

/** A store adapter that can give job records their atomic writes. */
export interface HasJobRecords {
  jobRecords(namespace: string): JobRecords;
}

export const hasJobRecords = (adapter: unknown): adapter is HasJobRecords =>
  typeof (adapter as HasJobRecords | undefined)?.jobRecords === "function";

/** The version inside a stored envelope: null when there is no record, 0 for a record saved before versions. */
export function storedVersion(raw: string | null | undefined): number | null {
  if (raw === null || raw === undefined) return null;
  try {
    const version = (JSON.parse(raw) as { value?: { version?: unknown } } | null)?.value?.version;
    return typeof version === "number" && Number.isInteger(version) ? version : 0;
  } catch {
    return 0;
  }
}

/** LIKE pattern for keys starting with `prefix` (with ESCAPE '\') */
export const likePrefix = (prefix: string) => `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
