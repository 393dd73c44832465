import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createServer } from "node:net";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Keyv } from "keyv";
import { JobStore, StaleJobError } from "../../src/jobs/job-store.js";
import type { Job, JobState } from "../../src/job.js";
import { openStore } from "../../src/store/open-store.js";
import { makeBackend, unreachable, type BackendName } from "./backends.js";

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
const NOW = Date.now();
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
    // recent: a finished job older than the retention (30 days) is expired
    createdAt: NOW - 90_877,
    submittedAt: NOW - 90_000,
    runningAt: NOW - 60_000,
    finishedAt: NOW - 1,
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
const handles = () =>
  process.getActiveResourcesInfo().filter((r) => r !== "TTYWrap" && r !== "Timeout" && r !== "Immediate");

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
    const saved = await store.save(job);
    expect(saved).toStrictEqual({ ...job, version: 1 });
    const got = await store.get(job.id);
    expect(got).toStrictEqual(saved);
    expect(typeof got?.updatedAt).toBe("number");
    expect(got?.guildId).toBeNull();
  });

  it.skipIf(skip)("a field set to undefined reads back as missing (no key), like JSON", async () => {
    const job = fullJob({ requestId: undefined, threadId: undefined, queuePosition: undefined });
    await store.save(job);
    const got = await store.get(job.id);
    const { requestId: _r, threadId: _t, queuePosition: _q, ...expected } = job;
    expect(got).toStrictEqual({ ...expected, version: 1 });
    expect(got && Object.hasOwn(got, "requestId")).toBe(false);
  });

  it.skipIf(skip)("returns undefined for a job that was never saved", async () => {
    expect(await store.get("no-such-job")).toBeUndefined();
  });

  it.skipIf(skip)("a save from the current version overwrites; fields dropped by the update are gone", async () => {
    const job = await store.save(fullJob({ state: "queued", queuePosition: 4 }));
    const { queuePosition: _q, ...rest } = job;
    const next: Job = { ...rest, state: "delivered", updatedAt: job.updatedAt - 1, resultUrl: "https://x/y.mp4" };
    expect(await store.save(next)).toStrictEqual({ ...next, version: 2 });
    expect(await store.get(job.id)).toStrictEqual({ ...next, version: 2 });
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
    for await (const job of store.all())
      expect(job).toMatchObject({ id: expect.any(String), state: expect.any(String) });

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
      fullJob({
        state: (["queued", "running", "delivered"] as JobState[])[i % 3]!,
        id: `bulk-${i.toString().padStart(4, "0")}`,
      }),
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
    expect(await store.get("bulk-0999")).toStrictEqual({ ...many[999], version: 1 });
    console.info(
      `${name}: 1000 concurrent saves ${(t1 - t0).toFixed(0)} ms, all()+unfinished() ${(t2 - t1).toFixed(0)} ms`,
    );
    expect(t2 - t1).toBeLessThan(3_000);
  });

  it.skipIf(skip)("keeps data across disconnect and reopen, and a fresh process reads it and exits", async () => {
    const open = await store.save(fullJob({ state: "submitted", id: "persist-open" }));
    const done = await store.save(fullJob({ state: "cancelled", id: "persist-done" }));

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

  it.skipIf(skip)(
    "compare-and-set: of concurrent conflicting saves from one version exactly one wins, on two connections",
    async () => {
      const second = await backend.open();
      try {
        const stores = [store, new JobStore(second)];
        for (let round = 0; round < 5; round += 1) {
          const base = await store.save(fullJob({ state: "queued" }));
          const writers = Array.from({ length: 8 }, (_, i) => ({
            ...base,
            lastLog: `writer ${i}`,
            state: (i % 2 ? "cancelled" : "running") as JobState,
          }));
          const results = await Promise.allSettled(writers.map((job, i) => stores[i % 2]!.save(job)));
          const won = results.flatMap((r, i) => (r.status === "fulfilled" ? [i] : []));
          expect(won).toHaveLength(1);
          for (const r of results) if (r.status === "rejected") expect(r.reason).toBeInstanceOf(StaleJobError);
          const stored = await stores[1]!.get(base.id);
          expect(stored).toStrictEqual({ ...writers[won[0]!]!, version: 2 });
          // the index moved with the winning write, not with a loser's
          const listed = (await store.unfinished()).some((j) => j.id === base.id);
          expect(listed).toBe(stored!.state === "running");
        }
      } finally {
        await second.disconnect();
      }
    },
  );

  it.skipIf(skip)(
    "compare-and-set: a stale copy is refused and changes nothing; a new job cannot overwrite an existing one",
    async () => {
      const v1 = await store.save(fullJob({ state: "queued" }));
      const v2 = await store.save({ ...v1, state: "cancelled", cancelledBy: "1" });
      await expect(store.save({ ...v1, state: "running", lastLog: "stale" })).rejects.toBeInstanceOf(StaleJobError);
      const { version: _v, ...unversioned } = v1;
      await expect(store.save({ ...unversioned, state: "running" })).rejects.toBeInstanceOf(StaleJobError);
      expect(await store.get(v1.id)).toStrictEqual(v2);
      // the refused writer re-reads and decides again from the stored state
      const fresh = (await store.get(v1.id))!;
      expect(await store.save({ ...fresh, finalShown: true })).toMatchObject({ version: 3, state: "cancelled" });
    },
  );

  it.skipIf(skip)(
    "unfinished() reads the index, kept with each save: a record written around it is not listed",
    async () => {
      const running = await store.save(fullJob({ state: "running" }));
      const shownLater = await store.save(fullJob({ state: "failed", finalShown: false }));
      expect(await ids((await store.unfinished()).filter((j) => [running.id, shownLater.id].includes(j.id)))).toEqual(
        [running.id, shownLater.id].sort(),
      );
      // bypassing JobStore (no index entry): start-up does not see it, proving it reads the index and not every record
      const around = fullJob({ state: "running" });
      await keyv.set(`job:${around.id}`, around);
      expect(await ids(store.all())).toContain(around.id);
      expect(await ids(await store.unfinished())).not.toContain(around.id);
      // leaving the index is part of the save that finishes the job
      await store.save({ ...running, state: "delivered", finalShown: true });
      await store.save({ ...shownLater, finalShown: true });
      const after = await ids(await store.unfinished());
      expect(after).not.toContain(running.id);
      expect(after).not.toContain(shownLater.id);
    },
  );

  it.skipIf(skip)("records saved before the index existed are indexed once, on first use", async () => {
    const fresh = await backend.open(backend.other(`${backend.options.namespace}legacy`));
    try {
      const legacyOpen = fullJob({ state: "queued" });
      const legacyDone = fullJob({ state: "delivered" });
      await fresh.set(`job:${legacyOpen.id}`, legacyOpen);
      await fresh.set(`job:${legacyDone.id}`, legacyDone);
      const s = new JobStore(fresh);
      expect(await ids(await s.unfinished())).toEqual([legacyOpen.id]);
      expect(await s.get(legacyOpen.id)).toStrictEqual({ ...legacyOpen, version: 1 });
    } finally {
      await fresh.clear();
      await fresh.disconnect();
    }
  });

  it.skipIf(skip)(
    "finished jobs expire after the retention; a finished job not yet shown is kept until it is",
    async () => {
      const retentionMs = 400;
      const s = new JobStore(keyv, { retentionMs });
      const delivered = await s.save(fullJob({ state: "delivered", finalShown: true, finishedAt: Date.now() }));
      const unshown = await s.save(
        fullJob({ state: "cancelled", finalShown: false, finishedAt: Date.now() - 10 * retentionMs }),
      );
      const running = await s.save(fullJob({ state: "running", finishedAt: undefined }));
      expect(await s.get(delivered.id)).toBeDefined();
      await new Promise((resolve) => setTimeout(resolve, retentionMs + 100));
      const purged = await s.purgeExpired();
      expect(purged).toBe(name === "redis" ? 0 : 1); // redis expires the key itself
      expect(await s.get(delivered.id)).toBeUndefined();
      expect(await ids(s.all())).not.toContain(delivered.id);
      const raw = keyv.store as {
        get(key: string): Promise<unknown>;
        client?: { exists(key: string): Promise<number> };
      };
      const ns = backend.options.namespace!;
      if (name === "redis") expect(await raw.client!.exists(`${ns}::job:${delivered.id}`)).toBe(0);
      else expect(await raw.get(`${ns}:job:${delivered.id}`)).toBeUndefined();
      expect(await s.get(running.id)).toEqual(running); // finishedAt: undefined reads back missing
      expect(await s.get(unshown.id)).toStrictEqual(unshown);
      expect(await ids(await s.unfinished())).toContain(unshown.id);
      // once shown it expires by its finish time, already past
      await s.save({ ...unshown, finalShown: true });
      await new Promise((resolve) => setTimeout(resolve, 20));
      await s.purgeExpired();
      expect(await s.get(unshown.id)).toBeUndefined();
    },
  );

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
  it.each(["redis", "postgres"])(
    "%s: an unreachable server fails fast, naming scheme and host but not the password",
    async (scheme) => {
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
    },
  );

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
