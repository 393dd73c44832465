import type { Keyv } from "keyv";
import { isTerminal, type Job } from "./job.js";

/** Job records through Keyv: one record per job, keyed by job id. */
export class JobStore {
  constructor(private readonly keyv: Keyv) {}

  async save(job: Job): Promise<void> {
    await this.keyv.set(`job:${job.id}`, job);
  }

  async get(id: string): Promise<Job | undefined> {
    return (await this.keyv.get<Job>(`job:${id}`)) ?? undefined;
  }

  async *all(): AsyncGenerator<Job> {
    if (!this.keyv.iterator) throw new Error("this store cannot list its records");
    for await (const [key, value] of this.keyv.iterator(this.keyv.namespace)) {
      if (typeof key === "string" && key.startsWith("job:")) yield value as Job;
    }
  }

  async unfinished(): Promise<Job[]> {
    const jobs: Job[] = [];
    for await (const job of this.all()) if (!isTerminal(job)) jobs.push(job);
    return jobs;
  }
}
