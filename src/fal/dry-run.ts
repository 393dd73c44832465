import { randomUUID } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { ApiError } from "@fal-ai/client";
import type { GuardedFetcher } from "../media/guarded-fetch.js";
import { FileRangeSource } from "../media/range-source.js";
import { renderSandboxResult } from "../media/sandbox-filter.js";
import { VIDEO_LIMITS } from "../media/limits.js";
import { MediaError } from "../media/types.js";
import { errorMessage, formatMegabytes } from "../text.js";
import type { Logger } from "../logger.js";
import type { FalGateway, QueueStatus } from "./gateway.js";

/** The label written across a dry run's result, and the prefix of its links (served from this process's disk). */
export const DRY_RUN_LABEL = "dry run";
export const DRY_RUN_SCHEME = "dry-run:";
/** Renders at once: ffmpeg is a child process, but two cores are shared with everything else. */
const RENDERS_AT_ONCE = 1;
/** How often, at most, files older than `keepMs` are deleted (checked on submit). */
const PRUNE_EVERY_MS = 3_600_000;
/** The only names the dry run writes, and so the only ones its links may name (never a path). */
const RESULT_NAME = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.(mp4|upload)$/;
const REQUEST_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A dry-run link: `dry-run:<uuid>.mp4` (a result) or `dry-run:<uuid>.upload` (a re-hosted input). */
export const isDryRunLink = (url: string) => url.startsWith(DRY_RUN_SCHEME);

interface DryRequest {
  id: string;
  videoUrl: string;
  state: "IN_QUEUE" | "IN_PROGRESS" | "COMPLETED" | "FAILED" | "CANCELLED";
  error?: string;
}

export interface DryRunOptions {
  /** the guarded fetcher: fetches the inputs (as fal would) and every link that is not a dry-run one */
  fetcher: GuardedFetcher;
  /** where requests, renders and uploads are kept (a restart resumes from here) */
  dir: string;
  logger: Logger;
  ffmpeg?: string;
  /** files older than this are deleted (default 48 h: a job older than JOB_RESUME_MAX_AGE_HOURS is closed anyway) */
  keepMs?: number;
  now?: () => number;
}

/** A fal-shaped refusal, so the runner and describeFalError treat it as they would fal's own. */
const falAnswer = (status: number, body: object, message: string) =>
  new ApiError({ message, status, body, requestId: "" });

/**
 * FAL_DRY_RUN: a FalGateway that sends nothing to fal. A submit renders the input clip through the sandbox filter
 * (labelled "dry run") into `dir`; its result link is `dry-run:<id>.mp4`, which the returned fetcher serves from
 * there (every other link goes to the guarded fetcher). Requests are kept on disk, so a restart resumes them.
 */
export function createDryRun(options: DryRunOptions): { gateway: FalGateway; fetcher: GuardedFetcher } {
  const { fetcher, dir, logger } = options;
  const keepMs = options.keepMs ?? 48 * 3_600_000;
  const now = options.now ?? Date.now;
  const requests = new Map<string, DryRequest>();
  /** a request being read back from disk: concurrent calls share one read (and one render) */
  const loading = new Map<string, Promise<DryRequest | undefined>>();
  const waiting: DryRequest[] = [];
  let rendering = 0;
  let prunedAt = 0;
  const file = (name: string) => join(dir, name);

  /** The file a dry-run link names; anything but a name the dry run writes is refused. */
  function fileOf(url: string): string {
    const name = url.slice(DRY_RUN_SCHEME.length);
    if (!RESULT_NAME.test(name)) throw new MediaError("fetch-failed", "that dry-run link names no dry-run file");
    return file(name);
  }

  const fetchBytes = async (url: string, maxBytes: number) =>
    isDryRunLink(url) ? { bytes: await readCapped(fileOf(url), maxBytes) } : fetcher.download(url, { maxBytes });

  async function render(request: DryRequest): Promise<void> {
    request.state = "IN_PROGRESS";
    const input = file(`${request.id}.input`);
    // written under a temporary name and renamed once whole: a restart mid-render never takes half a file for done
    const partial = file(`${request.id}.part.mp4`);
    try {
      const { bytes } = await fetchBytes(request.videoUrl, VIDEO_LIMITS.maxBytes);
      await writeFile(input, bytes);
      await renderSandboxResult(input, partial, DRY_RUN_LABEL, options.ffmpeg ? { ffmpeg: options.ffmpeg } : {});
      await rename(partial, file(`${request.id}.mp4`));
      request.state = "COMPLETED";
    } catch (error) {
      request.state = "FAILED";
      request.error = errorMessage(error);
      logger.warn({ err: error, requestId: request.id }, "dry run render failed");
    } finally {
      await Promise.all([rm(input, { force: true }), rm(partial, { force: true })]);
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

  /** A request recorded before a restart: done if its result is on disk, else rendered again. */
  async function load(requestId: string): Promise<DryRequest | undefined> {
    if (!REQUEST_ID.test(requestId)) return undefined;
    const saved = await readFile(file(`${requestId}.json`), "utf8").catch(() => undefined);
    if (!saved) return undefined;
    const { videoUrl } = JSON.parse(saved) as { videoUrl: string };
    const request: DryRequest = { id: requestId, videoUrl, state: "IN_QUEUE" };
    if (await stat(file(`${requestId}.mp4`)).catch(() => undefined)) {
      request.state = "COMPLETED";
      requests.set(requestId, request);
    } else enqueue(request);
    return request;
  }

  /** The request, or undefined when this folder has no record of it (emptied, or pruned). */
  async function find(requestId: string): Promise<DryRequest | undefined> {
    const held = requests.get(requestId);
    if (held) return held;
    let pending = loading.get(requestId);
    if (!pending) {
      pending = load(requestId).finally(() => loading.delete(requestId));
      loading.set(requestId, pending);
    }
    return pending;
  }

  function prune(): void {
    if (now() - prunedAt < PRUNE_EVERY_MS) return;
    prunedAt = now();
    void (async () => {
      for (const name of await readdir(dir)) {
        const id = name.split(".")[0]!;
        if (requests.get(id)?.state === "IN_PROGRESS" || requests.get(id)?.state === "IN_QUEUE") continue;
        const info = await stat(file(name)).catch(() => undefined);
        if (info && now() - info.mtimeMs > keepMs) {
          await rm(file(name), { force: true });
          requests.delete(id);
        }
      }
    })().catch((error) => logger.warn({ err: error, dir }, "could not delete old dry-run files"));
  }

  const statusOf = (request: DryRequest | undefined, requestId: string): QueueStatus => {
    const links = { request_id: requestId, response_url: "", status_url: "", cancel_url: "" };
    if (request?.state === "IN_QUEUE") {
      return { ...links, status: "IN_QUEUE", queue_position: Math.max(0, waiting.indexOf(request)) };
    }
    if (request?.state === "IN_PROGRESS") return { ...links, status: "IN_PROGRESS", logs: [] };
    // done, failed, cancelled or unknown: the result call says which (as fal's does)
    return { ...links, status: "COMPLETED", logs: [] };
  };

  const gateway: FalGateway = {
    async submit(_endpoint, input) {
      await mkdir(dir, { recursive: true });
      prune();
      const request: DryRequest = { id: randomUUID(), videoUrl: input.video_url, state: "IN_QUEUE" };
      await writeFile(file(`${request.id}.json`), JSON.stringify({ id: request.id, videoUrl: request.videoUrl }));
      enqueue(request);
      const position = waiting.indexOf(request);
      return { requestId: request.id, ...(position >= 0 ? { queuePosition: position } : {}) };
    },
    async status(_endpoint, requestId) {
      return statusOf(await find(requestId), requestId);
    },
    async result(_endpoint, requestId) {
      const request = await find(requestId);
      if (request?.state !== "COMPLETED") {
        const why = !request
          ? "its files are gone from the bot's dry-run folder"
          : request.state === "FAILED"
            ? "ffmpeg could not render it (see the bot's log; is ffmpeg installed?)"
            : "it was cancelled";
        throw falAnswer(422, { detail: `dry run: no stand-in result, ${why}` }, `dry run ${requestId}: ${why}`);
      }
      const size = (await stat(file(`${requestId}.mp4`))).size;
      return {
        video: {
          url: `${DRY_RUN_SCHEME}${requestId}.mp4`,
          content_type: "video/mp4",
          file_name: "dry-run.mp4",
          file_size: size,
        },
      };
    },
    async cancel(_endpoint, requestId) {
      const request = await find(requestId);
      if (request?.state === "IN_QUEUE") request.state = "CANCELLED";
      // as fal answers a cancel of a finished request: the runner then delivers what was made
      else if (request?.state === "COMPLETED")
        throw falAnswer(400, { status: "ALREADY_COMPLETED" }, "the dry run already finished this request");
    },
    async upload(bytes) {
      await mkdir(dir, { recursive: true });
      const name = `${randomUUID()}.upload`;
      await writeFile(file(name), bytes);
      return `${DRY_RUN_SCHEME}${name}`;
    },
  };

  const dryFetcher: GuardedFetcher = {
    openRange: async (url, opts) =>
      isDryRunLink(url) ? new FileRangeSource(fileOf(url), "dry-run result") : fetcher.openRange(url, opts),
    download: async (url, opts) => fetchBytes(url, opts.maxBytes),
  };
  return { gateway, fetcher: dryFetcher };
}

async function readCapped(path: string, maxBytes: number): Promise<Buffer> {
  const size = await stat(path).then(
    (info) => info.size,
    () => {
      throw new MediaError("fetch-failed", "the dry-run file is gone");
    },
  );
  if (size > maxBytes)
    throw new MediaError("too-large", `the file is ${formatMegabytes(size)}, over ${formatMegabytes(maxBytes)}`);
  return readFile(path);
}
