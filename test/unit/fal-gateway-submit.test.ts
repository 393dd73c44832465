// The bot's fal gateway over the REAL @fal-ai/client and the fal emulator: which submit failures it lets the client
// retry (fal did not take the job) and which it stops after one attempt (fal may have it: a retry would be a second
// billed job).
import { ApiError } from "@fal-ai/client";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createFalGateway, SubmitInDoubtError, type FalGateway } from "../../src/fal/gateway.js";
import type { FalKlingInput } from "../../src/fal/endpoints.js";
import { KLING_O3_EDIT, startFalEmulator, type FalEmulator } from "../../emulators/fal/index.js";

const INPUT: FalKlingInput = {
  prompt: "x",
  video_url: "https://example.invalid/in.mp4",
  keep_audio: true,
  shot_type: "customize",
};

let fal: FalEmulator;
let gateway: FalGateway;
beforeAll(async () => {
  fal = await startFalEmulator({ fetchInputs: false, defaultScenario: { timeline: [] } });
  gateway = createFalGateway({ key: fal.key, queueUrl: fal.queueUrl, restUrl: fal.restUrl });
});
afterAll(async () => {
  await fal.close();
});
beforeEach(() => {
  fal.clearRecords();
  fal.clearFaults();
  fal.jobs.clear();
});

const submits = () => fal.requests.filter((r) => r.kind === "submit").map((r) => [r.fault ?? "ok", r.status]);

describe("submit: an ambiguous answer is not sent again", () => {
  it.each([
    ["503 after fal queued it", { status: 503 }, "fal answered HTTP 503", [["status", 503]]],
    ["500 after fal queued it", { status: 500 }, "fal answered HTTP 500", [["status", 500]]],
    [
      "connection dropped after fal queued it",
      { drop: true },
      "the connection dropped before fal answered",
      [["drop", 0]],
    ],
  ] as const)("%s → SubmitInDoubtError, one request, one job", async (_name, fault, why, wire) => {
    fal.failNext({ kind: "submit", afterHandling: true, ...fault });
    const err = await gateway.submit(KLING_O3_EDIT, INPUT).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SubmitInDoubtError);
    expect((err as SubmitInDoubtError).why).toBe(why);
    expect(submits()).toEqual(wire);
    expect(fal.jobs.size).toBe(1);
  });

  it("a 503 before fal took it looks the same from here, so it is in doubt too (one request, no job)", async () => {
    fal.failNext({ kind: "submit", status: 503 });
    await expect(gateway.submit(KLING_O3_EDIT, INPUT)).rejects.toBeInstanceOf(SubmitInDoubtError);
    expect(submits()).toEqual([["status", 503]]);
    expect(fal.jobs.size).toBe(0);
  });
});

describe("submit: answers that prove fal did not take it are retried by fal's client", () => {
  it("429 then 200: one job, its id returned", async () => {
    fal.failNext({ kind: "submit", status: 429 });
    const { requestId } = await gateway.submit(KLING_O3_EDIT, INPUT);
    expect(submits()).toEqual([
      ["status", 429],
      ["ok", 200],
    ]);
    expect([...fal.jobs.keys()]).toEqual([requestId]);
  });

  it("connection refused (nothing was sent) then fal is back: one job", async () => {
    await fal.setUnreachable("refuse");
    setTimeout(() => void fal.setUnreachable(false), 300);
    const { requestId } = await gateway.submit(KLING_O3_EDIT, INPUT);
    expect([...fal.jobs.keys()]).toEqual([requestId]);
  });

  it("a 422 is fal's own answer, passed through as is", async () => {
    const err = await gateway.submit(KLING_O3_EDIT, { prompt: "x" } as never).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError<unknown>).status).toBe(422);
  });

  it("the call marker never reaches fal", async () => {
    await gateway.submit(KLING_O3_EDIT, INPUT);
    const headers = fal.requests.find((r) => r.kind === "submit")!.headers;
    expect(Object.keys(headers).filter((h) => h.startsWith("x-kling"))).toEqual([]);
  });
});

describe("result: a 500 is asked again", () => {
  it("500 once, then the result", async () => {
    const { requestId } = await gateway.submit(KLING_O3_EDIT, INPUT);
    await fal.waitFor((f) => f.jobs.get(requestId)?.state === "COMPLETED");
    fal.failNext({ kind: "result", status: 500 });
    const output = await gateway.result(KLING_O3_EDIT, requestId);
    expect(output.video.url).toContain("/cdn/files/");
    expect(fal.requests.filter((r) => r.kind === "result").map((r) => r.status)).toEqual([500, 200]);
  });
});
