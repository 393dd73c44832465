/**
 * Tells what a file really is from its first bytes (never its name or Content-Type), so members hear
 * "this is a WebM file" instead of "could not parse".
 */
import type { ImageFormat } from "./limits.js";
import { IMAGE_LIMITS, VIDEO_LIMITS } from "./limits.js";

export type Sniffed =
  /** ISO base media (MP4 family) or QuickTime; the inspector decides MP4 vs MOV from the brand */
  | { kind: "video"; family: "isobmff"; majorBrand?: string }
  | { kind: "image"; format: ImageFormat }
  | {
      kind: "unsupported";
      category: "video" | "image" | "audio" | "document" | "text" | "empty" | "unknown";
      name: string;
    };

const ascii = (b: Uint8Array, start: number, end: number): string => {
  let s = "";
  for (let i = start; i < Math.min(end, b.length); i++) s += String.fromCharCode(b[i] ?? 0);
  return s;
};

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0): boolean =>
  b.length >= at + sig.length && sig.every((v, i) => b[at + i] === v);

/** QuickTime files may start without `ftyp`, directly with one of these top-level boxes. */
const QT_FIRST_BOXES = new Set(["moov", "mdat", "wide", "free", "skip", "pnot", "junk"]);
const HEIF_BRANDS = new Set(["heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1"]);
const AVIF_BRANDS = new Set(["avif", "avis"]);
const AUDIO_BRANDS = new Set(["M4A ", "M4B ", "M4P "]);

function sniffIsoBmff(head: Uint8Array): Sniffed | undefined {
  if (head.length < 8) return undefined;
  const type = ascii(head, 4, 8);
  if (type === "ftyp") {
    const major = ascii(head, 8, 12);
    const compat: string[] = [];
    const size = ((head[0] ?? 0) << 24) | ((head[1] ?? 0) << 16) | ((head[2] ?? 0) << 8) | (head[3] ?? 0);
    for (let at = 16; at + 4 <= Math.min(size, head.length, 64); at += 4) compat.push(ascii(head, at, at + 4));
    const brands = [major, ...compat];
    if (brands.some((b) => AVIF_BRANDS.has(b)) && !brands.some((b) => b === "isom" || b === "mp42" || b === "qt  "))
      return { kind: "unsupported", category: "image", name: "AVIF image" };
    if (HEIF_BRANDS.has(major)) return { kind: "unsupported", category: "image", name: "HEIC image" };
    if (AUDIO_BRANDS.has(major)) return { kind: "unsupported", category: "audio", name: "M4A audio file" };
    return { kind: "video", family: "isobmff", majorBrand: major };
  }
  if (QT_FIRST_BOXES.has(type)) return { kind: "video", family: "isobmff" };
  return undefined;
}

function looksLikeText(head: Uint8Array): boolean {
  if (head.length === 0) return false;
  let text: string;
  try {
    // a multi-byte character cut at the end of the window is fine
    text = new TextDecoder("utf-8", { fatal: true }).decode(head.subarray(0, Math.max(0, head.length - 3)));
  } catch {
    return false;
  }
  // eslint-disable-next-line no-control-regex
  return !/[\u0000-\u0008\u000e-\u001f\u007f]/.test(text);
}

/** Identifies the format from the first bytes (64 bytes are enough for everything but the text check). */
export function sniff(head: Uint8Array): Sniffed {
  if (head.length === 0) return { kind: "unsupported", category: "empty", name: "empty file" };
  const iso = sniffIsoBmff(head);
  if (iso) return iso;
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { kind: "image", format: "png" };
  if (startsWith(head, [0xff, 0xd8, 0xff])) return { kind: "image", format: "jpg" };
  if (ascii(head, 0, 4) === "RIFF") {
    const form = ascii(head, 8, 12);
    if (form === "WEBP") return { kind: "image", format: "webp" };
    if (form === "AVI ") return { kind: "unsupported", category: "video", name: "AVI file" };
    if (form === "WAVE") return { kind: "unsupported", category: "audio", name: "WAV audio file" };
    return { kind: "unsupported", category: "unknown", name: "RIFF file" };
  }
  if (startsWith(head, [0x1a, 0x45, 0xdf, 0xa3])) {
    // EBML header: the DocType element (0x42 0x82) says webm or matroska
    const doc = ascii(head, 0, Math.min(head.length, 64));
    return { kind: "unsupported", category: "video", name: doc.includes("webm") ? "WebM file" : "MKV (Matroska) file" };
  }
  const first6 = ascii(head, 0, 6);
  if (first6 === "GIF87a" || first6 === "GIF89a") return { kind: "unsupported", category: "image", name: "GIF image" };
  if (
    ascii(head, 0, 2) === "BM" &&
    [12, 40, 52, 56, 108, 124].includes(head[14] ?? 0) &&
    head[15] === 0 &&
    head[16] === 0
  )
    return { kind: "unsupported", category: "image", name: "BMP image" };
  if (startsWith(head, [0x49, 0x49, 0x2a, 0x00]) || startsWith(head, [0x4d, 0x4d, 0x00, 0x2a]))
    return { kind: "unsupported", category: "image", name: "TIFF image" };
  if (startsWith(head, [0x00, 0x00, 0x00, 0x0c, 0x6a, 0x50]))
    return { kind: "unsupported", category: "image", name: "JPEG 2000 image" };
  if (ascii(head, 0, 3) === "FLV") return { kind: "unsupported", category: "video", name: "FLV file" };
  if (ascii(head, 0, 4) === "OggS") return { kind: "unsupported", category: "video", name: "Ogg file" };
  if (startsWith(head, [0x00, 0x00, 0x01, 0xba]))
    return { kind: "unsupported", category: "video", name: "MPEG program stream" };
  if (head[0] === 0x47 && head[188] === 0x47 && head[376] === 0x47)
    return { kind: "unsupported", category: "video", name: "MPEG-TS file" };
  if (ascii(head, 0, 3) === "ID3" || (head[0] === 0xff && ((head[1] ?? 0) & 0xe0) === 0xe0))
    return { kind: "unsupported", category: "audio", name: "MP3 audio file" };
  if (ascii(head, 0, 4) === "fLaC") return { kind: "unsupported", category: "audio", name: "FLAC audio file" };
  if (ascii(head, 0, 5) === "%PDF-") return { kind: "unsupported", category: "document", name: "PDF document" };
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]))
    return { kind: "unsupported", category: "document", name: "ZIP archive" };
  if (looksLikeText(head)) {
    const lower = ascii(head, 0, 512).trimStart().toLowerCase();
    if (lower.startsWith("<!doctype html") || lower.startsWith("<html") || lower.includes("<head"))
      return { kind: "unsupported", category: "text", name: "web page (HTML)" };
    return { kind: "unsupported", category: "text", name: "text file" };
  }
  return { kind: "unsupported", category: "unknown", name: "file of an unknown format" };
}

const VIDEO_CONTAINERS = VIDEO_LIMITS.containers.map((c) => c.toUpperCase()).join("/");
const FORMAT_NAMES: Record<ImageFormat, string> = { jpg: "JPG", png: "PNG", webp: "WebP" };
const IMAGE_FORMATS = IMAGE_LIMITS.formats.map((f) => FORMAT_NAMES[f]).join(", ");

/** "a GIF image", "an AVI file", "an MKV (Matroska) file" */
export function withArticle(name: string): string {
  return /^(?:[aeiou]|[AEIOU]|MKV|MP3|MPEG|M4A|FLV|HTML|SVG)/.test(name) ? `an ${name}` : `a ${name}`;
}

/** Member-facing sentence for a file that is not what was expected. */
export function unsupportedMessage(s: Sniffed, expected: "video" | "image" | "media"): string {
  const what = withArticle(
    s.kind === "unsupported" ? s.name : s.kind === "image" ? `${FORMAT_NAMES[s.format]} image` : "MP4/MOV video",
  );
  if (s.kind === "unsupported" && s.category === "empty") return "the file is empty (0 bytes): upload it again";
  if (expected === "video") {
    if (s.kind === "image" || (s.kind === "unsupported" && s.category === "image"))
      return `this is ${what}, not a video: Kling needs an ${VIDEO_CONTAINERS} video here`;
    return `this is ${what}, not ${VIDEO_CONTAINERS}: re-export it as MP4 (H.264)`;
  }
  if (expected === "image") {
    if (s.kind === "video") return `this is a video, not an image: Kling takes ${IMAGE_FORMATS} images here`;
    return `this is ${what}; Kling takes ${IMAGE_FORMATS} images: convert it to PNG or JPG`;
  }
  return `this is ${what}; Kling takes ${VIDEO_CONTAINERS} videos and ${IMAGE_FORMATS} images`;
}
