/**
 * Mutated MP4/MOV files and cost bombs must never crash the inspector (only MediaError), never run into its
 * deadline, and never read past the byte budget. Every file goes through the bot's own path — bytes served from
 * this thread, parsed in the inspect pool's worker under its deadline — and the time is measured around that call,
 * so a parse that ran away would be killed and this bound would fire (the test's own thread is never blocked).
 * FUZZ_RUNS scales the number of cases (default 20000 over all mutation kinds, about 15 s).
 */
import fc from "fast-check";
import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createInspectPool, type InspectPool } from "../../src/media/inspect-pool.js";
import { INSPECT_LIMITS } from "../../src/media/limits.js";
import { BufferRangeSource } from "../../src/media/range-source.js";
import { MediaError, type MediaFacts } from "../../src/media/types.js";
import { bombBoxes, bombTail, COST_BOMBS, makeBomb, type BombRecipe } from "../media/bombs.js";
import { makeVideo } from "../media/corpus.js";

const TOTAL_RUNS = Number(process.env.FUZZ_RUNS ?? 20000);
/** the production deadline, plus the time to notice it, terminate the worker and answer on a loaded machine */
const MAX_MS_PER_FILE = INSPECT_LIMITS.parseDeadlineMs + 1000;

let pool: InspectPool;

interface Timed {
  facts?: MediaFacts;
  err?: MediaError;
  ms: number;
  bytesRead: number;
}

/** One file through the pool, timed around the call. A parse killed at its deadline is a failure here. */
async function inspectTimed(bytes: Uint8Array, budget?: number): Promise<Timed> {
  const src = new BufferRangeSource(bytes, "fuzz");
  const started = performance.now();
  let out: Omit<Timed, "ms" | "bytesRead">;
  try {
    out = { facts: await pool.inspect("media", src, budget === undefined ? {} : { byteBudget: budget }) };
  } catch (err) {
    if (!(err instanceof MediaError)) throw err;
    out = { err };
  }
  const ms = performance.now() - started;
  expect(out.err?.code, out.err?.message).not.toBe("too-slow");
  expect(ms).toBeLessThan(MAX_MS_PER_FILE);
  return { ...out, ms, bytesRead: src.bytesRead };
}

interface Seed {
  name: string;
  bytes: Uint8Array;
  /** offsets of box headers found anywhere in the file (nested ones too) */
  boxOffsets: number[];
}

const KNOWN = [
  "ftyp",
  "moov",
  "mvhd",
  "trak",
  "tkhd",
  "edts",
  "elst",
  "mdia",
  "mdhd",
  "hdlr",
  "minf",
  "stbl",
  "stsd",
  "stts",
  "stss",
  "stsc",
  "stsz",
  "stco",
  "co64",
  "avc1",
  "hvc1",
  "avcC",
  "mvex",
  "mehd",
  "trex",
  "moof",
  "mfhd",
  "traf",
  "tfhd",
  "tfdt",
  "trun",
  "mdat",
  "udta",
];

function boxOffsets(b: Uint8Array): number[] {
  const out: number[] = [];
  const text = Buffer.from(b.buffer, b.byteOffset, b.length).toString("latin1");
  for (const t of KNOWN) {
    for (let i = text.indexOf(t); i >= 4; i = text.indexOf(t, i + 1)) out.push(i - 4);
  }
  return out.sort((x, y) => x - y);
}

const seeds: Seed[] = [];

afterAll(() => pool?.close());

beforeAll(async () => {
  pool = createInspectPool();
  const recipes = [
    {
      width: 720,
      height: 720,
      durationSec: 3,
      pattern: "color" as const,
      faststart: true,
      audio: false,
      name: "fuzz-fast",
    },
    { width: 720, height: 720, durationSec: 3, pattern: "color" as const, name: "fuzz-end" },
    { width: 720, height: 720, durationSec: 3, pattern: "color" as const, fragmented: true, name: "fuzz-frag" },
    {
      width: 1280,
      height: 720,
      durationSec: 3,
      pattern: "color" as const,
      container: "mov" as const,
      rotate: 90 as const,
      name: "fuzz-mov",
    },
  ];
  for (const r of recipes) {
    const bytes = new Uint8Array(await readFile(await makeVideo(r)));
    seeds.push({ name: r.name, bytes, boxOffsets: boxOffsets(bytes) });
  }
});

type Mutation =
  | { kind: "flip"; flips: { at: number; bit: number; nearBox: boolean }[] }
  | { kind: "truncate"; fraction: number }
  | { kind: "box-size"; which: number; value: number }
  | { kind: "field"; which: number; offset: number; value: number };

const u32 = fc.oneof(
  fc.constantFrom(0, 1, 7, 8, 9, 0x7fffffff, 0xffffffff, 0x10000),
  fc.integer({ min: 0, max: 0xffffffff }),
  fc.integer({ min: 0, max: 4096 }),
);

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    kind: fc.constant("flip" as const),
    flips: fc.array(fc.record({ at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }), nearBox: fc.boolean() }), {
      minLength: 1,
      maxLength: 24,
    }),
  }),
  fc.record({ kind: fc.constant("truncate" as const), fraction: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({ kind: fc.constant("box-size" as const), which: fc.nat(), value: u32 }),
  fc.record({
    kind: fc.constant("field" as const),
    which: fc.nat(),
    offset: fc.integer({ min: 8, max: 40 }),
    value: u32,
  }),
);

function mutate(seed: Seed, m: Mutation): Uint8Array {
  const b = seed.bytes.slice();
  const box = (which: number) => seed.boxOffsets[which % seed.boxOffsets.length] ?? 0;
  const put32 = (at: number, v: number) => {
    if (at + 4 <= b.length) new DataView(b.buffer, b.byteOffset).setUint32(at, v >>> 0);
  };
  switch (m.kind) {
    case "flip":
      for (const f of m.flips) {
        // half the flips land in box headers and tables, where they matter
        const at = f.nearBox ? box(f.at) + (f.at % 48) : f.at % b.length;
        if (at < b.length) b[at] = (b[at] ?? 0) ^ (1 << f.bit);
      }
      return b;
    case "truncate":
      return b.subarray(0, Math.floor(b.length * m.fraction));
    case "box-size":
      put32(box(m.which), m.value);
      return b;
    case "field":
      put32(box(m.which) + m.offset, m.value);
      return b;
  }
}

describe("fuzz: mutated MP4s", () => {
  it(`never crash, hang or overspend (${TOTAL_RUNS} cases)`, async () => {
    let facts = 0;
    let errors = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.nat(),
        mutationArb,
        fc.constantFrom(16 * 1024, 64 * 1024, 1024 * 1024),
        async (seedIndex, mutation, budget) => {
          const seed = seeds[seedIndex % seeds.length] as Seed;
          const r = await inspectTimed(mutate(seed, mutation), budget);
          if (r.facts) {
            expect(r.facts.kind).toMatch(/video|image/);
            facts++;
          } else {
            expect(r.err!.message.length).toBeGreaterThan(10);
            errors++;
          }
          expect(r.bytesRead).toBeLessThanOrEqual(budget);
        },
      ),
      { numRuns: TOTAL_RUNS },
    );
    // both outcomes must occur, or the mutations are not doing their job
    expect(facts).toBeGreaterThan(0);
    expect(errors).toBeGreaterThan(0);
  }, 120_000);
});

describe("hostile counts found by fuzzing", () => {
  /** Writes `values` as uint32s at `offsets` after the first `type` box header in the seed. */
  function patched(seedName: string, type: string, writes: [offset: number, value: number][]): Uint8Array {
    const seed = seeds.find((s) => s.name === seedName) as Seed;
    const b = seed.bytes.slice();
    const at = Buffer.from(b.buffer, b.byteOffset, b.length).indexOf(type) - 4;
    expect(at).toBeGreaterThan(0);
    const view = new DataView(b.buffer, b.byteOffset);
    for (const [offset, value] of writes) view.setUint32(at + offset, value);
    return b;
  }

  async function outcome(bytes: Uint8Array): Promise<string> {
    const r = await inspectTimed(bytes);
    return r.facts ? "facts" : r.err!.code;
  }

  it("stsz with a constant size and 2^31 samples (used to abort V8 inside mp4box)", async () => {
    // size, type, version/flags, sample_size, sample_count
    expect(
      await outcome(
        patched("fuzz-fast", "stsz", [
          [12, 1],
          [16, 0x7fffffff],
        ]),
      ),
    ).toMatch(/facts|corrupt/);
  });

  it("stsd claiming 4 billion entries", async () => {
    expect(await outcome(patched("fuzz-end", "stsd", [[12, 0xffffffff]]))).toBe("corrupt");
  });

  it("trun with no per-sample fields and 4 billion samples", async () => {
    expect(
      await outcome(
        patched("fuzz-frag", "trun", [
          [8, 0x00000001],
          [12, 0xffffffff],
        ]),
      ),
    ).toBe("corrupt");
  });
});

describe("hostile counts in tiny boxes", () => {
  // each table's count sits right after version/flags (offset 12): two more entries than the box holds would make
  // mp4box read the next box's bytes as table entries
  it.each([
    ["stts", "fuzz-fast"],
    ["stco", "fuzz-fast"],
    ["elst", "fuzz-end"],
  ])("%s declaring more entries than its bytes hold is damage", async (type, seedName) => {
    const seed = seeds.find((s) => s.name === seedName) as Seed;
    const b = seed.bytes.slice();
    const at = Buffer.from(b.buffer, b.byteOffset, b.length).indexOf(type) - 4;
    expect(at).toBeGreaterThan(0);
    const view = new DataView(b.buffer, b.byteOffset);
    view.setUint32(at + 12, view.getUint32(at + 12) + 2);
    expect((await inspectTimed(b)).err?.code).toBe("corrupt");
  });
});

const BUDGET_MESSAGE =
  "the file's fragments declare more than 1,000,000 frames in all, far more than any clip Kling takes: " +
  "it is damaged or oddly made; re-export it as a plain MP4";
const BOXES_MESSAGE =
  "the file's index is made of more than 50,000 boxes (a normal clip has a few hundred): it is damaged " +
  "or oddly made; re-export it as a plain MP4";
const CORRUPT_MESSAGE = "the file is damaged (its MP4 structure is broken): export or download it again";

describe("cost bombs: a valid 5 s clip followed by fragments that are cheap to send", () => {
  const expected: Record<keyof typeof COST_BOMBS, Partial<Timed>> = {
    "many runs, huge counts": { err: new MediaError("corrupt", BUDGET_MESSAGE) },
    "many fragments": { err: new MediaError("corrupt", BOXES_MESSAGE) },
    "many trafs": { err: new MediaError("corrupt", BOXES_MESSAGE) },
    "tiny runs, 4 MiB of them": { err: new MediaError("corrupt", BOXES_MESSAGE) },
    // the most the parser may be made to build: a (absurd but real) 35-minute clip, read within the deadline
    "tiny runs, just under the box limit": {
      facts: {
        kind: "video",
        container: "mp4",
        durationSec: 2084.167,
        width: 1280,
        height: 720,
        fps: 24,
        videoCodec: "avc1",
        hasAudio: true,
        bytes: 1_058_125,
      },
    },
  };
  it.each(Object.entries(COST_BOMBS))("%s", async (name, recipe) => {
    const r = await inspectTimed(await makeBomb(recipe));
    const want = expected[name]!;
    if (want.facts) expect(r.facts).toEqual(want.facts);
    else expect([r.err?.code, r.err?.message]).toEqual([want.err!.code, want.err!.message]);
  });

  it("random bombs (fragments × trafs × runs × samples, with and without per-sample fields) end as computed", async () => {
    const base = await makeBomb({ fragments: 0, runsPerTraf: 0, samplesPerRun: 0 });
    const recipe: fc.Arbitrary<BombRecipe> = fc
      .record({
        fragments: fc.integer({ min: 1, max: 2000 }),
        trafsPerFragment: fc.integer({ min: 1, max: 40 }),
        runsPerTraf: fc.integer({ min: 1, max: 4000 }),
        samplesPerRun: fc.oneof(fc.constantFrom(0, 1, 1000, 1_000_000, 1_000_001, 0xffffffff), fc.nat()),
        runFlags: fc.constantFrom(0, 0x1, 0x100, 0x300, 0xf01),
      })
      // stay inside the default 4 MiB read budget (each run is 20 bytes): the cost, not the size, is under test
      .filter((r) => r.fragments * r.trafsPerFragment * (r.runsPerTraf * 20 + 28) + r.fragments * 24 < 3_500_000)
      // and clear of the box limit by more than the clip's own boxes, so the expected outcome is certain
      .filter((r) => Math.abs(bombBoxes(r) - INSPECT_LIMITS.maxBoxesPerFile) > 200);
    const outcomes = new Set<string>();
    await fc.assert(
      fc.asyncProperty(recipe, async (r) => {
        const tail = bombTail(r);
        const bytes = new Uint8Array(base.length + tail.length);
        bytes.set(base);
        bytes.set(tail, base.length);
        const got = await inspectTimed(bytes);
        const perSample = 4 * [0x100, 0x200, 0x400, 0x800].filter((bit) => r.runFlags! & bit).length;
        const spare = 4 - (r.runFlags! & 0x1 ? 4 : 0);
        const total = r.fragments * r.trafsPerFragment! * r.runsPerTraf * r.samplesPerRun;
        const want =
          bombBoxes(r) > INSPECT_LIMITS.maxBoxesPerFile
            ? BOXES_MESSAGE
            : r.samplesPerRun * perSample > spare
              ? CORRUPT_MESSAGE
              : total > INSPECT_LIMITS.maxSamplesPerFile
                ? BUDGET_MESSAGE
                : "facts";
        outcomes.add(want);
        expect(got.facts ? "facts" : got.err?.message).toBe(want);
      }),
      { numRuns: 60 },
    );
    // every kind of outcome occurred, or the generator is not doing its job
    expect(outcomes.size).toBe(4);
  }, 120_000);
});
