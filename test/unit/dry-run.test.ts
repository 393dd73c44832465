import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createDryRun } from "../../src/fal/dry-run.js";
import { isAlreadyCompleted } from "../../src/fal/errors.js";
import type { FalKlingInput } from "../../src/fal/endpoints.js";
import type { FalGateway } from "../../src/fal/gateway.js";
import { createGuardedFetcher } from "../../src/media/guarded-fetch.js";
import { inspectVideo } from "../../src/media/inspect.js";
import { BufferRangeSource } from "../../src/media/range-source.js";
import { createLogger } from "../../src/logger.js";
import { makeVideo } from "../media/corpus.js";

const input_ = (video_url: string): FalKlingInput => ({
  prompt: "p",
  video_url,
  keep_audio: true,
  shot_type: "customize",
});
const ENDPOINT = "fal-ai/kling-video/o3/standard/video-to-video/edit";
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "kling-dry-run-unit-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const open = (ffmpeg?: string) =>
  createDryRun({
    fetcher: createGuardedFetcher(),
    dir,
    logger: createLogger("silent"),
    ...(ffmpeg ? { ffmpeg } : {}),
  });

async function settled(gateway: FalGateway, requestId: string): Promise<void> {
  const end = Date.now() + 20_000;
  while ((await gateway.status(ENDPOINT, requestId)).status !== "COMPLETED") {
    if (Date.now() > end) throw new Error("the dry run never finished");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** ffmpeg behind a script that counts its runs (one line per run). */
function countingFfmpeg(): { path: string; runs: () => number } {
  const log = join(dir, "runs.log");
  const path = join(dir, "ffmpeg.sh");
  writeFileSync(path, `#!/bin/sh\necho run >> '${log}'\nexec ffmpeg "$@"\n`);
  chmodSync(path, 0o755);
  return {
    path,
    runs: () => {
      try {
        return readFileSync(log, "utf8").trim().split("\n").length;
      } catch {
        return 0;
      }
    },
  };
}

describe("the dry-run gateway (FAL_DRY_RUN)", () => {
  it("resumes after a restart: a request whose render never finished is rendered again, once; a done one is not", async () => {
    const clip = await readFile(
      await makeVideo({ width: 1280, height: 720, durationSec: 3, fps: 24, pattern: "color" }),
    );
    // the first process cannot render (no ffmpeg): the request is recorded, its render fails
    const first = open("/nonexistent/ffmpeg");
    const input = await first.gateway.upload(clip, "video/mp4", "clip.mp4");
    const { requestId, queuePosition } = await first.gateway.submit(ENDPOINT, input_(input));
    expect(queuePosition === undefined || queuePosition >= 0).toBe(true);
    await settled(first.gateway, requestId);
    await expect(first.gateway.result(ENDPOINT, requestId)).rejects.toMatchObject({
      status: 422,
      body: { detail: expect.stringMatching(/^dry run: no stand-in result, ffmpeg could not render it/) },
    });
    // what a crash mid-render leaves behind is not taken for a result
    writeFileSync(join(dir, `${requestId}.part.mp4`), "half a file");

    // the next process picks the request up from disk; concurrent calls share one render
    const ffmpeg = countingFfmpeg();
    const second = open(ffmpeg.path);
    const statuses = await Promise.all([1, 2, 3].map(() => second.gateway.status(ENDPOINT, requestId)));
    expect(statuses.map((s) => s.status)).not.toContain("COMPLETED");
    await settled(second.gateway, requestId);
    expect(ffmpeg.runs()).toBeGreaterThan(0);
    expect(ffmpeg.runs()).toBeLessThanOrEqual(2); // one render (a second run only where ffmpeg has no font)
    const output = await second.gateway.result(ENDPOINT, requestId);
    expect(output.video.url).toBe(`dry-run:${requestId}.mp4`);
    const { bytes } = await second.fetcher.download(output.video.url, { maxBytes: 50_000_000 });
    expect(bytes.equals(clip)).toBe(false);
    expect((await inspectVideo(new BufferRangeSource(bytes))).durationSec).toBeCloseTo(3, 0);
    await expect(second.fetcher.download(output.video.url, { maxBytes: 1_000 })).rejects.toMatchObject({
      code: "too-large",
    });

    // a third process finds it done: nothing is rendered again, and a cancel is "already completed", as at fal
    const third = open("/nonexistent/ffmpeg");
    expect((await third.gateway.status(ENDPOINT, requestId)).status).toBe("COMPLETED");
    expect((await third.gateway.result(ENDPOINT, requestId)).video.file_size).toBe(bytes.length);
    expect(isAlreadyCompleted(await third.gateway.cancel(ENDPOINT, requestId).catch((e: unknown) => e))).toBe(true);
  }, 30_000);

  it("a request it has no record of ends at once (its result says why) instead of polling to the deadline", async () => {
    const { gateway } = open();
    const unknown = "6f1c2b9e-3f4a-4c5d-8e9f-0a1b2c3d4e5f";
    expect((await gateway.status(ENDPOINT, unknown)).status).toBe("COMPLETED");
    await expect(gateway.result(ENDPOINT, unknown)).rejects.toMatchObject({
      status: 422,
      body: { detail: expect.stringMatching(/its files are gone/) },
    });
  });

  it("its links name only the files it writes: no paths, no records", async () => {
    const { gateway, fetcher } = open();
    const upload = await gateway.upload(Buffer.from("bytes"), "video/mp4", "x.mp4");
    expect((await fetcher.download(upload, { maxBytes: 100 })).bytes.toString()).toBe("bytes");
    const { requestId } = await gateway.submit(ENDPOINT, input_(upload));
    for (const link of ["dry-run:../../etc/passwd", "dry-run:..", `dry-run:${requestId}.json`, "dry-run:/etc/hosts"]) {
      await expect(fetcher.download(link, { maxBytes: 100 })).rejects.toMatchObject({ code: "fetch-failed" });
      await expect(fetcher.openRange(link)).rejects.toMatchObject({ code: "fetch-failed" });
    }
    // every other link is the guarded fetcher's (which refuses non-https ones)
    await expect(fetcher.download("file:///etc/passwd", { maxBytes: 100 })).rejects.toMatchObject({
      code: "blocked-address",
    });
  });
});
