import type { Keyv } from "keyv";
import { hasJobRecords, type JobRecords } from "../store/job-records.js";
import { isTerminal, type Job } from "../job.js";

const PREFIX = "job:";
/** Keyv key marking that every record saved before the index existed has been indexed */
const INDEXED_MARKER = "jobs-indexed";

export const DEFAULT_JOB_RETENTION_MS = 30 * 24 * 3_600_000;

/** The record moved since the writer read it: nothing was written. Re-read and decide again. */
export class StaleJobError extends Error {
  override name = "StaleJobError";
  constructor(readonly jobId: string) {
    super(`job ${jobId} was changed by another writer`);
  }
}

export interface JobStoreOptions {
  /** finished jobs (final progress edit made) are deleted this long after they finished */
  retentionMs?: number;
  now?: () => number;
}

/** jobs with work left: not terminal, or terminal with the final progress edit not made yet (finalShown false) */
export const hasWorkLeft = (job: Job) => !isTerminal(job) || job.finalShown === false;

/**
 * Job records, one per job, keyed `job:<id>` in the store's namespace (Keyv's layout and envelope). Every save
 * is a compare-and-set on the record's version (the store's own atomic primitive, see src/store/job-records.ts):
 * a writer holding an older copy is refused with StaleJobError instead of overwriting a newer state. The same
 * atomic step keeps the index of unfinished jobs that start-up reads, and gives finished jobs their expiry.
 */
export class JobStore {
  private readonly records: JobRecords;
  private readonly retentionMs: number;
  private readonly now: () => number;
  private indexed: Promise<void> | undefined;

  constructor(
    private readonly keyv: Keyv,
    options: JobStoreOptions = {},
  ) {
    const adapter = keyv.store as unknown;
    if (!hasJobRecords(adapter) || !keyv.namespace)
      throw new Error("job records need a store opened by openStore (with a namespace)");
    this.records = adapter.jobRecords(keyv.namespace);
    this.retentionMs = options.retentionMs ?? DEFAULT_JOB_RETENTION_MS;
    this.now = options.now ?? Date.now;
  }

  /**
   * Saves the job if the stored record is still the version this copy was read at (a job without a version must
   * not exist yet). Returns the saved job with its new version; throws StaleJobError if the record moved.
   */
  async save(job: Job): Promise<Job> {
    const expected = job.version ?? null;
    const saved: Job = { ...job, version: (expected ?? 0) + 1 };
    const finished = !hasWorkLeft(saved);
    const expiresAt = finished ? (saved.finishedAt ?? this.now()) + this.retentionMs : null;
    const raw = await this.keyv.serialize!({ value: saved, ...(expiresAt !== null ? { expires: expiresAt } : {}) });
    const written = await this.records.write({
      id: job.id,
      expected,
      raw: raw as string,
      unfinished: !finished,
      expiresAt,
    });
    if (!written) throw new StaleJobError(job.id);
    return saved;
  }

  async get(id: string): Promise<Job | undefined> {
    const raw = await this.records.read(id);
    return raw === undefined ? undefined : this.decode(raw);
  }

  private async decode(raw: string): Promise<Job | undefined> {
    const data = (await this.keyv.deserialize!(raw)) as { value?: unknown; expires?: number } | undefined;
    if (!data || (typeof data.expires === "number" && this.now() > data.expires) || !isJobRecord(data.value))
      return undefined;
    return { ...data.value, version: data.value.version ?? 0 };
  }

  /** every job record in this store's namespace, each once (a scan: for tools and tests, not start-up) */
  async *all(): AsyncGenerator<Job> {
    if (!this.keyv.iterator) throw new Error("this store cannot list its records");
    const seen = new Set<string>(); // Redis SCAN may return a key more than once
    for await (const [key, value] of this.keyv.iterator(this.keyv.namespace) as AsyncIterable<[unknown, unknown]>) {
      if (typeof key !== "string" || !key.startsWith(PREFIX) || seen.has(key) || !isJobRecord(value)) continue;
      seen.add(key);
      yield { ...value, version: value.version ?? 0 };
    }
  }

  /** jobs with work left, read through the index (not every record) */
  async unfinished(): Promise<Job[]> {
    await (this.indexed ??= this.indexOlderRecords());
    const jobs = await Promise.all((await this.records.unfinishedIds()).map((id) => this.get(id)));
    return jobs.filter((job): job is Job => job !== undefined && hasWorkLeft(job));
  }

  /** deletes finished jobs past their retention (Redis expires them itself) */
  purgeExpired(): Promise<number> {
    return this.records.purgeExpired(this.now());
  }

  /**
   * Once per store: records saved before the index existed are saved again (same content, next version), which
   * indexes them and gives finished ones their expiry. A record another writer saves meanwhile is indexed by it.
   */
  private async indexOlderRecords(): Promise<void> {
    if (await this.keyv.get(INDEXED_MARKER)) return;
    for await (const job of this.all()) {
      if (job.version !== 0) continue;
      await this.save(job).catch((error) => {
        if (!(error instanceof StaleJobError)) throw error;
      });
    }
    await this.keyv.set(INDEXED_MARKER, true);
  }
}

function isJobRecord(value: unknown): value is Job {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as Job).id === "string" &&
    typeof (value as Job).state === "string"
  );
}
