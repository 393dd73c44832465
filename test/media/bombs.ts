/**
 * Cost bombs: valid clips (made with ffmpeg by corpus.ts) followed by boxes that are cheap to send and were
 * expensive to parse. Built at test time; `bombFile` caches them under test/.corpus like every other test file.
 */
import { readFile } from "node:fs/promises";
import { makeBytes, makeVideo } from "./corpus.js";

function box(type: string, ...payload: (Uint8Array | Uint8Array[])[]): Uint8Array {
  return boxOf(type, payload.flat());
}

function boxOf(type: string, payload: Uint8Array[]): Uint8Array {
  const size = 8 + payload.reduce((n, p) => n + p.length, 0);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  view.setUint32(0, size);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  let at = 8;
  for (const p of payload) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function u32s(...values: number[]): Uint8Array {
  const out = new Uint8Array(values.length * 4);
  const view = new DataView(out.buffer);
  values.forEach((v, i) => view.setUint32(i * 4, v >>> 0));
  return out;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * A `trun` declaring `samples` with only 4 spare bytes after its count (so mp4box enters its sample loop): with
 * flags 0 (no per-sample fields) that is a legal box, with per-sample flags a count its bytes cannot hold.
 */
const run = (samples: number, flags = 0) => box("trun", u32s(flags, samples, 0));

/** One traf of track 1 (tfhd with a default sample duration) holding `runs`. */
const traf = (runs: Uint8Array[]) => box("traf", box("tfhd", u32s(0x08, 1, 512)), runs);
const moof = (sequence: number, trafs: Uint8Array[]) => box("moof", box("mfhd", u32s(0, sequence)), trafs);

export interface BombRecipe {
  /** fragments (top-level moofs) */
  fragments: number;
  /** trafs per fragment */
  trafsPerFragment?: number;
  /** truns per traf */
  runsPerTraf: number;
  /** samples each trun declares */
  samplesPerRun: number;
  /** trun flags (default 0: no per-sample fields) */
  runFlags?: number;
}

/** The issue's bomb: one moof, 20,000 truns of 1,000,000 samples each (~537 KB with the clip). */
export const ISSUE_BOMB: BombRecipe = { fragments: 1, runsPerTraf: 20_000, samplesPerRun: 1_000_000 };

/** Cost bombs for the fuzz suite and the bench: many runs, many fragments, huge counts in tiny boxes. */
export const COST_BOMBS: Record<string, BombRecipe> = {
  "many runs, huge counts": ISSUE_BOMB,
  "many fragments": { fragments: 15_000, runsPerTraf: 1, samplesPerRun: 1_000_000 },
  "many trafs": { fragments: 1, trafsPerFragment: 20_000, runsPerTraf: 1, samplesPerRun: 1_000_000 },
  "tiny runs, 4 MiB of them": { fragments: 1, runsPerTraf: 190_000, samplesPerRun: 1 },
  // the most boxes the parser is allowed to make (INSPECT_LIMITS.maxBoxesPerFile, less the clip's own)
  "tiny runs, just under the box limit": { fragments: 1, runsPerTraf: 49_900, samplesPerRun: 1 },
};

/** Boxes of a bomb's fragments as the parser counts them (moof, mfhd, and per traf: traf, tfhd, its runs). */
export const bombBoxes = (r: BombRecipe): number => r.fragments * (2 + (r.trafsPerFragment ?? 1) * (2 + r.runsPerTraf));

export function bombTail(r: BombRecipe): Uint8Array {
  const one = run(r.samplesPerRun, r.runFlags);
  const runs = Array.from({ length: r.runsPerTraf }, () => one);
  const trafs = Array.from({ length: r.trafsPerFragment ?? 1 }, () => traf(runs));
  return concat(Array.from({ length: r.fragments }, (_, i) => moof(i + 1, trafs)));
}

/** A valid 5 s clip (moov first) followed by the bomb's fragments. */
export async function makeBomb(r: BombRecipe = ISSUE_BOMB): Promise<Uint8Array> {
  const clip = await makeVideo({
    width: 1280,
    height: 720,
    durationSec: 5,
    fps: 24,
    pattern: "color",
    faststart: true,
    name: "bomb-base",
  });
  return concat([new Uint8Array(await readFile(clip)), bombTail(r)]);
}

/** The bomb as a file (cached by content under test/.corpus). */
export async function bombFile(r: BombRecipe = ISSUE_BOMB, name = "bomb.mp4"): Promise<string> {
  return makeBytes(name, await makeBomb(r));
}

/**
 * A valid 3 s clip (moov first) followed by `count` `free` boxes of `boxBytes`: every box header is its own range
 * read, so a link answering each read slowly takes count × delay to inspect (the inspection deadline's case).
 */
export async function paddedClipFile(count = 300, boxBytes = 20_000): Promise<string> {
  const clip = await makeVideo({
    width: 1280,
    height: 720,
    durationSec: 3,
    pattern: "color",
    faststart: true,
    name: "padded",
  });
  const pad = box("free", new Uint8Array(boxBytes - 8));
  return makeBytes(
    `padded-${count}x${boxBytes}.mp4`,
    concat([new Uint8Array(await readFile(clip)), ...Array.from({ length: count }, () => pad)]),
  );
}
