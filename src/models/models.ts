import { ApplicationCommandOptionType } from "discord.js";
import { REQUEST_LIMITS, type AspectRatio } from "../media/limits.js";
import type { Violation } from "../media/types.js";
import { choiceName, named } from "../i18n/commands.js";
import { message } from "../i18n/index.js";
import {
  TIERS,
  qualityOf,
  type FalInputOf,
  type LinkedFile,
  type ModelDescriptor,
  type ModelRequest,
  type Quality,
} from "./model.js";

type ReferenceDuration = (typeof REQUEST_LIMITS.referenceDurations)[number];
const isOfferedDuration = (sec: number): sec is ReferenceDuration =>
  (REQUEST_LIMITS.referenceDurations as readonly number[]).includes(sec);
const isOfferedAspectRatio = (ratio: string): ratio is AspectRatio =>
  (REQUEST_LIMITS.aspectRatios as readonly string[]).includes(ratio);

/** A model command's description and its translations (the catalogs' `cmd.<command>`). */
function localizedCommand(command: string) {
  const { name_localizations, description, description_localizations } = named(command, `cmd.${command}`);
  return { name_localizations, description, description_localizations };
}

type CheckedRequest = ModelRequest & { video: LinkedFile };

/** What every Kling O3 video-to-video endpoint takes: elementN → elements[N-1], imageN → image_urls, the clip → video_url. */
function videoToVideoInput(request: CheckedRequest) {
  const elements = request.elements
    .filter((e) => e.frontal)
    .map((e) => ({
      frontal_image_url: e.frontal!.url,
      ...(e.references.length ? { reference_image_urls: e.references.map((r) => r.url) } : {}),
    }));
  return {
    prompt: request.prompt,
    video_url: request.video.url,
    ...(request.images.length ? { image_urls: request.images.map((i) => i.url) } : {}),
    ...(elements.length ? { elements } : {}),
    keep_audio: request.keepAudio,
    shot_type: "customize",
  } satisfies FalInputOf<"fal-ai/kling-video/o3/standard/video-to-video/edit">;
}

const EDIT_ENDPOINTS = {
  standard: "fal-ai/kling-video/o3/standard/video-to-video/edit",
  pro: "fal-ai/kling-video/o3/pro/video-to-video/edit",
} as const;

/** Restyles the clip: the output is as long as the input. */
export const EDIT = {
  command: "kling-edit",
  ...localizedCommand("kling-edit"),
  title: "Kling edit",
  resultName: "Kling edit",
  endpoints: EDIT_ENDPOINTS,
  options: [],
  readOptions: () => ({}),
  checkOptions: () => [],
  chosenOutputSec: () => undefined,
  describeOptions: () => [],
  toFalInput: videoToVideoInput,
} as const satisfies ModelDescriptor<(typeof EDIT_ENDPOINTS)[Quality]>;

const REFERENCE_ENDPOINTS = {
  standard: "fal-ai/kling-video/o3/standard/video-to-video/reference",
  pro: "fal-ai/kling-video/o3/pro/video-to-video/reference",
} as const;

/** A new clip from a reference video: its shape and length are the member's choice. */
export const REFERENCE = {
  command: "kling-reference",
  ...localizedCommand("kling-reference"),
  title: "Kling reference",
  resultName: "Kling reference clip",
  endpoints: REFERENCE_ENDPOINTS,
  options: [
    {
      type: ApplicationCommandOptionType.String,
      ...named("aspect_ratio", "cmd.option.aspect_ratio"),
      choices: REQUEST_LIMITS.aspectRatios.map((ratio) => ({ name: ratio, value: ratio })),
    },
    {
      type: ApplicationCommandOptionType.Integer,
      ...named("duration", "cmd.option.duration"),
      choices: REQUEST_LIMITS.referenceDurations.map((s) => ({
        ...choiceName("cmd.option.duration.seconds", { s }),
        value: s,
      })),
    },
  ],
  readOptions: (input) => ({
    ...(input.aspect_ratio ? { aspectRatio: input.aspect_ratio as AspectRatio } : {}),
    ...(input.duration !== undefined ? { durationSec: input.duration } : {}),
  }),
  checkOptions(request) {
    const found: Violation[] = [];
    if (request.durationSec !== undefined && !isOfferedDuration(request.durationSec)) {
      found.push({
        rule: "duration",
        message: `Duration ${request.durationSec} s is not offered; choose 3–15 s.`,
        key: "checks.duration",
        vars: { seconds: request.durationSec },
      });
    }
    if (request.aspectRatio !== undefined && !isOfferedAspectRatio(request.aspectRatio)) {
      found.push({
        rule: "aspect-ratio",
        message: `Aspect ratio “${request.aspectRatio}” is not offered; choose auto, 16:9, 9:16 or 1:1.`,
        key: "checks.aspectRatio",
        vars: { ratio: String(request.aspectRatio) },
      });
    }
    return found;
  },
  chosenOutputSec: (request) => request.durationSec,
  describeOptions: (request) => [
    request.aspectRatio ?? "auto",
    request.durationSec !== undefined
      ? message("inputs.seconds", { s: request.durationSec })
      : message("inputs.defaultLength"),
  ],
  toFalInput: (request) => ({
    ...videoToVideoInput(request),
    ...(request.aspectRatio ? { aspect_ratio: request.aspectRatio } : {}),
    ...(request.durationSec !== undefined && isOfferedDuration(request.durationSec)
      ? { duration: `${request.durationSec}` as const }
      : {}),
  }),
} as const satisfies ModelDescriptor<(typeof REFERENCE_ENDPOINTS)[Quality]>;

/** Every model the bot runs, by the command kind its jobs record. Adding one: a descriptor here, its command file. */
export const MODELS = { edit: EDIT, reference: REFERENCE } as const;

export type CommandKind = keyof typeof MODELS;

export type AnyModel = (typeof MODELS)[CommandKind];

/** The descriptor a request or job names. */
export const modelOf = (x: { kind: CommandKind }): AnyModel => MODELS[x.kind];

export const endpointOf = (x: { kind: CommandKind; quality?: Quality | undefined }): string =>
  modelOf(x).endpoints[qualityOf(x)];

/** "Kling edit", "Kling reference · Pro" */
export const titleOf = (x: { kind: CommandKind; quality?: Quality | undefined }): string =>
  modelOf(x).title + TIERS[qualityOf(x)].titleSuffix;

/** The body a job sends to fal: one of the models' inputs. */
export type FalKlingInput = ReturnType<AnyModel["toFalInput"]>;
