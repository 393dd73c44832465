/**
 * Test media made with ffmpeg on demand, cached in test/.corpus/ (gitignored) by recipe.
 *
 * Every maker returns an absolute path. The same recipe always maps to the same file name, so repeated calls
 * (also from other vitest workers) are free; files are written to a unique temp name and renamed into place,
 * so concurrent producers never expose a half-written file.
 */
import { spawn } from "node:child_process";
import { createHash, randomBytes as cryptoRandomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, open, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** Bump to invalidate every cached file when a recipe's meaning changes. */
const CORPUS_VERSION = 2;

export const CORPUS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "..", ".corpus");

export interface VideoRecipe {
  width: number;
  height: number;
  durationSec: number;
  /** default 30 */
  fps?: number;
  /** default "mp4" */
  container?: "mp4" | "mov";
  /** default "h264" ("prores" needs container "mov") */
  codec?: "h264" | "hevc" | "prores";
  /** default true: a sine tone in AAC */
  audio?: boolean;
  /** moov before mdat; default false (ffmpeg's default: moov at the end, like most phone uploads) */
  faststart?: boolean;
  /** fragmented MP4 (empty moov + moof/mdat pairs, one fragment per second) */
  fragmented?: boolean;
  /** written into the video track's tkhd matrix (ffmpeg 5.1 cannot set it itself) */
  rotate?: 0 | 90 | 180 | 270;
  /**
   * "testsrc" (default), "color" (fastest to encode, tiny files) or "noise" (random pixels, lossless:
   * large files quickly — use with bitrate-free benches).
   */
  pattern?: "testsrc" | "color" | "noise";
  /** base of the file name, for readability only */
  name?: string;
}

export interface ImageRecipe {
  width: number;
  height: number;
  format: "jpg" | "png" | "webp" | "gif";
  name?: string;
}

const inFlight = new Map<string, Promise<string>>();

function recipeKey(recipe: unknown): string {
  return createHash("sha1")
    .update(JSON.stringify({ v: CORPUS_VERSION, recipe }))
    .digest("hex")
    .slice(0, 12);
}

function safeName(name: string): string {
  return name.replace(/[^a-zA-Z0-9_.-]+/g, "-").slice(0, 60);
}

/**
 * Returns `finalPath`, producing it first with `produce(tmpPath)` unless it already exists.
 * The temp name keeps the extension so ffmpeg picks the right muxer from it.
 */
async function cached(fileName: string, produce: (tmpPath: string) => Promise<void>): Promise<string> {
  const finalPath = join(CORPUS_DIR, fileName);
  const pending = inFlight.get(finalPath);
  if (pending) return pending;
  const job = (async () => {
    if (existsSync(finalPath)) return finalPath;
    await mkdir(CORPUS_DIR, { recursive: true });
    const dot = fileName.lastIndexOf(".");
    const ext = dot >= 0 ? fileName.slice(dot) : "";
    const tmpPath = join(
      CORPUS_DIR,
      `.tmp-${process.pid}-${cryptoRandomBytes(4).toString("hex")}-${fileName.slice(0, dot >= 0 ? dot : undefined)}${ext}`,
    );
    try {
      await produce(tmpPath);
      await rename(tmpPath, finalPath);
    } catch (err) {
      await rm(tmpPath, { force: true });
      throw err;
    }
    return finalPath;
  })();
  inFlight.set(finalPath, job);
  job.catch(() => inFlight.delete(finalPath));
  return job;
}

export function runFfmpeg(args: string[]): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn("ffmpeg", ["-hide_banner", "-loglevel", "error", "-nostdin", "-y", ...args], {
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolvePromise();
      else reject(new Error(`ffmpeg ${args.join(" ")} failed (${code}): ${stderr.trim()}`));
    });
  });
}

function videoSourceArgs(
  r: Required<Pick<VideoRecipe, "width" | "height" | "durationSec" | "fps" | "pattern">>,
): string[] {
  const size = `${r.width}x${r.height}`;
  switch (r.pattern) {
    case "noise":
      return [
        "-f",
        "rawvideo",
        "-pix_fmt",
        "yuv420p",
        "-s",
        size,
        "-r",
        String(r.fps),
        "-t",
        String(r.durationSec),
        "-i",
        "/dev/urandom",
      ];
    case "color":
      return ["-f", "lavfi", "-i", `color=c=0x3050a0:size=${size}:rate=${r.fps}:duration=${r.durationSec}`];
    default:
      return ["-f", "lavfi", "-i", `testsrc=size=${size}:rate=${r.fps}:duration=${r.durationSec}`];
  }
}

function videoCodecArgs(codec: "h264" | "hevc" | "prores", pattern: string, fps: number): string[] {
  switch (codec) {
    case "hevc":
      return [
        "-c:v",
        "libx265",
        "-preset",
        "ultrafast",
        "-tag:v",
        "hvc1",
        "-pix_fmt",
        "yuv420p",
        "-x265-params",
        "log-level=error",
      ];
    case "prores":
      return ["-c:v", "prores_ks", "-profile:v", "0", "-pix_fmt", "yuv422p10le"];
    default:
      return [
        "-c:v",
        "libx264",
        "-preset",
        "ultrafast",
        "-pix_fmt",
        "yuv420p",
        // noise: lossless so the file is as large as the raw frames (bench material)
        ...(pattern === "noise" ? ["-qp", "0"] : []),
        "-g",
        String(fps),
      ];
  }
}

/** Encodes a clip per recipe; returns its absolute path. */
export async function makeVideo(recipe: VideoRecipe): Promise<string> {
  const r = {
    fps: 30,
    container: "mp4" as const,
    codec: "h264" as const,
    audio: true,
    faststart: false,
    fragmented: false,
    rotate: 0 as const,
    pattern: "testsrc" as const,
    ...recipe,
  };
  const { name: _name, ...keyed } = r;
  const base = safeName(
    r.name ??
      `${r.codec}-${r.width}x${r.height}-${r.durationSec}s-${r.fps}fps` +
        `${r.audio ? "" : "-noaudio"}${r.fragmented ? "-frag" : ""}${r.faststart ? "-fast" : ""}` +
        `${r.rotate ? `-rot${r.rotate}` : ""}`,
  );
  const fileName = `${base}-${recipeKey(keyed)}.${r.container}`;
  return cached(fileName, async (tmp) => {
    const args = [...videoSourceArgs(r)];
    if (r.audio) args.push("-f", "lavfi", "-i", `sine=frequency=440:sample_rate=48000:duration=${r.durationSec}`);
    args.push("-map", "0:v");
    if (r.audio) args.push("-map", "1:a", "-c:a", "aac", "-b:a", "64k");
    args.push(...videoCodecArgs(r.codec, r.pattern, r.fps), "-r", String(r.fps), "-t", String(r.durationSec));
    const movflags: string[] = [];
    if (r.faststart && !r.fragmented) movflags.push("+faststart");
    if (r.fragmented) movflags.push("+frag_keyframe", "+empty_moov", "+default_base_moof");
    if (movflags.length) args.push("-movflags", movflags.join(""));
    if (r.fragmented) args.push("-frag_duration", "1000000");
    args.push(tmp);
    await runFfmpeg(args);
    if (r.rotate) await setRotation(tmp, r.rotate);
  });
}

/** Still image per recipe (gif: a single-frame GIF). */
export async function makeImage(recipe: ImageRecipe): Promise<string> {
  const base = safeName(recipe.name ?? `img-${recipe.width}x${recipe.height}`);
  const fileName = `${base}-${recipeKey({ ...recipe, name: undefined })}.${recipe.format}`;
  return cached(fileName, async (tmp) => {
    const codec: Record<ImageRecipe["format"], string[]> = {
      jpg: ["-c:v", "mjpeg", "-pix_fmt", "yuvj420p", "-q:v", "5"],
      png: ["-c:v", "png"],
      webp: ["-c:v", "libwebp", "-quality", "60"],
      gif: ["-c:v", "gif"],
    };
    await runFfmpeg([
      "-f",
      "lavfi",
      "-i",
      `testsrc=size=${recipe.width}x${recipe.height}:rate=1:duration=1`,
      "-frames:v",
      "1",
      ...codec[recipe.format],
      ...(recipe.format === "gif" ? ["-f", "gif"] : ["-f", "image2", "-update", "1"]),
      tmp,
    ]);
  });
}

/**
 * A real file of another container, saved under a misleading name (default extension ".mp4"):
 * webm (VP8), mkv (H.264 in Matroska), avi (MPEG-4 part 2), gif (animated).
 */
export async function makeForeignVideo(format: "webm" | "mkv" | "avi" | "gif", ext = "mp4"): Promise<string> {
  const fileName = `foreign-${format}-${recipeKey({ format })}.${ext}`;
  return cached(fileName, async (tmp) => {
    const src = ["-f", "lavfi", "-i", "testsrc=size=320x240:rate=24:duration=1"];
    const byFormat: Record<typeof format, string[]> = {
      webm: ["-c:v", "libvpx", "-deadline", "realtime", "-cpu-used", "8", "-b:v", "200k", "-f", "webm"],
      mkv: ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-f", "matroska"],
      avi: ["-c:v", "mpeg4", "-f", "avi"],
      gif: ["-c:v", "gif", "-f", "gif"],
    };
    await runFfmpeg([...src, ...byFormat[format], tmp]);
  });
}

/** A copy of `path` cut to `keepBytes` bytes (negative: that many bytes shorter than the original). */
export async function makeTruncated(path: string, keepBytes: number): Promise<string> {
  const size = (await stat(path)).size;
  const keep = keepBytes < 0 ? size + keepBytes : keepBytes;
  const stem = path.slice(path.lastIndexOf("/") + 1);
  const dot = stem.lastIndexOf(".");
  const fileName = `trunc-${keep}-${stem.slice(0, dot)}${stem.slice(dot)}`;
  return cached(fileName, async (tmp) => {
    const fh = await open(path, "r");
    try {
      const buf = Buffer.alloc(keep);
      await fh.read(buf, 0, keep, 0);
      await writeFile(tmp, buf);
    } finally {
      await fh.close();
    }
  });
}

/** A stream-copy of `path` with the moov moved to the front (`-movflags +faststart`), no re-encode. */
export async function makeFaststartCopy(path: string): Promise<string> {
  const stem = path.slice(path.lastIndexOf("/") + 1);
  return cached(`faststart-${stem}`, async (tmp) => {
    await runFfmpeg(["-i", path, "-map", "0", "-c", "copy", "-movflags", "+faststart", tmp]);
  });
}

/** An empty file. */
export async function makeEmpty(name = "empty.mp4"): Promise<string> {
  return cached(`zero-${safeName(name)}`, async (tmp) => writeFile(tmp, Buffer.alloc(0)));
}

/** `size` deterministic pseudo-random bytes (same seed → same bytes). */
export async function makeRandomBytes(size: number, seed = 1, name = "random.mp4"): Promise<string> {
  return cached(`random-${size}-${seed}-${safeName(name)}`, async (tmp) => {
    const out = Buffer.alloc(size);
    let x = seed >>> 0 || 1;
    for (let i = 0; i < size; i++) {
      // xorshift32
      x ^= x << 13;
      x >>>= 0;
      x ^= x >>> 17;
      x ^= x << 5;
      x >>>= 0;
      out[i] = x & 0xff;
    }
    await writeFile(tmp, out);
  });
}

/** A text file under a media name (default "notes.png"). */
export async function makeTextFile(
  name = "notes.png",
  text = "This is not an image, just some text.\n",
): Promise<string> {
  return cached(`text-${recipeKey({ text })}-${safeName(name)}`, async (tmp) => writeFile(tmp, text));
}

/** Writes `bytes` under a cached name (for tests that build their own variants). */
export async function makeBytes(name: string, bytes: Uint8Array): Promise<string> {
  const key = createHash("sha1").update(bytes).digest("hex").slice(0, 12);
  return cached(`bytes-${key}-${safeName(name)}`, async (tmp) => writeFile(tmp, bytes));
}

// ---- rotation: patch the tkhd matrix of every visual track in place -------------------------------------

const FIXED_ONE = 0x00010000;
const MATRICES: Record<90 | 180 | 270, number[]> = {
  // a, b, u, c, d, v, x, y, w (16.16 except u, v, w which are 2.30)
  90: [0, FIXED_ONE, 0, -FIXED_ONE, 0, 0, 0, 0, 0x40000000],
  180: [-FIXED_ONE, 0, 0, 0, -FIXED_ONE, 0, 0, 0, 0x40000000],
  270: [0, -FIXED_ONE, 0, FIXED_ONE, 0, 0, 0, 0, 0x40000000],
};

interface BoxRef {
  type: string;
  start: number;
  headerSize: number;
  end: number;
}

function childBoxes(buf: Buffer, start: number, end: number): BoxRef[] {
  const boxes: BoxRef[] = [];
  let pos = start;
  while (pos + 8 <= end) {
    let size = buf.readUInt32BE(pos);
    const type = buf.toString("latin1", pos + 4, pos + 8);
    let headerSize = 8;
    if (size === 1) {
      size = Number(buf.readBigUInt64BE(pos + 8));
      headerSize = 16;
    } else if (size === 0) {
      size = end - pos;
    }
    if (size < headerSize || pos + size > end) break;
    boxes.push({ type, start: pos, headerSize, end: pos + size });
    pos += size;
  }
  return boxes;
}

/** Rewrites the display matrix of each video track's tkhd (tracks with a non-zero width). */
export async function setRotation(path: string, degrees: 90 | 180 | 270): Promise<void> {
  const buf = await readFile(path);
  const moov = childBoxes(buf, 0, buf.length).find((b) => b.type === "moov");
  if (!moov) throw new Error(`setRotation: no moov in ${path}`);
  let patched = 0;
  for (const trak of childBoxes(buf, moov.start + moov.headerSize, moov.end).filter((b) => b.type === "trak")) {
    const tkhd = childBoxes(buf, trak.start + trak.headerSize, trak.end).find((b) => b.type === "tkhd");
    if (!tkhd) continue;
    const body = tkhd.start + tkhd.headerSize;
    const version = buf.readUInt8(body);
    // version/flags, then times, track id, reserved, duration (v1 has 64-bit times/duration)
    const afterDuration = body + 4 + (version === 1 ? 8 + 8 + 4 + 4 + 8 : 4 + 4 + 4 + 4 + 4);
    const matrixAt = afterDuration + 8 + 2 + 2 + 2 + 2;
    const width = buf.readUInt32BE(matrixAt + 36);
    if (width === 0) continue;
    MATRICES[degrees].forEach((v, i) => buf.writeInt32BE(v, matrixAt + i * 4));
    patched++;
  }
  if (!patched) throw new Error(`setRotation: no video tkhd in ${path}`);
  await writeFile(path, buf);
}
