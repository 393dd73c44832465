import type { ImageFormat, VideoContainer } from "./limits.js";

/** What the bytes of a video say about it (never the file name or Discord's metadata). */
export interface VideoFacts {
  kind: "video";
  container: VideoContainer;
  durationSec: number;
  /** displayed size: the track's rotation matrix applied */
  width: number;
  height: number;
  fps: number;
  /** e.g. "avc1", "hvc1", "apcn" */
  videoCodec: string;
  hasAudio: boolean;
  bytes: number;
}

export interface ImageFacts {
  kind: "image";
  format: ImageFormat;
  width: number;
  height: number;
  bytes: number;
}

export type MediaFacts = VideoFacts | ImageFacts;

/** One broken rule, with a message a member can act on (what is wrong, the measured value, the limit, the fix). */
export interface Violation {
  rule: string;
  /** in English (logs, the CLI, and members whose language has no catalog) */
  message: string;
  /**
   * the same message in the catalogs (src/i18n/catalogs: `violation.<key>`, or a full key with a dot) and its
   * placeholders' values, so it is shown in the member's language; without it, `message` is shown
   */
  key?: string;
  vars?: Record<string, string | number>;
  /** "warning" does not refuse the request; default is "error" */
  severity?: "error" | "warning";
}

/**
 * Reads byte ranges of one remote (or local) file. `size` is the total byte size, known after the first read.
 * Implementations count what they read so callers can report and cap it.
 */
export interface RangeSource {
  /** label for messages and logs (never contains URL signatures) */
  readonly label: string;
  size(): Promise<number>;
  /** bytes [start, end) — may return fewer at end of file */
  read(start: number, end: number): Promise<Uint8Array>;
  readonly bytesRead: number;
  readonly requests: number;
}

/** Why a file could not be inspected; `message` is member-facing. */
export class MediaError extends Error {
  constructor(
    readonly code:
      | "unsupported-format"
      | "corrupt"
      | "truncated"
      | "empty"
      | "too-large"
      | "fetch-failed"
      | "blocked-address"
      | "timeout"
      /** the parse ran past its deadline (or its memory) in the worker and was killed */
      | "too-slow"
      /** every parser thread is busy and the queue is full: nothing was read */
      | "busy",
    message: string,
  ) {
    super(message);
    this.name = "MediaError";
  }
}
