/**
 * P3's naive way: fal's client following jobs itself with `fal.subscribe` (its default polling: a status call every
 * 500 ms), against the fal emulator, counted as status calls per job-minute. The bot's own figure comes from
 * bench/jobs.ts (FAL_POLL_INTERVAL_MS, 5 s by default).
 */
import { createFalClient } from "@fal-ai/client";
import { KLING_O3_EDIT, startFalEmulator } from "../emulators/fal/index.js";
import { rebaseFalUrl } from "../src/fal/gateway.js";

export interface SubscribeFigures {
  jobs: number;
  statusPerJobMinute: number;
}

export async function benchSubscribePolling(opts: { jobs: number; runMs: number }): Promise<SubscribeFigures> {
  const fal = await startFalEmulator({ fetchInputs: false });
  try {
    fal.setDefaultScenario({
      fetchInputs: false,
      timeline: [
        { status: "IN_QUEUE", queuePosition: 1, ms: opts.runMs / 2 },
        { status: "IN_PROGRESS", logs: ["rendering"], ms: opts.runMs / 2 },
      ],
      outcome: { type: "result" },
    });
    const client = createFalClient({
      credentials: fal.key,
      requestMiddleware: async (request) => ({
        ...request,
        url: rebaseFalUrl(request.url, fal.queueUrl, fal.restUrl),
      }),
    });
    const started = Date.now();
    await Promise.all(
      Array.from({ length: opts.jobs }, (_, i) =>
        client.subscribe(KLING_O3_EDIT, {
          input: { prompt: `job ${i}: a paper boat in @Video1`, video_url: "https://example.com/clip.mp4" },
        }),
      ),
    );
    const minutes = (Date.now() - started) / 60_000;
    const statusCalls = fal.requests.filter((r) => r.kind === "status" || r.kind === "status-stream").length;
    return { jobs: opts.jobs, statusPerJobMinute: statusCalls / opts.jobs / minutes };
  } finally {
    await fal.close();
  }
}
