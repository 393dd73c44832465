/**
 * `npm run check -- [--json] [--allow-host host:port]... <file-or-url>...`
 *
 * Inspects each input with the bot's own inspector and rules and prints its facts and verdict.
 * Exit code: 0 all accepted, 1 any rejected, 2 usage error.
 */
import { isAllowedHost, parseAllowedHost } from "./allowed-hosts.js";
import { pathToFileURL } from "node:url";
import { createGuardedFetcher } from "./guarded-fetch.js";
import { createInspectPool, type InspectPool } from "./inspect-pool.js";
import { FileRangeSource } from "./range-source.js";
import { redactUrl } from "./redact.js";
import { checkImageFacts, checkVideoFacts, violationFromMediaError } from "./rules.js";
import { sniff } from "./sniff.js";
import type { MediaFacts, RangeSource, Violation } from "./types.js";
import { MediaError } from "./types.js";
import { errorMessage, splitCommaList } from "../text.js";

export interface CheckResult {
  input: string;
  kind: "video" | "image" | "unknown";
  facts: {
    container: string | null;
    durationSec: number | null;
    width: number | null;
    height: number | null;
    fps: number | null;
    videoCodec: string | null;
    hasAudio: boolean | null;
    bytes: number | null;
    format: string | null;
  };
  verdict: "accept" | "reject";
  violations: Violation[];
}

const USAGE = `usage: npm run check -- [--json] [--allow-host host:port]... <file-or-url>...
  Inspects videos (MP4/MOV) and images (JPG/PNG/WebP) the way the bot does and says whether Kling would take them.
  URLs must be https unless their host is allowed (--allow-host, or MEDIA_ALLOWED_HOSTS=host:port,...).`;

const isUrl = (s: string) => /^https?:\/\//i.test(s);

function emptyFacts(): CheckResult["facts"] {
  return {
    container: null,
    durationSec: null,
    width: null,
    height: null,
    fps: null,
    videoCodec: null,
    hasAudio: null,
    bytes: null,
    format: null,
  };
}

function factsOf(f: MediaFacts): CheckResult["facts"] {
  if (f.kind === "video") {
    const { container, durationSec, width, height, fps, videoCodec, hasAudio, bytes } = f;
    return { container, durationSec, width, height, fps, videoCodec, hasAudio, bytes, format: null };
  }
  return { ...emptyFacts(), width: f.width, height: f.height, bytes: f.bytes, format: f.format };
}

/** Inspects one input the way the bot does: bytes read here, parsed in the pool's worker under its deadline. */
export async function checkOne(input: string, src: RangeSource, pool: InspectPool): Promise<CheckResult> {
  const label = isUrl(input) ? redactUrl(input) : input;
  try {
    const facts = await pool.inspect("media", src);
    const violations = facts.kind === "video" ? checkVideoFacts(facts) : checkImageFacts(facts, "image");
    return {
      input: label,
      kind: facts.kind,
      facts: factsOf(facts),
      verdict: violations.length ? "reject" : "accept",
      violations,
    };
  } catch (err) {
    if (!(err instanceof MediaError)) throw err;
    // what the first 64 bytes say, for the kind (cheap: already read, or unreadable)
    let kind: CheckResult["kind"] = "unknown";
    try {
      const s = sniff(await src.read(0, 64));
      kind =
        s.kind === "video"
          ? "video"
          : s.kind === "image"
            ? "image"
            : s.category === "video"
              ? "video"
              : s.category === "image"
                ? "image"
                : "unknown";
    } catch {
      /* unreachable file: kind stays unknown */
    }
    let bytes: number | null = null;
    try {
      bytes = await src.size();
    } catch {
      /* unknown */
    }
    return {
      input: label,
      kind,
      facts: { ...emptyFacts(), bytes },
      verdict: "reject",
      violations: [violationFromMediaError(err, kind === "unknown" ? "media" : kind)],
    };
  }
}

function describe(r: CheckResult): string {
  const f = r.facts;
  const lines = [`${r.input}`];
  if (r.kind === "video" && f.width !== null) {
    lines.push(
      `  video: ${f.container?.toUpperCase()} ${f.videoCodec}, ${f.width}×${f.height}, ${f.durationSec} ` +
        `s, ${f.fps} fps, ${f.hasAudio ? "with" : "no"} audio, ${f.bytes} bytes`,
    );
  } else if (r.kind === "image" && f.width !== null) {
    lines.push(`  image: ${f.format?.toUpperCase()}, ${f.width}×${f.height}, ${f.bytes} bytes`);
  } else {
    lines.push(
      `  ${r.kind === "unknown" ? "file" : r.kind}: could not be inspected${f.bytes !== null ? ` (${f.bytes} bytes)` : ""}`,
    );
  }
  if (r.verdict === "accept") lines.push("  verdict: accept");
  else {
    lines.push("  verdict: reject");
    for (const v of r.violations) lines.push(`    - [${v.rule}] ${v.message}`);
  }
  return lines.join("\n");
}

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  env: Record<string, string | undefined>;
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let json = false;
  const allowHosts: string[] = [];
  const inputs: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === "--json") json = true;
    else if (a === "--allow-host") {
      const v = argv[++i];
      if (!v) {
        io.err(USAGE);
        return 2;
      }
      allowHosts.push(v);
    } else if (a.startsWith("--allow-host=")) allowHosts.push(a.slice("--allow-host=".length));
    else if (a === "-h" || a === "--help") {
      io.out(USAGE);
      return 0;
    } else if (a.startsWith("--")) {
      io.err(`unknown option ${a}\n${USAGE}`);
      return 2;
    } else inputs.push(a);
  }
  if (inputs.length === 0) {
    io.err(USAGE);
    return 2;
  }
  const envHosts = splitCommaList(io.env.MEDIA_ALLOWED_HOSTS);
  const problems = [...allowHosts, ...envHosts].map(parseAllowedHost).filter((parsed) => !isAllowedHost(parsed));
  if (problems.length) {
    for (const { problem } of problems as { problem: string }[]) io.err(`allowed host ${problem}`);
    return 2;
  }
  const fetcher = createGuardedFetcher({ allowedHosts: [...allowHosts, ...envHosts] });
  const pool = createInspectPool();
  try {
    return await checkAll(inputs, fetcher, pool, json, io);
  } finally {
    await pool.close();
  }
}

async function checkAll(
  inputs: string[],
  fetcher: ReturnType<typeof createGuardedFetcher>,
  pool: InspectPool,
  json: boolean,
  io: CliIo,
): Promise<number> {
  let rejected = false;
  for (const input of inputs) {
    let result: CheckResult;
    try {
      const src = isUrl(input) ? await fetcher.openRange(input) : new FileRangeSource(input);
      result = await checkOne(input, src, pool);
    } catch (err) {
      if (!(err instanceof MediaError)) throw err;
      result = {
        input: isUrl(input) ? redactUrl(input) : input,
        kind: "unknown",
        facts: emptyFacts(),
        verdict: "reject",
        violations: [violationFromMediaError(err, "media")],
      };
    }
    if (result.verdict === "reject") rejected = true;
    io.out(json ? JSON.stringify(result) : describe(result));
  }
  return rejected ? 1 : 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  runCli(process.argv.slice(2), {
    out: (l) => process.stdout.write(`${l}\n`),
    err: (l) => process.stderr.write(`${l}\n`),
    env: process.env,
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`check failed: ${errorMessage(err)}\n`);
      process.exitCode = 2;
    },
  );
}
