import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGuardedFetcher } from "../../src/media/guarded-fetch.js";
import { createInspectPool, type InspectPool } from "../../src/media/inspect-pool.js";
import { INSPECT_LIMITS } from "../../src/media/limits.js";
import { RULES } from "../../src/media/rules.js";
import { deadlineMessage, inspectInputs } from "../../src/requests/inspect-inputs.js";
import type { KlingRequest } from "../../src/requests/kling-request.js";
import { createMediaProber, mediaRules } from "../../src/requests/media-prober.js";
import { paddedClipFile } from "../media/bombs.js";
import { startRangeServer, type RangeServer } from "../media/range-server.js";

const DEADLINE_MS = 1_000;
const SLACK_MS = 500;

let server: RangeServer;
let pool: InspectPool;
let paddedClip: string;
beforeAll(async () => {
  server = await startRangeServer();
  pool = createInspectPool();
  paddedClip = await paddedClipFile();
});
afterAll(async () => {
  await pool.close();
  await server.close();
});

const request = (url: string): KlingRequest => ({
  kind: "edit",
  prompt: "x",
  video: { option: "video", role: "video", source: "link", url, fileName: "clip.mp4" },
  elements: [],
  images: [],
  keepAudio: false,
  videoGivenTwice: false,
});

describe("one deadline for a request's whole inspection", () => {
  it("is a named limit well under the quota sweeper's 15 minutes", () => {
    expect(INSPECT_LIMITS.requestDeadlineMs).toBe(60_000);
  });

  it("a link whose every range read answers slowly is refused at the deadline, and its reads stop", async () => {
    const url = server.serve("/padded.mp4", paddedClip);
    server.slow("/padded.mp4", 150);
    const prober = createMediaProber(createGuardedFetcher({ allowedHosts: [server.hostPort] }), pool);
    const started = performance.now();
    const result = await inspectInputs(request(url), prober, mediaRules, DEADLINE_MS);
    const ms = performance.now() - started;
    expect(result.violations).toEqual([
      {
        rule: RULES.inspectionDeadline,
        message: deadlineMessage(DEADLINE_MS),
        key: "checks.deadline",
        vars: { seconds: DEADLINE_MS / 1000 },
      },
    ]);
    expect(result.violations[0]!.message).toBe(
      "reading your files took longer than 1 s, the most the bot spends checking one request (a link " +
        "may be very slow): upload the files to Discord instead, or try again later",
    );
    expect(result.facts.size).toBe(0);
    expect(ms).toBeGreaterThanOrEqual(DEADLINE_MS - 5);
    expect(ms).toBeLessThan(DEADLINE_MS + SLACK_MS);
    // the signal reached the fetcher: no read is made after the deadline
    const requestsAtDeadline = server.stats.requests;
    expect(requestsAtDeadline).toBeGreaterThanOrEqual(2); // reads went on until the deadline (fewer on a loaded machine)
    expect(requestsAtDeadline).toBeLessThan(300 / 2);
    await new Promise((r) => setTimeout(r, 600));
    expect(server.stats.requests).toBe(requestsAtDeadline);
  });
});
