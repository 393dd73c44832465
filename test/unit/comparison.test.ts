import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  comparisonFilter,
  ComparisonSkipped,
  createComparisonMaker,
  videoKbpsFor,
  type ComparisonDeps,
} from "../../src/media/comparison.js";
import { findFfmpeg } from "../../src/media/ffmpeg.js";
import type { VideoFacts } from "../../src/media/types.js";

const dir = mkdtempSync(join(tmpdir(), "kling-compare-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
/** each clip's temporary directory is made here, so a test sees exactly its own */
const tempRoot = mkdtempSync(join(dir, "temp-"));

/** A stand-in ffmpeg: a shell script that logs its arguments, then does what the test needs. */
function fakeFfmpeg(name: string, body: string): string {
  const path = join(dir, name);
  writeFileSync(path, `#!/bin/sh\necho "$@" >> "${path}.calls"\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}
const calls = (path: string) => readFileSync(`${path}.calls`, "utf8").trim().split("\n");

const landscape: VideoFacts = {
  kind: "video",
  container: "mp4",
  durationSec: 5,
  width: 1280,
  height: 720,
  fps: 24,
  videoCodec: "avc1",
  hasAudio: false,
  bytes: 1,
};
const deps = (ffmpegPath: string, limits: ComparisonDeps["limits"] = {}): ComparisonDeps => ({
  ffmpegPath,
  downloader: { download: async () => ({ bytes: Buffer.from("not really a video") }) },
  inspect: async () => landscape,
  limits,
  tempRoot,
});
const sources = { inputUrl: "https://cdn.test/in.mp4", resultUrl: "https://fal.test/out.mp4", maxBytes: 1_000_000 };

describe("the before/after clip's bounds", () => {
  it("an encode past its time is killed, and its temporary files are removed", async () => {
    const maker = createComparisonMaker(deps(fakeFfmpeg("slow", "sleep 30"), { encodeTimeoutMs: 300 }));
    const started = Date.now();
    await expect(maker.make(sources)).rejects.toThrow(/killed after 300 ms/);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(readdirSync(tempRoot)).toEqual([]);
  });

  it("a clip over the upload limit is encoded once more at a lower rate, then given up", async () => {
    // writes 2 MB to the output (its last argument), whatever the rate
    const path = fakeFfmpeg("big", 'for last; do :; done; head -c 2000000 /dev/zero > "$last"');
    const maker = createComparisonMaker(deps(path));
    await expect(maker.make(sources)).rejects.toBeInstanceOf(ComparisonSkipped);
    const rates = calls(path).map((line) => line.match(/-b:v (\d+)k/)![1]);
    const first = videoKbpsFor(1_000_000 * 0.8, 5);
    expect(rates).toEqual([String(first), String(Math.floor(first * 0.6))]);
  });

  it("a clip that fits is returned as it was encoded, the same length as the result", async () => {
    const path = fakeFfmpeg("fits", 'for last; do :; done; head -c 1000 /dev/zero > "$last"');
    const clip = await createComparisonMaker(deps(path)).make(sources);
    expect(clip).toMatchObject({ fileName: "before-after.mp4", layout: "side-by-side", durationSec: 5 });
    expect(clip.bytes.length).toBe(1000);
    expect(calls(path)[0]).toContain("-t 5.000");
    expect(calls(path)[0]).toContain(`-protocol_whitelist file -f mov -i ${tempRoot}/`);
    expect(readdirSync(tempRoot)).toEqual([]);
  });

  it("one encode at a time, a bounded queue: more are skipped", async () => {
    const path = fakeFfmpeg("queue", 'sleep 1; for last; do :; done; head -c 10 /dev/zero > "$last"');
    const maker = createComparisonMaker(deps(path, { concurrent: 1, queued: 1 }));
    const results = await Promise.allSettled([maker.make(sources), maker.make(sources), maker.make(sources)]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "rejected"]);
    expect(String((results[2] as PromiseRejectedResult).reason)).toMatch(/too many clips/);
  });

  it("close() kills the running encode and refuses new ones", async () => {
    const maker = createComparisonMaker(deps(fakeFfmpeg("stop", "sleep 30")));
    const running = maker.make(sources);
    await new Promise((resolve) => setTimeout(resolve, 300));
    maker.close();
    await expect(running).rejects.toBeInstanceOf(ComparisonSkipped);
    await expect(maker.make(sources)).rejects.toThrow(/stopping/);
  });

  it("halves share a height side by side and a width stacked; the input holds its last frame", () => {
    expect(comparisonFilter("side-by-side", 5, 540, 24)).toContain("scale=-2:540");
    expect(comparisonFilter("side-by-side", 5, 540, 24)).toContain("hstack=inputs=2");
    expect(comparisonFilter("stacked", 5, 540, 24)).toContain("scale=540:-2");
    expect(comparisonFilter("stacked", 5, 540, 24)).toContain("vstack=inputs=2");
    expect(comparisonFilter("stacked", 5, 540, 24)).toMatch(/^\[0:v:0\][^;]*tpad=stop_mode=clone/);
  });
});

describe("finding ffmpeg at start-up", () => {
  it("absent from PATH: none; a program named ffmpeg that is not one: none; the real one: its absolute path", async () => {
    expect(await findFfmpeg("/nonexistent:relative/dir")).toBeUndefined();
    const impostor = mkdtempSync(join(dir, "impostor-"));
    writeFileSync(join(impostor, "ffmpeg"), "#!/bin/sh\necho hello\n");
    chmodSync(join(impostor, "ffmpeg"), 0o755);
    expect(await findFfmpeg(impostor)).toBeUndefined();
    const found = await findFfmpeg(`${impostor}:${process.env.PATH}`);
    expect(found).toMatch(/^\/.*\/ffmpeg$/);
  });
});
