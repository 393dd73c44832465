/**
 * A loopback HTTP server for media tests and the bench: serves files by path with Range support,
 * counts requests and body bytes, and can redirect, ignore Range, stall, or answer slowly.
 */
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";

export interface RangeServerOptions {
  /** answer 200 with the whole file even when a Range is asked for */
  ignoreRange?: boolean;
}

export interface RangeServer {
  /** http://127.0.0.1:PORT */
  origin: string;
  /** host:port, for allow lists */
  hostPort: string;
  /** serve `file` at `urlPath`; returns its URL */
  serve(urlPath: string, file: string): string;
  /** URL under which `path` is served (query strings are accepted and ignored) */
  urlFor(path: string, query?: string): string;
  /** `from` → redirect to `to` (absolute URL) */
  redirect(from: string, to: string, status?: number): void;
  /** requests to `path` never get an answer */
  stall(path: string): void;
  /** every answer for `path` starts `ms` late (a slow link) */
  slow(path: string, ms: number): void;
  stats: { requests: number; bodyBytes: number; ranges: string[] };
  resetStats(): void;
  close(): Promise<void>;
}

export async function startRangeServer(opts: RangeServerOptions = {}): Promise<RangeServer> {
  const files = new Map<string, string>();
  const redirects = new Map<string, { to: string; status: number }>();
  const stalled = new Set<string>();
  const delays = new Map<string, number>();
  const stats = { requests: 0, bodyBytes: 0, ranges: [] as string[] };

  const answer = async (req: IncomingMessage, res: ServerResponse) => {
    stats.requests++;
    const path = new URL(req.url ?? "/", "http://x").pathname;
    if (stalled.has(path)) return; // keep the socket open, say nothing
    const delay = delays.get(path);
    if (delay) await new Promise((r) => setTimeout(r, delay));
    if (res.destroyed) return;
    const redirect = redirects.get(path);
    if (redirect) {
      res.writeHead(redirect.status, { location: redirect.to });
      res.end();
      return;
    }
    const file = files.get(path);
    if (!file) {
      res.writeHead(404).end("not found");
      return;
    }
    const size = (await stat(file)).size;
    const range = req.headers.range;
    stats.ranges.push(range ?? "none");
    const m = range && !opts.ignoreRange ? /^bytes=(\d+)-(\d*)$/.exec(range) : null;
    let start = 0;
    let end = size - 1;
    if (m) {
      start = Number(m[1]);
      end = m[2] ? Math.min(Number(m[2]), size - 1) : size - 1;
      if (start >= size) {
        res.writeHead(416, { "content-range": `bytes */${size}` }).end();
        return;
      }
      res.writeHead(206, {
        "content-range": `bytes ${start}-${end}/${size}`,
        "content-length": end - start + 1,
        "accept-ranges": "bytes",
        "content-type": "application/octet-stream",
      });
    } else {
      res.writeHead(200, { "content-length": size, "content-type": "application/octet-stream" });
    }
    if (size === 0) {
      res.end();
      return;
    }
    const stream = createReadStream(file, { start, end });
    stream.on("data", (chunk) => {
      stats.bodyBytes += chunk.length;
    });
    stream.pipe(res);
    res.on("close", () => stream.destroy());
  };
  const server: Server = createServer((req, res) => void answer(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;

  return {
    origin,
    hostPort: `127.0.0.1:${port}`,
    urlFor(path, query) {
      const p = path.startsWith("/") ? path : `/${path}`;
      return `${origin}${p}${query ? `?${query}` : ""}`;
    },
    redirect(from, to, status = 302) {
      redirects.set(from, { to, status });
    },
    stall(path) {
      stalled.add(path);
    },
    slow(path, ms) {
      delays.set(path, ms);
    },
    stats,
    resetStats() {
      stats.requests = 0;
      stats.bodyBytes = 0;
      stats.ranges = [];
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
    serve(urlPath, file) {
      const p = urlPath.startsWith("/") ? urlPath : `/${urlPath}`;
      files.set(p, file);
      return `${origin}${p}`;
    },
  };
}
