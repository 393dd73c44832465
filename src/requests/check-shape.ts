import { IMAGE_LIMITS, REQUEST_LIMITS, VIDEO_LIMITS } from "../media/limits.js";
import type { Violation } from "../media/types.js";
import { modelOf } from "../models/models.js";
import { formatMegabytes } from "../text.js";
import { mediaInputs, type KlingRequest, type MediaInput } from "./kling-request.js";

const VIDEO_TYPES: Record<string, string> = { "video/mp4": "mp4", "video/quicktime": "mov" };
const IMAGE_TYPES: Record<string, string> = {
  "image/jpeg": "jpg",
  "image/jpg": "jpg",
  "image/png": "png",
  "image/webp": "webp",
};
const VIDEO_EXTENSIONS = new Set(["mp4", "mov", "m4v"]);
const IMAGE_EXTENSIONS = new Set(["jpg", "jpeg", "png", "webp"]);

const extensionOf = (name: string) => name.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1];
/** `key`, `vars`: the message in the catalogs (src/i18n/catalogs: `violation.<key>`), for members' languages */
type Localized = [key: string, vars?: Record<string, string | number>];
const localized = (l: Localized | []) => (l[0] ? { key: l[0], ...(l[1] ? { vars: l[1] } : {}) } : {});
const error = (rule: string, message: string, ...l: Localized | []): Violation => ({ rule, message, ...localized(l) });
const warning = (rule: string, message: string, ...l: Localized | []): Violation => ({
  rule,
  message,
  severity: "warning",
  ...localized(l),
});
const VIDEO_OPTIONS = { optVideo: "video", optUrl: "video_url" } as const;

/** What Discord's attachment metadata already tells us is wrong — checked before any byte is downloaded. */
function checkClaimedVideo(video: MediaInput): Violation[] {
  const claimed = video.claimed;
  if (!claimed) return [];
  const found: Violation[] = [];
  const type = claimed.contentType?.split(";")[0]?.trim().toLowerCase();
  const ext = extensionOf(video.fileName);
  const looksRight = type ? type in VIDEO_TYPES : ext !== undefined && VIDEO_EXTENSIONS.has(ext);
  if (!looksRight) {
    found.push(
      error(
        "video-container",
        `\`${video.option}\` is ${type ?? (ext ? `a .${ext} file` : "not a video")} (${video.fileName}); ` +
          `Kling accepts MP4 or MOV only: export the clip as .mp4 (H.264) and attach that.`,
        "checks.videoType",
        { opt: video.option, found: type ?? (ext ? `.${ext}` : "?"), file: video.fileName },
      ),
    );
  }
  if (claimed.bytes > VIDEO_LIMITS.maxBytes) {
    found.push(
      error(
        "video-size",
        `\`${video.option}\` is ${formatMegabytes(claimed.bytes)}; the limit is ` +
          `${formatMegabytes(VIDEO_LIMITS.maxBytes)}: trim it or lower its bitrate.`,
        "checks.videoSize",
        { opt: video.option, size: formatMegabytes(claimed.bytes), max: formatMegabytes(VIDEO_LIMITS.maxBytes) },
      ),
    );
  }
  if (claimed.width && claimed.height) {
    const sides = [claimed.width, claimed.height];
    if (sides.some((side) => side < VIDEO_LIMITS.minSidePx || side > VIDEO_LIMITS.maxSidePx)) {
      found.push(
        error(
          "video-resolution",
          `\`${video.option}\` is ${claimed.width}×${claimed.height} px; ` +
            `Kling needs ${VIDEO_LIMITS.minSidePx}–${VIDEO_LIMITS.maxSidePx} px on each side: ${
              Math.min(...sides) < VIDEO_LIMITS.minSidePx
                ? "upscale it (e.g. to 1280×720)"
                : "downscale it (e.g. to 1920×1080)"
            }.`,
          "checks.videoSides",
          {
            opt: video.option,
            width: claimed.width,
            height: claimed.height,
            min: VIDEO_LIMITS.minSidePx,
            max: VIDEO_LIMITS.maxSidePx,
            fixKey: Math.min(...sides) < VIDEO_LIMITS.minSidePx ? "checks.upscale" : "checks.downscale",
          },
        ),
      );
    }
  }
  return found;
}

function checkClaimedImage(image: MediaInput): Violation[] {
  const claimed = image.claimed;
  if (!claimed) return [];
  const found: Violation[] = [];
  const type = claimed.contentType?.split(";")[0]?.trim().toLowerCase();
  const ext = extensionOf(image.fileName);
  const looksRight = type ? type in IMAGE_TYPES : ext !== undefined && IMAGE_EXTENSIONS.has(ext);
  if (!looksRight) {
    found.push(
      error(
        "image-format",
        `\`${image.option}\` is ${type ?? (ext ? `a .${ext} file` : "not an image")} (${image.fileName}); ` +
          `images must be JPG, PNG or WebP: convert it and attach it again.`,
        "checks.imageType",
        { opt: image.option, found: type ?? (ext ? `.${ext}` : "?"), file: image.fileName },
      ),
    );
  }
  if (claimed.bytes > IMAGE_LIMITS.maxBytes) {
    found.push(
      error(
        "image-size",
        `\`${image.option}\` is ${formatMegabytes(claimed.bytes)}; images may be at most ` +
          `${formatMegabytes(IMAGE_LIMITS.maxBytes)}: save it as a smaller JPG.`,
        "checks.imageSize",
        { opt: image.option, size: formatMegabytes(claimed.bytes), max: formatMegabytes(IMAGE_LIMITS.maxBytes) },
      ),
    );
  }
  if (claimed.width && claimed.height && Math.min(claimed.width, claimed.height) < IMAGE_LIMITS.minSidePx) {
    found.push(
      error(
        "image-resolution",
        `\`${image.option}\` is ${claimed.width}×${claimed.height} px; images need at least ` +
          `${IMAGE_LIMITS.minSidePx} px on each side: use a larger picture.`,
        "checks.imageSides",
        { opt: image.option, width: claimed.width, height: claimed.height, min: IMAGE_LIMITS.minSidePx },
      ),
    );
  }
  return found;
}

function checkVideoLink(video: MediaInput): Violation[] {
  let url: URL;
  try {
    url = new URL(video.url);
  } catch {
    return [
      error("video-url", "`video_url` is not a link: paste the full https:// address of the clip.", "videoUrlNotLink", {
        optUrl: "video_url",
      }),
    ];
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    return [
      error(
        "video-url",
        `\`video_url\` uses ${url.protocol.replace(":", "")}; only https:// links can be fetched.`,
        "videoUrlScheme",
        { optUrl: "video_url", scheme: url.protocol.replace(":", "") },
      ),
    ];
  }
  return [];
}

const MENTION = /@(element|image|video)(\d+)/gi;

function checkPrompt(request: KlingRequest): Violation[] {
  const found: Violation[] = [];
  const prompt = request.prompt.trim();
  if (!prompt)
    found.push(error("prompt-empty", "The prompt is empty: describe what Kling should make.", "checks.promptEmpty"));
  if (request.prompt.length > REQUEST_LIMITS.maxPromptChars) {
    found.push(
      error(
        "prompt-length",
        `The prompt is ${request.prompt.length} characters; the limit is ${REQUEST_LIMITS.maxPromptChars}: shorten it.`,
        "promptTooLong",
        { length: request.prompt.length, max: REQUEST_LIMITS.maxPromptChars },
      ),
    );
  }
  const givenElements = new Set(request.elements.filter((e) => e.frontal).map((e) => e.slot));
  const givenImages = new Set(request.images.map((i) => i.slot));
  const mentionedElements = new Set<number>();
  const reported = new Set<string>();
  for (const match of request.prompt.matchAll(MENTION)) {
    const [mention, rawKind, rawNumber] = match as unknown as [string, string, string];
    const kind = rawKind.toLowerCase();
    const n = Number(rawNumber);
    const key = `${kind}${n}`;
    if (kind === "element") mentionedElements.add(n);
    if (reported.has(key)) continue;
    if (kind === "element" && !givenElements.has(n)) {
      reported.add(key);
      found.push(
        error(
          "prompt-reference",
          `The prompt mentions ${mention} but no \`element${n}\` was given: attach its image to \`element${n}\` or remove ${mention}.`,
          "promptElement",
          { mention, opt: `element${n}` },
        ),
      );
    } else if (kind === "image" && !givenImages.has(n)) {
      reported.add(key);
      found.push(
        error(
          "prompt-reference",
          `The prompt mentions ${mention} but no \`image${n}\` was given: attach it to \`image${n}\` or remove ${mention}.`,
          "promptImage",
          { mention, opt: `image${n}` },
        ),
      );
    } else if (kind === "video" && n !== 1) {
      reported.add(key);
      found.push(
        error(
          "prompt-reference",
          `The prompt mentions ${mention}, but there is only one video: call it @Video1.`,
          "promptVideo",
          { mention },
        ),
      );
    }
  }
  if (givenElements.size > 0 && ![...givenElements].some((slot) => mentionedElements.has(slot))) {
    const names = [...givenElements].map((slot) => `@Element${slot}`).join(", ");
    found.push(
      warning(
        "prompt-no-element",
        `Your prompt doesn't mention ${names}; Kling may ignore elements the prompt doesn't name.`,
        "unmentionedElements",
        { names },
      ),
    );
  }
  return found;
}

/**
 * Everything that can be checked without downloading: the request's shape, the prompt's references and
 * the metadata Discord gives for attachments. Returns every violation (errors and warnings).
 */
export function checkRequestShape(request: KlingRequest): Violation[] {
  const found: Violation[] = [];

  if (!request.video) {
    found.push(
      error(
        "video-missing",
        "No video: attach your clip to `video` (or, if it is over your upload limit, paste a link in `video_url`).",
        "noVideo",
        VIDEO_OPTIONS,
      ),
    );
  } else if (request.videoGivenTwice) {
    found.push(
      error("video-twice", "Both `video` and `video_url` were given: use one of them.", "videoTwice", VIDEO_OPTIONS),
    );
  } else if (request.video.source === "link") {
    found.push(...checkVideoLink(request.video));
  } else {
    found.push(...checkClaimedVideo(request.video));
  }

  for (const element of request.elements) {
    const maxReferences = REQUEST_LIMITS.maxReferenceImagesPerElement;
    if (element.references.length > maxReferences) {
      found.push(
        error(
          "element-references",
          `Element ${element.slot}${element.saved ? ` (@${element.saved.name})` : ""} has ` +
            `${element.references.length} reference images; Kling takes at most ${maxReferences} per ` +
            `element: drop ${element.references.length - maxReferences}.`,
          "checks.elementReferences",
          {
            slot: element.slot,
            saved: element.saved ? ` (@${element.saved.name})` : "",
            count: element.references.length,
            max: maxReferences,
            drop: element.references.length - maxReferences,
          },
        ),
      );
    }
    if (!element.frontal) {
      found.push(
        error(
          "element-ref-without-element",
          `\`element${element.slot}_ref\` was given without \`element${element.slot}\`: attach the ` +
            `element's front image to \`element${element.slot}\` too.`,
          "refWithoutElement",
          { optRef: `element${element.slot}_ref`, opt: `element${element.slot}` },
        ),
      );
    }
  }
  const slotGap = (given: number[], name: string) => {
    const missing = given.length
      ? Array.from({ length: Math.max(...given) }, (_, i) => i + 1).filter((s) => !given.includes(s))
      : [];
    if (missing.length) {
      found.push(
        error(
          `${name}-gap`,
          `\`${name}${Math.max(...given)}\` is set but \`${name}${missing[0]}\` is empty: fill the ` +
            `${name} slots in order (${name}1 first) so @${name[0]!.toUpperCase()}${name.slice(1)} numbers match.`,
          "checks.slotGap",
          {
            optSet: `${name}${Math.max(...given)}`,
            optEmpty: `${name}${missing[0]}`,
            optFirst: `${name}1`,
            mention: `@${name[0]!.toUpperCase()}${name.slice(1)}`,
          },
        ),
      );
    }
  };
  slotGap(
    request.elements.filter((e) => e.frontal).map((e) => e.slot),
    "element",
  );
  slotGap(
    request.images.map((i) => i.slot),
    "image",
  );

  const elementCount = request.elements.filter((e) => e.frontal).length;
  const total = elementCount + request.images.length;
  if (total > REQUEST_LIMITS.maxElementsPlusImages) {
    found.push(
      error(
        "too-many-references",
        `${elementCount} element${elementCount === 1 ? "" : "s"} + ${request.images.length} ` +
          `image${request.images.length === 1 ? "" : "s"} = ${total}; with a video Kling takes at most ` +
          `${REQUEST_LIMITS.maxElementsPlusImages} in total: drop ${total - REQUEST_LIMITS.maxElementsPlusImages}.`,
        "tooManyInputs",
        {
          elements: elementCount,
          images: request.images.length,
          total,
          max: REQUEST_LIMITS.maxElementsPlusImages,
          drop: total - REQUEST_LIMITS.maxElementsPlusImages,
        },
      ),
    );
  }

  for (const input of mediaInputs(request)) {
    if (input.role !== "video") found.push(...checkClaimedImage(input));
  }

  found.push(...modelOf(request).checkOptions(request));

  found.push(...checkPrompt(request));
  return found;
}

export const isError = (v: Violation) => v.severity !== "warning";
