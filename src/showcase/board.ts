import type { Keyv } from "keyv";
import { VersionedRecords } from "../store/versioned-records.js";
import { truncate } from "../text.js";

/** A job's post in its server's showcase channel, and who starred it. */
export interface ShowcasePost {
  jobId: string;
  guildId: string;
  requesterId: string;
  requesterName: string;
  /** the member's prompt, kept raw (cut to SHOWCASE_LIMITS.promptChars); made inert wherever it is shown */
  prompt: string;
  /** where the result is: a message link (or fal's link) */
  resultLink: string;
  /** while a post is being made: since when (another Share waits or, after claimTtlMs, takes over) */
  claimedAt: number;
  channelId?: string;
  messageId?: string;
  postedAt?: number;
  /** member ids, each at most once */
  stars: string[];
}

/** One line of a server's ranking (the index /kling-showcase top reads without opening every post). */
export interface ShowcaseEntry {
  jobId: string;
  channelId: string;
  messageId: string;
  postedAt: number;
  stars: number;
  requesterName: string;
  prompt: string;
}

/** The before/after clip posted in a result's thread (Share attaches it to the showcase post). */
export interface ComparisonRecord {
  jobId: string;
  channelId: string;
  messageId: string;
}

export const SHOWCASE_LIMITS = {
  promptChars: 300,
  /** newest posts a server's ranking keeps (older ones drop out of `top`, their stars stay on the post) */
  rankedPosts: 1_000,
  entryPromptChars: 100,
  /** a Share that started posting this long ago and never finished (the process died) may be redone */
  claimTtlMs: 60_000,
} as const;

interface GuildIndex {
  entries: ShowcaseEntry[];
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null;
const isPost = (value: unknown): value is ShowcasePost =>
  isObject(value) && typeof value.jobId === "string" && Array.isArray(value.stars);
const isIndex = (value: unknown): value is GuildIndex => isObject(value) && Array.isArray(value.entries);
const isComparison = (value: unknown): value is ComparisonRecord =>
  isObject(value) && typeof value.messageId === "string";

export type ClaimResult =
  { claimed: ShowcasePost } | { already: ShowcasePost & { channelId: string; messageId: string } } | { busy: true };

/**
 * Showcase posts, their stars and each server's ranking, in STORE_URL. Every change is a compare-and-set on its
 * record (VersionedRecords), so two members starring at the same instant — on one process or several — both count.
 * A star changes the post's record (the set of members); the ranking's count is then copied from the post inside
 * the ranking's own compare-and-set, read after the ranking, so the last writer always copies the newest count.
 */
export class ShowcaseBoard {
  private readonly posts: VersionedRecords<ShowcasePost>;
  private readonly index: VersionedRecords<GuildIndex>;
  private readonly comparisons: VersionedRecords<ComparisonRecord>;

  constructor(keyv: Keyv) {
    this.posts = new VersionedRecords(keyv, "showcase-posts", isPost);
    this.index = new VersionedRecords(keyv, "showcase-rank", isIndex);
    this.comparisons = new VersionedRecords(keyv, "comparisons", isComparison);
  }

  post(jobId: string): Promise<ShowcasePost | undefined> {
    return this.posts.get(jobId);
  }

  /** Takes the right to post a job to the showcase (once per job): already posted, being posted, or yours. */
  async claim(
    draft: Omit<ShowcasePost, "claimedAt" | "stars" | "channelId" | "messageId" | "postedAt">,
    now: number,
  ): Promise<ClaimResult> {
    let result: ClaimResult = { busy: true };
    await this.posts.update(draft.jobId, (current) => {
      if (current?.messageId && current.channelId) {
        result = { already: current as ShowcasePost & { channelId: string; messageId: string } };
        return undefined;
      }
      if (current && now - current.claimedAt < SHOWCASE_LIMITS.claimTtlMs) {
        result = { busy: true };
        return undefined;
      }
      const claimed: ShowcasePost = {
        ...draft,
        prompt: truncate(draft.prompt, SHOWCASE_LIMITS.promptChars),
        claimedAt: now,
        stars: current?.stars ?? [],
      };
      result = { claimed };
      return claimed;
    });
    return result;
  }

  /** The claim could not be posted: another Share may try at once. */
  async release(jobId: string): Promise<void> {
    await this.posts.update(jobId, (current) =>
      current && !current.messageId ? { ...current, claimedAt: 0 } : undefined,
    );
  }

  /** The post exists: recorded on the job's post and ranked in its server. */
  async posted(jobId: string, at: { channelId: string; messageId: string }, now: number): Promise<void> {
    const post = await this.posts.update(jobId, (current) =>
      current ? { ...current, ...at, postedAt: now } : undefined,
    );
    if (post) await this.rank(post.guildId, jobId);
  }

  /** Stars or un-stars the post for this member; the post's star count after the change. */
  async toggleStar(jobId: string, memberId: string): Promise<{ starred: boolean; count: number } | undefined> {
    let starred = false;
    const post = await this.posts.update(jobId, (current) => {
      if (!current?.messageId) return undefined;
      starred = !current.stars.includes(memberId);
      const stars = starred ? [...current.stars, memberId] : current.stars.filter((id) => id !== memberId);
      return { ...current, stars };
    });
    if (!post?.messageId) return undefined;
    await this.rank(post.guildId, jobId);
    return { starred, count: post.stars.length };
  }

  /** The server's most-starred posts since `since` (epoch ms), most stars first (then the newest). */
  async top(guildId: string, since: number, limit: number): Promise<ShowcaseEntry[]> {
    const index = await this.index.get(guildId);
    return (index?.entries ?? [])
      .filter((entry) => entry.postedAt >= since)
      .sort((a, b) => b.stars - a.stars || b.postedAt - a.postedAt)
      .slice(0, limit);
  }

  async recordComparison(record: ComparisonRecord): Promise<void> {
    await this.comparisons.update(record.jobId, () => record);
  }

  comparison(jobId: string): Promise<ComparisonRecord | undefined> {
    return this.comparisons.get(jobId);
  }

  /** Copies the post's current state into its server's ranking (the post is read after the ranking: see above). */
  private async rank(guildId: string, jobId: string): Promise<void> {
    await this.index.update(guildId, async (current) => {
      const post = await this.posts.get(jobId);
      if (!post?.messageId || !post.channelId || post.postedAt === undefined) return undefined;
      const entry: ShowcaseEntry = {
        jobId,
        channelId: post.channelId,
        messageId: post.messageId,
        postedAt: post.postedAt,
        stars: post.stars.length,
        requesterName: post.requesterName,
        prompt: truncate(post.prompt, SHOWCASE_LIMITS.entryPromptChars),
      };
      const others = (current?.entries ?? []).filter((e) => e.jobId !== jobId);
      const entries = [...others, entry].sort((a, b) => a.postedAt - b.postedAt).slice(-SHOWCASE_LIMITS.rankedPosts);
      return { entries };
    });
  }
}
