import { z } from "zod";
import type { HttpRequest, HttpResponse, HttpRoute } from "../http/listener.js";
import type { Logger } from "../logger.js";
import type { CompletionNotice } from "./completion-inbox.js";
import {
  checkFalSignature,
  JwksUnavailableError,
  WEBHOOK_TIMESTAMP_TOLERANCE_S,
  type FalJwks,
} from "./webhook-verify.js";

/** Where fal's webhooks arrive on the bot's HTTP listener: jobs are submitted with <FAL_WEBHOOK_URL> + this. */
export const FAL_WEBHOOK_PATH = "/fal/webhook";
export const FAL_WEBHOOK_ROUTE = `POST ${FAL_WEBHOOK_PATH}`;

/**
 * What became of each delivery (counted by onVerdict). Acted on: `accepted` (the job's follower was told) and
 * `duplicate` (fal's retry of a completion already taken: 200, nothing done twice). Refused: the rest.
 */
export const FAL_WEBHOOK_VERDICTS = [
  "accepted",
  "duplicate",
  "unsigned",
  "bad-signature",
  "stale",
  "replayed",
  "unknown-request",
  "malformed",
  "keys-unavailable",
] as const;
export type FalWebhookVerdict = (typeof FAL_WEBHOOK_VERDICTS)[number];

/** fal's webhook body (FACTS): only the fields the bot reads; the result itself is fetched from fal's queue. */
const webhookBody = z.object({
  request_id: z.string().min(1).max(200),
  status: z.enum(["OK", "ERROR"]),
});

export interface FalWebhookRouteDeps {
  jwks: FalJwks;
  now: () => number;
  logger: Logger;
  /** records the completion and wakes the job's follower; "unknown" when no job has this fal request id */
  complete: (requestId: string, status: "OK" | "ERROR") => Promise<CompletionNotice>;
  onVerdict?: (verdict: FalWebhookVerdict) => void;
}

const ANSWERS: Record<FalWebhookVerdict, number> = {
  accepted: 200,
  duplicate: 200,
  unsigned: 401,
  "bad-signature": 401,
  stale: 401,
  replayed: 409,
  "unknown-request": 404,
  malformed: 400,
  // fal retries a delivery that was not answered 2xx: it is neither trusted nor lost
  "keys-unavailable": 503,
};

/**
 * POST /fal/webhook: fal's completion notice, verified (signature, timestamp, not seen before) before it wakes
 * anything. It only says "fal finished request X": the follower then fetches the result from fal's queue and
 * delivers and bills it exactly as after a status poll, so nothing in the payload is trusted.
 */
export function createFalWebhookRoute(deps: FalWebhookRouteDeps): HttpRoute {
  /** signed deliveries taken in the last tolerance window (older ones are refused as stale anyway) */
  const seen = new Map<string, number>();
  const forgetOld = (now: number) => {
    for (const [key, at] of seen) {
      if (now - at <= 2 * WEBHOOK_TIMESTAMP_TOLERANCE_S * 1000) break; // insertion order: the rest are newer
      seen.delete(key);
    }
  };

  function answer(verdict: FalWebhookVerdict, detail: Record<string, unknown> = {}): HttpResponse {
    deps.onVerdict?.(verdict);
    const status = ANSWERS[verdict];
    if (status >= 400) deps.logger.warn({ verdict, ...detail }, "fal webhook refused");
    else deps.logger.info({ verdict, ...detail }, "fal webhook taken");
    return { status, body: `${verdict}\n` };
  }

  return async (request: HttpRequest) => {
    const now = deps.now();
    let check;
    try {
      check = await checkFalSignature(request, deps.jwks, now);
    } catch (error) {
      if (!(error instanceof JwksUnavailableError)) throw error;
      return answer("keys-unavailable", { err: error });
    }
    if (!check.ok) return answer(check.verdict, { why: check.why, falRequestId: check.requestId });
    forgetOld(now);
    const delivery = `${check.requestId}\n${check.timestamp}\n${check.signature}`;
    if (seen.has(delivery)) return answer("replayed", { falRequestId: check.requestId });

    let body: z.infer<typeof webhookBody>;
    try {
      const parsed = webhookBody.safeParse(JSON.parse(request.body.toString("utf8")));
      if (!parsed.success)
        return answer("malformed", { why: "no request_id or status", falRequestId: check.requestId });
      body = parsed.data;
    } catch {
      return answer("malformed", { why: "the body is not JSON", falRequestId: check.requestId });
    }
    const notice = await deps.complete(body.request_id, body.status);
    if (notice === "unknown") return answer("unknown-request", { falRequestId: body.request_id });
    // only a delivery that was taken: one refused (or failed, 500) is checked afresh when fal sends it again
    seen.set(delivery, now);
    return answer(notice === "new" ? "accepted" : "duplicate", { falRequestId: body.request_id, status: body.status });
  };
}
