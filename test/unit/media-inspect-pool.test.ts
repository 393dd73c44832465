import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFile } from "node:fs/promises";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { createInspectPool, type InspectPool } from "../../src/media/inspect-pool.js";
import { HEAD_BYTES } from "../../src/media/limits.js";
import { BufferRangeSource } from "../../src/media/range-source.js";
import { MediaError, type RangeSource } from "../../src/media/types.js";
import { makeVideo } from "../media/corpus.js";

const DEADLINE_MS = 400;
/** a terminated worker is gone within a few event-loop turns; generous for a loaded 2-core machine */
const SLACK_MS = 600;
const MISBEHAVING = new URL("../media/misbehaving-worker.ts", import.meta.url);

let pool: InspectPool;
/** the moov first and the whole file within the head: a parse with no read past the head */
let clip: Uint8Array;
/** the moov at the end, past the head: the worker asks for it */
let tail: Uint8Array;
const killed: { label: string; reason: string }[] = [];
beforeAll(async () => {
  pool = createInspectPool({
    threads: 1,
    maxQueued: 1,
    parseDeadlineMs: DEADLINE_MS,
    workerUrl: MISBEHAVING,
    onParseKilled: (k) => killed.push(k),
  });
  clip = new Uint8Array(
    await readFile(
      await makeVideo({ width: 1280, height: 720, durationSec: 3, pattern: "color", faststart: true, name: "pool" }),
    ),
  );
  tail = new Uint8Array(
    await readFile(await makeVideo({ width: 1280, height: 720, durationSec: 3, name: "pool-tail" })),
  );
  // warm the worker up (tsx compiles the sources on first load), so timings below are the parse's own
  await pool.inspect("video", new BufferRangeSource(clip, "warm-up"));
});
afterAll(() => pool.close());

/** A source that can stand for a slow link: every answer waits `delayMs`. */
function slow(src: RangeSource, delayMs: number): RangeSource & { waits: number } {
  const wait = () => new Promise((r) => setTimeout(r, delayMs));
  return {
    waits: 0,
    label: src.label,
    async size() {
      this.waits++;
      await wait();
      return src.size();
    },
    async read(start, end) {
      this.waits++;
      await wait();
      return src.read(start, end);
    },
    get bytesRead() {
      return src.bytesRead;
    },
    get requests() {
      return src.requests;
    },
  };
}

async function refusal(p: Promise<unknown>): Promise<{ err: MediaError; ms: number }> {
  const started = performance.now();
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof MediaError)) throw new Error(`expected a MediaError, got ${String(err)}`);
  return { err, ms: performance.now() - started };
}

describe("inspect pool: member bytes are parsed in a worker under a deadline", () => {
  it("a parse that would run forever is killed and refused within deadline + slack, and the pool keeps serving", async () => {
    const { err, ms } = await refusal(pool.inspect("video", new BufferRangeSource(clip, "spin")));
    expect(err.code).toBe("too-slow");
    expect(err.message).toBe(
      "this file takes too long to read — re-export it (the bot stops reading a file after 0.4 s of " +
        "work; a normal MP4 or image takes milliseconds)",
    );
    expect(ms).toBeGreaterThanOrEqual(DEADLINE_MS - 5);
    expect(ms).toBeLessThan(DEADLINE_MS + SLACK_MS);
    expect(killed).toEqual([{ label: "spin", reason: "deadline" }]);
    const facts = await pool.inspect("video", new BufferRangeSource(clip, "after"));
    expect(facts).toMatchObject({ kind: "video", width: 1280, height: 720, durationSec: 3 });
  });

  it("the deadline counts worker time only: waits for bytes do not use it up", async () => {
    expect(tail.length).toBeGreaterThan(HEAD_BYTES);
    // answers 500 ms each: the worker's wait for the moov alone is past the 0.4 s deadline, and almost no work
    const src = slow(new BufferRangeSource(tail, "slow link"), 500);
    const facts = await pool.inspect("video", src);
    expect(facts).toMatchObject({ kind: "video", width: 1280, height: 720, durationSec: 3 });
    // the head and the size read before the parse, and at least one read asked for by the worker
    expect(src.waits).toBeGreaterThanOrEqual(3);
    // and work after a read still counts
    const { err } = await refusal(pool.inspect("video", slow(new BufferRangeSource(clip, "read-then-spin"), 300)));
    expect(err.code).toBe("too-slow");
  });

  it("a file's head is read before it takes a thread: a slow link does not hold up the next file", async () => {
    // a live thread first (the test before had its thread killed; a new one takes a while to load)
    await pool.inspect("video", new BufferRangeSource(clip, "warm-up"));
    const slowHead = pool.inspect("video", slow(new BufferRangeSource(clip, "slow head"), 800));
    await new Promise((r) => setTimeout(r, 50));
    const started = performance.now();
    expect(await pool.inspect("video", new BufferRangeSource(clip, "fast"))).toMatchObject({ durationSec: 3 });
    expect(performance.now() - started).toBeLessThan(400);
    expect(await slowHead).toMatchObject({ durationSec: 3 });
  });

  it("no more than threads + queue files at once: the next one is refused as busy, nothing read", async () => {
    const running = pool.inspect("video", new BufferRangeSource(clip, "spin"));
    const queued = pool.inspect("video", new BufferRangeSource(clip, "spin"));
    const src = new BufferRangeSource(clip, "third");
    const { err, ms } = await refusal(pool.inspect("video", src));
    expect(err.code).toBe("busy");
    expect(ms).toBeLessThan(50);
    expect(src.requests).toBe(0);
    expect((await refusal(running)).err.code).toBe("too-slow");
    expect((await refusal(queued)).err.code).toBe("too-slow");
    expect(pool.inFlight).toBe(0);
  });

  it("a parse that needs more heap than its cap is killed and refused; the bot's thread is unharmed", async () => {
    const small = createInspectPool({ threads: 1, maxHeapMb: 32, workerUrl: MISBEHAVING });
    try {
      const { err } = await refusal(small.inspect("video", new BufferRangeSource(clip, "hog")));
      expect([err.code, err.message]).toEqual([
        "too-slow",
        "this file takes too much memory to read — re-export it (the bot gives a file 32 MB to be read " +
          "in; a normal MP4 or image needs a few)",
      ]);
      expect(await small.inspect("video", new BufferRangeSource(clip, "after"))).toMatchObject({
        kind: "video",
        durationSec: 3,
      });
    } finally {
      await small.close();
    }
  });

  it("the request's signal stops a parse and says why", async () => {
    const controller = new AbortController();
    const why = new MediaError("timeout", "reading your files took longer than 60 s");
    setTimeout(() => controller.abort(why), 100);
    const { err, ms } = await refusal(
      pool.inspect("video", new BufferRangeSource(clip, "spin"), { signal: controller.signal }),
    );
    expect(err).toBe(why);
    expect(ms).toBeLessThan(DEADLINE_MS);
  });
});

describe("inspect pool: a parser thread keeps nothing of the files it has parsed", () => {
  it("600 files later, the thread holds no more of their bytes than its young generation's garbage", async () => {
    // this thread's garbage is collected before each measure; the parser thread's is left to its own collections
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    const parser = createInspectPool({ threads: 1 });
    try {
      await parser.inspect("video", new BufferRangeSource(clip, "warm-up"));
      gc();
      const before = process.memoryUsage().arrayBuffers;
      const files = 600;
      for (let i = 0; i < files; i++) {
        const facts = await parser.inspect("video", new BufferRangeSource(clip, `file ${i}`));
        expect(facts.kind).toBe("video");
      }
      gc();
      // each file's head is moved to the thread, and counted here until the thread frees it: held, all of them
      // (22 MB; before the fix, until the thread's next old-generation collection); freed, those since the
      // thread's last young-generation collection (seen up to 3 MB, whatever the number of files)
      const heldMb = (process.memoryUsage().arrayBuffers - before) / 2 ** 20;
      const allMb = (files * clip.length) / 2 ** 20;
      expect(allMb).toBeGreaterThan(16);
      expect(heldMb).toBeLessThan(allMb / 4);
    } finally {
      await parser.close();
    }
  });
});
