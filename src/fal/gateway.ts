import { randomUUID } from "node:crypto";
import { ApiError, createFalClient, isRetryableError, type QueueStatus } from "@fal-ai/client";
import { z } from "zod";
import { message, render, type Text } from "../i18n/index.js";
import { redactUrl } from "../media/redact.js";
import type { FalKlingInput, FalVideoOutput } from "./endpoints.js";

export type { QueueStatus };

/** The one seam between the bot and fal: everything else depends on this interface, so tests can fake it. */
export interface FalGateway {
  submit(endpoint: string, input: FalKlingInput): Promise<{ requestId: string; queuePosition?: number }>;
  status(endpoint: string, requestId: string): Promise<QueueStatus>;
  result(endpoint: string, requestId: string): Promise<FalVideoOutput>;
  cancel(endpoint: string, requestId: string): Promise<void>;
  upload(bytes: Uint8Array, contentType: string, fileName: string): Promise<string>;
}

export interface FalGatewayOptions {
  key: string;
  queueUrl: string;
  restUrl: string;
  /** the HTTP client under fal's (default globalThis.fetch) */
  fetch?: typeof fetch;
  /** where fal POSTs each job's completion (fal's `fal_webhook`); unset: the bot only polls */
  webhookUrl?: string;
}

/**
 * A submit whose answer was lost after it may have reached fal (5xx, or the connection dropped once the request was
 * sent): fal may be running the job. fal's client would send it again (it retries submit on 502/503/504 and on
 * dropped connections), and fal would then run — and bill — two jobs for one command; so it is not sent again.
 */
export class SubmitInDoubtError extends Error {
  constructor(readonly why: string) {
    super(`fal may have received the job, but its answer was lost (${why})`);
    this.name = "SubmitInDoubtError";
  }
}

/** Transport errors that prove the request never left (nothing can have been queued). */
const NEVER_SENT = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "UND_ERR_CONNECT_TIMEOUT",
]);

function neverSent(error: unknown): boolean {
  const seen = new Set<unknown>();
  const codes: string[] = [];
  const walk = (e: unknown) => {
    if (!e || typeof e !== "object" || seen.has(e)) return;
    seen.add(e);
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") codes.push(code);
    walk((e as { cause?: unknown }).cause);
    for (const inner of (e as { errors?: unknown[] }).errors ?? []) walk(inner);
  };
  walk(error);
  return codes.length > 0 && codes.every((c) => NEVER_SENT.has(c));
}

/**
 * The answers a read (status, result) is asked again on, with fal's client's own test (isRetryableError: these
 * codes, or a transport failure; never a user-set timeout): the codes fal's client retries a status read on. It
 * retries a result only on 429/502/503/504, but a result fal made is billed and must not be lost to one bad answer,
 * so the gateway asks again, READ_ATTEMPTS times in all, READ_RETRY_MS × attempt apart (a failed model answers the
 * same again). A submit is never asked again on these: a 5xx or a dropped answer may come after fal queued the job,
 * and a second submit would be a second billed job (SubmitInDoubtError; only a 429 is retried, isRefusedForNow).
 */
const READ_RETRY_STATUSES = [429, 500, 502, 503, 504];
const READ_ATTEMPTS = 3;
const READ_RETRY_MS = 1_000;

/** Marks one submit call's requests, so its retries can be recognised (stripped before the request leaves). */
const SUBMIT_CALL_HEADER = "x-kling-bot-submit-call";

const FAL_QUEUE_ORIGIN = "https://queue.fal.run";
const FAL_REST_ORIGIN = "https://rest.fal.ai";

/** Rewrites fal's public origins to the configured ones (FAL_QUEUE_URL / FAL_REST_URL: proxies, emulators). */
export function rebaseFalUrl(url: string, queueUrl: string, restUrl: string): string {
  if (url.startsWith(FAL_QUEUE_ORIGIN)) return queueUrl + url.slice(FAL_QUEUE_ORIGIN.length);
  if (url.startsWith(FAL_REST_ORIGIN)) return restUrl + url.slice(FAL_REST_ORIGIN.length);
  return url;
}

/** fal answered COMPLETED with a result the bot cannot use: the job fails with this message. */
export class FalResultError extends Error {
  /** the member-facing message, in any language (the error's message is its English) */
  readonly text: Text;
  constructor(text: Text) {
    super(render("en", text));
    this.name = "FalResultError";
    this.text = text;
  }
}

/**
 * fal's result, checked before anything downloads or posts it: the video's link must be https, or under the
 * configured fal bases (FAL_QUEUE_URL / FAL_REST_URL: a proxy or an emulator may serve plain http).
 */
export function parseFalVideoOutput(data: unknown, trustedBases: readonly string[]): FalVideoOutput {
  const origins = new Set(trustedBases.flatMap((base) => (URL.canParse(base) ? [new URL(base).origin] : [])));
  const schema = z.object({
    video: z.object({
      url: z.string().refine((url) => {
        if (!URL.canParse(url)) return false;
        const u = new URL(url);
        return u.protocol === "https:" || origins.has(u.origin);
      }, "is not an https link"),
      content_type: z.string().max(200).optional(),
      file_name: z.string().max(255).optional(),
      file_size: z.number().int().nonnegative().optional(),
    }),
  });
  const parsed = schema.safeParse(data);
  if (parsed.success) {
    const { url, content_type, file_name, file_size } = parsed.data.video;
    return {
      video: {
        url,
        ...(content_type !== undefined ? { content_type } : {}),
        ...(file_name !== undefined ? { file_name } : {}),
        ...(file_size !== undefined ? { file_size } : {}),
      },
    };
  }
  const problems = parsed.error.issues.map((issue) => {
    const where = issue.path.join(".") || "the answer";
    if (issue.code === "custom") return `${where} ${issue.message}`;
    if (issue.code !== "invalid_type") return `${where} is invalid (${issue.message.toLowerCase()})`;
    return /received undefined/.test(issue.message)
      ? `${where} is missing`
      : `${where} should be ${issue.expected === "object" ? "an" : "a"} ${issue.expected}`;
  });
  const url = (data as { video?: { url?: unknown } } | null)?.video?.url;
  const shown = typeof url === "string" ? ` (video.url: ${redactUrl(url).slice(0, 200)})` : "";
  // zod's findings about fal's answer stay in English (they name its fields)
  throw new FalResultError(message("failure.noVideo", { problems: `${problems.join("; ")}${shown}` }));
}

export function createFalGateway(options: FalGatewayOptions): FalGateway {
  const send = options.fetch ?? globalThis.fetch;
  /** submit calls whose last attempt got an ambiguous answer: the client's retry of them is refused */
  const inDoubt = new Map<string, string>();
  const guardedFetch: typeof fetch = async (input, init) => {
    const headers = new Headers(init?.headers);
    const call = headers.get(SUBMIT_CALL_HEADER);
    if (!call) return send(input, init);
    headers.delete(SUBMIT_CALL_HEADER);
    const doubt = inDoubt.get(call);
    if (doubt) throw new SubmitInDoubtError(doubt); // not a transport error or ApiError: the client does not retry it
    try {
      const response = await send(input, { ...init, headers });
      if (response.status >= 500) inDoubt.set(call, `fal answered HTTP ${response.status}`);
      return response;
    } catch (error) {
      if (!neverSent(error)) inDoubt.set(call, "the connection dropped before fal answered");
      throw error;
    }
  };
  const fal = createFalClient({
    credentials: options.key,
    fetch: guardedFetch,
    requestMiddleware: async (request) => ({
      ...request,
      url: rebaseFalUrl(request.url, options.queueUrl, options.restUrl),
    }),
  });

  return {
    // 429 and "never sent" are retried (by fal's client, then the runner): fal did not take the job. Anything
    // ambiguous ends as SubmitInDoubtError after one attempt.
    async submit(endpoint, input) {
      const call = randomUUID();
      try {
        const queued = await fal.queue.submit(endpoint, {
          input,
          headers: { [SUBMIT_CALL_HEADER]: call },
          ...(options.webhookUrl ? { webhookUrl: options.webhookUrl } : {}),
        });
        return { requestId: queued.request_id, queuePosition: queued.queue_position };
      } catch (error) {
        const doubt = inDoubt.get(call);
        if (error instanceof SubmitInDoubtError) throw error;
        if (doubt && !(error instanceof ApiError && error.status < 500)) throw new SubmitInDoubtError(doubt);
        throw error;
      } finally {
        inDoubt.delete(call);
      }
    },
    // fal's client asks a status read again on READ_RETRY_STATUSES itself (up to 5 times); the runner polls on after that
    status: (endpoint, requestId) => fal.queue.status(endpoint, { requestId, logs: true }),
    async result(endpoint, requestId) {
      for (let attempt = 1; ; attempt += 1) {
        try {
          const { data } = await fal.queue.result(endpoint, { requestId });
          return parseFalVideoOutput(data, [options.queueUrl, options.restUrl]);
        } catch (error) {
          if (!isRetryableError(error, READ_RETRY_STATUSES) || attempt >= READ_ATTEMPTS) throw error;
          await new Promise((resolve) => setTimeout(resolve, READ_RETRY_MS * attempt));
        }
      }
    },
    async cancel(endpoint, requestId) {
      await fal.queue.cancel(endpoint, { requestId });
    },
    async upload(bytes, contentType, fileName) {
      return fal.storage.upload(new File([bytes as Uint8Array<ArrayBuffer>], fileName, { type: contentType }));
    },
  };
}
