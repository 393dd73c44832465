/**
 * MEDIA_ALLOWED_HOSTS entries: `host:port` (IPv6 in brackets). An entry lets the bot fetch from that one port over
 * plain http and at private addresses, so a port is required: a bare host would open every service on that machine.
 */
export interface AllowedHost {
  host: string;
  port: number;
}

const ENTRY = /^(?:\[([0-9a-f:.]+)\]|([a-z0-9.-]+))(?::(\d{1,5}))?$/;

/** The entry parsed, or what is wrong with it in words an owner can act on. */
export function parseAllowedHost(raw: string): AllowedHost | { problem: string } {
  const entry = raw.trim().toLowerCase();
  const m = ENTRY.exec(entry);
  if (!m) return { problem: `entry "${entry}" must be host:port (e.g. media.internal:8080)` };
  if (m[3] === undefined) {
    return {
      problem:
        `entry "${entry}" has no port: write ${entry}:<port> (e.g. ${entry}:8080); without one ` +
        `it would allow every port over plain http`,
    };
  }
  const port = Number(m[3]);
  if (port < 1 || port > 65_535) return { problem: `entry "${entry}" has port ${port}; ports are 1–65535` };
  return { host: m[1] ?? m[2] ?? "", port };
}

export const isAllowedHost = (parsed: AllowedHost | { problem: string }): parsed is AllowedHost =>
  !("problem" in parsed);

/** A URL's host without IPv6 brackets, lower case. */
export const bareHost = (u: URL): string => u.hostname.replace(/^\[|\]$/g, "").toLowerCase();
/** A URL's port, or its scheme's default. */
export const portOf = (u: URL): number => (u.port ? Number(u.port) : u.protocol === "https:" ? 443 : 80);

/** Whether a URL's host and port (the scheme's default when absent) are one of the entries. Invalid entries match nothing. */
export function matchesAllowedHost(url: string | URL, entries: readonly (string | AllowedHost)[]): boolean {
  let u: URL;
  try {
    u = new URL(String(url));
  } catch {
    return false;
  }
  const host = bareHost(u);
  const port = portOf(u);
  return entries.some((entry) => {
    const parsed = typeof entry === "string" ? parseAllowedHost(entry) : entry;
    return isAllowedHost(parsed) && parsed.host === host && parsed.port === port;
  });
}
