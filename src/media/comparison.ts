import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { setPriority, tmpdir } from "node:os";
import { join } from "node:path";
import type { VideoFacts } from "./types.js";

/** Bounds of one before/after clip (named values: easy to change). */
export const COMPARISON_LIMITS = {
  /** the most either source may weigh to be downloaded for a clip */
  maxSourceBytes: 64 * 1024 * 1024,
  /** ffmpeg's wall time for one encode; past it the process is killed (SIGKILL) */
  encodeTimeoutMs: 90_000,
  /** encodes at once, bot-wide (ffmpeg runs with one thread each) */
  concurrent: 1,
  /** clips waiting for a turn; more are skipped (the result itself is never affected) */
  queued: 4,
  /** each half: landscape results are scaled to this height (side by side), portrait ones to this width (stacked) */
  panelShortSide: 540,
  fps: 24,
  /** x264's speed/size trade-off */
  preset: "veryfast",
  /** share of the upload limit the encoder aims at (the container and rate control's overshoot fill the rest) */
  sizeTarget: 0.8,
  /** a second encode, when the first came out over the limit, aims at this share of the first one's rate */
  retryRateFactor: 0.6,
  minVideoKbps: 120,
  maxVideoKbps: 4_000,
} as const;

export type ComparisonLimits = {
  -readonly [K in keyof typeof COMPARISON_LIMITS]: (typeof COMPARISON_LIMITS)[K] extends number ? number : string;
};

export type ComparisonLayout = "side-by-side" | "stacked";

export interface ComparisonClip {
  bytes: Buffer;
  fileName: string;
  layout: ComparisonLayout;
  /** seconds: the result's length (the input is cut, or its last frame held, to match) */
  durationSec: number;
}

/** No clip was made, and why (logged; members are not told: the clip is an extra). */
export class ComparisonSkipped extends Error {
  override name = "ComparisonSkipped";
}

export interface ComparisonDeps {
  /** ffmpeg's absolute path (findFfmpeg) */
  ffmpegPath: string;
  /** the guarded fetcher: SSRF checks, timeouts and a byte cap on both sources */
  downloader: { download(url: string, opts: { maxBytes: number }): Promise<{ bytes: Buffer }> };
  /** the project's inspector on the result (its size and length pick the layout and the bitrate) */
  inspect: (url: string) => Promise<VideoFacts>;
  limits?: Partial<ComparisonLimits>;
  /** where each clip's temporary directory is made (default the system's) */
  tempRoot?: string;
}

export interface ComparisonMaker {
  /** The clip of `inputUrl` (before) beside `resultUrl` (after), at most `maxBytes`; throws ComparisonSkipped. */
  make(sources: { inputUrl: string; resultUrl: string; maxBytes: number }): Promise<ComparisonClip>;
  /** kills running encodes, refuses queued and new ones */
  close(): void;
}

/** The filter graph: both halves scaled to the same height (side by side) or width (stacked), at one frame rate. */
export function comparisonFilter(layout: ComparisonLayout, durationSec: number, panel: number, fps: number): string {
  const even = Math.round(panel / 2) * 2;
  const scale = layout === "side-by-side" ? `scale=-2:${even}` : `scale=${even}:-2`;
  const half = (i: number, extra = "") =>
    `[${i}:v:0]${scale},setsar=1,fps=${fps}${extra},trim=duration=${durationSec.toFixed(3)},setpts=PTS-STARTPTS[v${i}]`;
  // the input may be shorter than the result: its last frame is held, so both halves last the result's length
  const hold = `,tpad=stop_mode=clone:stop_duration=${durationSec.toFixed(3)}`;
  const stack = layout === "side-by-side" ? "hstack" : "vstack";
  return `${half(0, hold)};${half(1)};[v0][v1]${stack}=inputs=2,format=yuv420p[v]`;
}

/** The video bitrate (kbit/s) that makes `durationSec` of video about `target` bytes. */
export function videoKbpsFor(targetBytes: number, durationSec: number): number {
  return Math.floor((targetBytes * 8) / Math.max(durationSec, 0.5) / 1000);
}

export function createComparisonMaker(deps: ComparisonDeps): ComparisonMaker {
  const limits = { ...COMPARISON_LIMITS, ...deps.limits };
  const running = new Set<AbortController>();
  const waiting: (() => void)[] = [];
  let active = 0;
  let closed = false;

  async function turn(): Promise<() => void> {
    if (closed) throw new ComparisonSkipped("the bot is stopping");
    if (active >= limits.concurrent) {
      if (waiting.length >= limits.queued) throw new ComparisonSkipped("too many clips are being made right now");
      await new Promise<void>((resolve) => waiting.push(resolve));
      if (closed) throw new ComparisonSkipped("the bot is stopping");
    }
    active += 1;
    return () => {
      active -= 1;
      waiting.shift()?.();
    };
  }

  function encode(args: string[]): Promise<void> {
    const abort = new AbortController();
    running.add(abort);
    return new Promise<void>((resolve, reject) => {
      const child = execFile(
        deps.ffmpegPath,
        args,
        {
          timeout: limits.encodeTimeoutMs,
          killSignal: "SIGKILL",
          signal: abort.signal,
          maxBuffer: 256 * 1024,
          env: {}, // nothing of the bot's environment (tokens, keys) reaches the child
        },
        (error, _stdout, stderr) => {
          running.delete(abort);
          if (!error) return resolve();
          const why = error.killed
            ? `killed after ${limits.encodeTimeoutMs} ms or on stop`
            : String(stderr).slice(0, 300);
          reject(new ComparisonSkipped(`ffmpeg failed: ${why}`));
        },
      );
      // the encode yields the CPU to the bot's own work (best effort: not every system allows it)
      if (child.pid !== undefined) {
        try {
          setPriority(child.pid, 15);
        } catch {
          /* keep the default priority */
        }
      }
    });
  }

  return {
    async make({ inputUrl, resultUrl, maxBytes }) {
      const done = await turn();
      const dir = await mkdtemp(join(deps.tempRoot ?? tmpdir(), "kling-compare-"));
      try {
        const facts = await deps.inspect(resultUrl);
        if (!(facts.durationSec > 0)) throw new ComparisonSkipped("the result has no length");
        const layout: ComparisonLayout = facts.height > facts.width ? "stacked" : "side-by-side";
        const sourceCap = { maxBytes: limits.maxSourceBytes };
        const [input, result] = await Promise.all([
          deps.downloader.download(inputUrl, sourceCap),
          deps.downloader.download(resultUrl, sourceCap),
        ]);
        const before = join(dir, "before");
        const after = join(dir, "after");
        const out = join(dir, "comparison.mp4");
        await Promise.all([writeFile(before, input.bytes), writeFile(after, result.bytes)]);

        const durationSec = facts.durationSec;
        let kbps = Math.min(limits.maxVideoKbps, videoKbpsFor(maxBytes * limits.sizeTarget, durationSec));
        for (let attempt = 0; attempt < 2; attempt += 1) {
          if (kbps < limits.minVideoKbps)
            throw new ComparisonSkipped(`the upload limit leaves ${kbps} kbit/s, below ${limits.minVideoKbps}`);
          await encode([
            ...["-nostdin", "-hide_banner", "-loglevel", "error", "-y"],
            ...["-threads", "1", "-filter_threads", "1", "-filter_complex_threads", "1"],
            // both read as MP4/MOV from the local file only: bytes that changed since they were checked (a link's
            // content can) cannot make ffmpeg pick another demuxer or open a network protocol (a playlist's URLs)
            ...["-protocol_whitelist", "file", "-f", "mov", "-i", before],
            ...["-protocol_whitelist", "file", "-f", "mov", "-i", after],
            ...["-filter_complex", comparisonFilter(layout, durationSec, limits.panelShortSide, limits.fps)],
            ...["-map", "[v]", "-an", "-c:v", "libx264", "-preset", limits.preset, "-pix_fmt", "yuv420p"],
            ...["-b:v", `${kbps}k`, "-maxrate", `${kbps}k`, "-bufsize", `${kbps * 2}k`],
            ...["-t", durationSec.toFixed(3), "-movflags", "+faststart", "-fs", String(maxBytes * 2)],
            out,
          ]);
          // verified after encoding: rate control may overshoot a short clip
          const size = (await stat(out)).size;
          if (size <= maxBytes)
            return { bytes: await readFile(out), fileName: "before-after.mp4", layout, durationSec };
          kbps = Math.floor(kbps * limits.retryRateFactor);
        }
        throw new ComparisonSkipped(`the clip stays over the ${maxBytes}-byte upload limit`);
      } finally {
        done();
        await rm(dir, { recursive: true, force: true });
      }
    },
    close() {
      closed = true;
      for (const abort of running) abort.abort();
      for (const wake of waiting.splice(0)) wake();
    },
  };
}
