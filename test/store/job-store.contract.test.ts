import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createServer } from "node:net";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Keyv } from "keyv";
import { JobStore } from "../../src/jobs/job-store.js";
import type { Job, JobState } from "../../src/jobs/job.js";
import { openStore } from "../../src/store/open-store.js";
import { makeBackend, unreachable, type Backend, type BackendName } from "./backends.js";

const run = promisify(execFile);
const CI = !!process.env.CI && process.env.CI !== "false";
const NAMES: BackendName[] = ["sqlite", "redis", "postgres"];

// Probe the network stores once. In CI an unreachable store is a failure (.ci/run starts them); locally the
// backend's tests are skipped with a warning.
const backends = await Promise.all(
  NAMES.map(async (name) => {
    const backend = makeBackend(name);
    const problem = await unreachable(backend);
    if (problem && !CI) console.warn(`store tests for ${name} SKIPPED (not reachable; CI would fail): ${problem}`);
    return { name, backend, problem };
  }),
);

let seq = 0;
/** A job record with every field set, nested objects and the awkward values a serializer can get wrong. */
function fullJob(patch: Partial<Job> = {}): Job {
  const n = ++seq;
  return {
    id: `j${n.toString().padStart(5, "0")}-${Math.random().toString(36).slice(2, 8)}`,
    kind: "reference",
    endpoint: "fal-ai/kling-video/o3/standard/video-to-video/reference",
    falInput: {
      prompt: "@Element1 walks through @Video1 — «quoted» \"double\" 'single' \\ back\nslash, emoji 🎬, ':base64:aGk='",
      video_url: "https://cdn.example/v.mp4?sig=a%2Fb&x=1",
      image_urls: ["https://cdn.example/1.png", ":base64:aGVsbG8="],
      elements: [
        { frontal_image_url: "https://cdn.example/e1.png", reference_image_urls: ["https://cdn.example/e1r.png"] },
        { frontal_image_url: "https://cdn.example/e2.png" },
      ],
      keep_audio: false,
      shot_type: "customize",
      aspect_ratio: "16:9",
      duration: "5",
    },
    requestId: "0b5e6a3c-req",
    state: "running",
    requester: { id: "123456789012345678", name: "Ünïcode Üser" },
    guildId: null,
    channelId: "223456789012345678",
    channelType: 11,
    appPermissions: "2251799813685247",
    attachmentSizeLimit: 26_214_400,
    prompt: ":starts with a colon",
    inputsSummary: "video 1280×720 · 5.0 s · 2 elements · 1 image · audio kept",
    warnings: ["::two colons", "", "plain"],
    outputSec: 5.05,
    progressMessageId: "323456789012345678",
    threadId: "423456789012345678",
    resultMessageId: "523456789012345678",
    resultChannelId: "623456789012345678",
    resultUrl: "https://v3.fal.media/files/out.mp4",
    queuePosition: 0,
    lastLog: "step 3/10",
    failure: "",
    createdAt: 1_764_115_200_123,
    submittedAt: 1_764_115_201_000,
    runningAt: 1_764_115_230_000,
    finishedAt: 1_764_115_290_999,
    updatedAt: Number.MAX_SAFE_INTEGER,
    attempts: { submit: 1, status: 17, deliver: 0 },
    ...patch,
  };
}

async function ids(jobs: AsyncIterable<Job> | Job[]): Promise<string[]> {
  const out: string[] = [];
  for await (const job of jobs) out.push(job.id);
  return out.sort();
}

/** sockets and handles this process holds (stores must give theirs back on disconnect) */
const handles = () => process.getActiveResourcesInfo().filter((r) => r !== "TTYWrap" && r !== "Timeout" && r !== "Immediate");

describe.each(backends)("JobStore on $name", ({ name, backend, problem }) => {
  const skip = !!problem && !CI;
  let keyv: Keyv;
  let store: JobStore;

  beforeAll(async () => {
    if (skip) return;
    if (problem) {
      throw new Error(
        `the ${name} store is not reachable at ${backend.url} (${problem}). ` +
          `Start it (.ci/run does) or point TEST_${name.toUpperCase()}_URL at one.`,
      );
    }
    keyv = await backend.open();
    store = new JobStore(keyv);
  });

  afterAll(async () => {
    if (skip || problem) return;
    await keyv?.disconnect();
    await backend.cleanup();
  });

  it.skipIf(skip)("round-trips a full job record exactly (all fields, nesting, numbers, colon strings)", async () => {
    const job = fullJob();
    await store.save(job);
    const got = await store.get(job.id);
    expect(got).toStrictEqual(job);
    expect(typeof got?.updatedAt).toBe("number");
    expect(got?.guildId).toBeNull();
  });

  it.skipIf(skip)("a field set to undefined reads back as missing (no key), like JSON", async () => {
    const job = fullJob({ requestId: undefined, threadId: undefined, queuePosition: undefined });
    await store.save(job);
    const got = await store.get(job.id);
    const { requestId: _r, threadId: _t, queuePosition: _q, ...expected } = job;
    expect(got).toStrictEqual(expected);
    expect(got && Object.hasOwn(got, "requestId")).toBe(false);
  });

  it.skipIf(skip)("returns undefined for a job that was never saved", async () => {
    expect(await store.get("no-such-job")).toBeUndefined();
  });

  it.skipIf(skip)("overwrites: the last save wins, fields dropped by the update are gone", async () => {
    const job = fullJob({ state: "queued", queuePosition: 4 });
    await store.save(job);
    const { queuePosition: _q, ...rest } = job;
    const next: Job = { ...rest, state: "delivered", updatedAt: job.updatedAt - 1, resultUrl: "https://x/y.mp4" };
    await store.save(next);
    expect(await store.get(job.id)).toStrictEqual(next);
    expect((await ids(store.all())).filter((id) => id === job.id)).toHaveLength(1);
  });

  it.skipIf(skip)("all() and unfinished() list only this namespace's job records", async () => {
    const ns = backend.options.namespace!;
    // other namespaces, one of them containing ours as a substring and one starting with it
    const others = [`${ns}x`, `x${ns}`];
    const foreign: string[] = [];
    for (const other of others) {
      const o = await backend.open(backend.other(other));
      const oj = fullJob({ state: "queued" });
      foreign.push(oj.id);
      await new JobStore(o).save(oj);
      await o.set("quota:guild:1", { used: 3 });
      await o.disconnect();
    }
    // non-job keys in our own namespace
    await keyv.set("quota:guild:1", { used: 1 });
    await keyv.set("jobless:1", fullJob());
    await keyv.set("job", "not a job");
    await keyv.set("settings", ":colon string");

    const mine = [fullJob({ state: "checking" }), fullJob({ state: "delivering" }), fullJob({ state: "failed" })];
    await Promise.all(mine.map((job) => store.save(job)));

    const all = await ids(store.all());
    for (const job of mine) expect(all).toContain(job.id);
    for (const id of foreign) expect(all).not.toContain(id);
    for await (const job of store.all()) expect(job).toMatchObject({ id: expect.any(String), state: expect.any(String) });

    const unfinished = await ids(await store.unfinished());
    expect(unfinished).toContain(mine[0]!.id);
    expect(unfinished).toContain(mine[1]!.id);
    expect(unfinished).not.toContain(mine[2]!.id);
    for (const id of foreign) expect(unfinished).not.toContain(id);
    expect(await keyv.get("quota:guild:1")).toEqual({ used: 1 });
  });

  it.skipIf(skip)("stores a job under a stable key: <namespace>:job:<id> (redis: <namespace>::job:<id>)", async () => {
    // changing the layout would strand every job saved by the previous version
    const job = fullJob();
    await store.save(job);
    const ns = backend.options.namespace!;
    const adapter = keyv.store as {
      get(key: string): Promise<unknown>;
      namespace?: string;
      client?: { get(key: string): Promise<string | null> };
    };
    const raw =
      name === "redis" ? await adapter.client!.get(`${ns}::job:${job.id}`) : await adapter.get(`${ns}:job:${job.id}`);
    expect(typeof raw).toBe("string");
    expect(JSON.parse(raw as string)).toMatchObject({ value: { id: job.id } });
  });

  it.skipIf(skip)("lists 1,000 jobs completely and quickly; concurrent saves of different jobs all land", async () => {
    const many = Array.from({ length: 1_000 }, (_, i) =>
      fullJob({ state: (["queued", "running", "delivered"] as JobState[])[i % 3]!, id: `bulk-${i.toString().padStart(4, "0")}` }),
    );
    const t0 = performance.now();
    await Promise.all(many.map((job) => store.save(job)));
    const t1 = performance.now();
    const all = await ids(store.all());
    const unfinished = await store.unfinished();
    const t2 = performance.now();
    const bulk = all.filter((id) => id.startsWith("bulk-"));
    expect(bulk).toEqual(many.map((j) => j.id));
    expect(new Set(all).size).toBe(all.length); // each record once
    expect(unfinished.filter((j) => j.id.startsWith("bulk-"))).toHaveLength(667);
    expect(await store.get("bulk-0999")).toStrictEqual(many[999]);
    console.info(`${name}: 1000 concurrent saves ${(t1 - t0).toFixed(0)} ms, all()+unfinished() ${(t2 - t1).toFixed(0)} ms`);
    expect(t2 - t1).toBeLessThan(3_000);
  });

  it.skipIf(skip)("keeps data across disconnect and reopen, and a fresh process reads it and exits", async () => {
    const open = fullJob({ state: "submitted", id: "persist-open" });
    const done = fullJob({ state: "cancelled", id: "persist-done" });
    await store.save(open);
    await store.save(done);

    const again = await backend.open();
    expect(await new JobStore(again).get(open.id)).toStrictEqual(open);
    await again.disconnect();

    const { stdout } = await run(
      process.execPath,
      ["--import", "tsx", "test/store/read-store.ts", backend.url, JSON.stringify(backend.options), open.id],
      { timeout: 15_000, killSignal: "SIGKILL" },
    );
    const seen = JSON.parse(stdout) as { all: string[]; unfinished: string[]; job: Job };
    expect(seen.job).toStrictEqual(open);
    expect(seen.all).toEqual(expect.arrayContaining([open.id, done.id]));
    expect(seen.unfinished).toContain(open.id);
    expect(seen.unfinished).not.toContain(done.id);
  });

  it.skipIf(skip)("disconnect gives back every handle; a closed store refuses work instead of losing it", async () => {
    const before = handles().length;
    const k = await backend.open();
    const s = new JobStore(k);
    const job = fullJob();
    await s.save(job);
    expect(await ids(s.all())).toContain(job.id);
    await k.disconnect();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(handles().length).toBeLessThanOrEqual(before);

    await expect(s.save(fullJob())).rejects.toThrow();
    await expect(s.get(job.id)).rejects.toThrow();
    await expect(ids(s.all())).rejects.toThrow();
    await k.disconnect(); // twice is harmless
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(handles().length).toBeLessThanOrEqual(before);
  });
});

/** a TCP port on loopback that nothing listens on */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("openStore start-up errors", () => {
  it.each(["redis", "postgres"])("%s: an unreachable server fails fast, naming scheme and host but not the password", async (scheme) => {
    const port = await closedPort();
    const url = `${scheme}://kling:s3cr%40t-pw@127.0.0.1:${port}/${scheme === "redis" ? "0" : "test"}`;
    const t0 = performance.now();
    const error = await openStore(url, { connectTimeoutMs: 2_000 }).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error).toBeInstanceOf(Error);
    expect(performance.now() - t0).toBeLessThan(5_000);
    expect(error!.message).toContain(`${scheme}://`);
    expect(error!.message).toContain(`127.0.0.1:${port}`);
    expect(error!.message).not.toMatch(/s3cr/);
    expect(error!.message).toMatch(/ECONNREFUSED|refused/i);
  });

  // needs a PostgreSQL server that answers (else the error would be "connection refused", not the missing database)
  const postgres = backends.find((b) => b.name === "postgres")!;
  it.skipIf(!!postgres.problem && !CI)("postgres: a database that does not exist is a clear error", async () => {
    const url = new URL(postgres.backend.url);
    url.password = "pw-s3cret";
    url.pathname = "/kling_no_such_db";
    const error = await openStore(url.href, { connectTimeoutMs: 2_000 }).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toContain(`postgres://${url.host}`);
    expect(error?.message).toContain('database "kling_no_such_db" does not exist');
    expect(error?.message).not.toContain("pw-s3cret");
  });

  it("sqlite: a path that cannot be created is a clear error naming it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "kling-store-"));
    const file = join(dir, "a-file");
    writeFileSync(file, "");
    try {
      const url = `sqlite://${file}/sub/jobs.sqlite`;
      await expect(openStore(url)).rejects.toThrow(`could not open STORE_URL ${url}: ENOTDIR`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("an unknown scheme is refused", async () => {
    await expect(openStore("mysql://u:pw@h/db")).rejects.toThrow(/mysql/);
  });
});
