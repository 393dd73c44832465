// Test videos for the fal emulator: generated locally with ffmpeg, never downloaded.
import { execFile } from "node:child_process";
import { mkdir, readFile, rename, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface MakeVideoOptions {
  width?: number; // default 1280
  height?: number; // default 720
  fps?: number; // default 24
  seconds?: number; // default 3
  audio?: boolean; // default true (a 440 Hz AAC sine track)
  /** Where generated clips are cached; default `<os tmpdir>/kling-bot-fal-emulator`. */
  cacheDir?: string;
  /** ffmpeg binary; default "ffmpeg" from PATH. */
  ffmpegPath?: string;
}

const inFlight = new Map<string, Promise<string>>();

function run(bin: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(bin, args, { timeout: 60_000 }, (err, _stdout, stderr) => {
      if (err) reject(new Error(`${bin} failed: ${err.message}\n${stderr}`));
      else resolve();
    });
  });
}

/**
 * Generates (once per parameter set, cached on disk across test files and processes) an H.264
 * mp4 with ffmpeg's testsrc2 pattern and returns its path. The default is 1280x720, 24 fps, 3 s,
 * with an AAC audio track and the moov box at the front (+faststart).
 */
export function makeResultVideo(opts: MakeVideoOptions = {}): Promise<string> {
  const width = opts.width ?? 1280;
  const height = opts.height ?? 720;
  const fps = opts.fps ?? 24;
  const seconds = opts.seconds ?? 3;
  const audio = opts.audio ?? true;
  const dir = opts.cacheDir ?? join(tmpdir(), "kling-bot-fal-emulator");
  const name = `testsrc2-${width}x${height}-${fps}fps-${seconds}s${audio ? "-aac" : ""}.mp4`;
  const out = join(dir, name);
  const existing = inFlight.get(out);
  if (existing) return existing;
  const p = (async () => {
    try {
      const s = await stat(out);
      if (s.size > 0) return out;
    } catch {
      /* not cached yet */
    }
    await mkdir(dir, { recursive: true });
    const tmp = join(dir, `.${name}.${process.pid}.${Date.now()}.tmp.mp4`);
    const args = [
      "-hide_banner",
      "-loglevel",
      "error",
      "-y",
      "-f",
      "lavfi",
      "-i",
      `testsrc2=size=${width}x${height}:rate=${fps}`,
      ...(audio ? ["-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000"] : []),
      "-t",
      String(seconds),
      "-c:v",
      "libx264",
      "-preset",
      "ultrafast",
      "-crf",
      "30",
      "-pix_fmt",
      "yuv420p",
      ...(audio ? ["-c:a", "aac", "-b:a", "64k", "-shortest"] : []),
      "-movflags",
      "+faststart",
      tmp,
    ];
    await run(opts.ffmpegPath ?? "ffmpeg", args);
    await rename(tmp, out); // atomic: concurrent test files never see a half-written clip
    return out;
  })();
  inFlight.set(out, p);
  p.catch(() => inFlight.delete(out));
  return p;
}

/** Reads the default result clip (see makeResultVideo) into memory. */
export async function defaultResultVideoBytes(opts: MakeVideoOptions = {}): Promise<Buffer> {
  return readFile(await makeResultVideo(opts));
}

/**
 * Returns `base` followed by a top-level `free` box so that the whole file is exactly `size`
 * bytes: still a valid ISO-BMFF file whose last box ends at the file's end. If `size` is smaller
 * than the base clip plus an 8-byte box header, the base is returned unchanged.
 */
export function padMp4ToSize(base: Buffer, size: number): Buffer {
  const pad = size - base.length;
  if (pad < 8) return base;
  if (pad > 0xffffffff) throw new Error("padMp4ToSize: padding over 4 GiB is not supported");
  const out = Buffer.alloc(size);
  base.copy(out, 0);
  out.writeUInt32BE(pad, base.length);
  out.write("free", base.length + 4, "latin1");
  return out;
}

/** Top-level ISO-BMFF box types of a buffer (for assertions in tests). */
export function topLevelBoxes(buf: Buffer): { type: string; size: number; offset: number }[] {
  const boxes: { type: string; size: number; offset: number }[] = [];
  let off = 0;
  while (off + 8 <= buf.length) {
    let size = buf.readUInt32BE(off);
    const type = buf.toString("latin1", off + 4, off + 8);
    if (size === 1) size = Number(buf.readBigUInt64BE(off + 8));
    else if (size === 0) size = buf.length - off;
    if (size < 8) break;
    boxes.push({ type, size, offset: off });
    off += size;
  }
  return boxes;
}
