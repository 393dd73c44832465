import type { AspectRatio } from "../media/limits.js";
import type { Quality } from "../models/model.js";
import { MODELS, type CommandKind } from "../models/models.js";

export type { CommandKind };

/** What discord.js's Attachment gives us (only metadata Discord claims; the inspector checks the bytes). */
export interface AttachmentLike {
  url: string;
  name: string;
  contentType: string | null;
  size: number;
  width: number | null;
  height: number | null;
}

type Slot = 1 | 2 | 3 | 4;

/** A command's options as members typed them (names are the command contract). */
export type CommandInput = {
  kind: CommandKind;
  prompt: string;
  video?: AttachmentLike | undefined;
  video_url?: string | undefined;
  keep_audio?: boolean | undefined;
  aspect_ratio?: string | undefined;
  duration?: number | undefined;
  quality?: string | undefined;
  /** saved elements by name, comma-separated (/kling-element); placed after the attached elements */
  elements?: string | undefined;
} & { [K in `element${Slot}` | `element${Slot}_ref` | `image${Slot}`]?: AttachmentLike | undefined };

export type MediaRole = "video" | "element" | "element-reference" | "image";

/** One input file, named by the option it came from. */
export interface MediaInput {
  option: string;
  role: MediaRole;
  /** "saved": an image of a saved element, checked when it was saved; `url` is its fal storage copy once hosted */
  source: "attachment" | "link" | "saved";
  url: string;
  fileName: string;
  /** metadata as Discord reported it; absent for links */
  claimed?: { contentType: string | null; bytes: number; width: number | null; height: number | null };
  /** a saved element's image (source "saved"): where its bytes are kept */
  saved?: { elementId: string; imageId: string };
}

export interface ElementInput {
  /** 1-based: @Element{slot} */
  slot: number;
  frontal?: MediaInput;
  /** at most REQUEST_LIMITS.maxReferenceImagesPerElement */
  references: MediaInput[];
  /** a saved element (/kling-element), by the name the member gave */
  saved?: { elementId: string; name: string };
}

export interface KlingRequest {
  kind: CommandKind;
  prompt: string;
  video?: MediaInput;
  /** given element slots, in slot order (slots may have gaps; check() refuses them) */
  elements: ElementInput[];
  /** given image slots, in slot order */
  images: (MediaInput & { slot: number })[];
  keepAudio: boolean;
  aspectRatio?: AspectRatio;
  durationSec?: number;
  /** absent: standard (and in records from before quality tiers) */
  quality?: Quality;
  /** both an attachment and a link were given */
  videoGivenTwice: boolean;
}

const SLOTS = [1, 2, 3, 4] as const;

function fromAttachment(option: string, role: MediaRole, attachment: AttachmentLike): MediaInput {
  return {
    option,
    role,
    source: "attachment",
    url: attachment.url,
    fileName: attachment.name,
    claimed: {
      contentType: attachment.contentType,
      bytes: attachment.size,
      width: attachment.width,
      height: attachment.height,
    },
  };
}

function fromLink(url: string): MediaInput {
  let fileName = "video";
  try {
    fileName = decodeURIComponent(new URL(url).pathname.split("/").pop() || "video");
  } catch {
    // an unparsable link is reported by check()
  }
  return { option: "video_url", role: "video", source: "link", url: url.trim(), fileName };
}

/** Options → a request in fal's terms. Pure: no checks beyond shape, no I/O. */
export function buildKlingRequest(input: CommandInput): KlingRequest {
  const videoLink = input.video_url?.trim() || undefined;
  const video = input.video
    ? fromAttachment("video", "video", input.video)
    : videoLink
      ? fromLink(videoLink)
      : undefined;

  const elements: ElementInput[] = [];
  for (const slot of SLOTS) {
    const frontal = input[`element${slot}`];
    const reference = input[`element${slot}_ref`];
    if (!frontal && !reference) continue;
    elements.push({
      slot,
      ...(frontal ? { frontal: fromAttachment(`element${slot}`, "element", frontal) } : {}),
      references: reference ? [fromAttachment(`element${slot}_ref`, "element-reference", reference)] : [],
    });
  }

  const images: KlingRequest["images"] = [];
  for (const slot of SLOTS) {
    const image = input[`image${slot}`];
    if (image) images.push({ ...fromAttachment(`image${slot}`, "image", image), slot });
  }

  return {
    kind: input.kind,
    prompt: input.prompt,
    ...(video ? { video } : {}),
    elements,
    images,
    keepAudio: input.keep_audio ?? true,
    ...MODELS[input.kind].readOptions(input),
    // Discord offers only the choices; check() refuses any other value
    ...(input.quality !== undefined ? { quality: input.quality as Quality } : {}),
    videoGivenTwice: Boolean(input.video && videoLink),
  };
}

/** Every file in the request, video first. */
export function mediaInputs(request: KlingRequest): MediaInput[] {
  return [
    ...(request.video ? [request.video] : []),
    ...request.elements.flatMap((e) => [...(e.frontal ? [e.frontal] : []), ...e.references]),
    ...request.images,
  ];
}
