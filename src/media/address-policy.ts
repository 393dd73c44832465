/**
 * Which IP addresses the bot may fetch from: public unicast only. Used on every resolved address of every hop.
 */
import { isIP } from "node:net";

type Range4 = [base: number, prefix: number, why: string];

const ip4 = (s: string): number => s.split(".").reduce((n, part) => n * 256 + Number(part), 0);

const BLOCKED_V4: Range4[] = [
  [ip4("0.0.0.0"), 8, "an unspecified address"],
  [ip4("10.0.0.0"), 8, "a private address"],
  [ip4("100.64.0.0"), 10, "a carrier-grade NAT address"],
  [ip4("127.0.0.0"), 8, "a loopback address"],
  [ip4("169.254.0.0"), 16, "a link-local address"],
  [ip4("172.16.0.0"), 12, "a private address"],
  [ip4("192.0.0.0"), 24, "a reserved address"],
  [ip4("192.0.2.0"), 24, "a documentation address"],
  [ip4("192.88.99.0"), 24, "a reserved address"],
  [ip4("192.168.0.0"), 16, "a private address"],
  [ip4("198.18.0.0"), 15, "a benchmarking address"],
  [ip4("198.51.100.0"), 24, "a documentation address"],
  [ip4("203.0.113.0"), 24, "a documentation address"],
  [ip4("224.0.0.0"), 4, "a multicast address"],
  [ip4("240.0.0.0"), 4, "a reserved address"],
];

function inRange4(addr: number, [base, prefix]: Range4): boolean {
  const size = 2 ** (32 - prefix);
  return addr >= base && addr < base + size;
}

function blockedV4(addr: number): string | undefined {
  return BLOCKED_V4.find((r) => inRange4(addr, r))?.[2];
}

/** 16 bytes of an IPv6 address (accepts brackets, embedded dotted IPv4 and a %zone), or undefined. */
export function parseIPv6(text: string): number[] | undefined {
  let s = text.replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  if (isIP(s) !== 6) return undefined;
  if (s.includes(".")) {
    const at = s.lastIndexOf(":");
    const v4 = ip4(s.slice(at + 1));
    s = `${s.slice(0, at + 1)}${((v4 >>> 16) & 0xffff).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const [head = "", tail] = s.split("::");
  const headGroups = head ? head.split(":") : [];
  let groups = headGroups;
  if (tail !== undefined) {
    const tailGroups = tail ? tail.split(":") : [];
    groups = [...headGroups, ...new Array<string>(8 - headGroups.length - tailGroups.length).fill("0"), ...tailGroups];
  }
  if (groups.length !== 8) return undefined;
  return groups.flatMap((g) => {
    const n = parseInt(g, 16);
    return [(n >>> 8) & 0xff, n & 0xff];
  });
}

const v4FromBytes = (b: number[], at: number): number =>
  ((b[at] ?? 0) * 2 ** 24 + (b[at + 1] ?? 0) * 2 ** 16 + (b[at + 2] ?? 0) * 2 ** 8 + (b[at + 3] ?? 0)) >>> 0;

function prefixMatch(b: number[], prefix: number[], bits: number): boolean {
  for (let i = 0; i < bits; i++) {
    const byte = i >> 3;
    const mask = 0x80 >> (i & 7);
    if (((b[byte] ?? 0) & mask) !== ((prefix[byte] ?? 0) & mask)) return false;
  }
  return true;
}

function blockedV6(b: number[]): string | undefined {
  const zeros = (n: number) => b.slice(0, n).every((x) => x === 0);
  if (zeros(16)) return "an unspecified address";
  if (zeros(15) && b[15] === 1) return "a loopback address";
  // IPv4-mapped ::ffff:a.b.c.d and the deprecated IPv4-compatible ::a.b.c.d carry an IPv4 address
  if (zeros(10) && b[10] === 0xff && b[11] === 0xff) return blockedV4(v4FromBytes(b, 12)) ?? undefined;
  if (zeros(12)) return blockedV4(v4FromBytes(b, 12)) ?? "a reserved address";
  // NAT64 64:ff9b::/96 (and the local-use 64:ff9b:1::/48) reach the IPv4 address in the low 32 bits
  if (prefixMatch(b, [0x00, 0x64, 0xff, 0x9b], 32)) return blockedV4(v4FromBytes(b, 12));
  // 6to4 2002:a.b.c.d::/48
  if (b[0] === 0x20 && b[1] === 0x02) return blockedV4(v4FromBytes(b, 2));
  // Teredo 2001:0::/32 hides an obfuscated IPv4: refuse outright
  if (b[0] === 0x20 && b[1] === 0x01 && b[2] === 0 && b[3] === 0) return "a tunnel (Teredo) address";
  if (prefixMatch(b, [0x20, 0x01, 0x0d, 0xb8], 32)) return "a documentation address";
  if (prefixMatch(b, [0x01, 0x00, 0, 0, 0, 0, 0, 0], 64)) return "a discard address";
  if (prefixMatch(b, [0xfc], 7)) return "a private (unique local) address";
  if (prefixMatch(b, [0xfe, 0x80], 10)) return "a link-local address";
  if (prefixMatch(b, [0xfe, 0xc0], 10)) return "a site-local address";
  if (b[0] === 0xff) return "a multicast address";
  return undefined;
}

/**
 * Why `address` must not be fetched from ("a loopback address", ...), or undefined when it is public.
 * Anything that is not a well-formed IP literal is refused too.
 */
export function blockedAddressReason(address: string): string | undefined {
  const kind = isIP(address.replace(/^\[|\]$/g, "").replace(/%.*$/, ""));
  if (kind === 4) return blockedV4(ip4(address));
  if (kind === 6) {
    const bytes = parseIPv6(address);
    return bytes ? blockedV6(bytes) : "an unparsable address";
  }
  return "not an IP address";
}
