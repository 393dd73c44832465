import { randomUUID } from "node:crypto";
import { mkdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { GuardedFetcher } from "../media/guarded-fetch.js";
import { FileRangeSource } from "../media/range-source.js";
import { renderSandboxResult } from "../media/sandbox-filter.js";
import { VIDEO_LIMITS } from "../media/limits.js";
import type { Logger } from "../logger.js";
import type { FalGateway, QueueStatus } from "./gateway.js";

/** The label written across a dry run's result, and the prefix of its links (served from this process's disk). */
export const DRY_RUN_LABEL = "dry run";
const SCHEME = "dry-run:";
/** Renders at once: ffmpeg is a child process, but two cores are shared with everything else. */
const RENDERS_AT_ONCE = 1;

interface DryRequest {
  id: string;
  videoUrl: string;
  state: "IN_QUEUE" | "IN_PROGRESS" | "COMPLETED" | "FAILED" | "CANCELLED";
  error?: string;
}

/**
 * FAL_DRY_RUN: a FalGateway that sends nothing to fal. A submit renders the input clip through the sandbox filter
 * (labelled "dry run") into `dir`; its result link is `dry-run:<id>.mp4`, which the returned fetcher serves from
 * there (every other link goes to the guarded fetcher). Requests are kept on disk, so a restart resumes them.
 */
export function createDryRun(options: { fetcher: GuardedFetcher; dir: string; logger: Logger; ffmpeg?: string }): {
  gateway: FalGateway;
  fetcher: GuardedFetcher;
} {
  const { fetcher, dir, logger } = options;
  const requests = new Map<string, DryRequest>();
  const waiting: DryRequest[] = [];
  let rendering = 0;
  const file = (name: string) => join(dir, name.replace(/[^a-z0-9.-]/gi, ""));
  const fileOf = (url: string) => file(url.slice(SCHEME.length));

  const fetchBytes = async (url: string, maxBytes: number) =>
    url.startsWith(SCHEME) ? { bytes: await readCapped(fileOf(url), maxBytes) } : fetcher.download(url, { maxBytes });

  async function render(request: DryRequest): Promise<void> {
    request.state = "IN_PROGRESS";
    const input = file(`${request.id}.input`);
    try {
      const { bytes } = await fetchBytes(request.videoUrl, VIDEO_LIMITS.maxBytes);
      await writeFile(input, bytes);
      await renderSandboxResult(input, file(`${request.id}.mp4`), DRY_RUN_LABEL, {
        ...(options.ffmpeg ? { ffmpeg: options.ffmpeg } : {}),
      });
      request.state = "COMPLETED";
    } catch (error) {
      request.state = "FAILED";
      request.error = error instanceof Error ? error.message : String(error);
      logger.warn({ err: error, requestId: request.id }, "dry run render failed");
    } finally {
      await rm(input, { force: true });
    }
  }

  function pump(): void {
    while (rendering < RENDERS_AT_ONCE && waiting.length) {
      const next = waiting.shift()!;
      if (next.state !== "IN_QUEUE") continue;
      rendering++;
      void render(next).finally(() => {
        rendering--;
        pump();
      });
    }
  }

  function enqueue(request: DryRequest): void {
    requests.set(request.id, request);
    waiting.push(request);
    pump();
  }

  /** a request this process does not hold: one recorded before a restart is rendered again */
  async function find(requestId: string): Promise<DryRequest> {
    const held = requests.get(requestId);
    if (held) return held;
    const saved = await readFile(file(`${requestId}.json`), "utf8").catch(() => undefined);
    if (!saved) throw new Error(`dry run request ${requestId} is not known here`);
    const request: DryRequest = { ...(JSON.parse(saved) as { id: string; videoUrl: string }), state: "IN_QUEUE" };
    const done = await stat(file(`${requestId}.mp4`)).catch(() => undefined);
    if (done) {
      request.state = "COMPLETED";
      requests.set(request.id, request);
    } else enqueue(request);
    return request;
  }

  const statusOf = (request: DryRequest): QueueStatus => {
    const links = { request_id: request.id, response_url: "", status_url: "", cancel_url: "" };
    if (request.state === "IN_QUEUE") return { ...links, status: "IN_QUEUE", queue_position: waiting.indexOf(request) };
    if (request.state === "IN_PROGRESS") return { ...links, status: "IN_PROGRESS", logs: [] };
    return { ...links, status: "COMPLETED", logs: [] };
  };

  const gateway: FalGateway = {
    async submit(_endpoint, input) {
      await mkdir(dir, { recursive: true });
      const request: DryRequest = { id: randomUUID(), videoUrl: input.video_url, state: "IN_QUEUE" };
      await writeFile(file(`${request.id}.json`), JSON.stringify({ id: request.id, videoUrl: request.videoUrl }));
      enqueue(request);
      return { requestId: request.id, queuePosition: waiting.length - 1 };
    },
    async status(_endpoint, requestId) {
      return statusOf(await find(requestId));
    },
    async result(_endpoint, requestId) {
      const request = await find(requestId);
      if (request.state !== "COMPLETED")
        throw new Error(`the dry run could not make its result: ${request.error ?? request.state}`);
      const size = (await stat(file(`${requestId}.mp4`))).size;
      return {
        video: { url: `${SCHEME}${requestId}.mp4`, content_type: "video/mp4", file_name: "dry-run.mp4", file_size: size },
      };
    },
    async cancel(_endpoint, requestId) {
      const request = await find(requestId);
      if (request.state === "IN_QUEUE") request.state = "CANCELLED";
    },
    async upload(bytes) {
      await mkdir(dir, { recursive: true });
      const name = `${randomUUID()}.upload`;
      await writeFile(file(name), bytes);
      return `${SCHEME}${name}`;
    },
  };

  const dryFetcher: GuardedFetcher = {
    openRange: async (url, opts) => (url.startsWith(SCHEME) ? new FileRangeSource(fileOf(url)) : fetcher.openRange(url, opts)),
    download: async (url, opts) => fetchBytes(url, opts.maxBytes),
  };
  return { gateway, fetcher: dryFetcher };
}

async function readCapped(path: string, maxBytes: number): Promise<Buffer> {
  const size = (await stat(path)).size;
  if (size > maxBytes) throw new Error(`the file is ${size} bytes, over ${maxBytes}`);
  return readFile(path);
}
