/**
 * mp4box.js, restricted to the boxes the inspector reads and guarded against hostile counts.
 *
 * Fuzzing found that some mp4box parsers loop on a count from the file without consuming bytes: an `stsz` with a
 * constant sample size and a sample_count of 2^31 fills a JS array until V8 aborts the whole process (an
 * uncatchable "invalid size" fatal error), and `stsd`/`trun` counts spin for minutes. So while we parse:
 *  - only the boxes we need keep their parsers; every other box is read as opaque bytes (bounded by its size);
 *  - the count-driven parsers we keep (`stsd`, `stts`, `stco`, `co64`, `elst`, `trun`) first check their count
 *    against the bytes the box holds;
 *  - a `trun` with no per-sample fields holds any count in 4 bytes (and mp4box loops over it doing nothing): all
 *    runs of one parse share one sample budget, and such a run is read without the loop.
 *  - the boxes mp4box would make are counted first (a header walk): past INSPECT_LIMITS.maxBoxesPerFile the file is
 *    refused before mp4box allocates anything (4 MiB of 20-byte boxes was 80 MB of heap and half a second).
 * Whatever cost is left is bounded by the worker's deadline and heap cap (inspect-pool.ts).
 * The registry is swapped only for the duration of one synchronous parse, so mp4box is unchanged for anyone else.
 */
import { BoxParser, ISOFile, Log, MP4BoxBuffer, MultiBufferStream } from "mp4box";
import { INSPECT_LIMITS } from "./limits.js";
import { MediaError } from "./types.js";

const NEEDED = [
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
  "stco",
  "co64",
  "mvex",
  "mehd",
  "trex",
  "moof",
  "mfhd",
  "traf",
  "tfhd",
  "tfdt",
  "trun",
];

export class HostileBoxError extends Error {}

interface StreamLike {
  getPosition(): number;
  seek(pos: number): void;
  readUint32(): number;
  readInt32(): number;
}
interface BoxLike {
  start: number;
  size: number;
}
type BoxClass = new (...args: never[]) => { parse(stream: unknown): void };

/** version+flags and the following uint32 (an entry or sample count), without moving the stream. */
function peekHeader(
  stream: StreamLike,
  box: BoxLike,
): { version: number; flags: number; count: number; after: number } {
  const pos = stream.getPosition();
  const versionFlags = stream.readUint32();
  const count = stream.readUint32();
  stream.seek(pos);
  // bytes of the box left after version/flags and the count
  return { version: versionFlags >>> 24, flags: versionFlags & 0xffffff, count, after: box.start + box.size - pos - 8 };
}

/** Samples the fragment runs of the current parse have declared so far (parseBoxes is synchronous: one at a time). */
let samplesDeclared = 0;

function spendSamples(count: number): void {
  samplesDeclared += count;
  if (samplesDeclared > INSPECT_LIMITS.maxSamplesPerFile) {
    throw new MediaError(
      "corrupt",
      `the file's fragments declare more than ${INSPECT_LIMITS.maxSamplesPerFile.toLocaleString("en-US")} ` +
        `frames in all, far more than any clip Kling takes: it is damaged or oddly made; re-export it as a plain MP4`,
    );
  }
}

/** Count-driven tables: each entry is at least this many bytes, so a count the box cannot hold is damage. */
const ENTRY_BYTES: Record<string, (version: number) => number> = {
  stsd: () => 8, // each sample entry is at least a box header
  stts: () => 8,
  stco: () => 4,
  co64: () => 8,
  elst: (version) => (version === 1 ? 20 : 12),
};

function hardened(registry: Record<string, BoxClass>): Record<string, BoxClass> {
  const out: Record<string, BoxClass> = {};
  for (const type of NEEDED) {
    const cls = registry[type];
    if (cls) out[type] = cls;
  }
  for (const [type, entryBytes] of Object.entries(ENTRY_BYTES)) {
    const cls = registry[type];
    if (!cls) continue;
    out[type] = class extends cls {
      override parse(stream: StreamLike): void {
        const h = peekHeader(stream, this as unknown as BoxLike);
        if (h.count * entryBytes(h.version) > h.after) throw new HostileBoxError(`${type} entry count`);
        super.parse(stream);
      }
    } as unknown as BoxClass;
  }
  const trun = registry.trun;
  if (trun) {
    out.trun = class extends trun {
      override parse(stream: StreamLike): void {
        const self = this as unknown as BoxLike & TrunFields;
        const h = peekHeader(stream, self);
        let perSample = 0;
        for (const bit of [0x100, 0x200, 0x400, 0x800]) if (h.flags & bit) perSample += 4;
        const optional = (h.flags & 0x1 ? 4 : 0) + (h.flags & 0x4 ? 4 : 0);
        if (h.count * perSample > h.after - optional) throw new HostileBoxError("trun sample count");
        spendSamples(h.count);
        if (perSample > 0) return super.parse(stream);
        // no per-sample fields: mp4box would still loop sample_count times doing nothing
        (this as unknown as { parseFullHeader(s: StreamLike): void }).parseFullHeader(stream);
        self.sample_count = stream.readUint32();
        self.data_offset = h.flags & 0x1 ? stream.readInt32() : 0;
        self.first_sample_flags = h.flags & 0x4 ? stream.readUint32() : 0;
      }
    } as unknown as BoxClass;
  }
  return out;
}

interface TrunFields {
  sample_count: number;
  data_offset: number;
  first_sample_flags: number;
}

/** Boxes whose children mp4box parses (of the ones we keep); the children of any other box stay unread bytes. */
const CONTAINERS = new Set(["moov", "trak", "edts", "mdia", "minf", "stbl", "mvex", "moof", "traf"]);

/**
 * How many boxes mp4box would make of these bytes: a header walk that allocates nothing, so the object count
 * (mp4box's memory and time) is refused before it is spent. `stsd` entries count as boxes too.
 */
function countBoxes(view: DataView, start: number, end: number, limit: number, counted = 0): number {
  for (let pos = start; pos + 8 <= end;) {
    if (++counted > limit) return counted;
    let size = view.getUint32(pos);
    let header = 8;
    if (size === 1 && pos + 16 <= end) {
      size = view.getUint32(pos + 8) * 2 ** 32 + view.getUint32(pos + 12);
      header = 16;
    } else if (size === 0) {
      size = end - pos;
    }
    if (size < header || pos + size > end) return counted; // damage: mp4box stops here too
    const type = String.fromCharCode(
      view.getUint8(pos + 4),
      view.getUint8(pos + 5),
      view.getUint8(pos + 6),
      view.getUint8(pos + 7),
    );
    if (CONTAINERS.has(type)) counted = countBoxes(view, pos + header, pos + size, limit, counted);
    else if (type === "stsd" && pos + header + 8 <= end) counted += view.getUint32(pos + header + 4);
    pos += size;
  }
  return counted;
}

let restricted: Record<string, BoxClass> | undefined;
let silenced = false;

/** mp4box reports parser complaints (e.g. QuickTime udta terminators) with console.error: keep them out of our logs. */
function silenceMp4box(): void {
  if (silenced) return;
  silenced = true;
  const log = Log as unknown as Record<string, unknown>;
  log.debug = () => {};
  log.info = () => {};
  log.warn = () => {};
  log.error = (_module: string, _msg?: string, isofile?: { onError?: (m: string, msg?: string) => void }) => {
    isofile?.onError?.(_module, _msg);
  };
}

/**
 * Parses a buffer of whole top-level boxes (ftyp, moov, moofs) — boxes only: sample tables are not expanded.
 * Throws on damage (HostileBoxError or whatever mp4box throws; callers turn that into MediaError), and a MediaError
 * past INSPECT_LIMITS.maxBoxesPerFile boxes or when the fragment runs together declare more samples than
 * INSPECT_LIMITS.maxSamplesPerFile.
 */
export function parseBoxes(bytes: ArrayBuffer): ISOFile {
  const max = INSPECT_LIMITS.maxBoxesPerFile;
  if (countBoxes(new DataView(bytes), 0, bytes.byteLength, max) > max) {
    throw new MediaError(
      "corrupt",
      `the file's index is made of more than ${max.toLocaleString("en-US")} boxes (a normal clip has ` +
        `a few hundred): it is damaged or oddly made; re-export it as a plain MP4`,
    );
  }
  silenceMp4box();
  const registry = BoxParser as unknown as { box: Record<string, BoxClass> };
  const full = registry.box;
  restricted ??= hardened(full);
  registry.box = restricted;
  samplesDeclared = 0;
  try {
    const file = new ISOFile();
    file.onError = () => {};
    const stream = new MultiBufferStream(MP4BoxBuffer.fromArrayBuffer(bytes, 0));
    file.stream = stream;
    (stream as unknown as { isofile: ISOFile }).isofile = file;
    file.parse();
    return file;
  } finally {
    registry.box = full;
  }
}
