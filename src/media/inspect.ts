/**
 * Reads a video's or an image's real facts through a RangeSource, touching only a few KB of the file.
 *
 * Videos: a top-level box walk (our own, headers only) finds `ftyp`/`moov`/`moof` wherever they are and proves
 * the file is whole (the last box must end exactly at the file size); the boxes themselves are parsed by mp4box.js.
 * Images: the dimensions sit in the first bytes (PNG IHDR, WebP VP8/VP8L/VP8X) or in a JPEG SOF segment.
 */
import { DEFAULT_IMAGE_BYTE_BUDGET, DEFAULT_VIDEO_BYTE_BUDGET, headBytes } from "./limits.js";
import type { ImageFormat, VideoContainer } from "./limits.js";
import { parseBoxes } from "./mp4box-safe.js";
import { BudgetedReader } from "./range-source.js";
import type { Sniffed } from "./sniff.js";
import { sniff, unsupportedMessage } from "./sniff.js";
import type { ImageFacts, MediaFacts, RangeSource, VideoFacts } from "./types.js";
import { MediaError } from "./types.js";
import { formatMegabytes } from "../text.js";

/** Later reads at a box header: enough for a moof or the moov of a short clip at the end of the file. */
export const BOX_READAHEAD_BYTES = 16 * 1024;
/** A file with more top-level boxes than this is not a phone clip. */
export const MAX_TOP_LEVEL_BOXES = 20_000;

export interface InspectOptions {
  byteBudget?: number;
}

// ---------------------------------------------------------------------------------------------------------

async function openReader(
  src: RangeSource,
  budget: number,
): Promise<{ reader: BudgetedReader; head: Uint8Array; size: number }> {
  const head = await src.read(0, headBytes(budget));
  const size = await src.size();
  const reader = new BudgetedReader(src, budget, size, { start: 0, bytes: head });
  return { reader, head, size };
}

/** Sniffs the file and returns its facts, whichever kind it is. */
export async function inspectMedia(src: RangeSource, opts: InspectOptions = {}): Promise<MediaFacts> {
  const { reader, head, size } = await openReader(src, opts.byteBudget ?? DEFAULT_VIDEO_BYTE_BUDGET);
  const sniffed = sniff(head);
  if (sniffed.kind === "video") return videoFacts(reader, size, sniffed);
  if (sniffed.kind === "image") return imageFacts(reader, head, size, sniffed.format);
  throw unsupported(sniffed, "media");
}

export async function inspectVideo(src: RangeSource, opts: InspectOptions = {}): Promise<VideoFacts> {
  const { reader, head, size } = await openReader(src, opts.byteBudget ?? DEFAULT_VIDEO_BYTE_BUDGET);
  const sniffed = sniff(head);
  if (sniffed.kind !== "video") throw unsupported(sniffed, "video");
  return videoFacts(reader, size, sniffed);
}

export async function inspectImage(src: RangeSource, opts: InspectOptions = {}): Promise<ImageFacts> {
  const { reader, head, size } = await openReader(src, opts.byteBudget ?? DEFAULT_IMAGE_BYTE_BUDGET);
  const sniffed = sniff(head);
  if (sniffed.kind !== "image") throw unsupported(sniffed, "image");
  return imageFacts(reader, head, size, sniffed.format);
}

function unsupported(s: Sniffed, expected: "video" | "image" | "media"): MediaError {
  if (s.kind === "unsupported" && s.category === "empty")
    return new MediaError("empty", unsupportedMessage(s, expected));
  return new MediaError("unsupported-format", unsupportedMessage(s, expected));
}

// ---- video ----------------------------------------------------------------------------------------------

interface TopBox {
  type: string;
  start: number;
  size: number;
  /** whole box, for the types mp4box must parse */
  bytes?: Uint8Array;
}

/** Top-level boxes mp4box needs to see; everything else (mdat, free, wide, ...) is skipped by its header. */
const PARSED_TYPES = new Set(["ftyp", "moov", "moof"]);

const CORRUPT = "the file is damaged (its MP4 structure is broken): export or download it again";
const truncatedMessage = (expected: number, actual: number) =>
  `the file is cut short: its own structure says at least ${formatMegabytes(expected)}, but only ` +
  `${formatMegabytes(actual)} arrived — the upload or download was interrupted; upload it again`;

const u32 = (b: Uint8Array, at: number): number =>
  (((b[at] ?? 0) << 24) | ((b[at + 1] ?? 0) << 16) | ((b[at + 2] ?? 0) << 8) | (b[at + 3] ?? 0)) >>> 0;

async function walkTopLevel(reader: BudgetedReader, size: number): Promise<TopBox[]> {
  const boxes: TopBox[] = [];
  let pos = 0;
  while (pos < size) {
    if (boxes.length >= MAX_TOP_LEVEL_BOXES) throw new MediaError("corrupt", CORRUPT);
    if (size - pos < 8) throw new MediaError("truncated", truncatedMessage(pos + 8, size));
    const header = await reader.get(pos, Math.min(size, pos + 16), BOX_READAHEAD_BYTES);
    const size32 = u32(header, 0);
    const type = String.fromCharCode(...header.subarray(4, 8));
    if (!/^[\x20-\x7e]{4}$/.test(type)) throw new MediaError("corrupt", CORRUPT);
    let boxSize: number;
    let headerSize = 8;
    if (size32 === 1) {
      if (header.length < 16) throw new MediaError("truncated", truncatedMessage(pos + 16, size));
      boxSize = u32(header, 8) * 2 ** 32 + u32(header, 12);
      headerSize = 16;
    } else if (size32 === 0) {
      boxSize = size - pos; // "to the end of the file": only legal for the last box
    } else {
      boxSize = size32;
    }
    if (boxSize < headerSize) throw new MediaError("corrupt", CORRUPT);
    if (pos + boxSize > size) throw new MediaError("truncated", truncatedMessage(pos + boxSize, size));
    const box: TopBox = { type, start: pos, size: boxSize };
    if (PARSED_TYPES.has(type)) box.bytes = await reader.get(pos, pos + boxSize);
    boxes.push(box);
    pos += boxSize;
  }
  return boxes;
}

function concat(parts: Uint8Array[]): ArrayBuffer {
  const total = parts.reduce((n, p) => n + p.length, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out.buffer;
}

// Loose views of the mp4box box objects we read: fields may be missing in damaged files.
interface TrakView {
  tkhd?: { track_id?: number; width?: number; height?: number; matrix?: ArrayLike<number>; duration?: number };
  edts?: { elst?: { entries?: { segment_duration: number; media_time: number }[] } };
  mdia?: {
    mdhd?: { timescale?: number; duration?: number };
    hdlr?: { handler?: string };
    minf?: {
      stbl?: {
        stsd?: { entries?: { type?: string; width?: number; height?: number }[] };
        stts?: { sample_counts?: ArrayLike<number>; sample_deltas?: ArrayLike<number> };
        stco?: { chunk_offsets?: ArrayLike<number> };
        co64?: { chunk_offsets?: ArrayLike<number> };
      };
    };
  };
}
interface MoofView {
  trafs?: {
    tfhd?: { track_id?: number; flags?: number; default_sample_duration?: number };
    truns?: { flags?: number; sample_count?: number; sample_duration?: ArrayLike<number> }[];
  }[];
}
interface MoovView {
  mvhd?: { timescale?: number; duration?: number };
  traks?: TrakView[];
  mvex?: { mehd?: { fragment_duration?: number }; trexs?: { track_id?: number; default_sample_duration?: number }[] };
}

const finite = (n: unknown): number => (typeof n === "number" && Number.isFinite(n) ? n : 0);

type TrafView = NonNullable<MoofView["trafs"]>[number];

/**
 * Samples and media-time ticks per track id: the moov's stts plus every fragment's runs. One pass over each
 * table, so the cost is the number of boxes, never tracks × fragments.
 */
function timingByTrack(moov: MoovView, moofs: MoofView[]): Map<number | undefined, { frames: number; ticks: number }> {
  const out = new Map<number | undefined, { frames: number; ticks: number }>();
  const of = (id: number | undefined) => {
    let t = out.get(id);
    if (!t) out.set(id, (t = { frames: 0, ticks: 0 }));
    return t;
  };
  for (const trak of moov.traks ?? []) {
    const t = of(trak.tkhd?.track_id);
    const stts = trak.mdia?.minf?.stbl?.stts;
    const counts = stts?.sample_counts ?? [];
    const deltas = stts?.sample_deltas ?? [];
    for (let i = 0; i < counts.length; i++) {
      t.frames += finite(counts[i]);
      t.ticks += finite(counts[i]) * finite(deltas[i]);
    }
  }
  const trexDefaults = new Map<number | undefined, number>();
  for (const trex of moov.mvex?.trexs ?? []) {
    if (!trexDefaults.has(trex.track_id)) trexDefaults.set(trex.track_id, finite(trex.default_sample_duration));
  }
  for (const moof of moofs) {
    for (const traf of moof.trafs ?? [])
      addRuns(of(traf.tfhd?.track_id), traf, trexDefaults.get(traf.tfhd?.track_id) ?? 0);
  }
  return out;
}

function addRuns(t: { frames: number; ticks: number }, traf: TrafView, trexDefault: number): void {
  const tfhdFlags = finite(traf.tfhd?.flags);
  const defaultDuration = tfhdFlags & 0x08 ? finite(traf.tfhd?.default_sample_duration) : trexDefault;
  for (const trun of traf.truns ?? []) {
    const n = finite(trun.sample_count);
    t.frames += n;
    if (finite(trun.flags) & 0x100 && trun.sample_duration) {
      for (let i = 0; i < trun.sample_duration.length; i++) t.ticks += finite(trun.sample_duration[i]);
    } else {
      t.ticks += n * defaultDuration;
    }
  }
}

function videoFacts(
  reader: BudgetedReader,
  size: number,
  sniffed: Extract<Sniffed, { kind: "video" }>,
): Promise<VideoFacts> {
  return videoFactsInner(reader, size, sniffed).catch((err: unknown) => {
    if (err instanceof MediaError) throw err;
    // mp4box throws plain errors (RangeError, TypeError) on damaged boxes
    throw new MediaError("corrupt", CORRUPT);
  });
}

async function videoFactsInner(
  reader: BudgetedReader,
  size: number,
  sniffed: Extract<Sniffed, { kind: "video" }>,
): Promise<VideoFacts> {
  const boxes = await walkTopLevel(reader, size);
  const moovBox = boxes.find((b) => b.type === "moov");
  if (!moovBox) {
    throw boxes.some((b) => b.type === "mdat")
      ? new MediaError(
          "truncated",
          "the video's index (the moov box) is missing: the upload or export did not finish; export it again",
        )
      : new MediaError("corrupt", CORRUPT);
  }
  const file = parseBoxes(concat(boxes.flatMap((b) => (b.bytes ? [b.bytes] : []))));
  const moov = (file as unknown as { moov?: MoovView }).moov;
  const moofs = ((file as unknown as { moofs?: MoofView[] }).moofs ?? []) as MoofView[];
  const mvhd = moov?.mvhd;
  if (!moov || !mvhd) throw new MediaError("corrupt", CORRUPT);
  const traks = moov.traks ?? [];
  const handler = (t: TrakView) => t.mdia?.hdlr?.handler;
  const video = traks.find((t) => handler(t) === "vide");
  if (!video) throw new MediaError("unsupported-format", "this file has no video track (audio only?): send a video");

  const timescale = finite(video.mdia?.mdhd?.timescale);
  const entry = video.mdia?.minf?.stbl?.stsd?.entries?.[0];
  if (!timescale || !entry?.type) throw new MediaError("corrupt", CORRUPT);

  // sample data must lie inside the file (a cut right after a leading moov leaves no mdat at all)
  for (const t of traks) {
    const offsets = t.mdia?.minf?.stbl?.stco?.chunk_offsets ?? t.mdia?.minf?.stbl?.co64?.chunk_offsets ?? [];
    let max = 0;
    for (let i = 0; i < offsets.length; i++) max = Math.max(max, finite(offsets[i]));
    if (max >= size) throw new MediaError("truncated", truncatedMessage(max + 1, size));
  }

  const fragmented = moov.mvex !== undefined || moofs.length > 0;
  const movieTimescale = finite(mvhd.timescale);
  const movieDuration = movieTimescale ? finite(mvhd.duration) / movieTimescale : 0;
  const timings = timingByTrack(moov, moofs);
  const timingOf = (t: TrakView) => timings.get(t.tkhd?.track_id) ?? { frames: 0, ticks: 0 };
  const timing = timingOf(video);
  let durationSec: number;
  if (fragmented) {
    // mvhd of an empty-moov file says 0 and mehd may be stale: the fragments themselves are the truth
    let longest = 0;
    for (const t of traks) {
      const ts = finite(t.mdia?.mdhd?.timescale);
      if (ts) longest = Math.max(longest, timingOf(t).ticks / ts);
    }
    const mehd = movieTimescale ? finite(moov.mvex?.mehd?.fragment_duration) / movieTimescale : 0;
    durationSec = longest || mehd || movieDuration;
  } else {
    durationSec = movieDuration || timing.ticks / timescale;
  }

  const mediaSec = timing.ticks / timescale;
  const fps = mediaSec > 0 ? timing.frames / mediaSec : 0;

  let width = Math.round(finite(video.tkhd?.width) / 65536);
  let height = Math.round(finite(video.tkhd?.height) / 65536);
  if (!width || !height) {
    width = finite(entry.width);
    height = finite(entry.height);
  }
  const m = video.tkhd?.matrix;
  // a = d = 0: a quarter turn (90° or 270°), so the displayed picture is the stored one on its side
  if (m && m[0] === 0 && m[4] === 0 && m[1] !== 0 && m[3] !== 0) [width, height] = [height, width];

  const hasAudio = traks.some((t) => handler(t) === "soun");
  const container: VideoContainer = sniffed.majorBrand === undefined || sniffed.majorBrand === "qt  " ? "mov" : "mp4";

  return {
    kind: "video",
    container,
    durationSec: round(durationSec, 3),
    width,
    height,
    fps: round(fps, 3),
    videoCodec: entry.type,
    hasAudio,
    bytes: size,
  };
}

const round = (n: number, digits: number): number => Math.round(n * 10 ** digits) / 10 ** digits;

// ---- images ---------------------------------------------------------------------------------------------

const IMAGE_CORRUPT = (f: string) => `the ${f} image is damaged (its header is unreadable): save or export it again`;
const u16be = (b: Uint8Array, at: number) => ((b[at] ?? 0) << 8) | (b[at + 1] ?? 0);
const u16le = (b: Uint8Array, at: number) => (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8);
const u24le = (b: Uint8Array, at: number) => (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8) | ((b[at + 2] ?? 0) << 16);
const u32le = (b: Uint8Array, at: number) => (u24le(b, at) + (b[at + 3] ?? 0) * 2 ** 24) >>> 0;

async function imageFacts(
  reader: BudgetedReader,
  head: Uint8Array,
  size: number,
  format: ImageFormat,
): Promise<ImageFacts> {
  const dims =
    format === "png"
      ? await pngSize(reader, head, size)
      : format === "webp"
        ? webpSize(head, size)
        : await jpegSize(reader, size);
  if (!dims.width || !dims.height) throw new MediaError("corrupt", IMAGE_CORRUPT(format.toUpperCase()));
  return { kind: "image", format, width: dims.width, height: dims.height, bytes: size };
}

async function pngSize(
  reader: BudgetedReader,
  head: Uint8Array,
  size: number,
): Promise<{ width: number; height: number }> {
  if (head.length < 33 || String.fromCharCode(...head.subarray(12, 16)) !== "IHDR")
    throw new MediaError("corrupt", IMAGE_CORRUPT("PNG"));
  const tail = await reader.get(size - 12, size);
  if (String.fromCharCode(...tail.subarray(4, 8)) !== "IEND") {
    throw new MediaError(
      "truncated",
      "the PNG image is cut short (no end marker): the upload was interrupted; upload it again",
    );
  }
  return { width: u32(head, 16), height: u32(head, 20) };
}

function webpSize(head: Uint8Array, size: number): { width: number; height: number } {
  if (head.length < 30) throw new MediaError("corrupt", IMAGE_CORRUPT("WebP"));
  if (u32le(head, 4) + 8 > size) {
    throw new MediaError("truncated", "the WebP image is cut short: the upload was interrupted; upload it again");
  }
  const chunk = String.fromCharCode(...head.subarray(12, 16));
  if (chunk === "VP8X") {
    if ((head[20] ?? 0) & 0x02) {
      throw new MediaError(
        "unsupported-format",
        "this is an animated WebP; Kling takes still images: send a JPG or PNG (or a still WebP)",
      );
    }
    return { width: u24le(head, 24) + 1, height: u24le(head, 27) + 1 };
  }
  if (chunk === "VP8L") {
    if (head[20] !== 0x2f) throw new MediaError("corrupt", IMAGE_CORRUPT("WebP"));
    const bits = u32le(head, 21);
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (chunk === "VP8 ") {
    if (head[23] !== 0x9d || head[24] !== 0x01 || head[25] !== 0x2a)
      throw new MediaError("corrupt", IMAGE_CORRUPT("WebP"));
    return { width: u16le(head, 26) & 0x3fff, height: u16le(head, 28) & 0x3fff };
  }
  throw new MediaError("corrupt", IMAGE_CORRUPT("WebP"));
}

/** Walks JPEG marker segments up to the first start-of-frame, which carries the size. */
async function jpegSize(reader: BudgetedReader, size: number): Promise<{ width: number; height: number }> {
  let pos = 2;
  for (let guard = 0; guard < 4096; guard++) {
    const seg = await reader.get(pos, pos + 10, BOX_READAHEAD_BYTES);
    if (seg.length < 4) break;
    if (seg[0] !== 0xff) throw new MediaError("corrupt", IMAGE_CORRUPT("JPEG"));
    const marker = seg[1] ?? 0;
    if (marker === 0xff) {
      pos += 1; // fill byte
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      pos += 2;
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) break; // end of image / scan data before any frame header
    const length = u16be(seg, 2);
    if (length < 2) throw new MediaError("corrupt", IMAGE_CORRUPT("JPEG"));
    const isSof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isSof) {
      if (seg.length < 9) break;
      return { height: u16be(seg, 5), width: u16be(seg, 7) };
    }
    pos += 2 + length;
    if (pos >= size) break;
  }
  throw new MediaError("corrupt", IMAGE_CORRUPT("JPEG"));
}
