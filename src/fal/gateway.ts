import { createFalClient, type QueueStatus } from "@fal-ai/client";
import { z } from "zod";
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
}

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
  constructor(message: string) {
    super(message);
    this.name = "FalResultError";
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
    return /received undefined/.test(issue.message) ? `${where} is missing` : `${where} should be ${issue.expected === "object" ? "an" : "a"} ${issue.expected}`;
  });
  const url = (data as { video?: { url?: unknown } } | null)?.video?.url;
  const shown = typeof url === "string" ? ` (video.url: ${redactUrl(url).slice(0, 200)})` : "";
  throw new FalResultError(`fal finished, but its answer has no usable video: ${problems.join("; ")}${shown}. Nothing was posted.`);
}

export function createFalGateway(options: FalGatewayOptions): FalGateway {
  const fal = createFalClient({
    credentials: options.key,
    requestMiddleware: async (request) => ({
      ...request,
      url: rebaseFalUrl(request.url, options.queueUrl, options.restUrl),
    }),
  });

  return {
    async submit(endpoint, input) {
      const queued = await fal.queue.submit(endpoint, { input });
      return { requestId: queued.request_id, queuePosition: queued.queue_position };
    },
    status: (endpoint, requestId) => fal.queue.status(endpoint, { requestId, logs: true }),
    async result(endpoint, requestId) {
      const { data } = await fal.queue.result(endpoint, { requestId });
      return parseFalVideoOutput(data, [options.queueUrl, options.restUrl]);
    },
    async cancel(endpoint, requestId) {
      await fal.queue.cancel(endpoint, { requestId });
    },
    async upload(bytes, contentType, fileName) {
      return fal.storage.upload(new File([bytes as Uint8Array<ArrayBuffer>], fileName, { type: contentType }));
    },
  };
}
