/**
 * Member bytes are parsed off the main thread: a small piscina pool runs the inspector (inspect-worker.ts) while
 * the range reads stay here, on the main thread, where the guarded fetcher and its sockets live. A file's head (the
 * inspector's first read) is read before the file takes a thread, so a thread waits for the network only for reads
 * past the head (a short or faststart clip, an image: none); otherwise two threads sitting out reads that take tens
 * of milliseconds each parsed fewer files a second than 40 commands a second bring. Each file's parse
 * has a deadline counted in worker time only (the clock stops while the worker waits for bytes), so a slow link is
 * the request deadline's business and a costly file is this one's. A parse past its deadline is aborted, which makes
 * piscina terminate that worker thread; the file is refused with a member message quoting the limit.
 * At most `threads + maxQueued` files are in the pool at once (heads being read included); more are refused as
 * busy, never queued.
 */
import { MessageChannel, type MessagePort } from "node:worker_threads";
import { Piscina } from "piscina";
import { DEFAULT_IMAGE_BYTE_BUDGET, DEFAULT_VIDEO_BYTE_BUDGET, headBytes, INSPECT_LIMITS } from "./limits.js";
import type {
  FileHead,
  InspectAnswer,
  InspectKind,
  InspectTask,
  MainMessage,
  WorkerMessage,
} from "./inspect-worker.js";
import type { ImageFacts, MediaFacts, RangeSource, VideoFacts } from "./types.js";
import { MediaError } from "./types.js";
import { closePort } from "./ports.js";

export interface InspectPoolOptions {
  threads?: number;
  maxQueued?: number;
  parseDeadlineMs?: number;
  /** heap cap per worker; a parse that needs more is refused like one past its deadline */
  maxHeapMb?: number;
  /** the worker module (tests swap in one that misbehaves); default inspect-worker next to this file */
  workerUrl?: URL;
  /** a worker that failed outside any task (piscina replaces it); without a listener piscina would throw */
  onWorkerError?: (err: Error) => void;
  /** a parse was killed (its worker terminated): `label` is the source's, never a URL's query */
  onParseKilled?: (info: { label: string; reason: "deadline" | "memory" }) => void;
}

export interface InspectOptions {
  byteBudget?: number;
  /** aborts the parse and the reads (the request's deadline) */
  signal?: AbortSignal;
}

export interface InspectPool {
  inspect(kind: "video", src: RangeSource, opts?: InspectOptions): Promise<VideoFacts>;
  inspect(kind: "image", src: RangeSource, opts?: InspectOptions): Promise<ImageFacts>;
  inspect(kind: InspectKind, src: RangeSource, opts?: InspectOptions): Promise<MediaFacts>;
  /** files being parsed or waiting for a thread */
  readonly inFlight: number;
  close(): Promise<void>;
}

/** vitest, tsx and the bench run the TypeScript sources; `npm start` runs dist/ JS next to its compiled worker. */
const OWN_EXT = import.meta.url.endsWith(".ts") ? ".ts" : ".js";
export const DEFAULT_WORKER_URL = new URL(`./inspect-worker${OWN_EXT}`, import.meta.url);

const seconds = (ms: number) => `${Number((ms / 1000).toFixed(2))} s`;

export function tooSlowMessage(deadlineMs: number): string {
  return (
    `this file takes too long to read — re-export it (the bot stops reading a file after ` +
    `${seconds(deadlineMs)} of work; a normal MP4 or image takes milliseconds)`
  );
}

/** Worker time of one parse: runs only while the worker computes, i.e. has no read outstanding. */
class WorkClock {
  #left: number;
  #since: number | undefined;
  #timer: NodeJS.Timeout | undefined;
  #waiting = 0;
  #started = false;
  #stopped = false;

  constructor(
    budgetMs: number,
    private readonly onExpired: () => void,
  ) {
    this.#left = budgetMs;
  }

  start(): void {
    this.#started = true;
    this.#resume();
  }
  waitBegins(): void {
    this.#waiting++;
    this.#pause();
  }
  waitEnds(): void {
    this.#waiting--;
    this.#resume();
  }
  stop(): void {
    this.#pause();
    this.#stopped = true;
  }

  #resume(): void {
    if (!this.#started || this.#stopped || this.#waiting > 0 || this.#timer) return;
    this.#since = performance.now();
    this.#timer = setTimeout(
      () => {
        this.#timer = undefined;
        this.#stopped = true;
        this.onExpired();
      },
      Math.max(0, this.#left),
    );
  }
  #pause(): void {
    if (!this.#timer) return;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#left -= performance.now() - (this.#since ?? performance.now());
  }
}

/** The inspector's first read and the size, as inspect.ts asks for them (the size comes with the first answer). */
async function readHead(src: RangeSource, kind: InspectKind, byteBudget: number | undefined): Promise<FileHead> {
  const budget = byteBudget ?? (kind === "image" ? DEFAULT_IMAGE_BYTE_BUDGET : DEFAULT_VIDEO_BYTE_BUDGET);
  // a copy: the source may hand out views of a larger buffer, which must not be moved to the worker
  const bytes = (await src.read(0, headBytes(budget))).slice();
  const size = await src.size();
  return { bytes, size, bytesRead: src.bytesRead, requests: src.requests };
}

/** `work`, or the signal's reason as soon as it fires (a source need not listen to the signal itself). */
function unlessAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortedBy(signal));
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

function serveReads(port: MessagePort, src: RangeSource, clock: WorkClock): void {
  port.on("message", (m: WorkerMessage) => {
    if (m.op === "started") return clock.start();
    clock.waitBegins();
    const answer = async (): Promise<MainMessage> => {
      try {
        if (m.op === "size")
          return { id: m.id, size: await src.size(), bytesRead: src.bytesRead, requests: src.requests };
        // a copy: the source may hand out views of a larger buffer, which must not be moved to the worker
        const bytes = (await src.read(m.start, m.end)).slice();
        return { id: m.id, bytes, bytesRead: src.bytesRead, requests: src.requests };
      } catch (err) {
        const error =
          err instanceof MediaError
            ? { code: err.code, message: err.message }
            : { bug: String((err as Error)?.stack ?? err) };
        return { id: m.id, error, bytesRead: src.bytesRead, requests: src.requests };
      }
    };
    void answer().then((reply) => {
      clock.waitEnds();
      try {
        port.postMessage(reply, "bytes" in reply && reply.bytes ? [reply.bytes.buffer as ArrayBuffer] : []);
      } catch {
        /* the task is over (port closed): nobody is waiting for these bytes */
      }
    });
  });
}

export function createInspectPool(options: InspectPoolOptions = {}): InspectPool {
  const threads = options.threads ?? INSPECT_LIMITS.workerThreads;
  const maxQueued = options.maxQueued ?? INSPECT_LIMITS.maxQueuedFiles;
  const deadlineMs = options.parseDeadlineMs ?? INSPECT_LIMITS.parseDeadlineMs;
  const workerUrl = options.workerUrl ?? DEFAULT_WORKER_URL;
  const maxHeapMb = options.maxHeapMb ?? INSPECT_LIMITS.maxHeapMbPerFile;
  const piscina = new Piscina<InspectTask, InspectAnswer>({
    filename: workerUrl.href,
    // one thread stays up: piscina replaces a terminated worker only up to minThreads, and queued files need one
    minThreads: 1,
    maxThreads: threads,
    idleTimeout: 30_000,
    execArgv: workerUrl.pathname.endsWith(".ts") ? ["--import", "tsx"] : [],
    resourceLimits: { maxOldGenerationSizeMb: maxHeapMb },
  });
  piscina.on("error", (err: Error) => options.onWorkerError?.(err));
  let inFlight = 0;

  async function inspect(kind: InspectKind, src: RangeSource, opts: InspectOptions = {}): Promise<MediaFacts> {
    const outer = opts.signal;
    if (outer?.aborted) throw abortedBy(outer);
    if (inFlight >= threads + maxQueued) {
      throw new MediaError(
        "busy",
        "the bot is reading too many files right now: nothing was read or charged; try again in a minute",
      );
    }
    inFlight++;
    const controller = new AbortController();
    let expired = false;
    const clock = new WorkClock(deadlineMs, () => {
      expired = true;
      controller.abort();
    });
    const onOuterAbort = () => controller.abort();
    outer?.addEventListener("abort", onOuterAbort, { once: true });
    const { port1, port2 } = new MessageChannel();
    serveReads(port1, src, clock);
    try {
      const head = await unlessAborted(readHead(src, kind, opts.byteBudget), outer);
      const task: InspectTask = {
        kind,
        label: src.label,
        port: port2,
        head,
        ...(opts.byteBudget === undefined ? {} : { byteBudget: opts.byteBudget }),
      };
      const transferList = [port2, head.bytes.buffer as ArrayBuffer];
      const answer = await piscina.run(task, { transferList, signal: controller.signal });
      if (!answer.ok) throw new MediaError(answer.code, answer.message);
      return answer.facts;
    } catch (err) {
      if (err instanceof MediaError) throw err;
      if (expired) {
        options.onParseKilled?.({ label: src.label, reason: "deadline" });
        throw new MediaError("too-slow", tooSlowMessage(deadlineMs));
      }
      if (outer?.aborted) throw abortedBy(outer);
      if ((err as NodeJS.ErrnoException).code === "ERR_WORKER_OUT_OF_MEMORY") {
        options.onParseKilled?.({ label: src.label, reason: "memory" });
        throw new MediaError(
          "too-slow",
          `this file takes too much memory to read — re-export it (the bot gives a file ${maxHeapMb} ` +
            `MB to be read in; a normal MP4 or image needs a few)`,
        );
      }
      throw err;
    } finally {
      clock.stop();
      outer?.removeEventListener("abort", onOuterAbort);
      closePort(port1);
      inFlight--;
    }
  }

  return {
    inspect: inspect as InspectPool["inspect"],
    get inFlight() {
      return inFlight;
    },
    async close() {
      await piscina.destroy();
    },
  };
}

/** The request's deadline says why it fired (a MediaError as the abort reason); anything else is a plain timeout. */
function abortedBy(signal: AbortSignal): MediaError {
  return signal.reason instanceof MediaError
    ? signal.reason
    : new MediaError("timeout", "reading the file was stopped: try again");
}
