import { mkdtempSync, writeFileSync } from "node:fs";
import { createSocket, type Socket } from "node:dgram";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSystemResolver, parseHostsFile, type Resolver } from "../../src/media/dns-resolver.js";
import { createGuardedFetcher } from "../../src/media/guarded-fetch.js";
import { MediaError } from "../../src/media/types.js";
import { startRangeServer, type RangeServer } from "../media/range-server.js";

async function failure(p: Promise<unknown>): Promise<MediaError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(MediaError);
  return err as MediaError;
}

let server: RangeServer;
beforeAll(async () => {
  server = await startRangeServer();
});
afterAll(async () => {
  await server?.close();
});

describe("guarded fetcher DNS deadline", () => {
  it("a resolver that never answers fails the fetch within dnsTimeoutMs with a clear message, and is told to stop", async () => {
    let aborted = false;
    const silent: Resolver = (_host, { signal } = {}) =>
      new Promise(() => signal?.addEventListener("abort", () => (aborted = true)));
    const f = createGuardedFetcher({ resolve: silent, dnsTimeoutMs: 300, totalTimeoutMs: 10_000 });
    const started = performance.now();
    const err = await failure(f.download("https://slow-dns.example/clip.mp4?sig=SECRET", { maxBytes: 100 }));
    const took = performance.now() - started;
    expect(err.code).toBe("timeout");
    expect(err.message).toBe(
      "couldn't look up the server slow-dns.example within 0.3 s (its DNS did not answer): try again later or use another link",
    );
    expect(took).toBeGreaterThanOrEqual(290);
    expect(took).toBeLessThan(1_500);
    expect(aborted).toBe(true);
  });

  it("range reads (the inspection path) are bounded the same way", async () => {
    const silent: Resolver = () => new Promise(() => undefined);
    const f = createGuardedFetcher({ resolve: silent, dnsTimeoutMs: 1_000 });
    const src = await f.openRange("https://slow-dns.example/clip.mp4");
    const err = await failure(src.read(0, 16));
    expect(err.message).toContain("within 1 s (its DNS did not answer)");
  });

  it("a resolver's answer still goes through the address checks", async () => {
    const f = createGuardedFetcher({ resolve: async () => [{ address: "169.254.169.254", family: 4 }] });
    const err = await failure(f.download("https://metadata.example/latest", { maxBytes: 100 }));
    expect(err.code).toBe("blocked-address");
    expect(err.message).toContain("link-local");
  });
});

describe("system resolver (hosts file, then c-ares with a timeout)", () => {
  let dir: string;
  let silentDns: Socket;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "kling-dns-"));
    // a name server that reads every query and never answers
    silentDns = createSocket("udp4");
    await new Promise<void>((resolve) => silentDns.bind(0, "127.0.0.1", resolve));
  });
  afterAll(() => silentDns?.close());

  it("a name server that drops AAAA queries: the A answer is used after a short delay, not a timeout", async () => {
    // answers A queries with 93.184.216.34 and never answers anything else
    const dns = createSocket("udp4");
    await new Promise<void>((resolve) => dns.bind(0, "127.0.0.1", resolve));
    const asked: number[] = [];
    dns.on("message", (query, peer) => {
      let at = 12;
      while (query[at]! !== 0) at += query[at]! + 1;
      const qtype = query.readUInt16BE(at + 1);
      asked.push(qtype);
      if (qtype !== 1) return;
      const question = query.subarray(12, at + 5);
      const header = Buffer.from([query[0]!, query[1]!, 0x81, 0x80, 0, 1, 0, 1, 0, 0, 0, 0]);
      const answer = Buffer.from([0xc0, 0x0c, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 93, 184, 216, 34]);
      dns.send(Buffer.concat([header, question, answer]), peer.port, peer.address);
    });
    try {
      const servers = [`127.0.0.1:${(dns.address() as { port: number }).port}`];
      const resolve = createSystemResolver({
        hostsFile: join(dir, "missing"),
        queryTimeoutMs: 3_000,
        tries: 1,
        servers,
      });
      const started = performance.now();
      expect(await resolve("v4-only.example")).toEqual([{ address: "93.184.216.34", family: 4 }]);
      expect(performance.now() - started).toBeLessThan(1_000);
      expect(asked.sort()).toEqual([1, 28]);
    } finally {
      dns.close();
    }
  });

  it("parses a hosts file: comments, several names, both families, first address first", () => {
    const table = parseHostsFile("127.0.0.1 localhost Local.Test # me\n::1 localhost\n# 10.0.0.1 hidden\nbogus line\n");
    expect(table.get("localhost")).toEqual(["127.0.0.1", "::1"]);
    expect(table.get("local.test")).toEqual(["127.0.0.1"]);
    expect(table.has("hidden")).toBe(false);
  });

  it("answers hosts-file names and localhost without DNS, like getaddrinfo did", async () => {
    const hostsFile = join(dir, "hosts");
    writeFileSync(hostsFile, "127.0.0.1 localhost\n::1 localhost\n10.1.2.3 media.lan\n");
    const resolve = createSystemResolver({ hostsFile });
    expect(await resolve("LOCALHOST")).toEqual([
      { address: "127.0.0.1", family: 4 },
      { address: "::1", family: 6 },
    ]);
    expect(await resolve("media.lan")).toEqual([{ address: "10.1.2.3", family: 4 }]);
    const noHosts = createSystemResolver({ hostsFile: join(dir, "missing") });
    expect(await noHosts("app.localhost")).toEqual([
      { address: "127.0.0.1", family: 4 },
      { address: "::1", family: 6 },
    ]);
  });

  it("keeps localhost allow-listing working end to end (hosts file → allowed loopback)", async () => {
    const hostsFile = join(dir, "hosts-local");
    writeFileSync(hostsFile, "127.0.0.1 localhost\n");
    server.serve("/local.bin", hostsFile);
    const port = server.hostPort.split(":")[1];
    const f = createGuardedFetcher({
      allowedHosts: [`localhost:${port}`],
      resolve: createSystemResolver({ hostsFile }),
    });
    const { bytes } = await f.download(`http://localhost:${port}/local.bin`, { maxBytes: 1000 });
    expect(bytes.toString()).toBe("127.0.0.1 localhost\n");
  });

  it("a DNS server that never answers: c-ares gives up after its timeout and the fetch says so", async () => {
    const port = (silentDns.address() as { port: number }).port;
    const queries: number[] = [];
    silentDns.on("message", () => queries.push(performance.now()));
    const servers = [`127.0.0.1:${port}`];
    const resolve = createSystemResolver({ hostsFile: join(dir, "missing"), queryTimeoutMs: 200, tries: 1, servers });
    const f = createGuardedFetcher({ resolve, dnsTimeoutMs: 5_000 });
    const started = performance.now();
    const err = await failure(f.download("https://never-answers.example/a.mp4", { maxBytes: 100 }));
    const took = performance.now() - started;
    expect(err.code).toBe("fetch-failed");
    expect(err.message).toBe("couldn't find the server never-answers.example: check the link");
    expect(queries).toHaveLength(2); // one A and one AAAA query, both to c-ares's server (not getaddrinfo)
    expect(took).toBeGreaterThanOrEqual(190);
    expect(took).toBeLessThan(2_000);

    // and when c-ares's own timeouts are longer than the fetcher's deadline, the deadline wins and cancels them
    const patient = createSystemResolver({
      hostsFile: join(dir, "missing"),
      queryTimeoutMs: 10_000,
      tries: 3,
      servers,
    });
    const g = createGuardedFetcher({ resolve: patient, dnsTimeoutMs: 400 });
    const t0 = performance.now();
    const late = await failure(g.download("https://never-answers.example/b.mp4", { maxBytes: 100 }));
    expect(late.code).toBe("timeout");
    expect(late.message).toContain("within 0.4 s (its DNS did not answer)");
    expect(performance.now() - t0).toBeLessThan(1_500);
  });
});
