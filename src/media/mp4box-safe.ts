/**
 * mp4box.js, restricted to the boxes the inspector reads and guarded against hostile counts.
 *
 * Fuzzing found that some mp4box parsers loop on a count from the file without consuming bytes: an `stsz` with a
 * constant sample size and a sample_count of 2^31 fills a JS array until V8 aborts the whole process (an
 * uncatchable "invalid size" fatal error), and `stsd`/`trun` counts spin for minutes. So while we parse:
 *  - only the boxes we need keep their parsers; every other box is read as opaque bytes (bounded by its size);
 *  - the count-driven parsers we keep (`stsd`, `trun`) first check their count against the bytes the box holds.
 * The registry is swapped only for the duration of one synchronous parse, so mp4box is unchanged for anyone else.
 */
import { BoxParser, ISOFile, Log, MP4BoxBuffer, MultiBufferStream } from "mp4box";

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

/** No real fragment has a run this long (60 fps for 4.6 hours); a bigger count is damage, not video. */
const MAX_SAMPLES_PER_RUN = 1_000_000;

export class HostileBoxError extends Error {}

interface StreamLike {
  getPosition(): number;
  seek(pos: number): void;
  readUint32(): number;
}
interface BoxLike {
  start: number;
  size: number;
}
type BoxClass = new (...args: never[]) => { parse(stream: unknown): void };

/** version+flags and the following uint32, without moving the stream. */
function peekHeader(stream: StreamLike): { flags: number; count: number; remaining: (box: BoxLike) => number } {
  const pos = stream.getPosition();
  const versionFlags = stream.readUint32();
  const count = stream.readUint32();
  stream.seek(pos);
  return { flags: versionFlags & 0xffffff, count, remaining: (box) => box.start + box.size - pos };
}

function hardened(registry: Record<string, BoxClass>): Record<string, BoxClass> {
  const out: Record<string, BoxClass> = {};
  for (const type of NEEDED) {
    const cls = registry[type];
    if (cls) out[type] = cls;
  }
  const stsd = registry.stsd;
  if (stsd) {
    out.stsd = class extends stsd {
      override parse(stream: StreamLike): void {
        const h = peekHeader(stream);
        // each sample entry is at least a box header
        if (h.count * 8 > h.remaining(this as unknown as BoxLike) - 8) throw new HostileBoxError("stsd entry count");
        super.parse(stream);
      }
    } as unknown as BoxClass;
  }
  const trun = registry.trun;
  if (trun) {
    out.trun = class extends trun {
      override parse(stream: StreamLike): void {
        const h = peekHeader(stream);
        let perSample = 0;
        for (const bit of [0x100, 0x200, 0x400, 0x800]) if (h.flags & bit) perSample += 4;
        const fixed = 8 + (h.flags & 0x1 ? 4 : 0) + (h.flags & 0x4 ? 4 : 0);
        const bounded = perSample > 0 ? h.count * perSample <= h.remaining(this as unknown as BoxLike) - fixed : true;
        if (!bounded || h.count > MAX_SAMPLES_PER_RUN) throw new HostileBoxError("trun sample count");
        super.parse(stream);
      }
    } as unknown as BoxClass;
  }
  return out;
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
 * Throws on damage (HostileBoxError or whatever mp4box throws); callers turn that into MediaError.
 */
export function parseBoxes(bytes: ArrayBuffer): ISOFile {
  silenceMp4box();
  const registry = BoxParser as unknown as { box: Record<string, BoxClass> };
  const full = registry.box;
  restricted ??= hardened(full);
  registry.box = restricted;
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
