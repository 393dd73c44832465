import { afterEach, describe, expect, it } from "vitest";
import type { WebhookFault } from "../../emulators/fal/index.js";
import { FalCompletionInbox } from "../../src/fal/completion-inbox.js";
import { FAL_WEBHOOK_PATH, type FalWebhookVerdict } from "../../src/fal/webhook-route.js";
import { openStorage } from "../../src/store/open-store.js";
import { freePort } from "../support/free-port.js";
import { closeWorld, startWorld, statusOf, type World, type WorldOptions } from "./harness.js";

let world: World | undefined;
afterEach(async () => {
  await closeWorld(world);
  world = undefined;
});

/** the bot with fal's webhooks on (its documented configuration), and every verdict its route gave */
async function webhookWorld(options: WorldOptions = {}) {
  const port = await freePort(); // for HTTP_PORT: FAL_WEBHOOK_URL must name it before the bot starts
  const verdicts: FalWebhookVerdict[] = [];
  world = await startWorld({
    ...options,
    // FAL_POLL_INTERVAL_MS "" : its default with webhooks (botEnv sets 100 ms for the polling tests)
    env: {
      HTTP_PORT: String(port),
      FAL_WEBHOOK_URL: `http://127.0.0.1:${port}`,
      FAL_POLL_INTERVAL_MS: "",
      ...options.env,
    },
    overrides: { onFalWebhookVerdict: (verdict) => verdicts.push(verdict) },
  });
  return { world, verdicts, port };
}

const quick = { timeline: [{ status: "IN_PROGRESS" as const, logs: ["rendering"], ms: 300 }] };

async function runJob(w: World, scenario: object = quick) {
  w.fal.script(scenario as never);
  const before = w.fal.jobs.size;
  w.discord.sendCommand({
    channelId: w.channelId,
    userId: w.userId,
    name: "kling-edit",
    options: { prompt: "a paper boat in @Video1", video: await w.video() },
  });
  return w.fal.waitFor((f) => (f.jobs.size > before ? [...f.jobs.values()].at(-1) : undefined), 15_000);
}

function results(w: World) {
  return [w.channelId, ...w.discord.threads().map((t) => t.id)]
    .flatMap((id) => w.discord.messages(id))
    .filter((m) => m.files.length > 0);
}

const post = (port: number, headers: Record<string, string>, body: string) =>
  fetch(`http://127.0.0.1:${port}${FAL_WEBHOOK_PATH}`, { method: "POST", headers, body });

describe("fal webhooks (FAL_WEBHOOK_URL)", () => {
  it("a signed completion delivers at once with no status polling; replays and unknown requests are refused", async () => {
    const { world: w, verdicts, port } = await webhookWorld();
    const job = await runJob(w);
    expect(job.webhookUrl).toBe(`${w.env.FAL_WEBHOOK_URL}${FAL_WEBHOOK_PATH}`);
    await w.discord.waitFor(() => results(w).length === 1, 15_000, "result delivered");
    expect(w.fal.webhooks.map((d) => [d.requestId, d.status])).toEqual([[job.requestId, 200]]);
    expect(verdicts).toEqual(["accepted"]);
    // the result was fetched from fal's queue (as after a poll), not taken from the webhook's payload
    expect(job.resultCalls).toBeGreaterThanOrEqual(1);

    // replayed: the very same signed delivery again is refused and delivers nothing twice
    w.fal.failNextWebhook({ kind: "replay" });
    const second = await runJob(w);
    await w.fal.waitFor((f) => f.webhooks.filter((d) => d.requestId === second.requestId).length === 2, 10_000);
    expect(w.fal.webhooks.filter((d) => d.requestId === second.requestId).map((d) => d.status)).toEqual([200, 409]);
    await w.discord.waitFor(() => results(w).length === 2, 15_000, "second result delivered");

    // fal's retry of a delivery the bot took (freshly signed, later timestamp): 200, nothing done again
    const body = JSON.stringify({ request_id: second.requestId, gateway_request_id: second.requestId, status: "OK" });
    const later = Math.floor(Date.now() / 1000) + 2;
    const retry = await post(port, w.fal.signWebhook(body, { requestId: second.requestId, timestampS: later }), body);
    expect(retry.status).toBe(200);

    // unknown: well signed, but no job has this fal request id
    const unknownId = "6b1f3c2e-0000-4000-8000-000000000000";
    const stray = JSON.stringify({ request_id: unknownId, gateway_request_id: unknownId, status: "OK", payload: {} });
    expect((await post(port, w.fal.signWebhook(stray, { requestId: unknownId }), stray)).status).toBe(404);

    // a failed model: fal's webhook says ERROR; the follower fetches the result and fails the job as after a poll
    const failing = await runJob(w, {
      ...quick,
      outcome: { type: "error", status: 500, body: { detail: "model crashed" } },
    });
    await w.fal.waitFor((f) => f.webhooks.find((d) => d.requestId === failing.requestId && d.status === 200), 10_000);
    expect(w.fal.webhooks.find((d) => d.requestId === failing.requestId)?.body).toMatchObject({ status: "ERROR" });
    await w.discord.waitFor(() => statusOf(w.progressMessage()).startsWith("❌"), 15_000, "failed job shown");

    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(results(w)).toHaveLength(2);
    expect(second.resultCalls).toBe(1);
    // no status call at all: both completions came by webhook (the safety net is FAL_POLL_INTERVAL_MS's 5 minutes)
    expect(w.fal.requests.filter((r) => r.kind === "status")).toEqual([]);
    expect(verdicts).toEqual(["accepted", "accepted", "replayed", "duplicate", "unknown-request", "accepted"]);
    // fal sent each completion once (the replay was a copy, answered 409; fal's own delivery was taken)
    expect(w.fal.webhooks.filter((d) => !d.fault || d.status === 200).map((d) => d.attempt)).toEqual([1, 1, 1]);
    // fal sent each completion once (the replay was a copy, answered 409; fal's own delivery was taken)
    expect(w.fal.webhooks.filter((d) => !d.fault || d.status === 200).map((d) => d.attempt)).toEqual([1, 1, 1]);
  });

  it(
    "unsigned, mis-signed and stale deliveries are refused (401), counted, and nothing is fetched or " +
      "delivered for them; the polling safety net delivers",
    async () => {
      // fal sends each completion once here (no retries): a refused webhook leaves the job to the safety net
      const { world: w, verdicts } = await webhookWorld({
        fal: { webhook: { attempts: 1 } },
        env: { FAL_POLL_INTERVAL_MS: "1500" },
      });
      const kinds: WebhookFault["kind"][] = ["unsigned", "mis-signed", "stale"];
      for (const [i, kind] of kinds.entries()) {
        w.fal.failNextWebhook({ kind });
        const job = await runJob(w);
        const refused = await w.fal.waitFor((f) => f.webhooks.find((d) => d.requestId === job.requestId), 10_000);
        expect(refused).toMatchObject({ status: 401, fault: kind });
        expect(verdicts.at(-1)).toBe(kind === "mis-signed" ? "bad-signature" : kind);
        expect(job.resultCalls).toBe(0);
        expect(results(w)).toHaveLength(i);
        // correctness does not rest on the webhook: the slow poll finds it finished and delivers once
        await w.discord.waitFor(() => results(w).length === i + 1, 15_000, `${kind}: delivered by the safety net`);
        expect(job.statusCalls).toBeGreaterThanOrEqual(1);
        expect(job.resultCalls).toBe(1);
      }
      expect(verdicts).toEqual(["unsigned", "bad-signature", "stale"]);
      const refusals = w.logs.filter((line) => line.includes("fal webhook refused"));
      expect(refusals).toHaveLength(3);
      expect(refusals.join("")).not.toMatch(/[0-9a-f]{128}/); // no signature echoed;
    },
  );

  it("a completion another process took (recorded in the shared store) wakes the job here, with no status call", async () => {
    // this bot refuses its own copy (unsigned, sent once): only the store's record, written as another process's
    // webhook route writes it, can tell it the job finished before the 5-minute safety net
    const { world: w, verdicts } = await webhookWorld({ fal: { webhook: { attempts: 1 } } });
    w.fal.failNextWebhook({ kind: "unsigned" });
    const job = await runJob(w);
    await w.fal.waitFor((f) => f.webhooks.find((d) => d.requestId === job.requestId && d.status === 401), 10_000);
    const other = await openStorage(w.env.STORE_URL!);
    try {
      expect(await new FalCompletionInbox(other.keyv).complete(job.requestId, "OK")).toBe("new");
    } finally {
      await other.close();
    }
    await w.discord.waitFor(() => results(w).length === 1, 15_000, "delivered after the store said so");
    expect(job.statusCalls).toBe(0);
    expect(verdicts).toEqual(["unsigned"]);
  });
});
