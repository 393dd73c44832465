import { readdirSync, readFileSync, readlinkSync } from "node:fs";

// What this process holds open, read from Linux's /proc: how the store tests count connections from outside.

/** this process's open descriptors: what each links to (a file path, "socket:[inode]", …) */
export function ownDescriptors(): string[] {
  const links: string[] = [];
  for (const fd of readdirSync("/proc/self/fd")) {
    try {
      links.push(readlinkSync(`/proc/self/fd/${fd}`));
    } catch {
      // closed while listing
    }
  }
  return links;
}

/** how many of this process's TCP connections are established to `port` (Linux: /proc/net/tcp{,6}) */
export function connectionsTo(port: number): number {
  const inodes = new Set(ownDescriptors().flatMap((link) => /^socket:\[(\d+)\]$/.exec(link)?.[1] ?? []));
  let count = 0;
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    for (const line of readFileSync(table, "utf8").split("\n").slice(1)) {
      const [, , remote, state, , , , , , inode] = line.trim().split(/\s+/);
      if (remote && state === "01" && Number.parseInt(remote.split(":")[1]!, 16) === port && inodes.has(inode!))
        count++;
    }
  }
  return count;
}

/** this process's connections to STORE_URL: descriptors on the SQLite file, or TCP connections to the server's port */
export function connectionsOf(storeUrl: string): number {
  if (storeUrl.startsWith("sqlite://")) {
    const file = storeUrl.slice("sqlite://".length);
    return ownDescriptors().filter((link) => link === file).length;
  }
  const url = new URL(storeUrl);
  return connectionsTo(Number(url.port || (url.protocol.startsWith("redis") ? 6379 : 5432)));
}
