// Proof that the REAL @fal-ai/client talks to the emulator the way it talks to fal.
import { ApiError, ValidationError, createFalClient, type QueueStatus } from "@fal-ai/client";
import { createServer as createHttpsServer, type Server as HttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { inspectVideo } from "../../src/media/inspect.js";
import { BufferRangeSource } from "../../src/media/range-source.js";
import { createPublicNetwork, type PublicNetwork } from "../../emulators/public-net.js";
import {
  KLING_O3_EDIT,
  KLING_O3_PRO_EDIT,
  KLING_O3_PRO_REFERENCE,
  KLING_O3_REFERENCE,
  falMiddlewareFor,
  startFalEmulator,
  topLevelBoxes,
  type FalEmulator,
} from "../../emulators/fal/index.js";

const INPUT = {
  prompt: "make @Video1 look like a watercolor painting",
  video_url: "https://example.invalid/in.mp4",
};

let fal: FalEmulator;
const clientFor = (f: FalEmulator, key = f.key) =>
  createFalClient({ credentials: key, requestMiddleware: falMiddlewareFor(f.queueUrl, f.restUrl) });

beforeAll(async () => {
  // these tests are about the queue protocol: their inputs are placeholders fal is not asked to download
  fal = await startFalEmulator({ fetchInputs: false });
});
afterAll(async () => {
  await fal.close();
});
beforeEach(() => {
  fal.clearRecords();
  fal.clearFaults();
});

const isMp4 = (b: Buffer) => b.toString("latin1", 4, 8) === "ftyp";

describe("queue: submit, status, result", () => {
  it("walks IN_QUEUE positions, IN_PROGRESS logs, COMPLETED with metrics, then the result downloads", async () => {
    const client = clientFor(fal);
    fal.script({
      timeline: [
        { status: "IN_QUEUE", queuePosition: 2, ms: 150 },
        { status: "IN_QUEUE", queuePosition: 1, ms: 150 },
        { status: "IN_PROGRESS", logs: ["Starting"], ms: 150 },
        { status: "IN_PROGRESS", logs: ["50%"], ms: 150 },
      ],
      outcome: { type: "result" },
    });
    const sub = await client.queue.submit(KLING_O3_EDIT, { input: INPUT });
    expect(sub.status).toBe("IN_QUEUE");
    expect(sub.request_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(sub.status_url).toBe(`https://queue.fal.run/fal-ai/kling-video/requests/${sub.request_id}/status`);

    const job = fal.jobs.get(sub.request_id);
    expect(job?.endpoint).toBe(KLING_O3_EDIT);
    expect(job?.input).toEqual(INPUT);

    const seen: QueueStatus[] = [];
    for (;;) {
      const s = await client.queue.status(KLING_O3_EDIT, { requestId: sub.request_id, logs: true });
      seen.push(s);
      if (s.status === "COMPLETED") break;
      await new Promise((r) => setTimeout(r, 40));
    }
    const positions = seen.flatMap((s) => (s.status === "IN_QUEUE" ? [s.queue_position] : []));
    expect(positions).toContain(2);
    expect(positions).toContain(1);
    expect(positions.indexOf(1)).toBeGreaterThan(positions.lastIndexOf(2));
    const inProgress = seen.filter((s) => s.status === "IN_PROGRESS");
    expect(inProgress.length).toBeGreaterThan(0);
    const last = seen.at(-1);
    if (last?.status !== "COMPLETED") throw new Error("not completed");
    expect(last.logs.map((l) => l.message)).toEqual(["Starting", "50%"]);
    expect(last.logs[0]).toMatchObject({ level: "INFO", source: "USER" });
    expect(last.metrics?.inference_time).toBeCloseTo(0.3, 5);
    expect(job?.statusCalls).toBe(seen.length);

    // Without ?logs=1 the logs are not sent.
    const quiet = await client.queue.status(KLING_O3_EDIT, { requestId: sub.request_id });
    expect(quiet.status === "COMPLETED" && quiet.logs).toBeNull();

    const result = await client.queue.result(KLING_O3_EDIT, { requestId: sub.request_id });
    expect(result.requestId).toBe(sub.request_id);
    const data = result.data as { video: { url: string; content_type: string; file_name: string; file_size: number } };
    expect(data.video.content_type).toBe("video/mp4");
    expect(data.video.file_name).toBe("output.mp4");
    const res = await fetch(data.video.url);
    expect(res.status).toBe(200);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.length).toBe(data.video.file_size);
    expect(Number(res.headers.get("content-length"))).toBe(bytes.length);
    expect(isMp4(bytes)).toBe(true);

    const part = await fetch(data.video.url, { headers: { range: "bytes=0-15" } });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe(`bytes 0-15/${bytes.length}`);
    expect(Buffer.from(await part.arrayBuffer())).toEqual(bytes.subarray(0, 16));
    const tail = await fetch(data.video.url, { headers: { range: "bytes=-10" } });
    expect(Buffer.from(await tail.arrayBuffer())).toEqual(bytes.subarray(bytes.length - 10));
    const bad = await fetch(data.video.url, { headers: { range: `bytes=${bytes.length}-` } });
    expect(bad.status).toBe(416);

    // Recorded requests: auth flag kept, key redacted.
    const submitRec = fal.requests.find((r) => r.kind === "submit");
    expect(submitRec?.authOk).toBe(true);
    expect(submitRec?.headers["authorization"]).toBe("[redacted]");
    expect(submitRec?.path).toBe(`/queue/${KLING_O3_EDIT}`);
    expect(submitRec?.body).toEqual(INPUT);
  });

  it("result before completion answers 400 and unknown ids answer 404", async () => {
    const client = clientFor(fal);
    fal.script({ timeline: [{ status: "IN_PROGRESS", ms: 50 }], outcome: { type: "never" } });
    const sub = await client.queue.submit(KLING_O3_REFERENCE, { input: { ...INPUT, duration: "5" } });
    const early = await client.queue.result(KLING_O3_REFERENCE, { requestId: sub.request_id }).catch((e: unknown) => e);
    expect(early).toBeInstanceOf(ApiError);
    expect((early as ApiError<unknown>).status).toBe(400);
    const missing = await client.queue
      .status(KLING_O3_EDIT, { requestId: "00000000-0000-4000-8000-000000000000" })
      .catch((e: unknown) => e);
    expect((missing as ApiError<unknown>).status).toBe(404);
    // "never" stays IN_PROGRESS until settled by the test.
    await new Promise((r) => setTimeout(r, 100));
    expect(fal.jobs.get(sub.request_id)?.state).toBe("IN_PROGRESS");
    await fal.settle(sub.request_id, { type: "result", video: { sizeBytes: 3_000_000 } });
    const r = await client.queue.result(KLING_O3_REFERENCE, { requestId: sub.request_id });
    const v = (r.data as { video: { url: string; file_size: number } }).video;
    expect(v.file_size).toBe(3_000_000);
    const bytes = Buffer.from(await (await fetch(v.url)).arrayBuffer());
    const boxes = topLevelBoxes(bytes);
    expect(boxes[0]?.type).toBe("ftyp");
    expect(boxes.at(-1)?.type).toBe("free");
    const lastBox = boxes.at(-1);
    expect(lastBox && lastBox.offset + lastBox.size).toBe(3_000_000);
  });

  it("a result scripted by length is a real clip that long", async () => {
    const client = clientFor(fal);
    fal.script({ outcome: { type: "result", video: { seconds: 7 } } });
    const sub = await client.queue.submit(KLING_O3_EDIT, { input: INPUT });
    await fal.waitFor((f) => f.jobs.get(sub.request_id)?.state === "COMPLETED", 30_000);
    const { data } = await client.queue.result(KLING_O3_EDIT, { requestId: sub.request_id });
    const bytes = Buffer.from(await (await fetch((data as { video: { url: string } }).video.url)).arrayBuffer());
    expect((await inspectVideo(new BufferRangeSource(bytes))).durationSec).toBe(7);
  });

  it("streams status over SSE: positions, logs as they arrive, COMPLETED last", async () => {
    const client = clientFor(fal);
    fal.script({
      timeline: [
        { status: "IN_QUEUE", queuePosition: 1, ms: 100 },
        { status: "IN_PROGRESS", logs: ["Starting"], ms: 100 },
        { status: "IN_PROGRESS", logs: ["50%"], ms: 100 },
      ],
      completedLogs: ["Done"],
    });
    const sub = await client.queue.submit(KLING_O3_EDIT, { input: INPUT });
    const updates: QueueStatus[] = [];
    const done = await client.queue.subscribeToStatus(KLING_O3_EDIT, {
      requestId: sub.request_id,
      mode: "streaming",
      logs: true,
      onQueueUpdate: (u) => updates.push(structuredClone(u)),
    });
    expect(done.status).toBe("COMPLETED");
    expect(updates.map((u) => u.status)).toEqual(["IN_QUEUE", "IN_PROGRESS", "IN_PROGRESS", "COMPLETED"]);
    // The client accumulates the per-event logs itself: the server sends only new ones.
    const finalUpdate = updates.at(-1);
    expect(finalUpdate && "logs" in finalUpdate && finalUpdate.logs.map((l) => l.message)).toEqual([
      "Starting",
      "50%",
      "Done",
    ]);
    expect(fal.jobs.get(sub.request_id)?.streamCalls).toBe(1);

    // Raw streamStatus on an already-finished job: one COMPLETED event, then the stream ends.
    const stream = await client.queue.streamStatus(KLING_O3_EDIT, { requestId: sub.request_id, logs: true });
    const last = await stream.done();
    expect(last.status).toBe("COMPLETED");
  });
});

describe("errors", () => {
  it("a scripted 422 on submit surfaces as ValidationError naming video_url", async () => {
    const client = clientFor(fal);
    fal.script({
      submit: {
        status: 422,
        body: { detail: [{ loc: ["body", "video_url"], msg: "Video duration must be 3-10 s", type: "value_error" }] },
      },
    });
    const err = await client.queue.submit(KLING_O3_EDIT, { input: INPUT }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    const ve = err as ValidationError;
    expect(ve.status).toBe(422);
    expect(ve.getFieldErrors("video_url")[0]?.msg).toBe("Video duration must be 3-10 s");
    expect(fal.jobs.size).toBeGreaterThan(0); // earlier jobs only: no job for the rejected one
    expect(fal.requests.filter((r) => r.kind === "submit").map((r) => r.status)).toEqual([422]);
  });

  it("missing required input is rejected like fal's validation (422 for the field)", async () => {
    const client = clientFor(fal);
    const err = await client.queue
      .submit(KLING_O3_EDIT, { input: { prompt: "x" } as unknown as typeof INPUT })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).fieldErrors.map((f) => f.loc)).toEqual([["body", "video_url"]]);
  });

  it("the O3 Pro endpoints are Kling endpoints too: the same input checks as Standard (fal's typings give both one schema)", async () => {
    const client = clientFor(fal);
    const missing = await client.queue
      .submit(KLING_O3_PRO_EDIT, { input: { prompt: "x" } as unknown as typeof INPUT })
      .catch((e: unknown) => e);
    expect((missing as ValidationError).fieldErrors.map((f) => f.loc)).toEqual([["body", "video_url"]]);
    const badDuration = await client.queue
      .submit(KLING_O3_PRO_REFERENCE, { input: { ...INPUT, duration: "2" } as unknown as typeof INPUT })
      .catch((e: unknown) => e);
    expect((badDuration as ValidationError).fieldErrors.map((f) => f.loc)).toEqual([["body", "duration"]]);
    const sub = await client.queue.submit(KLING_O3_PRO_REFERENCE, { input: { ...INPUT, duration: "5" } });
    expect(fal.jobs.get(sub.request_id)?.endpoint).toBe(KLING_O3_PRO_REFERENCE);
  });

  it("a model failure reads COMPLETED and the result throws ApiError with status and body", async () => {
    const client = clientFor(fal);
    const body = { detail: "Kling: content policy violation" };
    fal.script({ timeline: [{ status: "IN_PROGRESS", ms: 30 }], outcome: { type: "error", status: 500, body } });
    const sub = await client.queue.submit(KLING_O3_EDIT, { input: INPUT });
    const st = await client.queue.subscribeToStatus(KLING_O3_EDIT, { requestId: sub.request_id, pollInterval: 20 });
    expect(st.status).toBe("COMPLETED");
    // 500 is not retried on result (only 429/502/503/504).
    const err = await client.queue.result(KLING_O3_EDIT, { requestId: sub.request_id }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError<unknown>).status).toBe(500);
    expect((err as ApiError<unknown>).body).toEqual(body);
    expect((err as ApiError<unknown>).requestId).toBe(sub.request_id);
    expect(fal.requests.filter((r) => r.kind === "result")).toHaveLength(1);
  });

  it("a wrong key is a 401 ApiError and is recorded with authOk false", async () => {
    const client = clientFor(fal, "wrong-key");
    const err = await client.queue.submit(KLING_O3_EDIT, { input: INPUT }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError<{ detail: string }>).status).toBe(401);
    expect((err as ApiError<{ detail: string }>).body.detail).toMatch(/Key/);
    expect(fal.requests[0]?.authOk).toBe(false);
  });
});

describe("cancel", () => {
  it("cancel while queued marks CANCELLED (202); afterwards 400 ALREADY_COMPLETED", async () => {
    const client = clientFor(fal);
    fal.script({ timeline: [{ status: "IN_QUEUE", queuePosition: 3, ms: 10_000 }] });
    const sub = await client.queue.submit(KLING_O3_EDIT, { input: INPUT });
    await client.queue.cancel(KLING_O3_EDIT, { requestId: sub.request_id });
    const job = fal.jobs.get(sub.request_id);
    expect(job?.state).toBe("CANCELLED");
    expect(job?.cancelledAt).toBeTypeOf("number");
    expect(fal.requests.find((r) => r.kind === "cancel")?.status).toBe(202);
    const again = await client.queue.cancel(KLING_O3_EDIT, { requestId: sub.request_id }).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(ApiError);
    expect((again as ApiError<unknown>).status).toBe(400);
    expect((again as ApiError<unknown>).body).toEqual({ status: "ALREADY_COMPLETED" });
    // Pollers stop: the status reads COMPLETED and the result is an error.
    const st = await client.queue.status(KLING_O3_EDIT, { requestId: sub.request_id });
    expect(st.status).toBe("COMPLETED");
    const res = await client.queue.result(KLING_O3_EDIT, { requestId: sub.request_id }).catch((e: unknown) => e);
    expect((res as ApiError<unknown>).status).toBe(400);
  });
});

describe("faults", () => {
  it("429 on submit then success: the client retries and the emulator records each attempt", async () => {
    const client = clientFor(fal);
    fal.failNext({ method: "POST", path: /^\/queue\/fal-ai\/kling-video\/o3\//, status: 429 });
    const sub = await client.queue.submit(KLING_O3_EDIT, { input: INPUT });
    const submits = fal.requests.filter((r) => r.kind === "submit");
    expect(submits.map((r) => r.status)).toEqual([429, 200]);
    expect(submits[0]?.fault).toBe("status");
    expect(submits[1]?.requestId).toBe(sub.request_id);
  });

  it("a dropped connection on status is retried by the client", async () => {
    const client = clientFor(fal);
    fal.script({ timeline: [] });
    const sub = await client.queue.submit(KLING_O3_EDIT, { input: INPUT });
    fal.failNext({ kind: "status", drop: true });
    const st = await client.queue.status(KLING_O3_EDIT, { requestId: sub.request_id });
    expect(st.status).toBe("COMPLETED");
    const statuses = fal.requests.filter((r) => r.kind === "status");
    expect(statuses.map((r) => [r.fault, r.status])).toEqual([
      ["drop", 0],
      [undefined, 200],
    ]);
  });

  it("unreachable (refused) for a while: the client's retry gets through once fal is back", async () => {
    const client = clientFor(fal);
    await fal.setUnreachable("refuse");
    const raw = await fetch(`${fal.queueUrl}/${KLING_O3_EDIT}`, { method: "POST" }).catch((e: unknown) => e);
    expect(raw).toBeInstanceOf(TypeError); // fetch failed (ECONNREFUSED)
    setTimeout(() => void fal.setUnreachable(false), 300);
    const sub = await client.queue.submit(KLING_O3_EDIT, { input: INPUT });
    expect(fal.jobs.has(sub.request_id)).toBe(true);
  });

  it("unreachable (reset) and pause/resume", async () => {
    await fal.setUnreachable("reset");
    const raw = await fetch(`${fal.queueUrl}/${KLING_O3_EDIT}`, { method: "POST" }).catch((e: unknown) => e);
    expect(raw).toBeInstanceOf(TypeError);
    await fal.setUnreachable(false);

    fal.pause();
    let answered = false;
    const p = fetch(`${fal.restUrl}/storage/upload/initiate?storage_type=fal-cdn-v3`, {
      method: "POST",
      headers: { authorization: `Key ${fal.key}`, "content-type": "application/json" },
      body: JSON.stringify({ content_type: "text/plain", file_name: "a.txt" }),
    }).then((r) => {
      answered = true;
      return r;
    });
    await new Promise((r) => setTimeout(r, 150));
    expect(answered).toBe(false);
    fal.resume();
    expect((await p).status).toBe(200);
  });
});

describe("storage", () => {
  it("storage.upload of a small Blob returns a file_url that serves the same bytes", async () => {
    const client = clientFor(fal);
    const bytes = Buffer.from("hello fal storage ".repeat(1000));
    const url = await client.storage.upload(new Blob([bytes], { type: "video/mp4" }));
    const init = fal.requests.find((r) => r.kind === "upload-initiate");
    expect(init?.query).toEqual({ storage_type: "fal-cdn-v3" });
    expect(init?.authOk).toBe(true);
    expect(fal.uploads[0]).toMatchObject({ content_type: "video/mp4", size: bytes.length, complete: true });
    const got = await fetch(url);
    expect(got.headers.get("content-type")).toBe("video/mp4");
    expect(Buffer.from(await got.arrayBuffer())).toEqual(bytes);
  });

  it("a Blob in the input is uploaded before submit and its url reaches the job", async () => {
    const client = clientFor(fal);
    fal.script({ timeline: [] });
    const video = new Blob([Buffer.from("not really a video")], { type: "video/mp4" });
    const sub = await client.queue.submit(KLING_O3_EDIT, { input: { prompt: "x", video_url: video } as never });
    const input = fal.jobs.get(sub.request_id)?.input as { video_url: string };
    expect(input.video_url).toBe(fal.uploads[0]?.file_url);
  });

  it("a >90 MiB Blob goes multipart in 10 MiB parts and reassembles byte for byte", async () => {
    const client = clientFor(fal);
    const size = 91 * 1024 * 1024 + 12345;
    const bytes = Buffer.alloc(size);
    for (let i = 0; i < size; i += 4096) bytes.writeUInt32BE(i, i);
    const url = await client.storage.upload(new Blob([bytes], { type: "video/mp4" }));
    const parts = fal.requests.filter((r) => r.kind === "upload-part");
    expect(parts).toHaveLength(10);
    expect(parts[0]?.bodySize).toBe(10 * 1024 * 1024);
    expect(fal.requests.find((r) => r.kind === "upload-complete")?.status).toBe(200);
    expect(fal.uploads[0]).toMatchObject({ multipart: true, parts: 10, size, complete: true });
    expect(fal.uploads[0]?.bytes.equals(bytes)).toBe(true);
    const ranged = await fetch(url, { headers: { range: `bytes=${size - 8}-` } });
    expect(Buffer.from(await ranged.arrayBuffer())).toEqual(bytes.subarray(size - 8));
  });
});

describe("scenario selection and hosting", () => {
  it("script() is FIFO (optionally per endpoint), then scriptEndpoint(), then the default", async () => {
    const client = clientFor(fal);
    const quick = { timeline: [] };
    fal.scriptEndpoint(KLING_O3_REFERENCE, { ...quick, inferenceTime: 7 });
    fal.script({ ...quick, inferenceTime: 1 }, { endpoint: KLING_O3_EDIT });
    fal.script({ ...quick, inferenceTime: 2 });
    const a = await client.queue.submit(KLING_O3_REFERENCE, { input: INPUT }); // takes the unscoped one (2)
    const b = await client.queue.submit(KLING_O3_EDIT, { input: INPUT }); // takes 1
    const c = await client.queue.submit(KLING_O3_REFERENCE, { input: INPUT }); // endpoint standing scenario (7)
    const d = await client.queue.submit(KLING_O3_EDIT, { input: INPUT }); // default
    fal.scriptEndpoint(KLING_O3_REFERENCE, undefined);
    expect([a, b, c].map((s) => fal.jobs.get(s.request_id)?.scenario.inferenceTime)).toEqual([2, 1, 7]);
    expect(fal.jobs.get(d.request_id)?.scenario.timeline?.length).toBe(2);
  });

  it("storage.upload of a named File keeps its name; putFile hosts bytes with HEAD and Range", async () => {
    const client = clientFor(fal);
    await client.storage.upload(new File([Buffer.from("abc")], "clip.mov", { type: "video/quicktime" }));
    expect(fal.uploads[0]).toMatchObject({ file_name: "clip.mov", content_type: "video/quicktime", size: 3 });
    const url = fal.putFile(Buffer.from("0123456789"), { contentType: "video/mp4", fileName: "in.mp4" });
    const head = await fetch(url, { method: "HEAD" });
    expect(head.headers.get("content-length")).toBe("10");
    expect(head.headers.get("accept-ranges")).toBe("bytes");
    const mid = await fetch(url, { headers: { range: "bytes=2-4" } });
    expect(await mid.text()).toBe("234");
  });
});

describe("webhooks and waitFor", () => {
  it("posts the result to fal_webhook on completion; waitFor is event-driven", async () => {
    const hook = await startFalEmulator(); // any loopback server will do; use a second emulator's CDN 404
    try {
      const client = clientFor(fal);
      fal.script({ timeline: [{ status: "IN_PROGRESS", ms: 50 }] });
      const target = `${hook.baseUrl}/hook`;
      const sub = await client.queue.submit(KLING_O3_EDIT, { input: INPUT, webhookUrl: target });
      expect(fal.requests.find((r) => r.kind === "submit")?.query).toEqual({ fal_webhook: target });
      const delivery = await fal.waitFor((f) => f.webhooks.find((w) => w.requestId === sub.request_id), 5_000);
      expect(delivery.body).toMatchObject({ request_id: sub.request_id, status: "OK" });
      const seen = hook.requests.find((r) => r.path === "/hook");
      expect(seen?.body).toMatchObject({ status: "OK", payload: { video: { content_type: "video/mp4" } } });
      await expect(fal.waitFor(() => false, 50)).rejects.toThrow(/timed out/);
    } finally {
      await hook.close();
    }
  });
});

describe("input downloads, as fal does them (fetchInputs)", () => {
  let net: PublicNetwork;
  let pub: FalEmulator;
  let media: HttpsServer;
  let mediaUrl: string;
  const mediaHits: string[] = [];
  beforeAll(async () => {
    net = await createPublicNetwork();
    // a public https host on the pretend internet: serves /clip.mp4, 404s /gone.png, never answers /stall.mp4
    media = createHttpsServer(net.tls, (req, res) => {
      mediaHits.push(req.url ?? "");
      const path = (req.url ?? "").split("?")[0];
      if (path === "/stall.mp4") return;
      if (path === "/clip.mp4")
        return void res.writeHead(200, { "content-type": "video/mp4" }).end(Buffer.alloc(2048, 1));
      res.writeHead(404).end("no");
    });
    await new Promise<void>((r) => media.listen(0, "127.0.0.1", () => r()));
    mediaUrl = net.host("cdn.discordapp.com", (media.address() as AddressInfo).port);
    pub = await startFalEmulator({ publicNetwork: net, inputFetchTimeoutMs: 400 });
  });
  afterAll(async () => {
    media.closeAllConnections();
    await new Promise<void>((r) => media.close(() => r()));
    await pub.close();
  });

  it("downloads video_url from a public host and completes; the result is served under v3.fal.media", async () => {
    const client = clientFor(pub);
    pub.script({ timeline: [{ status: "IN_PROGRESS", ms: 30 }] });
    const sub = await client.queue.submit(KLING_O3_EDIT, {
      input: { prompt: "x", video_url: `${mediaUrl}/clip.mp4?ex=1` },
    });
    await client.queue.subscribeToStatus(KLING_O3_EDIT, { requestId: sub.request_id, pollInterval: 20 });
    const r = await client.queue.result(KLING_O3_EDIT, { requestId: sub.request_id });
    const url = (r.data as { video: { url: string } }).video.url;
    expect(url).toMatch(/^https:\/\/v3\.fal\.media\/files\/[\w-]+\/output\.mp4$/);
    const fetched = pub.inputFetches.filter((f) => f.requestId === sub.request_id);
    expect(fetched.map((f) => [f.loc, f.ok, f.status, f.bytes])).toEqual([[["body", "video_url"], true, 200, 2048]]);
    expect(mediaHits).toContain("/clip.mp4?ex=1");
    // the hosted result is reachable on the same network, over TLS checked against its CA
    const got = await net.fetch(url, { timeoutMs: 2_000 });
    expect(got.status).toBe(200);
    expect(got.bytes.toString("latin1", 4, 8)).toBe("ftyp");
  });

  it("answers 422 naming each field it could not download: loopback host, 404", async () => {
    const client = clientFor(pub);
    pub.script({ timeline: [{ status: "IN_PROGRESS", ms: 2_000 }] });
    const input = {
      prompt: "x",
      video_url: "http://127.0.0.1:9/private.mp4",
      image_urls: [`${mediaUrl}/clip.mp4`, `${mediaUrl}/gone.png`],
    };
    const sub = await client.queue.submit(KLING_O3_EDIT, { input });
    const started = Date.now();
    await client.queue.subscribeToStatus(KLING_O3_EDIT, { requestId: sub.request_id, pollInterval: 20 });
    expect(Date.now() - started).toBeLessThan(1_500); // it fails as soon as the download fails, not at the timeline's end
    const err = await client.queue.result(KLING_O3_EDIT, { requestId: sub.request_id }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    const ve = err as ValidationError;
    expect(ve.status).toBe(422);
    expect(ve.fieldErrors.map((f) => [f.loc, f.type])).toEqual([
      [["body", "video_url"], "file_download_error"],
      [["body", "image_urls", 1], "file_download_error"],
    ]);
    expect(ve.getFieldErrors("video_url")[0]?.msg).toContain("could not connect to 127.0.0.1");
    expect(ve.fieldErrors[1]?.msg).toContain("HTTP 404");
  });

  it("gives up on a file that does not arrive within its timeout (inputFetchTimeoutMs) and answers 422", async () => {
    const client = clientFor(pub);
    pub.script({ timeline: [{ status: "IN_PROGRESS", ms: 5_000 }] });
    const sub = await client.queue.submit(KLING_O3_EDIT, {
      input: { prompt: "x", video_url: `${mediaUrl}/stall.mp4` },
    });
    await client.queue.subscribeToStatus(KLING_O3_EDIT, { requestId: sub.request_id, pollInterval: 20 });
    const record = pub.inputFetches.find((f) => f.requestId === sub.request_id);
    expect(record?.ok).toBe(false);
    expect(record?.ms).toBeGreaterThanOrEqual(390);
    expect(record?.ms).toBeLessThan(1_500);
    const err = (await client.queue
      .result(KLING_O3_EDIT, { requestId: sub.request_id })
      .catch((e: unknown) => e)) as ValidationError;
    expect(err.getFieldErrors("video_url")[0]?.msg).toContain("no answer within 0.4 s");
  });

  it("reads its own storage directly (an uploaded input needs no network)", async () => {
    const client = clientFor(pub);
    pub.script({ timeline: [] });
    const uploaded = await client.storage.upload(new File([Buffer.alloc(100, 2)], "in.mp4", { type: "video/mp4" }));
    expect(uploaded.startsWith(pub.filesBase)).toBe(true);
    const sub = await client.queue.submit(KLING_O3_EDIT, { input: { prompt: "x", video_url: uploaded } });
    await client.queue.subscribeToStatus(KLING_O3_EDIT, { requestId: sub.request_id, pollInterval: 20 });
    await expect(client.queue.result(KLING_O3_EDIT, { requestId: sub.request_id })).resolves.toBeTruthy();
    expect(pub.inputFetches.find((f) => f.requestId === sub.request_id)).toMatchObject({ ok: true, bytes: 100 });
  });
});

describe("half-answers: fal did the work, the answer was lost (afterHandling)", () => {
  // What the real @fal-ai/client 1.10.1 does with them, so the bot can decide (src/fal/gateway.ts):
  it("submit accepted, then 503 on the way back: the client retries and fal has TWO jobs", async () => {
    const client = clientFor(fal);
    fal.script({ timeline: [] });
    fal.script({ timeline: [] });
    const before = fal.jobs.size;
    fal.failNext({ kind: "submit", status: 503, afterHandling: true });
    const sub = await client.queue.submit(KLING_O3_EDIT, { input: INPUT });
    expect(fal.jobs.size - before).toBe(2);
    const submits = fal.requests.filter((r) => r.kind === "submit");
    expect(submits.map((r) => [r.fault, r.status])).toEqual([
      ["status", 503],
      [undefined, 200],
    ]);
    expect(submits[0]?.requestId).not.toBe(sub.request_id); // the first job exists; its id never reached the client
    expect(fal.jobs.has(submits[0]!.requestId!)).toBe(true);
  });

  it("submit accepted, then the connection drops: the client retries and fal has TWO jobs", async () => {
    const client = clientFor(fal);
    fal.script({ timeline: [] });
    fal.script({ timeline: [] });
    const before = fal.jobs.size;
    fal.failNext({ kind: "submit", drop: true, afterHandling: true });
    await client.queue.submit(KLING_O3_EDIT, { input: INPUT });
    expect(fal.jobs.size - before).toBe(2);
    expect(fal.requests.filter((r) => r.kind === "submit").map((r) => [r.fault, r.status])).toEqual([
      ["drop", 0],
      [undefined, 200],
    ]);
  });

  it("submit accepted, then 500: the client does not retry (500 is not in its list) and fal has one job", async () => {
    const client = clientFor(fal);
    fal.script({ timeline: [] });
    const before = fal.jobs.size;
    fal.failNext({ kind: "submit", status: 500, afterHandling: true });
    const err = await client.queue.submit(KLING_O3_EDIT, { input: INPUT }).catch((e: unknown) => e);
    expect((err as ApiError<unknown>).status).toBe(500);
    expect(fal.jobs.size - before).toBe(1);
  });

  it("a result fetch that fails once (502) is retried by the client and then works", async () => {
    const client = clientFor(fal);
    fal.script({ timeline: [] });
    const sub = await client.queue.submit(KLING_O3_EDIT, { input: INPUT });
    await client.queue.subscribeToStatus(KLING_O3_EDIT, { requestId: sub.request_id, pollInterval: 20 });
    fal.failNext({ kind: "result", status: 502, afterHandling: true });
    const r = await client.queue.result(KLING_O3_EDIT, { requestId: sub.request_id });
    expect(r.requestId).toBe(sub.request_id);
    expect(fal.requests.filter((q) => q.kind === "result").map((q) => q.status)).toEqual([502, 200]);
  });

  it("a running job with cancel 'ignore-in-progress' answers CANCELLATION_REQUESTED and completes anyway", async () => {
    const client = clientFor(fal);
    fal.script({ timeline: [{ status: "IN_PROGRESS", ms: 150 }], cancel: "ignore-in-progress" });
    const sub = await client.queue.submit(KLING_O3_EDIT, { input: INPUT });
    await client.queue.cancel(KLING_O3_EDIT, { requestId: sub.request_id });
    expect(fal.requests.find((r) => r.kind === "cancel" && r.requestId === sub.request_id)?.status).toBe(202);
    const done = await client.queue.subscribeToStatus(KLING_O3_EDIT, { requestId: sub.request_id, pollInterval: 20 });
    expect(done.status).toBe("COMPLETED");
    expect(fal.jobs.get(sub.request_id)?.state).toBe("COMPLETED");
    await expect(client.queue.result(KLING_O3_EDIT, { requestId: sub.request_id })).resolves.toMatchObject({
      requestId: sub.request_id,
    });
  });
});

describe("resultFromInput (the sandbox's stand-in result)", () => {
  it("hosts what it makes from the job's video_url as the result; a rejection answers the result 500", async () => {
    const made: string[] = [];
    const own = await startFalEmulator({
      fetchInputs: false,
      defaultScenario: { timeline: [{ status: "IN_PROGRESS", ms: 20 }], outcome: { type: "result" } },
      async resultFromInput(inputUrl) {
        made.push(inputUrl);
        if (inputUrl.endsWith("/broken.mp4")) throw new Error("no such clip");
        return Buffer.from(`made from ${inputUrl}`);
      },
    });
    try {
      const client = clientFor(own);
      const sub = await client.queue.submit(KLING_O3_EDIT, { input: INPUT });
      await client.queue.subscribeToStatus(KLING_O3_EDIT, { requestId: sub.request_id, pollInterval: 20 });
      const { data } = await client.queue.result(KLING_O3_EDIT, { requestId: sub.request_id });
      const video = (data as { video: { url: string; file_size: number } }).video;
      const bytes = Buffer.from(await (await fetch(video.url)).arrayBuffer());
      expect(bytes.toString()).toBe(`made from ${INPUT.video_url}`);
      expect(video.file_size).toBe(bytes.length);

      const broken = await client.queue.submit(KLING_O3_EDIT, {
        input: { ...INPUT, video_url: "https://example.invalid/broken.mp4" },
      });
      await client.queue.subscribeToStatus(KLING_O3_EDIT, { requestId: broken.request_id, pollInterval: 20 });
      const err = await client.queue.result(KLING_O3_EDIT, { requestId: broken.request_id }).catch((e: unknown) => e);
      expect((err as ApiError<unknown>).status).toBe(500);
      expect(made).toEqual([INPUT.video_url, "https://example.invalid/broken.mp4"]);
    } finally {
      await own.close();
    }
  });
});
