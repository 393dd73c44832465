// For the emulator's own tests only: the bot has its own middleware.
import type { RequestMiddleware } from "@fal-ai/client";

/** Rewrites https://queue.fal.run and https://rest.fal.ai to the emulator's bases. */
export function falMiddlewareFor(queueUrl: string, restUrl: string): RequestMiddleware {
  const q = queueUrl.replace(/\/+$/, "");
  const r = restUrl.replace(/\/+$/, "");
  return async (request) => {
    let url = request.url;
    if (url.startsWith("https://queue.fal.run")) url = q + url.slice("https://queue.fal.run".length);
    else if (url.startsWith("https://rest.fal.ai")) url = r + url.slice("https://rest.fal.ai".length);
    return { ...request, url };
  };
}
