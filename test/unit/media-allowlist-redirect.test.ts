/**
 * MEDIA_ALLOWED_HOSTS opens private hosts to links that name them. A public https link that redirects to one is
 * refused. The "public" server is a local TLS server: DNS (injected) gives a public address, and the test routes
 * connections to that address to 127.0.0.1 (the fetcher itself is unchanged).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import { syncBuiltinESMExports } from "node:module";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGuardedFetcher } from "../../src/media/guarded-fetch.js";
import { MediaError } from "../../src/media/types.js";
import { makeImage } from "../media/corpus.js";
import { startRangeServer, type RangeServer } from "../media/range-server.js";

const PUBLIC_NAME = "public.test";
const PUBLIC_ADDRESS = "93.184.216.34";

let privateServer: RangeServer;
let publicServer: https.Server;
let publicPort: number;
let cert: string;
let redirectTo = "";
const originalHttpsRequest = https.request;
const dir = mkdtempSync(join(tmpdir(), "kling-tls-"));

beforeAll(async () => {
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-days",
      "1",
      "-subj",
      `/CN=${PUBLIC_NAME}`,
      "-addext",
      `subjectAltName=DNS:${PUBLIC_NAME}`,
      "-keyout",
      join(dir, "key.pem"),
      "-out",
      join(dir, "cert.pem"),
    ],
    { stdio: "ignore" },
  );
  cert = readFileSync(join(dir, "cert.pem"), "utf8");
  publicServer = https.createServer({ key: readFileSync(join(dir, "key.pem")), cert }, (req, res) => {
    if (req.url === "/file.png") {
      res.writeHead(200, { "content-type": "image/png", "content-length": "3" }).end("PNG");
      return;
    }
    res.writeHead(302, { location: redirectTo }).end();
  });
  await new Promise<void>((resolve) => publicServer.listen(0, "127.0.0.1", resolve));
  publicPort = (publicServer.address() as AddressInfo).port;

  privateServer = await startRangeServer();
  privateServer.serve("/secret.png", await makeImage({ width: 320, height: 320, format: "png" }));

  // route the vetted public address to the local TLS server
  (https as { request: typeof https.request }).request = ((
    options: https.RequestOptions,
    callback?: (res: http.IncomingMessage) => void,
  ) => {
    if (options.host !== PUBLIC_NAME) return originalHttpsRequest(options, callback);
    const lookup = options.lookup!;
    return originalHttpsRequest(
      {
        ...options,
        port: publicPort,
        lookup: (hostname, opts, cb) =>
          lookup(hostname, opts, ((err: Error | null, address: unknown, family?: number) => {
            expect(Array.isArray(address) ? address[0].address : address).toBe(PUBLIC_ADDRESS);
            return Array.isArray(address)
              ? cb(err, [{ address: "127.0.0.1", family: 4 }] as never)
              : cb(err, "127.0.0.1", family);
          }) as never),
      },
      callback,
    );
  }) as typeof https.request;
  syncBuiltinESMExports();
});

afterAll(async () => {
  (https as { request: typeof https.request }).request = originalHttpsRequest;
  syncBuiltinESMExports();
  await Promise.all([new Promise((resolve) => publicServer?.close(resolve)), privateServer?.close()]);
  rmSync(dir, { recursive: true, force: true });
});

function fetcher() {
  return createGuardedFetcher({
    allowedHosts: [privateServer.hostPort],
    resolve: async (host) =>
      host === PUBLIC_NAME ? [{ address: PUBLIC_ADDRESS, family: 4 }] : Promise.reject(new Error("ENOTFOUND")),
    ca: cert,
  });
}

describe("a public link that redirects to an allow-listed private host", () => {
  it("the public server itself is reachable (the test's routing works)", async () => {
    const { bytes } = await fetcher().download(`https://${PUBLIC_NAME}/file.png`, { maxBytes: 100 });
    expect(bytes.toString()).toBe("PNG");
  });

  it("is refused, for downloads and for range reads, before the private host is asked anything", async () => {
    redirectTo = privateServer.urlFor("/secret.png");
    privateServer.resetStats();
    const download = await fetcher()
      .download(`https://${PUBLIC_NAME}/clip.mp4?sig=SECRET`, { maxBytes: 1e6 })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(download).toBeInstanceOf(MediaError);
    expect((download as MediaError).code).toBe("blocked-address");
    expect((download as MediaError).message).toBe(
      `the link https://${PUBLIC_NAME}/clip.mp4 redirects to a private server (${privateServer.hostPort}), ` +
        `which the bot does not fetch from: use a public link`,
    );
    const range = await fetcher()
      .openRange(`https://${PUBLIC_NAME}/clip.mp4`)
      .then((source) => source.read(0, 10))
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect((range as MediaError).code).toBe("blocked-address");
    expect(privateServer.stats.requests).toBe(0);
  });

  it("a link that names the allow-listed host still works, and so do its own redirects", async () => {
    privateServer.redirect("/moved.png", privateServer.urlFor("/secret.png"));
    const { bytes } = await fetcher().download(privateServer.urlFor("/moved.png"), { maxBytes: 1e6 });
    expect(bytes.subarray(1, 4).toString()).toBe("PNG");
  });
});

describe("allow-list entries need their port", () => {
  it("an entry without a port allows nothing (config refuses such entries at start-up)", async () => {
    const bare = createGuardedFetcher({ allowedHosts: ["127.0.0.1"] });
    const refused = await bare.download(privateServer.urlFor("/secret.png"), { maxBytes: 1e6 }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((refused as MediaError).code).toBe("blocked-address");
  });
});
