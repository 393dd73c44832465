import type { FalKlingInput } from "./fal/endpoints.js";
import type { Quality } from "./models/model.js";
import type { CommandKind, KlingRequest } from "./requests/kling-request.js";
import { render, type Message, type Text } from "./i18n/index.js";

/**
 * inspecting: accepted by a gateway (access, tier, quota reserved on the estimate, request shape), its files not read
 * yet: a worker inspects them and either refuses it (failed, nothing reached fal) or moves it on. checking: inspected
 * and confirmed, its progress message posted or on its way, not yet submitted.
 */
export type JobState =
  "inspecting" | "checking" | "submitted" | "queued" | "running" | "delivering" | "delivered" | "failed" | "cancelled";

const TRANSITIONS: Record<JobState, readonly JobState[]> = {
  inspecting: ["checking", "failed"],
  checking: ["submitted", "failed", "cancelled"],
  submitted: ["queued", "running", "delivering", "failed", "cancelled"],
  queued: ["queued", "running", "delivering", "failed", "cancelled"],
  // fal may put a job back in its queue (a worker lost); a record from before a restart may also be behind fal
  running: ["queued", "running", "delivering", "failed", "cancelled"],
  delivering: ["delivering", "delivered", "failed"],
  delivered: [],
  failed: [],
  cancelled: [],
};

export const TERMINAL_STATES: readonly JobState[] = ["delivered", "failed", "cancelled"];

export class IllegalTransitionError extends Error {
  constructor(
    readonly from: JobState,
    readonly to: JobState,
  ) {
    super(`job cannot go from ${from} to ${to}`);
    this.name = "IllegalTransitionError";
  }
}

/** Where a job's price per second came from (estimates say which). */
export type PriceSource = "fal" | "server";

/** Where an estimate's price per second came from, as messages say it. */
export const PRICE_SOURCES: Readonly<Record<PriceSource, string>> = {
  fal: "fal's price list",
  server: "this server's price",
};

/**
 * How a worker answers the member's ephemeral reply to the command (the interaction's webhook, no gateway needed):
 * kept only until the member has been answered, and never on a finished job. The token is a secret: never logged.
 */
export interface MemberReply {
  applicationId: string;
  token: string;
  /** the member's language (Discord's locale), for the answer */
  locale: string;
  /** when Discord stops taking edits with this token (15 minutes after the interaction) */
  expiresAt: number;
}

export interface Job {
  id: string;
  kind: CommandKind;
  /** absent in records from before quality tiers: standard (read it with qualityOf) */
  quality?: Quality;
  endpoint: string;
  falInput: FalKlingInput;
  /** the checked request, kept so Retry and Remix can rerun it through every check */
  request?: KlingRequest;
  requestId?: string;
  state: JobState;
  requester: { id: string; name: string };
  guildId: string | null;
  channelId: string;
  /** Discord channel type of channelId (0 text, 5 announcement, 10/11/12 threads, …) */
  channelType: number;
  /** the bot's permissions in the channel, as Discord reported them with the interaction (bitfield string) */
  appPermissions: string;
  attachmentSizeLimit: number;
  prompt: string;
  /** one line: "video 1280×720 · 5.0 s · 2 elements · 1 image · audio kept", in English */
  inputsSummary: string;
  /** the same line's parts as messages, shown in the job's language (absent in older records: `inputsSummary`) */
  inputs?: Text[];
  warnings: string[];
  /** seconds of video fal will bill for */
  outputSec: number;
  progressMessageId?: string;
  threadId?: string;
  resultMessageId?: string;
  resultChannelId?: string;
  /**
   * when a process last claimed the result's post (a versioned save right before it posts): another process that
   * takes the job over waits out that post (RunnerOptions.deliveryInDoubtMs) before it looks for it or posts
   */
  deliverClaimedAt?: number;
  resultUrl?: string;
  /** fal answered COMPLETED with a result the bot could not use (no usable video link): fal made, and bills, something */
  resultUnusable?: boolean;
  queuePosition?: number;
  lastLog?: string;
  /** member-facing reason, for failed jobs, in English (older records: the only form it has) */
  failure?: string;
  /** the same reason as a catalog message, shown in the job's language (absent: `failure` is shown) */
  failureText?: Message;
  /** who pressed Cancel (the runner acts on it) */
  cancelledBy?: string;
  /**
   * false from the moment a job is saved in a terminal state until its progress message shows that state; a job
   * left false by a crash is picked up by resume. Absent (older records): nothing pending.
   */
  finalShown?: boolean;
  /** since when fal has not answered status calls (shown on the progress message) */
  falUnreachableSince?: number;
  /** quota (src/quota): the reservation taken when the job was accepted, settled when it ends */
  reservationId?: string;
  /** quota: estimated cost in micro-dollars (price per output second × outputSec), shown on the progress message */
  estimatedCostMicros?: number;
  /** quota: the reservation's price per output second (micro-dollars), for the cost shown when the job ends */
  pricePerSecondMicros?: number;
  /** where that price came from: fal's price list, or this server's price (an owner's, the environment's, the default) */
  priceSource?: PriceSource;
  /** seconds of the video fal made, measured from the result file with the project's inspector (what is billed) */
  resultSec?: number;
  /**
   * the bot itself closed the job while fal has or may have it; `queued`: fal said it was still queued right before
   * it took the bot's cancel, so it never ran (billing: src/quota/billing.ts)
   */
  closed?: { by: "submit-in-doubt" | "deadline" | "too-old"; queued: boolean };
  /** the server's "threads" setting when the job was accepted: false keeps the result in the channel */
  threadsAllowed?: boolean;
  /**
   * FAL_DRY_RUN: nothing was sent to fal — the result is the input through the sandbox filter — and nothing is
   * charged (src/quota/billing.ts); every message says so
   */
  dryRun?: boolean;
  /** "Edit with Kling": the member's message (in channelId) the result thread starts from, where Discord allows it */
  threadFrom?: string;
  /**
   * the server's preferred locale when the job started (Discord's guild_locale): the language of its public messages
   * (progress, result). Absent (older records): English.
   */
  locale?: string;
  /** inspecting and checking jobs: the member's ephemeral reply, still to be answered ("Started!" or the refusal) */
  memberReply?: MemberReply;
  /** Retry/Remix: the job this one reruns (its inputs may be gone: refused as expired, not as bad files) */
  rerunOf?: string;
  /**
   * whether @everyone could view the job's channel (a thread: its parent; a private thread: no) when the job started,
   * as the gateway saw it: the showcase's answer on a process without the gateway's cache. Absent: not known.
   */
  everyoneCanView?: boolean;
  createdAt: number;
  submittedAt?: number;
  runningAt?: number;
  finishedAt?: number;
  updatedAt: number;
  attempts: { submit: number; status: number; deliver: number };
  /** the stored record's version (set by JobStore): a save is refused unless the record is still at it */
  version?: number;
}

/** A failure's reason as a job records it: in English, and as a message when it has one (src/i18n/catalogs `failure`). */
export function failureOf(reason: Text): Pick<Job, "failure" | "failureText"> {
  return typeof reason === "string" ? { failure: reason } : { failure: render("en", reason), failureText: reason };
}

/** The only way a job's state changes: refuses illegal transitions. */
export function transition(job: Job, to: JobState, now: number, patch: Partial<Job> = {}): Job {
  if (!TRANSITIONS[job.state].includes(to)) throw new IllegalTransitionError(job.state, to);
  const next: Job = { ...job, ...patch, state: to, updatedAt: now };
  if (to === "submitted") next.submittedAt ??= now;
  if (to === "running") next.runningAt ??= now;
  if (TERMINAL_STATES.includes(to)) {
    next.finishedAt ??= now;
    // a finished record keeps no interaction token (it is kept for JOB_RETENTION_DAYS)
    delete next.memberReply;
  }
  return next;
}

export const isTerminal = (job: Pick<Job, "state">) => TERMINAL_STATES.includes(job.state);

/**
 * A Cancel can still stop it: it has not ended, fal has not finished it (a delivering job's video is made and billed),
 * and it has a progress message (an inspecting job has none, so no Cancel button).
 */
export const isCancellable = (job: Pick<Job, "state">) =>
  !isTerminal(job) && job.state !== "delivering" && job.state !== "inspecting";
