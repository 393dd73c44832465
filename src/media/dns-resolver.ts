/**
 * Name resolution for media links without libuv's 4-thread pool: `dns.lookup` (getaddrinfo) blocks a pool
 * thread for as long as a hostile name's DNS takes to answer, and four such links stall every file read and
 * zlib call in the process. This resolver reads the hosts file itself (names like `localhost` keep working as
 * they did through getaddrinfo) and asks DNS through c-ares (`dns.promises.Resolver`), with a timeout.
 */
import { Resolver as CaresResolver } from "node:dns/promises";
import { readFile, stat } from "node:fs/promises";
import { isIP } from "node:net";

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** DNS as the guarded fetcher sees it. `signal` aborts when the fetcher stops waiting (its DNS deadline). */
export type Resolver = (hostname: string, options?: { signal?: AbortSignal }) => Promise<ResolvedAddress[]>;

export interface SystemResolverOptions {
  /** c-ares timeout of one query, ms */
  queryTimeoutMs?: number;
  /** c-ares tries per name server */
  tries?: number;
  /** default /etc/hosts */
  hostsFile?: string;
  /** name servers (`ip[:port]`); default the system's (/etc/resolv.conf) */
  servers?: readonly string[];
}

/** c-ares doubles the timeout on its second try: 1.5 s + 3 s stays inside the fetcher's 5 s DNS deadline. */
export const DNS_DEFAULTS = { queryTimeoutMs: 1_500, tries: 2, hostsFile: "/etc/hosts" } as const;

/**
 * Once one address family has answered, how long to wait for the other (RFC 8305's "resolution delay"): a name server
 * that drops AAAA queries must not turn every lookup into a timeout.
 */
export const RESOLUTION_DELAY_MS = 50;

const familyOf = (address: string): 4 | 6 => (isIP(address) === 6 ? 6 : 4);

/** name → addresses in file order, names lower-cased; comments and malformed lines are skipped. */
export function parseHostsFile(text: string): Map<string, string[]> {
  const table = new Map<string, string[]>();
  for (const raw of text.split("\n")) {
    const [address, ...names] = raw.replace(/#.*/, "").trim().split(/\s+/);
    if (!address || !names.length || !isIP(address.replace(/%.*$/, ""))) continue;
    for (const name of names) {
      const key = name.toLowerCase();
      const list = table.get(key) ?? [];
      if (!list.includes(address)) list.push(address);
      table.set(key, list);
    }
  }
  return table;
}

/** The bot's default resolver: hosts file, then `localhost` (RFC 6761), then DNS (A and AAAA) through c-ares. */
export function createSystemResolver(options: SystemResolverOptions = {}): Resolver {
  const queryTimeoutMs = options.queryTimeoutMs ?? DNS_DEFAULTS.queryTimeoutMs;
  const tries = options.tries ?? DNS_DEFAULTS.tries;
  const hostsFile = options.hostsFile ?? DNS_DEFAULTS.hostsFile;
  let hosts: { mtimeMs: number; table: Map<string, string[]> } | undefined;

  async function fromHostsFile(name: string): Promise<string[] | undefined> {
    try {
      const { mtimeMs } = await stat(hostsFile);
      if (hosts?.mtimeMs !== mtimeMs) hosts = { mtimeMs, table: parseHostsFile(await readFile(hostsFile, "utf8")) };
      return hosts.table.get(name);
    } catch {
      return undefined; // no hosts file: DNS only
    }
  }

  return async (hostname, { signal } = {}) => {
    const name = hostname.toLowerCase().replace(/\.$/, "");
    const listed = await fromHostsFile(name);
    if (listed?.length) return listed.map((address) => ({ address, family: familyOf(address) }));
    if (name === "localhost" || name.endsWith(".localhost")) {
      return [
        { address: "127.0.0.1", family: 4 },
        { address: "::1", family: 6 },
      ];
    }
    // one channel per lookup, so the deadline cancels this lookup's queries and no one else's
    const dns = new CaresResolver({ timeout: queryTimeoutMs, tries });
    if (options.servers) dns.setServers([...options.servers]);
    const cancel = () => dns.cancel();
    signal?.addEventListener("abort", cancel, { once: true });
    try {
      const [v4, v6] = await bothOrFirstAndDelay(dns.resolve4(name), dns.resolve6(name));
      const addresses = [...(Array.isArray(v4) ? v4 : []), ...(Array.isArray(v6) ? v6 : [])];
      if (addresses.length) return addresses.map((address) => ({ address, family: familyOf(address) }));
      throw (
        (v4 instanceof Error ? v4 : v6 instanceof Error ? v6 : undefined) ??
        Object.assign(new Error(`no addresses for ${name}`), { code: "ENODATA" })
      );
    } finally {
      signal?.removeEventListener("abort", cancel);
      dns.cancel(); // a family still pending after the delay
    }
  };
}

type Answer = string[] | Error | undefined;

/** Both answers, or — once one family has addresses — whatever the other has after RESOLUTION_DELAY_MS. */
function bothOrFirstAndDelay(a: Promise<string[]>, b: Promise<string[]>): Promise<[Answer, Answer]> {
  return new Promise((resolve) => {
    const answers: [Answer, Answer] = [undefined, undefined];
    let delay: NodeJS.Timeout | undefined;
    const finish = () => {
      clearTimeout(delay);
      resolve([answers[0], answers[1]]);
    };
    const settle = (i: 0 | 1, value: string[] | Error) => {
      answers[i] = value;
      if (answers[0] !== undefined && answers[1] !== undefined) return finish();
      if (Array.isArray(value) && value.length && !delay) delay = setTimeout(finish, RESOLUTION_DELAY_MS);
    };
    const asError = (e: unknown) => (e instanceof Error ? e : new Error(String(e)));
    a.then(
      (v) => settle(0, v),
      (e: unknown) => settle(0, asError(e)),
    );
    b.then(
      (v) => settle(1, v),
      (e: unknown) => settle(1, asError(e)),
    );
  });
}
