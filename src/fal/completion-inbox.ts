import type { Keyv } from "keyv";

const PREFIX = "fal-request:";
/** fal retries a webhook for up to 2 hours; a job lives at most JOB_DEADLINE_MINUTES (default 60) after its submit. */
const ENTRY_TTL_MS = 48 * 3_600_000;

interface Entry {
  jobId: string;
  /** when a verified webhook said fal finished it */
  completedAt?: number;
  status?: "OK" | "ERROR";
}

export type CompletionNotice = "unknown" | "new" | "seen";

/**
 * fal request id → job, and whether fal's webhook said the request finished, in the shared store: a webhook may reach
 * any process, while the job is followed by one. The process that follows it learns of the completion at once when it
 * is the one that got the webhook, else from completedAmong() (read in one batch for all the jobs it follows).
 */
export class FalCompletionInbox {
  constructor(
    private readonly keyv: Keyv,
    private readonly now: () => number = Date.now,
  ) {}

  /** Recorded when fal takes a job submitted with the webhook: a webhook for a request not recorded is refused. */
  async remember(requestId: string, jobId: string): Promise<void> {
    await this.keyv.set(PREFIX + requestId, { jobId } satisfies Entry, ENTRY_TTL_MS);
  }

  async jobIdFor(requestId: string): Promise<string | undefined> {
    return ((await this.keyv.get(PREFIX + requestId)) as Entry | undefined)?.jobId;
  }

  /**
   * A verified completion: "new" the first time (recorded), "seen" for fal's retries of it, "unknown" for a request
   * no job was submitted under. Two processes given the same retry at once may both say "new": acting on it only wakes
   * the job's one follower, which is harmless twice.
   */
  async complete(requestId: string, status: "OK" | "ERROR"): Promise<CompletionNotice> {
    const entry = (await this.keyv.get(PREFIX + requestId)) as Entry | undefined;
    if (!entry) return "unknown";
    if (entry.completedAt !== undefined) return "seen";
    await this.keyv.set(
      PREFIX + requestId,
      { ...entry, completedAt: this.now(), status } satisfies Entry,
      ENTRY_TTL_MS,
    );
    return "new";
  }

  /** Of these request ids, the ones a webhook said are finished (one store read for all of them). */
  async completedAmong(requestIds: readonly string[]): Promise<string[]> {
    if (!requestIds.length) return [];
    const entries = (await this.keyv.getMany(requestIds.map((id) => PREFIX + id))) as (Entry | undefined)[];
    return requestIds.filter((_, i) => entries[i]?.completedAt !== undefined);
  }
}
