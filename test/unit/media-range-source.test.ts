import { describe, expect, it } from "vitest";
import { BudgetedReader, BufferRangeSource, FileRangeSource } from "../../src/media/range-source.js";
import { MediaError } from "../../src/media/types.js";
import { makeRandomBytes } from "../media/corpus.js";

const bytes = Uint8Array.from({ length: 10_000 }, (_, i) => i % 251);

describe("BudgetedReader", () => {
  it("serves cached bytes, extends a partial chunk instead of re-reading it, and counts what it fetched", async () => {
    const src = new BufferRangeSource(bytes);
    const r = new BudgetedReader(src, 5000, bytes.length);
    expect(Array.from(await r.get(0, 4, 1000))).toEqual([0, 1, 2, 3]);
    expect(src.requests).toBe(1);
    expect(Array.from(await r.get(500, 503))).toEqual([500 % 251, 501 % 251, 502 % 251]);
    expect(src.requests).toBe(1);
    const span = await r.get(900, 1200);
    expect(span[0]).toBe(900 % 251);
    expect(span[299]).toBe(1199 % 251);
    expect(src.requests).toBe(2);
    expect(src.bytesRead).toBe(1200);
    expect(r.spent).toBe(1200);
  });

  it("refuses to read past its budget", async () => {
    const src = new BufferRangeSource(bytes);
    const r = new BudgetedReader(src, 2000, bytes.length);
    await r.get(0, 1500);
    const err = await r.get(1500, 2600).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MediaError);
    expect((err as MediaError).code).toBe("too-large");
    expect(src.bytesRead).toBe(1500); // the refused read read nothing
  });

  it("clips readahead to the budget and the file", async () => {
    const src = new BufferRangeSource(bytes);
    const r = new BudgetedReader(src, 3000, bytes.length);
    await r.get(9990, 9995, 4096);
    expect(src.bytesRead).toBe(10);
    await r.get(0, 10, 100_000);
    expect(src.bytesRead).toBe(3000); // the readahead stopped at the budget
  });
});

describe("FileRangeSource", () => {
  it("reads ranges of a local file and clips at its end", async () => {
    const p = await makeRandomBytes(1000, 3, "range.bin");
    const src = new FileRangeSource(p);
    expect(await src.size()).toBe(1000);
    expect((await src.read(990, 2000)).length).toBe(10);
    expect((await src.read(2000, 3000)).length).toBe(0);
    expect(src.bytesRead).toBe(10);
    expect(src.label).toBe("random-1000-3-range.bin");
  });

  it("reports a missing file as a MediaError", async () => {
    const err = await new FileRangeSource("/nonexistent/clip.mp4").size().catch((e: unknown) => e);
    expect((err as MediaError).code).toBe("fetch-failed");
  });
});
