import type { REST, RateLimitData } from "discord.js";
import type { JobStore } from "../jobs/job-store.js";
import type { BotMetrics } from "./metrics.js";

/** The fal operation a request is part of, from its method and path (fal's queue and storage APIs). */
export function falOperation(method: string, url: string): string {
  const path = URL.canParse(url) ? new URL(url).pathname : url;
  if (path.endsWith("/models/pricing")) return "pricing";
  const requests = path.split("/").indexOf("requests");
  if (requests >= 0) {
    const rest = path.split("/").slice(requests + 2);
    if (rest[0] === "status") return "status";
    if (rest[0] === "cancel") return "cancel";
    return "result";
  }
  if (path.includes("/storage/") || method === "PUT") return "upload";
  return method === "POST" ? "submit" : "other";
}

/** fal's HTTP client with every request counted (kling_fal_requests_total), its own retries included. */
export function countingFalFetch(metrics: BotMetrics, send: typeof fetch = globalThis.fetch): typeof fetch {
  return async (input, init) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const method = (init?.method ?? (input instanceof Request ? input.method : "GET")).toUpperCase();
    const operation = falOperation(method, url);
    try {
      const response = await send(input, init);
      metrics.falCall(operation, response.status);
      return response;
    } catch (error) {
      metrics.falCall(operation, "error");
      throw error;
    }
  };
}

/** Counts every Discord REST call and 429 (discord.js emits each response) and each wait for a rate limit. */
export function watchDiscordRest(rest: REST, metrics: BotMetrics): void {
  rest.on("response", (request, response) => {
    const scope = response.status === 429 ? (response.headers.get("x-ratelimit-scope") ?? undefined) : undefined;
    metrics.discordCall(request.method, request.route, response.status, scope);
  });
  rest.on("rateLimited", (info: RateLimitData) =>
    metrics.discordRateLimitWaits.inc({ route: info.route, global: String(info.global) }),
  );
}

const TIMED_STORE_CALLS = new Set(["save", "get", "unfinished", "purgeExpired"]);

/** The job store with each call's latency recorded (kling_store_seconds), by operation and outcome. */
export function timedStore(store: JobStore, metrics: BotMetrics): JobStore {
  return new Proxy(store, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target) as unknown;
      if (typeof value !== "function") return value;
      if (typeof prop !== "string" || !TIMED_STORE_CALLS.has(prop)) return (value as () => unknown).bind(target);
      return async (...args: unknown[]) => {
        const started = performance.now();
        const seconds = () => (performance.now() - started) / 1000;
        try {
          const result = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
          metrics.storeLatency.observe({ operation: prop, outcome: "ok" }, seconds());
          return result;
        } catch (error) {
          // a refused compare-and-set is an answer, not a fault
          const outcome = error instanceof Error && error.name === "StaleJobError" ? "stale" : "error";
          metrics.storeLatency.observe({ operation: prop, outcome }, seconds());
          throw error;
        }
      };
    },
  });
}
