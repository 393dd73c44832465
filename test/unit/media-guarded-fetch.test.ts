import { readFileSync, statSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { blockedAddressReason } from "../../src/media/address-policy.js";
import { createGuardedFetcher, type Resolver } from "../../src/media/guarded-fetch.js";
import { redactUrl } from "../../src/media/redact.js";
import { MediaError } from "../../src/media/types.js";
import { makeImage, makeVideo } from "../media/corpus.js";
import { startRangeServer, type RangeServer } from "../media/range-server.js";

let server: RangeServer;
let clip: string;
let resolverCalls: string[] = [];

/** DNS for tests: names map to fixed addresses; unknown names fail like NXDOMAIN. */
function fakeDns(table: Record<string, string[]>): Resolver {
  return async (host) => {
    resolverCalls.push(host);
    const addrs = table[host];
    if (!addrs) throw Object.assign(new Error("ENOTFOUND"), { code: "ENOTFOUND" });
    return addrs.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  };
}

async function refusal(p: Promise<unknown>): Promise<MediaError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(MediaError);
  return err as MediaError;
}

beforeAll(async () => {
  server = await startRangeServer();
  clip = await makeImage({ width: 320, height: 320, format: "png" });
  server.serve("/file.png", clip);
  server.stall("/stall");
});
afterAll(async () => {
  await server?.close();
});

describe("address policy", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["10.20.30.40", "private"],
    ["172.16.0.1", "private"],
    ["192.168.1.1", "private"],
    ["100.64.1.1", "carrier-grade NAT"],
    ["169.254.169.254", "link-local"],
    ["0.0.0.0", "unspecified"],
    ["239.1.1.1", "multicast"],
    ["::1", "loopback"],
    ["::", "unspecified"],
    ["fd00::1", "unique local"],
    ["fe80::1", "link-local"],
    ["ff02::1", "multicast"],
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:a9fe:a9fe", "link-local"],
    ["64:ff9b::a00:1", "private"],
    ["2002:c0a8:0101::1", "private"],
  ])("refuses %s (%s)", (addr, why) => {
    expect(blockedAddressReason(addr)).toContain(why);
  });

  it.each(["8.8.8.8", "1.1.1.1", "172.32.0.1", "2606:4700:4700::1111", "::ffff:8.8.8.8"])(
    "allows public %s",
    (addr) => {
      expect(blockedAddressReason(addr)).toBeUndefined();
    },
  );
});

describe("guarded fetcher refuses internal targets", () => {
  const fetcher = createGuardedFetcher({ resolve: fakeDns({}), connectTimeoutMs: 500, totalTimeoutMs: 2000 });

  it.each([
    ["https://127.0.0.1/x.mp4", "loopback"],
    ["https://10.0.0.8/x.mp4", "private"],
    ["https://169.254.169.254/latest/meta-data/", "link-local"],
    ["https://[::1]:8443/x.mp4", "loopback"],
    ["https://[::ffff:127.0.0.1]/x.mp4", "loopback"],
    ["https://[::ffff:10.0.0.1]/x.mp4", "private"],
    ["https://2130706433/x.mp4", "loopback"], // decimal form of 127.0.0.1
  ])("%s", async (url, why) => {
    const err = await refusal(fetcher.download(url, { maxBytes: 1000 }));
    expect(err.code).toBe("blocked-address");
    expect(err.message).toContain(why);
    expect(err.message).toContain("use a public link");
  });

  it("refuses a name that resolves to a private address (injected DNS), checking every address", async () => {
    const f = createGuardedFetcher({
      resolve: fakeDns({ "media.example": ["10.1.2.3"], "mixed.example": ["93.184.216.34", "192.168.0.10"] }),
    });
    const one = await refusal(f.openRange("https://media.example/clip.mp4?sig=SECRET").then((s) => s.read(0, 10)));
    expect(one.code).toBe("blocked-address");
    expect(one.message).toContain("private address");
    expect(one.message).not.toContain("SECRET");
    const mixed = await refusal(f.download("https://mixed.example/a.png", { maxBytes: 10 }));
    expect(mixed.code).toBe("blocked-address");
  });

  it("refuses plain http to a host that is not allow-listed, and other schemes", async () => {
    const http = await refusal(fetcher.download("http://example.com/a.mp4", { maxBytes: 10 }));
    expect(http.code).toBe("blocked-address");
    expect(http.message).toContain("https");
    expect((await refusal(fetcher.download("file:///etc/passwd", { maxBytes: 10 }))).code).toBe("blocked-address");
    expect((await refusal(fetcher.download("not a url", { maxBytes: 10 }))).code).toBe("fetch-failed");
  });

  it("refuses loopback over http even when another port of the host is allow-listed", async () => {
    const f = createGuardedFetcher({ allowedHosts: ["127.0.0.1:1"] });
    expect((await refusal(f.download(server.urlFor("/file.png"), { maxBytes: 1e6 }))).code).toBe("blocked-address");
  });
});

describe("guarded fetcher with an allow-listed loopback server", () => {
  it("downloads from an allow-listed host:port", async () => {
    const f = createGuardedFetcher({ allowedHosts: [server.hostPort] });
    const { bytes, contentType } = await f.download(server.urlFor("/file.png", "ex=1&hm=abc"), { maxBytes: 1e6 });
    expect(bytes.subarray(1, 4).toString()).toBe("PNG");
    expect(contentType).toBe("application/octet-stream");
  });

  it("connects to the vetted address without a second lookup (allow-listed name served by injected DNS)", async () => {
    resolverCalls = [];
    const port = server.hostPort.split(":")[1];
    const f = createGuardedFetcher({
      allowedHosts: [`media.test:${port}`],
      resolve: fakeDns({ "media.test": ["127.0.0.1"] }),
    });
    const src = await f.openRange(`http://media.test:${port}/file.png`);
    expect((await src.read(0, 8)).length).toBe(8);
    expect(resolverCalls).toEqual(["media.test"]);
  });

  it("re-checks redirects: allowed host → private address is refused", async () => {
    server.redirect("/to-private", "https://10.0.0.1/secret.mp4");
    server.redirect("/to-metadata", "http://169.254.169.254/latest/meta-data/");
    const f = createGuardedFetcher({ allowedHosts: [server.hostPort] });
    const a = await refusal(f.download(server.urlFor("/to-private"), { maxBytes: 1e6 }));
    expect(a.code).toBe("blocked-address");
    expect(a.message).toContain("10.0.0.1");
    const b = await refusal(f.download(server.urlFor("/to-metadata"), { maxBytes: 1e6 }));
    expect(b.code).toBe("blocked-address");
  });

  it("follows a few redirects, but not too many", async () => {
    server.redirect("/r1", server.urlFor("/r2"));
    server.redirect("/r2", server.urlFor("/file.png"));
    server.redirect("/loop", server.urlFor("/loop"), 307);
    const f = createGuardedFetcher({ allowedHosts: [server.hostPort], maxRedirects: 3 });
    expect((await f.download(server.urlFor("/r1"), { maxBytes: 1e6 })).bytes).toEqual(readFileSync(clip));
    const loop = await refusal(f.download(server.urlFor("/loop"), { maxBytes: 1e6 }));
    expect(loop.code).toBe("fetch-failed");
    expect(loop.message).toContain("redirects too many times");
  });

  it("enforces the byte cap and the total timeout", async () => {
    const f = createGuardedFetcher({ allowedHosts: [server.hostPort], totalTimeoutMs: 300 });
    const big = await refusal(f.download(server.urlFor("/file.png"), { maxBytes: 100 }));
    expect(big.code).toBe("too-large");
    const slow = await refusal(f.download(server.urlFor("/stall", "token=SECRET"), { maxBytes: 100 }));
    expect(slow.code).toBe("timeout");
    expect(slow.message).not.toContain("SECRET");
  });

  it("reports HTTP errors without the query string", async () => {
    const f = createGuardedFetcher({ allowedHosts: [server.hostPort] });
    const err = await refusal(f.download(server.urlFor("/missing.mp4", "hm=SIGNATURE"), { maxBytes: 100 }));
    expect(err.code).toBe("fetch-failed");
    expect(err.message).toContain("404");
    expect(err.message).not.toContain("SIGNATURE");
  });

  it("openRange reads exact ranges and reports the size", async () => {
    const video = await makeVideo({ width: 720, height: 720, durationSec: 3, pattern: "color", name: "range-read" });
    server.serve("/v.mp4", video);
    const src = await createGuardedFetcher({ allowedHosts: [server.hostPort] }).openRange(server.urlFor("/v.mp4"));
    const bytes = await src.read(4, 8);
    expect(Buffer.from(bytes).toString()).toBe("ftyp");
    expect(await src.size()).toBe(statSync(video).size);
    expect(src.bytesRead).toBe(4);
    expect(src.requests).toBe(1);
  });
});

describe("redactUrl", () => {
  it("drops query, fragment and credentials", () => {
    expect(redactUrl("https://user:pw@cdn.example/a/b.mp4?ex=1&hm=abc#t=3")).toBe("https://cdn.example/a/b.mp4");
    expect(redactUrl("garbage?sig=1")).toBe("garbage");
  });
});

describe("openRange with the request's deadline signal", () => {
  it("a read in flight stops when the signal aborts, with the signal's reason; later reads do not start", async () => {
    const f = createGuardedFetcher({ allowedHosts: [server.hostPort] });
    const controller = new AbortController();
    const src = await f.openRange(server.urlFor("/stall", "token=SECRET"), { signal: controller.signal });
    const why = new MediaError("timeout", "reading your files took longer than 60 s");
    const started = performance.now();
    setTimeout(() => controller.abort(why), 100);
    expect(await refusal(src.read(0, 100))).toBe(why);
    // the fetcher's own timeout is 30 s: only the signal can have stopped it this soon
    expect(performance.now() - started).toBeLessThan(1_000);
    const before = server.stats.requests;
    expect(await refusal(src.read(0, 100))).toBe(why);
    expect(server.stats.requests).toBe(before);
  });
});
