/**
 * Runs in a piscina worker thread: the inspector (inspect.ts) over a RangeSource whose bytes come from the main
 * thread over a MessagePort. The network stays on the main thread; every byte of the member's file is parsed here.
 * The protocol is inspect-pool.ts's: one "started" message, then read/size requests answered by id. The file's head
 * and size come with the task (read before the task took a thread), so only reads past the head wait for the network.
 */
import type { MessagePort } from "node:worker_threads";
import { inspectImage, inspectMedia, inspectVideo } from "./inspect.js";
import type { MediaFacts, RangeSource } from "./types.js";
import { closePort } from "./ports.js";
import { MediaError } from "./types.js";

export type InspectKind = "video" | "image" | "media";

/** The file's first bytes (the inspector's first read, limits.ts headBytes) and its size, read by the pool. */
export interface FileHead {
  bytes: Uint8Array;
  size: number;
  bytesRead: number;
  requests: number;
}

export interface InspectTask {
  kind: InspectKind;
  label: string;
  byteBudget?: number;
  head?: FileHead;
  port: MessagePort;
}

export type InspectAnswer = { ok: true; facts: MediaFacts } | { ok: false; code: MediaError["code"]; message: string };

/** worker → main */
export type WorkerMessage =
  { op: "started" } | { op: "read"; id: number; start: number; end: number } | { op: "size"; id: number };

/** main → worker */
export type MainMessage =
  | { id: number; bytes?: Uint8Array; size?: number; bytesRead: number; requests: number }
  | {
      id: number;
      error: { code: MediaError["code"]; message: string } | { bug: string };
      bytesRead: number;
      requests: number;
    };

class PortRangeSource implements RangeSource {
  bytesRead = 0;
  requests = 0;
  #next = 0;
  #pending = new Map<number, { resolve: (m: MainMessage) => void }>();

  constructor(
    private readonly port: MessagePort,
    readonly label: string,
    private readonly head?: FileHead,
  ) {
    if (head) {
      this.bytesRead = head.bytesRead;
      this.requests = head.requests;
    }
    port.on("message", (m: MainMessage) => {
      const waiter = this.#pending.get(m.id);
      this.#pending.delete(m.id);
      waiter?.resolve(m);
    });
  }

  async #ask(message: WorkerMessage & { id: number }): Promise<Exclude<MainMessage, { error: unknown }>> {
    const answer = await new Promise<MainMessage>((resolve) => {
      this.#pending.set(message.id, { resolve });
      this.port.postMessage(message);
    });
    this.bytesRead = answer.bytesRead;
    this.requests = answer.requests;
    if ("error" in answer) {
      if ("bug" in answer.error) throw new Error(answer.error.bug);
      throw new MediaError(answer.error.code, answer.error.message);
    }
    return answer;
  }

  async size(): Promise<number> {
    if (this.head) return this.head.size;
    return (await this.#ask({ op: "size", id: this.#next++ })).size ?? 0;
  }

  async read(start: number, end: number): Promise<Uint8Array> {
    const head = this.head;
    if (head && start >= 0 && Math.min(end, head.size) <= head.bytes.length) {
      return head.bytes.slice(start, Math.max(start, Math.min(end, head.size)));
    }
    return (await this.#ask({ op: "read", id: this.#next++, start, end })).bytes ?? new Uint8Array(0);
  }
}

export default async function inspectInWorker(task: InspectTask): Promise<InspectAnswer> {
  const src = new PortRangeSource(task.port, task.label, task.head);
  task.port.postMessage({ op: "started" } satisfies WorkerMessage);
  try {
    const opts = task.byteBudget === undefined ? {} : { byteBudget: task.byteBudget };
    const facts =
      task.kind === "video"
        ? await inspectVideo(src, opts)
        : task.kind === "image"
          ? await inspectImage(src, opts)
          : await inspectMedia(src, opts);
    return { ok: true, facts };
  } catch (err) {
    if (err instanceof MediaError) return { ok: false, code: err.code, message: err.message };
    throw err;
  } finally {
    closePort(task.port);
  }
}
