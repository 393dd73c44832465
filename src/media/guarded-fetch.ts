/**
 * Fetches member-supplied and fal-supplied URLs without letting them reach the bot's own network (SSRF):
 * https only (http for allow-listed hosts), every resolved address of every hop vetted, the connection made to
 * the vetted address (no second lookup, so no DNS rebinding), bounded redirects, time and bytes.
 */
import type { ClientRequest, IncomingMessage } from "node:http";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import type { LookupFunction } from "node:net";
import { isIP } from "node:net";
import { blockedAddressReason } from "./address-policy.js";
import { bareHost, isAllowedHost, matchesAllowedHost, parseAllowedHost, portOf } from "./allowed-hosts.js";
import { createSystemResolver, type ResolvedAddress, type Resolver } from "./dns-resolver.js";
import { redactUrl } from "./redact.js";
import type { RangeSource } from "./types.js";
import { MediaError } from "./types.js";
import { formatKibibytes, formatMegabytes } from "../text.js";

export type { ResolvedAddress, Resolver };

/** Where the connection for a checked address and port is opened (see GuardedFetcherOptions.route). */
export type Route = (checked: ResolvedAddress & { port: number }) => { address: string; port: number };

export interface GuardedFetcherOptions {
  /** `host:port` entries (MEDIA_ALLOWED_HOSTS): these may use http and private addresses. An entry without a port matches nothing. */
  allowedHosts?: readonly string[];
  connectTimeoutMs?: number;
  /** per fetch, redirects included */
  totalTimeoutMs?: number;
  maxRedirects?: number;
  /**
   * DNS (a seam): default the hosts file, then c-ares DNS with a timeout (src/media/dns-resolver.ts), never
   * libuv's thread pool. Whatever it answers goes through the same address checks.
   */
  resolve?: Resolver;
  /** how long a name may take to resolve, whatever the resolver; then the fetch fails with "timeout" */
  dnsTimeoutMs?: number;
  /**
   * Test seam: where the TCP connection for a checked address goes. Default: that address and port. A test
   * network (emulators/public-net.ts) maps the public addresses its resolver hands out to local servers; the
   * route sees only the checked address, never the name, so it cannot widen what the address policy let through.
   */
  route?: Route;
  userAgent?: string;
  /** extra trusted CA certificates (tests with a local https server) */
  ca?: string | Buffer | (string | Buffer)[];
}

export interface GuardedFetcher {
  /**
   * Byte ranges of a remote file; at most `byteBudget` bytes come over the wire (default 8 MiB). `signal` (the
   * request's inspection deadline) aborts every read, in flight or later, with its reason when that is a MediaError.
   */
  openRange(url: string, opts?: { byteBudget?: number; signal?: AbortSignal }): Promise<RangeSource>;
  download(url: string, opts: { maxBytes: number }): Promise<{ bytes: Buffer; contentType?: string }>;
}

export const FETCH_DEFAULTS = {
  connectTimeoutMs: 5_000,
  totalTimeoutMs: 30_000,
  maxRedirects: 3,
  dnsTimeoutMs: 5_000,
  byteBudget: 8 * 1024 * 1024,
} as const;

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

class ConnectTimeout extends Error {}

const seconds = (ms: number): string => (ms % 1000 === 0 ? String(ms / 1000) : (ms / 1000).toFixed(1));

export function createGuardedFetcher(options: GuardedFetcherOptions = {}): GuardedFetcher {
  const allow = (options.allowedHosts ?? []).map(parseAllowedHost).filter(isAllowedHost);
  const connectTimeoutMs = options.connectTimeoutMs ?? FETCH_DEFAULTS.connectTimeoutMs;
  const totalTimeoutMs = options.totalTimeoutMs ?? FETCH_DEFAULTS.totalTimeoutMs;
  const maxRedirects = options.maxRedirects ?? FETCH_DEFAULTS.maxRedirects;
  const resolve = options.resolve ?? createSystemResolver();
  const dnsTimeoutMs = options.dnsTimeoutMs ?? FETCH_DEFAULTS.dnsTimeoutMs;
  const userAgent = options.userAgent ?? "kling-bot media fetcher";

  const isAllowed = (u: URL) => matchesAllowedHost(u, allow);

  function parseUrl(raw: string | URL): URL {
    let u: URL;
    try {
      u = new URL(String(raw));
    } catch {
      throw new MediaError(
        "fetch-failed",
        `that is not a valid link (${redactUrl(String(raw))}): paste a full https:// link`,
      );
    }
    if (u.protocol !== "https:" && !(u.protocol === "http:" && isAllowed(u))) {
      throw new MediaError(
        "blocked-address",
        u.protocol === "http:"
          ? `the link ${redactUrl(u)} uses plain http; the bot only fetches https links: use an https:// link`
          : `the bot only fetches https links, not ${u.protocol.replace(":", "")} (${redactUrl(u)})`,
      );
    }
    return u;
  }

  /** The resolver's answer within dnsTimeoutMs (or until `signal` aborts), else a MediaError. */
  async function lookUp(host: string, signal: AbortSignal): Promise<ResolvedAddress[]> {
    const deadline = new AbortController();
    const stop = () => deadline.abort();
    signal.addEventListener("abort", stop, { once: true });
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(
          new MediaError(
            "timeout",
            `couldn't look up the server ${host} within ${seconds(dnsTimeoutMs)} s (its DNS did not ` +
              `answer): try again later or use another link`,
          ),
        );
        deadline.abort();
      }, dnsTimeoutMs);
      deadline.signal.addEventListener("abort", () => reject(new Error("lookup aborted")), { once: true });
    });
    try {
      return await Promise.race([resolve(host, { signal: deadline.signal }), expired]);
    } catch (err) {
      if (err instanceof MediaError) throw err;
      if (signal.aborted) throw err;
      throw new MediaError("fetch-failed", `couldn't find the server ${host}: check the link`);
    } finally {
      clearTimeout(timer);
      signal.removeEventListener("abort", stop);
      expired.catch(() => undefined);
    }
  }

  /** The one address this hop will connect to, after checking every address the name resolves to. */
  async function vet(u: URL, signal: AbortSignal): Promise<ResolvedAddress> {
    const host = bareHost(u);
    const allowed = isAllowed(u);
    const refuse = (why: string) =>
      new MediaError(
        "blocked-address",
        `the link ${redactUrl(u)} points to ${why} (${host}), which the bot does not fetch from: use a public link`,
      );
    const literal = isIP(host);
    if (literal) {
      const why = blockedAddressReason(host);
      if (why && !allowed) throw refuse(why);
      return { address: host, family: literal === 6 ? 6 : 4 };
    }
    const addresses = await lookUp(host, signal);
    if (addresses.length === 0)
      throw new MediaError("fetch-failed", `couldn't find the server ${host}: check the link`);
    if (!allowed) {
      for (const a of addresses) {
        const why = blockedAddressReason(a.address);
        if (why) throw refuse(why);
      }
    }
    const first = addresses[0] as ResolvedAddress;
    return { address: first.address, family: isIP(first.address) === 6 ? 6 : 4 };
  }

  function requestOnce(
    u: URL,
    target: ResolvedAddress,
    headers: Record<string, string>,
    signal: AbortSignal,
  ): Promise<IncomingMessage> {
    return new Promise((resolvePromise, reject) => {
      const host = bareHost(u);
      const dial = options.route
        ? options.route({ ...target, port: portOf(u) })
        : { address: target.address, port: portOf(u) };
      const pinned: ResolvedAddress = { address: dial.address, family: isIP(dial.address) === 6 ? 6 : 4 };
      const fixedLookup: LookupFunction = (_hostname, opts, callback) => {
        if ((opts as { all?: boolean }).all) {
          (callback as unknown as (e: null, a: ResolvedAddress[]) => void)(null, [pinned]);
        } else {
          callback(null, pinned.address, pinned.family);
        }
      };
      const secure = u.protocol === "https:";
      const req: ClientRequest = (secure ? httpsRequest : httpRequest)({
        // an IP literal is connected to without a lookup: give the routed address itself
        host: isIP(host) ? pinned.address : host,
        port: dial.port,
        path: `${u.pathname}${u.search}`,
        method: "GET",
        headers: { host: u.host, "user-agent": userAgent, "accept-encoding": "identity", ...headers },
        lookup: fixedLookup,
        servername: secure && !isIP(host) ? host : undefined,
        ca: options.ca,
        agent: false,
        signal,
      });
      req.once("socket", (socket) => {
        const timer = setTimeout(() => req.destroy(new ConnectTimeout()), connectTimeoutMs);
        socket.once(secure ? "secureConnect" : "connect", () => clearTimeout(timer));
        socket.once("close", () => clearTimeout(timer));
      });
      req.once("response", resolvePromise);
      req.once("error", reject);
      req.end();
    });
  }

  /** Follows redirects, vetting each hop. The caller must consume or destroy the returned response. */
  async function fetchFollowing(
    start: URL,
    headers: Record<string, string>,
    signal: AbortSignal,
    onRequest: () => void,
  ): Promise<{ res: IncomingMessage; url: URL }> {
    let u = start;
    const startAllowed = isAllowed(start);
    for (let hop = 0; ; hop++) {
      const target = await vet(u, signal);
      onRequest();
      const res = await requestOnce(u, target, headers, signal);
      const location = res.headers.location;
      if (!REDIRECTS.has(res.statusCode ?? 0) || !location) return { res, url: u };
      res.destroy();
      if (hop >= maxRedirects) {
        throw new MediaError(
          "fetch-failed",
          `the link ${redactUrl(start)} redirects too many times (more than ${maxRedirects}): link the file directly`,
        );
      }
      u = parseUrl(new URL(location, u));
      // the allow-list opens private hosts to links that name them, not to whatever a public server points at
      if (!startAllowed && isAllowed(u)) {
        throw new MediaError(
          "blocked-address",
          `the link ${redactUrl(start)} redirects to a private server (${u.host}), which the bot does not fetch from: use a public link`,
        );
      }
    }
  }

  /** Runs `work` under the total timeout and turns transport errors into member-facing MediaErrors. */
  async function guarded<T>(u: URL, work: (signal: AbortSignal) => Promise<T>, outer?: AbortSignal): Promise<T> {
    if (outer?.aborted) throw stoppedBy(outer, u);
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, totalTimeoutMs);
    const onOuterAbort = () => controller.abort();
    outer?.addEventListener("abort", onOuterAbort, { once: true });
    try {
      return await work(controller.signal);
    } catch (err) {
      if (outer?.aborted) throw stoppedBy(outer, u);
      if (err instanceof MediaError) throw err;
      if (timedOut)
        throw new MediaError(
          "timeout",
          `${redactUrl(u)} took longer than ${Math.round(totalTimeoutMs / 1000)} s to answer: try again or use another link`,
        );
      if (err instanceof ConnectTimeout) {
        throw new MediaError(
          "timeout",
          `couldn't connect to ${u.host} within ${Math.round(connectTimeoutMs / 1000)} s: try again later`,
        );
      }
      const code = (err as NodeJS.ErrnoException).code ?? "";
      if (/CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY/i.test(code)) {
        throw new MediaError(
          "fetch-failed",
          `${u.host} has an invalid HTTPS certificate: the bot won't download from it`,
        );
      }
      throw new MediaError(
        "fetch-failed",
        `couldn't download ${redactUrl(u)} (${code || "connection failed"}): check the link or try again`,
      );
    } finally {
      clearTimeout(timer);
      outer?.removeEventListener("abort", onOuterAbort);
    }
  }

  function statusError(u: URL, status: number): MediaError {
    const hint =
      status === 401 || status === 403 || status === 410
        ? "the link may have expired or be private"
        : status === 404
          ? "nothing is there"
          : "the server had a problem";
    return new MediaError(
      "fetch-failed",
      `${redactUrl(u)} answered HTTP ${status}: ${hint}; send a fresh link or upload the file`,
    );
  }

  return {
    async openRange(url, opts = {}) {
      return new HttpRangeSource(
        parseUrl(url),
        opts.byteBudget ?? FETCH_DEFAULTS.byteBudget,
        { fetchFollowing, guarded, statusError },
        opts.signal,
      );
    },

    async download(url, { maxBytes }) {
      const u = parseUrl(url);
      return guarded(u, async (signal) => {
        const { res, url: finalUrl } = await fetchFollowing(u, {}, signal, () => {});
        if (res.statusCode !== 200) {
          res.destroy();
          throw statusError(finalUrl, res.statusCode ?? 0);
        }
        const declared = Number(res.headers["content-length"]);
        const tooLarge = () =>
          new MediaError(
            "too-large",
            `${redactUrl(finalUrl)} is larger than ${formatMegabytes(maxBytes)}, the most the bot downloads`,
          );
        if (Number.isFinite(declared) && declared > maxBytes) {
          res.destroy();
          throw tooLarge();
        }
        const { bytes } = await readBody(res, { skip: 0, take: Infinity, maxWire: maxBytes, onTooMuch: tooLarge });
        const contentType = res.headers["content-type"];
        return { bytes, ...(contentType ? { contentType } : {}) };
      });
    },
  };
}

/** Why reads stopped: the deadline's own MediaError when it gave one. */
function stoppedBy(signal: AbortSignal, u: URL): MediaError {
  return signal.reason instanceof MediaError
    ? signal.reason
    : new MediaError("timeout", `stopped reading ${redactUrl(u)}: it took too long`);
}

type Helpers = {
  fetchFollowing: (
    u: URL,
    h: Record<string, string>,
    s: AbortSignal,
    onRequest: () => void,
  ) => Promise<{ res: IncomingMessage; url: URL }>;
  guarded: <T>(u: URL, work: (signal: AbortSignal) => Promise<T>, outer?: AbortSignal) => Promise<T>;
  statusError: (u: URL, status: number) => MediaError;
};

/**
 * Reads `take` bytes after skipping `skip` bytes of a response body, then drops the connection.
 * `maxWire` caps everything received, skipped bytes included.
 */
function readBody(
  res: IncomingMessage,
  o: { skip: number; take: number; maxWire: number; onTooMuch: () => MediaError },
): Promise<{ bytes: Buffer; wire: number; ended: boolean }> {
  return new Promise((resolvePromise, reject) => {
    const parts: Buffer[] = [];
    let wire = 0;
    let kept = 0;
    let settled = false;
    const finish = (ended: boolean) => {
      if (settled) return;
      settled = true;
      resolvePromise({ bytes: Buffer.concat(parts), wire, ended });
      if (!ended) res.destroy();
    };
    res.on("data", (chunk: Buffer) => {
      if (settled) return;
      const chunkStart = wire;
      wire += chunk.length;
      const from = Math.max(0, o.skip - chunkStart);
      if (from < chunk.length) {
        const slice = chunk.subarray(from, Math.min(chunk.length, from + (o.take - kept)));
        parts.push(slice);
        kept += slice.length;
      }
      if (kept >= o.take) return finish(false);
      if (wire > o.maxWire) {
        settled = true;
        res.destroy();
        reject(o.onTooMuch());
      }
    });
    res.once("end", () => finish(true));
    res.once("error", (err) => {
      if (settled) return;
      settled = true;
      reject(err);
    });
    res.once("close", () => {
      if (!settled) {
        settled = true;
        reject(Object.assign(new Error("connection closed early"), { code: "ECONNRESET" }));
      }
    });
  });
}

class HttpRangeSource implements RangeSource {
  readonly label: string;
  bytesRead = 0;
  requests = 0;
  #size: number | undefined;
  #url: URL;

  constructor(
    url: URL,
    readonly byteBudget: number,
    private readonly h: Helpers,
    private readonly signal?: AbortSignal,
  ) {
    this.#url = url;
    this.label = redactUrl(url);
  }

  async size(): Promise<number> {
    if (this.#size === undefined) await this.read(0, 1);
    if (this.#size === undefined) {
      throw new MediaError("fetch-failed", `${this.label} didn't say how large the file is: upload the file instead`);
    }
    return this.#size;
  }

  async read(start: number, end: number): Promise<Uint8Array> {
    if (this.#size !== undefined) end = Math.min(end, this.#size);
    if (end <= start) return new Uint8Array(0);
    const tooMuch = () =>
      new MediaError(
        "too-large",
        `reading ${this.label} would take more than ${formatKibibytes(this.byteBudget)} (the server ` +
          `may not support partial downloads): upload the file instead`,
      );
    if (this.bytesRead + (end - start) > this.byteBudget) throw tooMuch();
    const u = this.#url;
    return this.h.guarded(
      u,
      async (signal) => {
        const { res, url } = await this.h.fetchFollowing(
          u,
          { range: `bytes=${start}-${end - 1}` },
          signal,
          () => this.requests++,
        );
        this.#url = url;
        const status = res.statusCode ?? 0;
        const left = this.byteBudget - this.bytesRead;
        if (status === 206) {
          const m = /^bytes\s+(\d+)-(\d+)\/(\d+|\*)$/i.exec(String(res.headers["content-range"] ?? "").trim());
          if (!m || Number(m[1]) !== start) {
            res.destroy();
            throw new MediaError(
              "fetch-failed",
              `${this.label} answered a partial download the bot can't use: upload the file instead`,
            );
          }
          if (m[3] !== "*") this.#size = Number(m[3]);
          const body = await readBody(res, { skip: 0, take: end - start, maxWire: left, onTooMuch: tooMuch });
          this.bytesRead += body.wire;
          return new Uint8Array(body.bytes.buffer, body.bytes.byteOffset, body.bytes.length);
        }
        if (status === 200) {
          // the server ignored Range: read only up to `end`, then hang up
          const declared = Number(res.headers["content-length"]);
          if (Number.isFinite(declared)) this.#size = declared;
          const body = await readBody(res, { skip: start, take: end - start, maxWire: left, onTooMuch: tooMuch });
          this.bytesRead += body.wire;
          if (body.ended && this.#size === undefined) this.#size = body.wire;
          return new Uint8Array(body.bytes.buffer, body.bytes.byteOffset, body.bytes.length);
        }
        if (status === 416) {
          res.destroy();
          const total = /\/(\d+)\s*$/.exec(String(res.headers["content-range"] ?? ""));
          if (total) this.#size = Number(total[1]);
          return new Uint8Array(0);
        }
        res.destroy();
        throw this.h.statusError(url, status);
      },
      this.signal,
    );
  }
}
