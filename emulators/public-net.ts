// A pretend internet for tests: the emulators' CDNs answer under the public names real members' links carry
// (https://cdn.discordapp.com/..., https://v3.fal.media/...), so the bot takes its production path — DNS answer
// checked by the SSRF policy, connection pinned to the checked address, link passed straight to fal.
//
// How it is wired, without the bot knowing: the bot's guarded fetcher takes three documented seams
// (src/media/guarded-fetch.ts, through BotOverrides.media): `resolve` (this network's DNS: each public name gets a
// public address from 203.0.114.0/24 — an ordinary, non-reserved range, so the address policy passes it), `route`
// (where the TCP connection for a checked address:port goes: this network sends 203.0.114.N:443 to the local TLS
// listener standing in for that host, and refuses anything else, so nothing ever leaves the machine), and `ca` (this
// network's certificate authority). Names it does not know fail like NXDOMAIN; a name can be mapped to a private
// address to prove the policy still refuses it.
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { request as httpsRequest } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import type { ResolvedAddress, Resolver, Route } from "../src/media/guarded-fetch.js";

const run = promisify(execFile);

/** Every public name the emulators can stand in for (one certificate covers them all). */
export const PUBLIC_HOSTS = {
  discordCdn: "cdn.discordapp.com",
  discordMedia: "media.discordapp.net",
  falCdn: "v3.fal.media",
} as const;

const PUBLIC_PREFIX = "203.0.114.";

export interface PublicNetwork {
  /** PEM of this network's certificate authority (give it to the guarded fetcher as `ca`). */
  readonly ca: string;
  /** Key and certificate every stand-in TLS listener serves (SANs: all PUBLIC_HOSTS). */
  readonly tls: { key: string; cert: string };
  /** This network's DNS: a seam for the guarded fetcher. */
  readonly resolve: Resolver;
  /** Where a connection to a checked address goes: a seam for the guarded fetcher. */
  readonly route: Route;
  /** `https://<name>` (port 443) is now answered by the local listener on `localPort`. */
  host(name: string, localPort: number): string;
  /** `name` resolves to `address` (e.g. a private one) without a listener: for SSRF checks. */
  mapName(name: string, address: string): void;
  /** The public address `name` resolves to. */
  addressOf(name: string): string | undefined;
  /** Every name asked of resolve(), and every address:port route() dialled, in order. */
  readonly lookups: string[];
  readonly dials: { address: string; port: number; to: number }[];
  /**
   * GET a URL as an outside service on this network would (fal fetching `video_url`): public names only,
   * same DNS and routes, TLS checked against this network's CA, bounded by `timeoutMs`.
   */
  fetch(
    url: string,
    opts: { timeoutMs: number; maxBytes?: number },
  ): Promise<{ status: number; bytes: Buffer; contentType?: string }>;
}

async function certificates(): Promise<{ ca: string; key: string; cert: string }> {
  const names = Object.values(PUBLIC_HOSTS);
  mkdirSync(join(tmpdir(), "kling-bot-public-net"), { recursive: true });
  const dir = join(
    tmpdir(),
    "kling-bot-public-net",
    createHash("sha256").update(names.join(",")).digest("hex").slice(0, 12),
  );
  const file = (n: string) => join(dir, n);
  if (!existsSync(file("leaf.pem"))) {
    // made in a private folder, then renamed into place: parallel test processes never see half a set
    const work = `${dir}.${process.pid}.tmp`;
    const w = (n: string) => join(work, n);
    mkdirSync(work, { recursive: true });
    const ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
    await run("openssl", [
      "req",
      "-x509",
      ...ec,
      "-keyout",
      w("ca.key"),
      "-out",
      w("ca.pem"),
      "-days",
      "3650",
      "-subj",
      "/CN=kling-bot test network CA",
    ]);
    await run("openssl", ["req", ...ec, "-keyout", w("leaf.key"), "-out", w("leaf.csr"), "-subj", `/CN=${names[0]}`]);
    writeFileSync(w("ext.cnf"), `subjectAltName=${names.map((n) => `DNS:${n}`).join(",")}\n`);
    await run("openssl", [
      "x509",
      "-req",
      "-in",
      w("leaf.csr"),
      "-CA",
      w("ca.pem"),
      "-CAkey",
      w("ca.key"),
      "-CAcreateserial",
      "-out",
      w("leaf.pem"),
      "-days",
      "3650",
      "-extfile",
      w("ext.cnf"),
    ]);
    try {
      renameSync(work, dir);
    } catch {
      rmSync(work, { recursive: true, force: true }); // another process got there first
    }
  }
  return {
    ca: readFileSync(file("ca.pem"), "utf8"),
    key: readFileSync(file("leaf.key"), "utf8"),
    cert: readFileSync(file("leaf.pem"), "utf8"),
  };
}

export class FetchTimeout extends Error {
  constructor(readonly timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms`);
  }
}

/** A fresh network (its own names and routes; the certificates are made once per machine with openssl). */
export async function createPublicNetwork(): Promise<PublicNetwork> {
  const { ca, key, cert } = await certificates();
  const names = new Map<string, string>();
  const routes = new Map<string, number>();
  const lookups: string[] = [];
  const dials: PublicNetwork["dials"] = [];
  let next = 10;

  const resolve: Resolver = async (hostname) => {
    lookups.push(hostname);
    const address = names.get(hostname.toLowerCase());
    if (!address) throw Object.assign(new Error(`queryA ENOTFOUND ${hostname}`), { code: "ENOTFOUND" });
    return [{ address, family: address.includes(":") ? 6 : 4 } satisfies ResolvedAddress];
  };

  const route: Route = ({ address, port }) => {
    const to = routes.get(`${address}:${port}`);
    dials.push({ address, port, to: to ?? 0 });
    // an unrouted address is unreachable: nothing is ever dialled outside this machine
    if (!to)
      throw Object.assign(new Error(`connect EHOSTUNREACH ${address}:${port} (not on the test network)`), {
        code: "EHOSTUNREACH",
      });
    return { address: "127.0.0.1", port: to };
  };

  const net: PublicNetwork = {
    ca,
    tls: { key, cert },
    resolve,
    route,
    lookups,
    dials,
    host(name, localPort) {
      const address = names.get(name) ?? `${PUBLIC_PREFIX}${next++}`;
      names.set(name, address);
      routes.set(`${address}:443`, localPort);
      return `https://${name}`;
    },
    mapName(name, address) {
      names.set(name.toLowerCase(), address);
    },
    addressOf: (name) => names.get(name.toLowerCase()),
    fetch(url, { timeoutMs, maxBytes = 256 * 1024 * 1024 }) {
      return new Promise((resolvePromise, reject) => {
        const u = new URL(url);
        if (u.protocol !== "https:") return reject(new Error(`only https on the public network: ${u.protocol}`));
        const port = u.port ? Number(u.port) : 443;
        const controller = new AbortController();
        let timedOut = false;
        const timer = setTimeout(() => {
          timedOut = true;
          controller.abort();
        }, timeoutMs);
        const fail = (e: unknown) => {
          clearTimeout(timer);
          reject(timedOut ? new FetchTimeout(timeoutMs) : e instanceof Error ? e : new Error(String(e)));
        };
        resolve(u.hostname)
          .then(([first]) => {
            const dial = route({ address: first!.address, family: first!.family, port });
            const req = httpsRequest({
              host: u.hostname,
              port: dial.port,
              path: `${u.pathname}${u.search}`,
              lookup: (_host, o, cb) =>
                (o as { all?: boolean }).all
                  ? (cb as unknown as (e: null, a: ResolvedAddress[]) => void)(null, [
                      { address: dial.address, family: 4 },
                    ])
                  : cb(null, dial.address, 4),
              ca,
              agent: false,
              signal: controller.signal,
            });
            req.once("response", (res) => {
              const parts: Buffer[] = [];
              let size = 0;
              res.on("data", (c: Buffer) => {
                size += c.length;
                if (size > maxBytes) return req.destroy(new Error(`larger than ${maxBytes} bytes`));
                parts.push(c);
              });
              res.once("end", () => {
                clearTimeout(timer);
                const contentType = res.headers["content-type"];
                resolvePromise({
                  status: res.statusCode ?? 0,
                  bytes: Buffer.concat(parts),
                  ...(contentType ? { contentType } : {}),
                });
              });
              res.once("error", fail);
            });
            req.once("error", fail);
            req.end();
          })
          .catch(fail);
      });
    },
  };
  return net;
}
