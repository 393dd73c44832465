/**
 * Every number fal / Kling imposes on inputs, in one place. Both commands, the request check,
 * the media rules and the `npm run check` CLI read them from here; messages quote them from here.
 * Values marked "unverified" come from ../shared/FACTS.md and are not confirmed for O3 Standard.
 */
export const VIDEO_LIMITS = {
  containers: ["mp4", "mov"] as const,
  minDurationSec: 3,
  maxDurationSec: 10,
  /** fal's stated server-side tolerance on the upper bound (O1 docs; unverified for O3). */
  maxDurationToleranceSec: 10.05,
  minSidePx: 720,
  maxSidePx: 2160,
  /** unverified for O3 */
  minFps: 24,
  /** unverified for O3 */
  maxFps: 60,
  /**
   * Slack on the fps bounds so NTSC rates (23.976 = 24000/1001) and averaging noise count as 24.
   * Unverified whether fal rounds the same way: set to 0 to be strict.
   */
  fpsTolerance: 0.1,
  maxBytes: 200 * 1000 * 1000,
} as const;

export const IMAGE_LIMITS = {
  formats: ["jpg", "png", "webp"] as const,
  /** Kling's stated limits; unverified for fal */
  minSidePx: 300,
  /** Aspect (long side / short side) at most 2.5 : 1 */
  maxAspectRatio: 2.5,
  maxBytes: 10 * 1000 * 1000,
} as const;

export const REQUEST_LIMITS = {
  /** elements + image_urls together, when a video is given */
  maxElementsPlusImages: 4,
  maxElements: 4,
  maxImages: 4,
  /** per element; fal's typings say 0–3, the command offers one slot per element */
  maxReferenceImagesPerElement: 3,
  /** Kling's API cap; unverified for fal */
  maxPromptChars: 2500,
  referenceDurations: [3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15] as const,
  aspectRatios: ["auto", "16:9", "9:16", "1:1"] as const,
} as const;

/** Most a video inspection may read unless the caller says otherwise (moov of a long clip plus fragments). */
export const DEFAULT_VIDEO_BYTE_BUDGET = 4 * 1024 * 1024;
/** JPEG metadata (EXIF thumbnails, ICC profiles) can push the SOF segment back; beyond this we give up. */
export const DEFAULT_IMAGE_BYTE_BUDGET = 1024 * 1024;
/** The inspector's first read: holds ftyp, a faststart moov of a short clip, or any image header. */
export const HEAD_BYTES = 64 * 1024;
/** How much of a file the first read asks for, within a byte budget. */
export const headBytes = (budget: number): number => Math.min(HEAD_BYTES, budget);

export type VideoContainer = (typeof VIDEO_LIMITS.containers)[number];
export type ImageFormat = (typeof IMAGE_LIMITS.formats)[number];
export type AspectRatio = (typeof REQUEST_LIMITS.aspectRatios)[number];

/**
 * What reading one member's files may cost the bot (CPU, time, queue). Member bytes are parsed in worker threads
 * (inspect-pool.ts); these bound the work one file or one request can cause.
 */
export const INSPECT_LIMITS = {
  /**
   * Samples all fragment runs of one file may declare together (a run with no per-sample fields holds any count
   * in 4 bytes). 1,000,000 is 4.6 hours at 60 fps: no clip Kling takes comes near.
   */
  maxSamplesPerFile: 1_000_000,
  /**
   * Boxes the parser may make of one file's moov and moofs (each is a JS object; a 10 s clip has a few hundred, a
   * fragmented hour at one fragment a second about 15,000).
   */
  maxBoxesPerFile: 50_000,
  /** Worker time (waits for bytes from the network not counted) one file's parse may take before it is killed. */
  parseDeadlineMs: 2_000,
  /** Heap of a parser thread; a parse that needs more is killed like one past its deadline. */
  maxHeapMbPerFile: 64,
  /**
   * One request's whole inspection — every input, every range read — from the first byte asked for. Well under the
   * quota sweeper's 15 minutes, so a reservation cannot be swept while its request is still being checked.
   */
  requestDeadlineMs: 60_000,
  /** Parser threads (the bot runs on small machines; 2 cores is the design point). */
  workerThreads: 2,
  /**
   * Files waiting for a parser thread beyond those being parsed (their heads being read, or read and queued); more
   * are refused as "busy" rather than queued. A waiting file holds at most its head (HEAD_BYTES): 256 hold 16 MiB.
   */
  maxQueuedFiles: 256,
} as const;
