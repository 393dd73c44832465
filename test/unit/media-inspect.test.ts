import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stat } from "node:fs/promises";
import { createGuardedFetcher } from "../../src/media/guarded-fetch.js";
import { inspectImage, inspectMedia, inspectVideo } from "../../src/media/inspect.js";
import { FileRangeSource } from "../../src/media/range-source.js";
import { checkImageFacts, checkVideoFacts } from "../../src/media/rules.js";
import type { ImageFacts, VideoFacts } from "../../src/media/types.js";
import { MediaError } from "../../src/media/types.js";
import {
  makeEmpty,
  makeForeignVideo,
  makeImage,
  makeRandomBytes,
  makeTextFile,
  makeTruncated,
  makeVideo,
} from "../media/corpus.js";
import { startRangeServer, type RangeServer } from "../media/range-server.js";

// "color" clips encode in a fraction of the time of testsrc and parse the same
const c = { pattern: "color" as const };

const corpus = {
  landscape3s: () => makeVideo({ width: 1280, height: 720, durationSec: 3, name: "landscape-3s" }),
  portrait: () => makeVideo({ ...c, width: 720, height: 1280, durationSec: 4, faststart: true, name: "portrait" }),
  square10s: () => makeVideo({ ...c, width: 720, height: 720, durationSec: 10, fps: 24, name: "square-10s" }),
  tooShort: () => makeVideo({ ...c, width: 720, height: 720, durationSec: 2, name: "short" }),
  tooLong: () => makeVideo({ ...c, width: 720, height: 720, durationSec: 12, fps: 24, audio: false, name: "long" }),
  tooSmall: () => makeVideo({ ...c, width: 640, height: 360, durationSec: 3, name: "small" }),
  tooLarge: () => makeVideo({ ...c, width: 3840, height: 2160, durationSec: 3, fps: 24, audio: false, name: "uhd" }),
  rotated: () =>
    makeVideo({ ...c, width: 1920, height: 1080, durationSec: 3, container: "mov", rotate: 90, name: "rotated" }),
  fragmented: () => makeVideo({ ...c, width: 1280, height: 720, durationSec: 4, fragmented: true, name: "frag" }),
  hevc: () =>
    makeVideo({ ...c, width: 1280, height: 720, durationSec: 3, container: "mov", codec: "hevc", name: "hevc" }),
  prores: () =>
    makeVideo({
      ...c,
      width: 1280,
      height: 720,
      durationSec: 3,
      container: "mov",
      codec: "prores",
      audio: false,
      name: "prores",
    }),
  noAudio: () =>
    makeVideo({ ...c, width: 1280, height: 720, durationSec: 3, audio: false, faststart: true, name: "noaudio" }),
  fps15: () => makeVideo({ ...c, width: 720, height: 720, durationSec: 3, fps: 15, name: "fps15" }),
  fps60: () => makeVideo({ ...c, width: 720, height: 720, durationSec: 3, fps: 60, name: "fps60" }),
};

type Key = keyof typeof corpus;
const paths = {} as Record<Key, string>;
const facts = {} as Record<Key, VideoFacts>;
let server: RangeServer;

beforeAll(async () => {
  for (const [k, make] of Object.entries(corpus) as [Key, () => Promise<string>][]) paths[k] = await make();
  for (const k of Object.keys(corpus) as Key[]) facts[k] = await inspectVideo(new FileRangeSource(paths[k]));
  server = await startRangeServer();
});
afterAll(async () => {
  await server?.close();
});

const rules = (f: VideoFacts) => checkVideoFacts(f).map((v) => v.rule);

async function mediaError(p: Promise<unknown>): Promise<MediaError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(MediaError);
  return err as MediaError;
}

describe("inspectVideo over the corpus", () => {
  it("reads a landscape 3.0 s MP4 (moov at the end) and accepts it", async () => {
    const f = facts.landscape3s;
    expect(f).toMatchObject({
      kind: "video",
      container: "mp4",
      width: 1280,
      height: 720,
      fps: 30,
      videoCodec: "avc1",
      hasAudio: true,
    });
    expect(f.durationSec).toBeCloseTo(3, 2);
    expect(f.bytes).toBe((await stat(paths.landscape3s)).size);
    expect(rules(f)).toEqual([]);
  });

  it("reads portrait and square clips, including the 10 s upper boundary", () => {
    expect(facts.portrait).toMatchObject({ width: 720, height: 1280, container: "mp4" });
    expect(facts.portrait.durationSec).toBeCloseTo(4, 1);
    expect(facts.square10s).toMatchObject({ width: 720, height: 720, fps: 24 });
    expect(facts.square10s.durationSec).toBeCloseTo(10, 1);
    expect(rules(facts.portrait)).toEqual([]);
    expect(rules(facts.square10s)).toEqual([]);
  });

  it("refuses too short and too long clips with the measured value", () => {
    expect(facts.tooShort.durationSec).toBeCloseTo(2, 1);
    expect(checkVideoFacts(facts.tooShort)).toMatchObject([
      { rule: "video-duration", message: "video is 2.0 s; Kling accepts 3–10 s: use a longer clip" },
    ]);
    expect(facts.tooLong.durationSec).toBeCloseTo(12, 1);
    expect(checkVideoFacts(facts.tooLong)[0]?.message).toBe("video is 12.0 s; Kling accepts 3–10 s: trim it");
  });

  it("refuses 640×360 and 3840×2160", () => {
    expect(facts.tooSmall).toMatchObject({ width: 640, height: 360 });
    expect(rules(facts.tooSmall)).toEqual(["video-resolution"]);
    expect(checkVideoFacts(facts.tooSmall)[0]?.message).toContain("640×360");
    expect(facts.tooLarge).toMatchObject({ width: 3840, height: 2160 });
    expect(rules(facts.tooLarge)).toEqual(["video-resolution"]);
  });

  it("applies the rotation matrix: 1920×1080 stored at 90° is 1080×1920", () => {
    expect(facts.rotated).toMatchObject({ container: "mov", width: 1080, height: 1920 });
    expect(rules(facts.rotated)).toEqual([]);
  });

  it("sums the fragments of a fragmented MP4 (empty moov)", () => {
    expect(facts.fragmented.durationSec).toBeGreaterThan(3.95);
    expect(facts.fragmented.durationSec).toBeLessThan(4.1);
    expect(facts.fragmented.fps).toBeGreaterThan(29);
    expect(facts.fragmented.fps).toBeLessThanOrEqual(30);
    expect(rules(facts.fragmented)).toEqual([]);
  });

  it("reads HEVC and ProRes QuickTime files", () => {
    expect(facts.hevc).toMatchObject({ container: "mov", videoCodec: "hvc1", width: 1280, height: 720, fps: 30 });
    expect(facts.prores).toMatchObject({ container: "mov", width: 1280, height: 720, hasAudio: false });
    expect(facts.prores.videoCodec).toMatch(/^ap/);
    expect(rules(facts.hevc)).toEqual([]);
    expect(rules(facts.prores)).toEqual([]);
  });

  it("tells whether there is audio", () => {
    expect(facts.noAudio.hasAudio).toBe(false);
    expect(facts.landscape3s.hasAudio).toBe(true);
  });

  it("measures 15 fps (refused) and 60 fps (accepted)", () => {
    expect(facts.fps15.fps).toBe(15);
    expect(checkVideoFacts(facts.fps15)).toMatchObject([
      { rule: "video-fps", message: "video is 15 fps; Kling accepts 24–60 fps: export it at 24 or 30 fps" },
    ]);
    expect(facts.fps60.fps).toBe(60);
    expect(rules(facts.fps60)).toEqual([]);
  });
});

describe("files that are not usable videos", () => {
  it("names WebM, MKV, AVI and GIF saved as .mp4", async () => {
    expect((await mediaError(inspectVideo(new FileRangeSource(await makeForeignVideo("webm"))))).message).toBe(
      "this is a WebM file, not MP4/MOV: re-export it as MP4 (H.264)",
    );
    const mkv = await mediaError(inspectVideo(new FileRangeSource(await makeForeignVideo("mkv"))));
    expect(mkv.code).toBe("unsupported-format");
    expect(mkv.message).toContain("MKV");
    expect((await mediaError(inspectVideo(new FileRangeSource(await makeForeignVideo("avi"))))).message).toContain(
      "AVI",
    );
    expect((await mediaError(inspectVideo(new FileRangeSource(await makeForeignVideo("gif"))))).message).toContain(
      "GIF image, not a video",
    );
  });

  it("refuses a file cut short in its mdat (moov first)", async () => {
    const cut = await makeTruncated(paths.portrait, -5000);
    const err = await mediaError(inspectVideo(new FileRangeSource(cut)));
    expect(err.code).toBe("truncated");
    expect(err.message).toMatch(/cut short/);
  });

  it("refuses a file cut right after a leading moov (parses as whole otherwise)", async () => {
    const whole = new FileRangeSource(paths.noAudio);
    // ftyp + moov end where the mdat begins: find it from the file itself
    const head = Buffer.from(await whole.read(0, 64 * 1024));
    const mdatAt = head.indexOf("mdat") - 4;
    expect(mdatAt).toBeGreaterThan(0);
    const err = await mediaError(inspectVideo(new FileRangeSource(await makeTruncated(paths.noAudio, mdatAt))));
    expect(err.code).toBe("truncated");
  });

  it("refuses a moov-at-end file cut inside its moov, and one missing its moov", async () => {
    const size = (await stat(paths.landscape3s)).size;
    expect(
      (await mediaError(inspectVideo(new FileRangeSource(await makeTruncated(paths.landscape3s, -100))))).code,
    ).toBe("truncated");
    expect(
      (await mediaError(inspectVideo(new FileRangeSource(await makeTruncated(paths.landscape3s, size - 20_000))))).code,
    ).toBe("truncated");
  });

  it("refuses zero bytes, random bytes and text", async () => {
    expect((await mediaError(inspectVideo(new FileRangeSource(await makeEmpty())))).code).toBe("empty");
    const random = await mediaError(inspectVideo(new FileRangeSource(await makeRandomBytes(50_000, 7))));
    expect(random.code).toBe("unsupported-format");
    const text = await mediaError(inspectVideo(new FileRangeSource(await makeTextFile("clip.mp4"))));
    expect(text.message).toBe("this is a text file, not MP4/MOV: re-export it as MP4 (H.264)");
  });
});

describe("inspectImage", () => {
  const img = (f: ImageFacts) => checkImageFacts(f, "Image 1").map((v) => v.rule);

  it("reads JPG, PNG and WebP sizes", async () => {
    for (const format of ["jpg", "png", "webp"] as const) {
      const p = await makeImage({ width: 640, height: 480, format });
      const f = await inspectImage(new FileRangeSource(p));
      expect(f).toEqual({ kind: "image", format, width: 640, height: 480, bytes: (await stat(p)).size });
      expect(img(f)).toEqual([]);
    }
  });

  it("refuses a too-small and a too-wide image", async () => {
    const small = await inspectImage(new FileRangeSource(await makeImage({ width: 200, height: 320, format: "png" })));
    expect(checkImageFacts(small, "Image 1")).toMatchObject([
      {
        rule: "image-resolution",
        message: "Image 1 is 200×320 px; Kling needs at least 300 px on each side: use a larger image",
      },
    ]);
    const wide = await inspectImage(new FileRangeSource(await makeImage({ width: 1200, height: 400, format: "jpg" })));
    expect(img(wide)).toEqual(["image-aspect"]);
    expect(checkImageFacts(wide, "Image 2")[0]?.message).toContain("(3:1)");
  });

  it("names GIF and text renamed .png", async () => {
    const gif = await mediaError(
      inspectImage(new FileRangeSource(await makeImage({ width: 400, height: 400, format: "gif" }))),
    );
    expect(gif.message).toBe("this is a GIF image; Kling takes JPG, PNG, WebP images: convert it to PNG or JPG");
    const text = await mediaError(inspectImage(new FileRangeSource(await makeTextFile("photo.png"))));
    expect(text.message).toContain("text file");
    expect(text.code).toBe("unsupported-format");
  });

  it("refuses a truncated PNG", async () => {
    const p = await makeImage({ width: 640, height: 480, format: "png" });
    expect((await mediaError(inspectImage(new FileRangeSource(await makeTruncated(p, -30))))).code).toBe("truncated");
  });

  it("inspectMedia sniffs which", async () => {
    expect(
      (await inspectMedia(new FileRangeSource(await makeImage({ width: 640, height: 480, format: "webp" })))).kind,
    ).toBe("image");
    expect((await inspectMedia(new FileRangeSource(paths.hevc))).kind).toBe("video");
  });
});

describe("over HTTP Range requests (loopback)", () => {
  it("reads a moov-at-end clip in a few small requests, and never echoes the query string", async () => {
    const url = server.serve("/clips/landscape.mp4", paths.landscape3s) + "?ex=1&hm=SECRET";
    const fetcher = createGuardedFetcher({ allowedHosts: [server.hostPort] });
    const src = await fetcher.openRange(url);
    expect(src.label).not.toContain("SECRET");
    const f = await inspectVideo(src);
    expect(f).toEqual(facts.landscape3s);
    expect(src.requests).toBeLessThanOrEqual(3);
    expect(src.bytesRead).toBeLessThan(64 * 1024 + 32 * 1024);
  });

  it("copes with a server that ignores Range (200): reads only what it needs, then hangs up", async () => {
    const plain = await startRangeServer({ ignoreRange: true });
    try {
      const url = plain.serve("/portrait.mp4", paths.portrait);
      const fetcher = createGuardedFetcher({ allowedHosts: [plain.hostPort] });
      const src = await fetcher.openRange(url, { byteBudget: 512 * 1024 });
      const f = await inspectVideo(src);
      expect(f).toEqual(facts.portrait);
    } finally {
      await plain.close();
    }
  });

  it("a moov-at-end file on a server without Range stops at the byte budget", async () => {
    const plain = await startRangeServer({ ignoreRange: true });
    try {
      const url = plain.serve("/end.mp4", paths.landscape3s);
      const fetcher = createGuardedFetcher({ allowedHosts: [plain.hostPort] });
      const size = (await stat(paths.landscape3s)).size;
      const budget = 80 * 1024;
      expect(size).toBeGreaterThan(budget * 2);
      const src = await fetcher.openRange(url, { byteBudget: budget });
      const err = await mediaError(inspectVideo(src));
      expect(err.code).toBe("too-large");
      expect(src.bytesRead).toBeLessThanOrEqual(budget + 64 * 1024); // one socket chunk of slack at most
    } finally {
      await plain.close();
    }
  });

  it("inspects images over HTTP", async () => {
    const url = server.serve("/img.jpg", await makeImage({ width: 640, height: 480, format: "jpg" }));
    const src = await createGuardedFetcher({ allowedHosts: [server.hostPort] }).openRange(url);
    expect(await inspectImage(src)).toMatchObject({ format: "jpg", width: 640, height: 480 });
  });
});
