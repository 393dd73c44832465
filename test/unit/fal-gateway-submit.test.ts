// The bot's fal gateway over the REAL @fal-ai/client and the fal emulator: which submit failures it lets the client
// retry (fal did not take the job) and which it stops after one attempt (fal may have it: a retry would be a second
// billed job); and that reads (status, result) are asked again on the same faults.
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

/** A completed job's request id, and the records cleared so only what follows is counted. */
async function completedRequest(): Promise<string> {
  const { requestId } = await gateway.submit(KLING_O3_EDIT, INPUT);
  await fal.waitFor((f) => f.jobs.get(requestId)?.state === "COMPLETED");
  fal.clearRecords();
  return requestId;
}

const answers = (kind: string) =>
  fal.requests.filter((r) => r.kind === kind).map((r) => (r.fault === "drop" ? "drop" : r.status));

// the same passing fault, three ways: a read changes nothing at fal, so it is asked again; a submit may have queued a
// billed job, so it is not
describe.each([
  ["a 500", { status: 500 }, 500, "fal answered HTTP 500"],
  ["a 503", { status: 503 }, 503, "fal answered HTTP 503"],
  ["a dropped connection", { drop: true }, "drop", "the connection dropped before fal answered"],
] as const)("%s once", (_name, fault, seen, why) => {
  it("status: asked again, then answered", async () => {
    const requestId = await completedRequest();
    fal.failNext({ kind: "status", ...fault });
    expect((await gateway.status(KLING_O3_EDIT, requestId)).status).toBe("COMPLETED");
    expect(answers("status")).toEqual([seen, 200]);
  });

  it("result: asked again, then the result", async () => {
    const requestId = await completedRequest();
    fal.failNext({ kind: "result", ...fault });
    const output = await gateway.result(KLING_O3_EDIT, requestId);
    expect(output.video.url).toContain("/cdn/files/");
    expect(answers("result")).toEqual([seen, 200]);
  });

  it("submit (after fal queued it): not sent again, in doubt", async () => {
    fal.failNext({ kind: "submit", afterHandling: true, ...fault });
    const err = await gateway.submit(KLING_O3_EDIT, INPUT).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SubmitInDoubtError);
    expect((err as SubmitInDoubtError).why).toBe(why);
    expect(answers("submit")).toEqual([seen]);
    expect(fal.jobs.size).toBe(1);
  });
});

describe("result: a paid result outlasts fal's client giving up", () => {
  it("503 four times (the client's own attempts), then the result: the gateway asks again", async () => {
    const requestId = await completedRequest();
    fal.failNext({ kind: "result", status: 503, times: 4 });
    const output = await gateway.result(KLING_O3_EDIT, requestId);
    expect(output.video.url).toContain("/cdn/files/");
    expect(answers("result")).toEqual([503, 503, 503, 503, 200]);
  }, 30_000);

  it("a 504 for a timeout the caller set is fal's final word (isRetryableError): not asked again", async () => {
    const requestId = await completedRequest();
    fal.failNext({ kind: "result", status: 504, headers: { "x-fal-request-timeout-type": "user" } });
    await expect(gateway.result(KLING_O3_EDIT, requestId)).rejects.toMatchObject({ status: 504 });
    expect(answers("result")).toEqual([504]);
  });
});
