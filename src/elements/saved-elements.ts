import type { Clock } from "../clock.js";
import type { FalGateway } from "../fal/gateway.js";
import { inertUserText } from "../inert-text.js";
import type { Logger } from "../logger.js";
import type { InspectPool } from "../media/inspect-pool.js";
import { IMAGE_LIMITS, REQUEST_LIMITS, type ImageFormat } from "../media/limits.js";
import { redactUrl } from "../media/redact.js";
import { BufferRangeSource } from "../media/range-source.js";
import { checkImageFacts, violationFromMediaError } from "../media/rules.js";
import { MediaError, type Violation } from "../media/types.js";
import type { AttachmentLike, ElementInput, KlingRequest, MediaInput } from "../requests/kling-request.js";
import { formatMegabytes } from "../text.js";
import {
  elementBytes,
  elementImages,
  findByName,
  visibleTo,
  type ElementLibrary,
  type ElementScope,
  type SavedElement,
  type SavedImage,
} from "./element-library.js";
import { nameProblemMessage, parseElementList, rewriteMentions } from "./element-names.js";
import { message, t, violationMessage, type Message, type Text } from "../i18n/index.js";

/**
 * A fal storage copy older than this is uploaded again rather than reused: fal deletes stored files after the
 * account's retention (configurable per account, default undocumented), so a copy is trusted for a day at most —
 * and only after a 1-byte read shows it is still there.
 */
export const FAL_COPY_MAX_AGE_MS = 24 * 3_600_000;
/** Saves being downloaded and inspected at once, bot-wide (each holds up to 4 images of ≤ 10 MB in memory). */
export const MAX_SAVES_AT_ONCE = 4;
/**
 * Elements one server may hold, whatever their size: the list is one record read on every autocomplete keystroke,
 * so it stays small (≈ 0.5 KB an element).
 */
export const MAX_ELEMENTS_PER_SERVER = 500;
/** Names the `elements` option may list (fal takes 4 elements + images in all; more is refused by name count). */
const MAX_NAMES = 8;

const CONTENT_TYPES: Record<ImageFormat, string> = { jpg: "image/jpeg", png: "image/png", webp: "image/webp" };

export interface SavedElementsDeps {
  library: ElementLibrary;
  fetcher: {
    download(url: string, opts: { maxBytes: number }): Promise<{ bytes: Buffer; contentType?: string }>;
    openRange(url: string, opts?: { byteBudget?: number }): Promise<{ size(): Promise<number> }>;
  };
  pool: InspectPool;
  fal: Pick<FalGateway, "upload">;
  /** the server's library size in MB (SETTINGS.elementLibraryMb) */
  libraryMb: (guildId: string) => Promise<number>;
  clock: Pick<Clock, "now">;
  logger: Logger;
}

export interface SaveRequest {
  guildId: string;
  userId: string;
  userName: string;
  name: string;
  scope: ElementScope;
  /** the front image first, then the references, each with the option it came from */
  images: { option: string; attachment: AttachmentLike }[];
}

/** Why an element was not saved, for the member (in their language). */
export type SaveOutcome = { ok: true; element: SavedElement } | { ok: false; problems: Text[] };

/** A save option's name as the member's command list shows it: `front`, `ref1`…`ref3`. */
const optionMessage = (option: string): Message => {
  const ref = /^ref(\d)$/.exec(option);
  return ref
    ? message("cmd.kling-element.ref.name", { n: Number(ref[1]) })
    : message(`cmd.kling-element.${option}.name`);
};

/** A media check's violation as a save problem: its catalog message (with the save option's name), else its English. */
function problemOf(violation: Violation, option: string): Text {
  const text = violationMessage(violation);
  return typeof text === "string" ? text : { ...text, vars: { ...text.vars, opt: optionMessage(option) } };
}

export type Attached = { ok: true; request: KlingRequest } | { ok: false; violations: Violation[] };

const shown = (name: string) => `@${inertUserText(name, 40)}`;

/** The character library (/kling-element) and its use by the generation commands. */
export function createSavedElements(deps: SavedElementsDeps) {
  let savesInFlight = 0;

  /** Downloads (≤ 10 MB) and inspects one image from its bytes; a member-facing problem, or the image. */
  async function fetchImage(
    option: string,
    attachment: AttachmentLike,
  ): Promise<{ problems: Text[] } | { image: Omit<SavedImage, "id">; data: Buffer }> {
    const label = `\`${option}\``;
    if (attachment.size > IMAGE_LIMITS.maxBytes) {
      const vars = { size: formatMegabytes(attachment.size), max: formatMegabytes(IMAGE_LIMITS.maxBytes) };
      return { problems: [message("element.imageTooBig", { ...vars, opt: optionMessage(option) })] };
    }
    try {
      const { bytes } = await deps.fetcher.download(attachment.url, { maxBytes: IMAGE_LIMITS.maxBytes });
      const facts = await deps.pool.inspect("image", new BufferRangeSource(bytes, attachment.name));
      const problems = checkImageFacts(facts, label, option).map((v) => problemOf(v, option));
      if (problems.length) return { problems };
      return {
        image: {
          bytes: bytes.length,
          contentType: CONTENT_TYPES[facts.format],
          fileName: attachment.name,
          width: facts.width,
          height: facts.height,
        },
        data: bytes,
      };
    } catch (error) {
      if (!(error instanceof MediaError)) throw error;
      return { problems: [problemOf(violationFromMediaError(error, "image", label), option)] };
    }
  }

  async function save(request: SaveRequest): Promise<SaveOutcome> {
    const problem = nameProblemMessage(request.name);
    if (problem) return { ok: false, problems: [message("element.badName", { name: shown(request.name), problem })] };
    const capMb = await deps.libraryMb(request.guildId);
    if (capMb === 0) return { ok: false, problems: [message("element.savingOff")] };
    if (savesInFlight >= MAX_SAVES_AT_ONCE) return { ok: false, problems: [message("element.savesBusy")] };
    savesInFlight += 1;
    try {
      const fetched = await Promise.all(request.images.map(({ option, attachment }) => fetchImage(option, attachment)));
      const problems = fetched.flatMap((f) => ("problems" in f ? f.problems : []));
      if (problems.length) return { ok: false, problems };
      const images = fetched.flatMap((f) => ("image" in f ? [f] : []));
      const newBytes = images.reduce((sum, { image }) => sum + image.bytes, 0);
      const capBytes = capMb * 1_000_000;
      const added = await deps.library.add<Message>(
        request.guildId,
        {
          name: request.name,
          scope: request.scope,
          ownerId: request.userId,
          ownerName: request.userName,
          createdAt: deps.clock.now(),
        },
        images,
        (elements) => {
          const clash = elements.find(
            (e) =>
              e.name === request.name &&
              e.scope === request.scope &&
              (request.scope === "server" || e.ownerId === request.userId),
          );
          if (clash)
            return message(request.scope === "server" ? "element.clashServer" : "element.clashMine", {
              name: shown(request.name),
            });
          if (elements.length >= MAX_ELEMENTS_PER_SERVER)
            return message("element.libraryCount", { count: elements.length });
          const used = elements.reduce((sum, e) => sum + elementBytes(e), 0);
          if (used + newBytes > capBytes) {
            const sizes = {
              used: formatMegabytes(used),
              cap: formatMegabytes(capBytes),
              size: formatMegabytes(newBytes),
            };
            return message("element.libraryFull", sizes);
          }
          return undefined;
        },
      );
      return added.ok ? added : { ok: false, problems: [added.problem] };
    } finally {
      savesInFlight -= 1;
    }
  }

  function savedInput(element: SavedElement, image: SavedImage, option: string, role: MediaInput["role"]): MediaInput {
    return {
      option,
      role,
      source: "saved",
      url: image.fal?.url ?? "",
      fileName: image.fileName,
      claimed: { contentType: image.contentType, bytes: image.bytes, width: image.width, height: image.height },
      saved: { elementId: element.id, imageId: image.id },
    };
  }

  /**
   * The `elements` option: each name (the member's own element first, then the server's) placed in the next
   * element slot after the attached ones, and `@name` in the prompt rewritten to its `@ElementN`. An unknown name
   * refuses the request before anything is reserved.
   */
  async function attach(
    request: KlingRequest,
    raw: string | undefined,
    guildId: string,
    userId: string,
  ): Promise<Attached> {
    const names = parseElementList(raw);
    if (names.length === 0) return { ok: true, request };
    if (names.length > MAX_NAMES) {
      return {
        ok: false,
        violations: [
          {
            rule: "elements-too-many",
            key: "element.tooManyNames",
            vars: { optElements: "elements", count: names.length, max: REQUEST_LIMITS.maxElementsPlusImages },
            message:
              `\`elements\` names ${names.length} elements; Kling takes at most ` +
              `${REQUEST_LIMITS.maxElementsPlusImages} elements and images together: list fewer.`,
          },
        ],
      };
    }
    const library = await deps.library.list(guildId);
    const found = names.map((name) => ({ name, element: findByName(library, userId, name) }));
    const missing = found.filter((f) => !f.element).map((f) => shown(f.name));
    if (missing.length) {
      return {
        ok: false,
        violations: [
          {
            rule: "element-unknown",
            key: "element.unknownNames",
            vars: { names: missing.join(", ") },
            message:
              `No saved element is named ${missing.join(", ")} (neither yours nor this server's): ` +
              `see \`/kling-element list\` for the names you can use, or save one with \`/kling-element save\`.`,
          },
        ],
      };
    }
    let slot = Math.max(0, ...request.elements.map((e) => e.slot));
    const slots = new Map<string, number>();
    const saved: ElementInput[] = found.map(({ name, element }) => {
      slot += 1;
      slots.set(name, slot);
      return {
        slot,
        frontal: savedInput(element!, element!.front, `@${name}`, "element"),
        references: element!.references.map((image, i) =>
          savedInput(element!, image, `@${name} reference ${i + 1}`, "element-reference"),
        ),
        saved: { elementId: element!.id, name },
      };
    });
    return {
      ok: true,
      request: {
        ...request,
        prompt: rewriteMentions(request.prompt, slots),
        elements: [...request.elements, ...saved],
      },
    };
  }

  /** The fal storage copy of a saved image: the last one while it is young and still there, else a new upload. */
  async function falCopy(guildId: string, image: SavedImage): Promise<string | undefined> {
    const now = deps.clock.now();
    if (image.fal && now - image.fal.uploadedAt < FAL_COPY_MAX_AGE_MS) {
      const there = await deps.fetcher
        .openRange(image.fal.url, { byteBudget: 1024 })
        .then((source) => source.size())
        .then(
          () => true,
          () => false,
        );
      if (there) return image.fal.url;
      deps.logger.info({ imageId: image.id, url: redactUrl(image.fal.url) }, "saved image's fal copy is gone");
    }
    const data = await deps.library.imageData(image.id);
    if (!data) return undefined;
    const url = await deps.fal.upload(data, image.contentType, image.fileName);
    await deps.library
      .recordFalCopy(guildId, image.id, { url, uploadedAt: now })
      .catch((err) => deps.logger.warn({ err, imageId: image.id }, "could not remember a saved image's fal copy"));
    return url;
  }

  /**
   * Right before a job is submitted (the runner's pre-submit step, src/jobs/host-inputs.ts): every saved image gets
   * its fal storage link (the Discord link it was saved from has long expired; the bytes are the bot's own). A
   * deleted element, or an upload fal refuses, fails the job (nothing was sent to fal).
   */
  async function host(request: KlingRequest, guildId: string): Promise<Attached> {
    const inputs = request.elements.flatMap((e) => [...(e.frontal ? [e.frontal] : []), ...e.references]);
    if (!inputs.some((input) => input.saved)) return { ok: true, request };
    const library = await deps.library.list(guildId);
    const images = new Map(library.flatMap((e) => elementImages(e).map((image) => [image.id, image] as const)));
    const urls = new Map<string, string | undefined>();
    try {
      for (const input of inputs) {
        const imageId = input.saved?.imageId;
        if (!imageId || urls.has(imageId)) continue;
        const image = images.get(imageId);
        urls.set(imageId, image ? await falCopy(guildId, image) : undefined);
      }
    } catch (err) {
      deps.logger.warn({ err }, "could not upload a saved element's image to fal");
      return {
        ok: false,
        violations: [
          {
            rule: "element-upload",
            key: "element.uploadFailed",
            message: "I couldn't upload your saved elements' images to fal just now: try again in a minute.",
          },
        ],
      };
    }
    const gone = request.elements.filter(
      (e) => e.saved && [e.frontal, ...e.references].some((i) => i?.saved && !urls.get(i.saved.imageId)),
    );
    if (gone.length) {
      const names = gone.map((e) => shown(e.saved!.name)).join(", ");
      const key = gone.length === 1 ? "element.deletedOne" : "element.deletedMany";
      return {
        ok: false,
        violations: [
          {
            rule: "element-deleted",
            key,
            vars: { names },
            message: t("en", key, { names }),
          },
        ],
      };
    }
    const hosted = (input: MediaInput): MediaInput =>
      input.saved ? { ...input, url: urls.get(input.saved.imageId)! } : input;
    return {
      ok: true,
      request: {
        ...request,
        elements: request.elements.map((e) => ({
          ...e,
          ...(e.frontal ? { frontal: hosted(e.frontal) } : {}),
          references: e.references.map(hosted),
        })),
      },
    };
  }

  return {
    save,
    attach,
    host,
    list: (guildId: string, userId: string) => deps.library.list(guildId).then((all) => visibleTo(all, userId)),
    all: (guildId: string) => deps.library.list(guildId),
    rename: (guildId: string, elementId: string, name: string) => deps.library.rename(guildId, elementId, name),
    remove: (guildId: string, elementId: string) => deps.library.remove(guildId, elementId),
    imageData: (imageId: string) => deps.library.imageData(imageId),
  };
}

export type SavedElements = ReturnType<typeof createSavedElements>;
