import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/media/check-cli.js";
import { makeForeignVideo, makeImage, makeVideo } from "../media/corpus.js";
import { startRangeServer, type RangeServer } from "../media/range-server.js";

async function run(args: string[], env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (l) => out.push(l), err: (l) => err.push(l), env });
  return { code, out, err };
}

let good: string;
let short: string;
let server: RangeServer;

beforeAll(async () => {
  good = await makeVideo({ width: 1280, height: 720, durationSec: 3, pattern: "color", name: "cli-good" });
  short = await makeVideo({ width: 720, height: 720, durationSec: 2, pattern: "color", name: "short" });
  server = await startRangeServer();
  server.serve("/clip.mp4", good);
});
afterAll(async () => {
  await server?.close();
});

describe("npm run check", () => {
  it("exits 0 and prints facts when everything is accepted", async () => {
    const r = await run([good]);
    expect(r.code).toBe(0);
    expect(r.out.join("\n")).toMatch(/1280×720, 3 s, 30 fps/);
    expect(r.out.join("\n")).toContain("verdict: accept");
  });

  it("--json: one object per input with every facts field, exit 1 when one is rejected", async () => {
    const webm = await makeForeignVideo("webm");
    const png = await makeImage({ width: 640, height: 480, format: "png" });
    const r = await run(["--json", good, short, webm, png]);
    expect(r.code).toBe(1);
    const lines = r.out.map((l) => JSON.parse(l));
    expect(lines).toHaveLength(4);
    expect(lines[0]).toEqual({
      input: good,
      kind: "video",
      facts: {
        container: "mp4",
        durationSec: 3,
        width: 1280,
        height: 720,
        fps: 30,
        videoCodec: "avc1",
        hasAudio: true,
        bytes: expect.any(Number),
        format: null,
      },
      verdict: "accept",
      violations: [],
    });
    expect(lines[1].verdict).toBe("reject");
    expect(lines[1].violations[0].rule).toBe("video-duration");
    expect(lines[2]).toMatchObject({ kind: "video", verdict: "reject", violations: [{ rule: "video-container" }] });
    expect(lines[2].violations[0].message).toContain("WebM");
    expect(lines[3]).toMatchObject({
      kind: "image",
      verdict: "accept",
      facts: { format: "png", width: 640, height: 480, durationSec: null },
    });
  });

  it("reads URLs through the guarded fetcher: allow-list from --allow-host or MEDIA_ALLOWED_HOSTS, query redacted", async () => {
    const url = server.urlFor("/clip.mp4", "ex=1&hm=SECRET");
    const refused = await run(["--json", url]);
    expect(refused.code).toBe(1);
    expect(refused.out[0]).not.toContain("SECRET");
    expect(JSON.parse(refused.out[0] ?? "{}").violations[0].rule).toBe("media-fetch");

    const viaFlag = await run(["--json", "--allow-host", server.hostPort, url]);
    expect(viaFlag.code).toBe(0);
    expect(JSON.parse(viaFlag.out[0] ?? "{}").input).toBe(server.urlFor("/clip.mp4"));
    const viaEnv = await run([url], { MEDIA_ALLOWED_HOSTS: `example.org:443, ${server.hostPort}` });
    expect(viaEnv.code).toBe(0);
    expect(viaEnv.out.join("\n")).not.toContain("SECRET");
  });

  it("exits 2 on usage errors", async () => {
    expect((await run([])).code).toBe(2);
    expect((await run(["--bogus", good])).code).toBe(2);
    expect((await run(["--allow-host"])).code).toBe(2);
  });

  it("refuses an allowed host without a port, as the bot does at start-up, instead of silently allowing nothing", async () => {
    const flag = await run(["--allow-host", "127.0.0.1", good]);
    expect(flag.code).toBe(2);
    expect(flag.err).toEqual([
      'allowed host entry "127.0.0.1" has no port: write 127.0.0.1:<port> (e.g. 127.0.0.1:8080); ' +
        "without one it would allow every port over plain http",
    ]);
    const env = await run([good], { MEDIA_ALLOWED_HOSTS: "media.internal:99999" });
    expect(env.code).toBe(2);
    expect(env.err).toEqual(['allowed host entry "media.internal:99999" has port 99999; ports are 1–65535']);
  });
});
