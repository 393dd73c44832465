import type { HttpRoutes } from "../http/listener.js";
import type { BotMetrics } from "./metrics.js";
import { errorMessage } from "../text.js";

/** A check that takes longer than this counts as down (a hung store must not hang the health probe). */
export const HEALTH_CHECK_TIMEOUT_MS = 2_000;

/** One thing /healthz looks at: true (or resolves) when up; false or a throw (with its reason) when down. */
export type HealthCheck = () => boolean | Promise<boolean>;

export interface HealthChecks {
  /** e.g. gateway (where this process runs one), store, queue (where one is configured) */
  [name: string]: HealthCheck;
}

export interface HealthReport {
  ok: boolean;
  checks: Record<string, { ok: boolean; error?: string }>;
}

async function runCheck(check: HealthCheck, timeoutMs: number): Promise<{ ok: boolean; error?: string }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    const ok = await Promise.race([Promise.resolve().then(check), timeout]);
    return ok ? { ok } : { ok, error: "down" };
  } catch (error) {
    // the reason's first line only: an error may quote a connection string
    const reason = errorMessage(error);
    return {
      ok: false,
      error: reason
        .split("\n")[0]!
        .replace(/\/\/[^@/\s]*@/g, "//[redacted]@")
        .slice(0, 200),
    };
  } finally {
    clearTimeout(timer);
  }
}

/** Runs every check at once; healthy only when all are up. */
export async function checkHealth(checks: HealthChecks, timeoutMs = HEALTH_CHECK_TIMEOUT_MS): Promise<HealthReport> {
  const entries = await Promise.all(
    Object.entries(checks).map(async ([name, check]) => [name, await runCheck(check, timeoutMs)] as const),
  );
  return { ok: entries.every(([, result]) => result.ok), checks: Object.fromEntries(entries) };
}

/**
 * GET /healthz (200 JSON when every check is up; 503 naming what is down) and GET /metrics (Prometheus text).
 * `checks` may gain entries after the routes are added (the queue's check, once the queue is opened).
 */
export function addOpsRoutes(routes: HttpRoutes, options: { metrics: BotMetrics; checks: HealthChecks }): void {
  routes.set("GET /healthz", async () => {
    const report = await checkHealth(options.checks);
    const down = Object.entries(report.checks).flatMap(([name, result]) => (result.ok ? [] : [name]));
    return {
      status: report.ok ? 200 : 503,
      headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" },
      body: JSON.stringify({ status: report.ok ? "ok" : "down", ...(down.length ? { down } : {}), ...report }),
    };
  });
  routes.set("GET /metrics", async () => {
    const { contentType, body } = await options.metrics.exposition();
    return { status: 200, headers: { "content-type": contentType, "cache-control": "no-store" }, body };
  });
}
