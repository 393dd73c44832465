import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "../logger.js";

/** The largest request body a route is given; past it the request is refused with 413 before it is all read. */
export const MAX_HTTP_BODY_BYTES = 1_048_576;
/** A client that has not sent its whole request within this is cut off (a slow sender holds a socket, not the loop). */
const REQUEST_TIMEOUT_MS = 10_000;

export interface HttpRequest {
  method: string;
  /** the path without the query */
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage["headers"];
  /** the raw body bytes (empty for GET); a webhook's signature covers exactly these */
  body: Buffer;
}

export interface HttpResponse {
  status: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export type HttpRoute = (request: HttpRequest) => Promise<HttpResponse> | HttpResponse;

/** Routes keyed by "METHOD /path", e.g. "GET /healthz". */
export type HttpRoutes = Map<string, HttpRoute>;

export interface HttpListener {
  /** the port it listens on (useful when started on port 0) */
  port: number;
  close(): Promise<void>;
}

/**
 * The bot's own HTTP listener (HTTP_PORT): health, metrics and fal's webhooks are routes on it. Off when HTTP_PORT
 * is unset. A route that throws answers 500 and is logged; it never takes the process down.
 */
export async function startHttpListener(options: {
  port: number;
  host?: string;
  routes: HttpRoutes;
  logger: Logger;
}): Promise<HttpListener> {
  const { routes, logger } = options;
  const server: Server = createServer((req, res) => void serve(req, res));
  server.requestTimeout = REQUEST_TIMEOUT_MS;
  server.headersTimeout = REQUEST_TIMEOUT_MS;

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://listener");
    const method = req.method ?? "GET";
    const route = routes.get(`${method} ${url.pathname}`);
    if (!route) {
      const known = [...routes.keys()].some((key) => key.endsWith(` ${url.pathname}`));
      send(res, { status: known ? 405 : 404, body: known ? "method not allowed\n" : "not found\n" });
      req.resume();
      return;
    }
    const body = await readBody(req);
    if (body === "too large") {
      send(res, { status: 413, body: "request body too large\n" });
      return;
    }
    try {
      const answer = await route({ method, path: url.pathname, query: url.searchParams, headers: req.headers, body });
      send(res, answer);
    } catch (error) {
      logger.error({ err: error, path: url.pathname }, "http route failed");
      send(res, { status: 500, body: "internal error\n" });
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host ?? "0.0.0.0", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  logger.info({ port, routes: [...routes.keys()] }, "http listener started");
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function readBody(req: IncomingMessage): Promise<Buffer | "too large"> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on("data", (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > MAX_HTTP_BODY_BYTES) {
        done = true;
        resolve("too large");
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => {
      if (!done) resolve(Buffer.concat(chunks));
    });
    req.on("error", () => {
      if (!done) resolve("too large");
      done = true;
    });
  });
}

function send(res: ServerResponse, answer: HttpResponse): void {
  if (res.headersSent) return;
  res.writeHead(answer.status, { "content-type": "text/plain; charset=utf-8", ...answer.headers });
  res.end(answer.body ?? "");
}
