// fal downloads a job's input files itself (video_url, image_urls, element images) and answers 422 naming the field
// when it cannot: a private or loopback host (fal is not on the bot's network), a name it cannot resolve, an error
// answer, or no answer within its timeout (FACTS: "fetched within 30 s"). Its own storage (the files the bot
// uploaded) it reads directly.
import { FetchTimeout, type PublicNetwork } from "../public-net.js";

export type FieldLoc = (string | number)[];

export interface InputFetchRecord {
  requestId: string;
  loc: FieldLoc;
  url: string;
  ok: boolean;
  /** HTTP status the file's server answered (0: none) */
  status: number;
  bytes: number;
  error?: string;
  ms: number;
}

/** Unverified wording of fal's 422 for an input it could not download. */
export const INPUT_FETCH_ERROR = {
  type: "file_download_error",
  msg: (why: string) => `Failed to download the file from the URL: ${why}. Please make sure it is publicly accessible.`,
} as const;

/** Every input URL of a Kling request with the pydantic `loc` fal reports it under. */
export function inputUrls(input: unknown): { loc: FieldLoc; url: string }[] {
  const o = (input && typeof input === "object" ? input : {}) as Record<string, unknown>;
  const out: { loc: FieldLoc; url: string }[] = [];
  const add = (loc: FieldLoc, v: unknown) => typeof v === "string" && out.push({ loc, url: v });
  add(["body", "video_url"], o["video_url"]);
  if (Array.isArray(o["image_urls"])) o["image_urls"].forEach((u, i) => add(["body", "image_urls", i], u));
  if (Array.isArray(o["elements"])) {
    o["elements"].forEach((e: unknown, i) => {
      const el = (e && typeof e === "object" ? e : {}) as Record<string, unknown>;
      add(["body", "elements", i, "frontal_image_url"], el["frontal_image_url"]);
      if (Array.isArray(el["reference_image_urls"])) {
        el["reference_image_urls"].forEach((u, j) => add(["body", "elements", i, "reference_image_urls", j], u));
      }
    });
  }
  return out;
}

export interface InputFetchContext {
  timeoutMs: number;
  /** the bytes when `url` is one of the emulator's own CDN files */
  ownFile(url: string): Buffer | undefined;
  network?: PublicNetwork;
}

/** Downloads one input as fal would; never throws. */
export async function fetchInput(
  url: string,
  ctx: InputFetchContext,
): Promise<Omit<InputFetchRecord, "requestId" | "loc" | "url">> {
  const started = Date.now();
  const done = (r: { ok: boolean; status: number; bytes: number; error?: string }) => ({
    ...r,
    ms: Date.now() - started,
  });
  const own = ctx.ownFile(url);
  if (own) return done({ ok: true, status: 200, bytes: own.length });
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return done({ ok: false, status: 0, bytes: 0, error: "not a valid URL" });
  }
  if (!ctx.network || u.protocol !== "https:" || !ctx.network.addressOf(u.hostname)) {
    // loopback and private hosts are the bot's network, not fal's; other names do not exist on this network
    return done({ ok: false, status: 0, bytes: 0, error: `could not connect to ${u.hostname}` });
  }
  try {
    const res = await ctx.network.fetch(url, { timeoutMs: ctx.timeoutMs });
    if (res.status < 200 || res.status > 299)
      return done({ ok: false, status: res.status, bytes: 0, error: `the server answered HTTP ${res.status}` });
    return done({ ok: true, status: res.status, bytes: res.bytes.length });
  } catch (e) {
    const why =
      e instanceof FetchTimeout ? `no answer within ${ctx.timeoutMs / 1000} s` : `could not connect to ${u.hostname}`;
    return done({ ok: false, status: 0, bytes: 0, error: why });
  }
}
