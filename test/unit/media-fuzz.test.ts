/**
 * Mutated MP4/MOV files must never crash the inspector (only MediaError), never hang, and never read past the
 * byte budget. FUZZ_RUNS scales the number of cases (default 20000 over all mutation kinds, a few seconds).
 */
import fc from "fast-check";
import { readFile } from "node:fs/promises";
import { beforeAll, describe, expect, it } from "vitest";
import { inspectMedia } from "../../src/media/inspect.js";
import { BufferRangeSource } from "../../src/media/range-source.js";
import { MediaError } from "../../src/media/types.js";
import { makeVideo } from "../media/corpus.js";

const TOTAL_RUNS = Number(process.env.FUZZ_RUNS ?? 20000);
const MAX_MS_PER_CASE = 2000;

interface Seed {
  name: string;
  bytes: Uint8Array;
  /** offsets of box headers found anywhere in the file (nested ones too) */
  boxOffsets: number[];
}

const KNOWN = ["ftyp", "moov", "mvhd", "trak", "tkhd", "edts", "elst", "mdia", "mdhd", "hdlr", "minf", "stbl", "stsd", "stts", "stss", "stsc", "stsz", "stco", "co64", "avc1", "hvc1", "avcC", "mvex", "mehd", "trex", "moof", "mfhd", "traf", "tfhd", "tfdt", "trun", "mdat", "udta"];

function boxOffsets(b: Uint8Array): number[] {
  const out: number[] = [];
  const text = Buffer.from(b.buffer, b.byteOffset, b.length).toString("latin1");
  for (const t of KNOWN) {
    for (let i = text.indexOf(t); i >= 4; i = text.indexOf(t, i + 1)) out.push(i - 4);
  }
  return out.sort((x, y) => x - y);
}

const seeds: Seed[] = [];

beforeAll(async () => {
  const recipes = [
    { width: 720, height: 720, durationSec: 3, pattern: "color" as const, faststart: true, audio: false, name: "fuzz-fast" },
    { width: 720, height: 720, durationSec: 3, pattern: "color" as const, name: "fuzz-end" },
    { width: 720, height: 720, durationSec: 3, pattern: "color" as const, fragmented: true, name: "fuzz-frag" },
    { width: 1280, height: 720, durationSec: 3, pattern: "color" as const, container: "mov" as const, rotate: 90 as const, name: "fuzz-mov" },
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
    flips: fc.array(fc.record({ at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }), nearBox: fc.boolean() }), { minLength: 1, maxLength: 24 }),
  }),
  fc.record({ kind: fc.constant("truncate" as const), fraction: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({ kind: fc.constant("box-size" as const), which: fc.nat(), value: u32 }),
  fc.record({ kind: fc.constant("field" as const), which: fc.nat(), offset: fc.integer({ min: 8, max: 40 }), value: u32 }),
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
          const src = new BufferRangeSource(mutate(seed, mutation), seed.name);
          const started = performance.now();
          try {
            const f = await inspectMedia(src, { byteBudget: budget });
            expect(f.kind).toMatch(/video|image/);
            facts++;
          } catch (err) {
            if (!(err instanceof MediaError)) throw err;
            expect(err.message.length).toBeGreaterThan(10);
            errors++;
          }
          expect(performance.now() - started).toBeLessThan(MAX_MS_PER_CASE);
          expect(src.bytesRead).toBeLessThanOrEqual(budget);
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
    const started = performance.now();
    try {
      await inspectMedia(new BufferRangeSource(bytes));
      return "facts";
    } catch (err) {
      if (!(err instanceof MediaError)) throw err;
      return err.code;
    } finally {
      expect(performance.now() - started).toBeLessThan(MAX_MS_PER_CASE);
    }
  }

  it("stsz with a constant size and 2^31 samples (used to abort V8 inside mp4box)", async () => {
    // size, type, version/flags, sample_size, sample_count
    expect(await outcome(patched("fuzz-fast", "stsz", [[12, 1], [16, 0x7fffffff]]))).toMatch(/facts|corrupt/);
  });

  it("stsd claiming 4 billion entries", async () => {
    expect(await outcome(patched("fuzz-end", "stsd", [[12, 0xffffffff]]))).toBe("corrupt");
  });

  it("trun with no per-sample fields and 4 billion samples", async () => {
    expect(await outcome(patched("fuzz-frag", "trun", [[8, 0x00000001], [12, 0xffffffff]]))).toBe("corrupt");
  });
});
