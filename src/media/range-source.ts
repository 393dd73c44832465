import { open, stat } from "node:fs/promises";
import { basename } from "node:path";
import type { RangeSource } from "./types.js";
import { MediaError } from "./types.js";
import { formatKibibytes } from "../text.js";

/** A local file read by byte range (the CLI, tests, and the bench use it). Opens the file per read: no handle to close. */
export class FileRangeSource implements RangeSource {
  readonly label: string;
  bytesRead = 0;
  requests = 0;
  #size: number | undefined;

  constructor(
    readonly path: string,
    label?: string,
  ) {
    this.label = label ?? basename(path);
  }

  async size(): Promise<number> {
    if (this.#size === undefined) {
      try {
        this.#size = (await stat(this.path)).size;
      } catch (err) {
        throw new MediaError(
          "fetch-failed",
          `couldn't open ${this.label}: ${(err as NodeJS.ErrnoException).code ?? "error"}`,
        );
      }
    }
    return this.#size;
  }

  async read(start: number, end: number): Promise<Uint8Array> {
    const size = await this.size();
    const from = Math.max(0, Math.min(start, size));
    const to = Math.max(from, Math.min(end, size));
    this.requests++;
    if (to === from) return new Uint8Array(0);
    const buf = Buffer.alloc(to - from);
    const fh = await open(this.path, "r");
    try {
      let done = 0;
      while (done < buf.length) {
        const { bytesRead } = await fh.read(buf, done, buf.length - done, from + done);
        if (bytesRead === 0) break;
        done += bytesRead;
      }
      this.bytesRead += done;
      return new Uint8Array(buf.buffer, buf.byteOffset, done);
    } finally {
      await fh.close();
    }
  }
}

/** An in-memory buffer as a RangeSource (downloaded files, tests). */
export class BufferRangeSource implements RangeSource {
  bytesRead = 0;
  requests = 0;
  constructor(
    readonly bytes: Uint8Array,
    readonly label = "file",
  ) {}
  async size(): Promise<number> {
    return this.bytes.length;
  }
  async read(start: number, end: number): Promise<Uint8Array> {
    this.requests++;
    // a copy: the inspect pool transfers what it is given to its worker, which would detach the whole buffer
    const out = Uint8Array.prototype.slice.call(
      this.bytes,
      Math.max(0, start),
      Math.max(0, Math.min(end, this.bytes.length)),
    );
    this.bytesRead += out.length;
    return out;
  }
}

/**
 * Caches what was read from a RangeSource and refuses to read past a byte budget, so a hostile or odd file
 * costs at most `budget` bytes. Reads are widened by `readahead` to save round trips.
 */
export class BudgetedReader {
  #chunks: { start: number; bytes: Uint8Array }[] = [];
  #spent = 0;

  constructor(
    readonly src: RangeSource,
    readonly budget: number,
    readonly fileSize: number,
    /** bytes the caller already read from `src` (they count against the budget) */
    initial?: { start: number; bytes: Uint8Array },
  ) {
    if (initial) {
      this.#chunks.push(initial);
      this.#spent = Math.max(initial.bytes.length, src.bytesRead);
    }
  }

  get spent(): number {
    return this.#spent;
  }

  /** Bytes [start, end) (clipped to the file), fetching at least `readahead` bytes when a fetch is needed. */
  async get(start: number, end: number, readahead = 0): Promise<Uint8Array> {
    end = Math.min(end, this.fileSize);
    if (end <= start) return new Uint8Array(0);
    const hit = this.#chunks.find((c) => c.start <= start && c.start + c.bytes.length >= end);
    if (hit) return hit.bytes.subarray(start - hit.start, end - hit.start);
    // extend a chunk that already covers the beginning instead of reading it again
    const partial = this.#chunks.find((c) => c.start <= start && c.start + c.bytes.length > start);
    const fetchFrom = partial ? partial.start + partial.bytes.length : start;
    const fetchTo = Math.min(this.fileSize, Math.max(end, start + readahead));
    const fresh = await this.#fetch(fetchFrom, fetchTo, end);
    if (partial) {
      const merged = new Uint8Array(partial.bytes.length + fresh.length);
      merged.set(partial.bytes, 0);
      merged.set(fresh, partial.bytes.length);
      partial.bytes = merged;
      return merged.subarray(start - partial.start, end - partial.start);
    }
    this.#chunks.push({ start: fetchFrom, bytes: fresh });
    return fresh.subarray(0, end - start);
  }

  async #fetch(from: number, to: number, mustReach: number): Promise<Uint8Array> {
    let want = to - from;
    const left = this.budget - this.#spent;
    if (mustReach - from > left) {
      throw new MediaError(
        "too-large",
        `reading this file's header needs more than ${formatKibibytes(this.budget)}: its index is ` +
          `unusually large (a very long or oddly made clip); trim it or re-export it as MP4`,
      );
    }
    want = Math.min(want, left);
    const before = this.src.bytesRead;
    const bytes = await this.src.read(from, from + want);
    this.#spent += Math.max(bytes.length, this.src.bytesRead - before);
    if (bytes.length < mustReach - from) {
      throw new MediaError("truncated", "the file ended earlier than its own size says: upload it again");
    }
    return bytes;
  }
}
