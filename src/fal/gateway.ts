import { createFalClient, type QueueStatus } from "@fal-ai/client";
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
      return data as FalVideoOutput;
    },
    async cancel(endpoint, requestId) {
      await fal.queue.cancel(endpoint, { requestId });
    },
    async upload(bytes, contentType, fileName) {
      return fal.storage.upload(new File([bytes as Uint8Array<ArrayBuffer>], fileName, { type: contentType }));
    },
  };
}
