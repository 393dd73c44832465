/**
 * How little of a large remote video the inspector reads: a ≥100 MB clip with the moov at the end and the same
 * clip with the moov at the front, served from a loopback HTTP server with Range support.
 * Goal: ≤ 1 % of the file and < 150 ms per inspection.
 */
import { stat } from "node:fs/promises";
import { createGuardedFetcher } from "../src/media/guarded-fetch.js";
import { inspectVideo } from "../src/media/inspect.js";
import { FileRangeSource } from "../src/media/range-source.js";
import { makeFaststartCopy, makeVideo } from "../test/media/corpus.js";
import { startRangeServer } from "../test/media/range-server.js";

export interface MediaBenchRow {
  file: string;
  bytes: number;
  moovBytes: number;
  bytesRead: number;
  percentOfFile: number;
  requests: number;
  medianMs: number;
  maxMs: number;
}

const RUNS = 9;

/** Size of the top-level moov box (walks box headers of the local file). */
async function moovSize(path: string): Promise<number> {
  const src = new FileRangeSource(path);
  const size = await src.size();
  for (let pos = 0; pos + 8 <= size; ) {
    const h = Buffer.from(await src.read(pos, pos + 16));
    let boxSize = h.readUInt32BE(0);
    if (boxSize === 1) boxSize = Number(h.readBigUInt64BE(8));
    if (boxSize === 0) boxSize = size - pos;
    if (h.toString("latin1", 4, 8) === "moov") return boxSize;
    if (boxSize < 8) break;
    pos += boxSize;
  }
  return 0;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
};

export async function benchMedia(log: (line: string) => void = console.log): Promise<MediaBenchRow[]> {
  // lossless H.264 of random pixels: ~120 MB in a couple of seconds of encoding
  const moovAtEnd = await makeVideo({ width: 720, height: 720, durationSec: 4, fps: 24, pattern: "noise", name: "bench-moov-end" });
  const moovAtStart = await makeFaststartCopy(moovAtEnd);
  const server = await startRangeServer();
  const fetcher = createGuardedFetcher({ allowedHosts: [server.hostPort] });
  const rows: MediaBenchRow[] = [];
  try {
    for (const [name, path] of [
      ["moov at end", moovAtEnd],
      ["moov at start", moovAtStart],
    ] as const) {
      const url = server.serve(`/${name.replace(/ /g, "-")}.mp4`, path);
      const bytes = (await stat(path)).size;
      const times: number[] = [];
      let bytesRead = 0;
      let requests = 0;
      for (let i = 0; i < RUNS; i++) {
        const started = performance.now();
        const src = await fetcher.openRange(url);
        const facts = await inspectVideo(src);
        times.push(performance.now() - started);
        bytesRead = src.bytesRead;
        requests = src.requests;
        if (facts.bytes !== bytes) throw new Error(`bench: inspector saw ${facts.bytes} bytes, file has ${bytes}`);
      }
      rows.push({
        file: name,
        bytes,
        moovBytes: await moovSize(path),
        bytesRead,
        percentOfFile: (100 * bytesRead) / bytes,
        requests,
        medianMs: median(times),
        maxMs: Math.max(...times),
      });
    }
  } finally {
    await server.close();
  }
  log(`media inspector over loopback HTTP Range (${RUNS} runs each; goal ≤ 1 % of the file, < 150 ms)`);
  log("file            size (MB)  moov (KB)  read (KB)  % of file  requests  median ms  max ms");
  for (const r of rows) {
    log(
      [
        r.file.padEnd(14),
        (r.bytes / 1e6).toFixed(1).padStart(10),
        (r.moovBytes / 1024).toFixed(1).padStart(10),
        (r.bytesRead / 1024).toFixed(1).padStart(10),
        r.percentOfFile.toFixed(3).padStart(10),
        String(r.requests).padStart(9),
        r.medianMs.toFixed(1).padStart(10),
        r.maxMs.toFixed(1).padStart(7),
      ].join(" "),
    );
  }
  return rows;
}
