import type { Keyv } from "keyv";
import { isTerminal, type Job } from "./job.js";

const PREFIX = "job:";

/**
 * Job records through Keyv: one record per job, keyed `job:<id>` in the store's namespace. The Keyv must throw
 * on store errors (openStore's does): a save that fails must not look like one that worked.
 */
export class JobStore {
  constructor(private readonly keyv: Keyv) {}

  async save(job: Job): Promise<void> {
    if (!(await this.keyv.set(PREFIX + job.id, job))) throw new Error(`job ${job.id} could not be saved`);
  }

  async get(id: string): Promise<Job | undefined> {
    return (await this.keyv.get<Job>(PREFIX + id)) ?? undefined;
  }

  /** every job record in this store's namespace, each once (other keys in the namespace are skipped) */
  async *all(): AsyncGenerator<Job> {
    if (!this.keyv.iterator) throw new Error("this store cannot list its records");
    const seen = new Set<string>(); // Redis SCAN may return a key more than once
    for await (const [key, value] of this.keyv.iterator(this.keyv.namespace) as AsyncIterable<[unknown, unknown]>) {
      if (typeof key !== "string" || !key.startsWith(PREFIX) || seen.has(key) || !isJobRecord(value)) continue;
      seen.add(key);
      yield value;
    }
  }

  /** jobs with work left: not terminal, or terminal with the final progress edit not made yet (finalShown false) */
  async unfinished(): Promise<Job[]> {
    const jobs: Job[] = [];
    for await (const job of this.all()) if (!isTerminal(job) || job.finalShown === false) jobs.push(job);
    return jobs;
  }
}

function isJobRecord(value: unknown): value is Job {
  return typeof value === "object" && value !== null && typeof (value as Job).id === "string" && typeof (value as Job).state === "string";
}
