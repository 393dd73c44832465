import type { EndpointTypeMap, File as FalFile } from "@fal-ai/client/endpoints";
import type { APIApplicationCommandBasicOption } from "discord.js";
import type { GuildSettings, PriceSetting } from "../guild/settings.js";
import type { AspectRatio } from "../media/limits.js";
import type { Violation } from "../media/types.js";
import type { Text } from "../i18n/index.js";

/** An endpoint id fal's client has typings for (`EndpointTypeMap`, generated from fal's OpenAPI). */
export type FalEndpointId = keyof EndpointTypeMap;

/** fal's typings let any link be a Blob or File (the client uploads those first); a job record holds links only. */
type Linked<T> = T extends Blob | FalFile
  ? never
  : T extends readonly (infer U)[]
    ? Linked<U>[]
    : T extends object
      ? { [K in keyof T]: Linked<T[K]> }
      : T;

/** The JSON body an endpoint takes, as fal's typings declare it (with links for files). */
export type FalInputOf<E extends FalEndpointId> = Linked<EndpointTypeMap[E]["input"]>;
export type FalOutputOf<E extends FalEndpointId> = EndpointTypeMap[E]["output"];

/** A body each of the endpoints takes: one builder serves every quality of a model only if it fits each schema. */
export type FalInputForAll<E extends FalEndpointId> = (
  E extends FalEndpointId ? (input: FalInputOf<E>) => void : never
) extends (input: infer I) => void
  ? I
  : never;

export const QUALITIES = ["standard", "pro"] as const;
export type Quality = (typeof QUALITIES)[number];

/** A quality tier: which endpoint of each model it picks is the model's; whether a server allows it and its price are here. */
export interface QualityTier {
  /** the `quality` option's choice name: its catalog key (src/i18n/catalogs) */
  choice: string;
  /** what the progress message's title adds */
  titleSuffix: string;
  pricePerSecondMicros(settings: GuildSettings): number;
  /** the setting that holds it */
  priceSetting: PriceSetting;
  /** a tier each server turns on itself; absent: always offered */
  gate?: {
    enabledOn(settings: GuildSettings): boolean;
    /** the refusal where it is off: what, why, who can change it */
    offMessage: string;
    /** …in the catalogs (src/i18n/catalogs), for members' languages */
    offKey?: string;
  };
}

export const TIERS: Readonly<Record<Quality, QualityTier>> = {
  standard: {
    choice: "cmd.option.quality.standard",
    titleSuffix: "",
    pricePerSecondMicros: (settings) => settings.pricePerSecondMicros,
    priceSetting: "pricePerSecondMicros",
  },
  pro: {
    choice: "cmd.option.quality.pro",
    titleSuffix: " · Pro",
    pricePerSecondMicros: (settings) => settings.proPricePerSecondMicros,
    priceSetting: "proPricePerSecondMicros",
    gate: {
      enabledOn: (settings) => settings.proEnabled,
      offMessage:
        "Pro quality is off on this server: a server manager can turn it on with /kling-config quality pro_enabled:True",
      offKey: "qualityOff",
    },
  },
};

export const isQuality = (value: unknown): value is Quality => (QUALITIES as readonly unknown[]).includes(value);

/** A request's or job's quality: records from before tiers have none and were Standard. */
export const qualityOf = (x: { quality?: Quality | undefined }): Quality => x.quality ?? "standard";

/**
 * Why a request's quality cannot run here, or undefined: an unknown tier, or a gated one the server has not turned on
 * (`settings` is read only for a gated tier: undefined when there are no server settings, which keeps it off).
 */
export async function qualityRefusal(
  quality: unknown,
  settings: () => Promise<GuildSettings | undefined>,
): Promise<Violation | undefined> {
  const chosen = quality ?? "standard";
  if (!isQuality(chosen))
    return {
      rule: "quality",
      message: `Quality “${String(chosen)}” is not offered; choose ${QUALITIES.join(" or ")}.`,
      key: "checks.quality",
      vars: { quality: String(chosen), offered: QUALITIES.join(" / ") },
    };
  const gate = TIERS[chosen].gate;
  if (!gate) return undefined;
  const current = await settings();
  return current && gate.enabledOn(current)
    ? undefined
    : { rule: "quality-off", message: gate.offMessage, ...(gate.offKey ? { key: gate.offKey } : {}) };
}

/** A file a request links to. */
export interface LinkedFile {
  url: string;
}

/**
 * What a model reads of a member's request (the requests layer's request type is one): the model layer sits
 * below the requests, so it names only what it uses.
 */
export interface ModelRequest {
  prompt: string;
  video?: LinkedFile | undefined;
  elements: readonly { frontal?: LinkedFile | undefined; references: readonly LinkedFile[] }[];
  images: readonly LinkedFile[];
  keepAudio: boolean;
  aspectRatio?: AspectRatio | undefined;
  durationSec?: number | undefined;
}

/** The options a model adds to the shared ones, as members typed them. */
export interface ModelCommandInput {
  aspect_ratio?: string | undefined;
  duration?: number | undefined;
}

/** The options a model adds to the shared ones, as the request keeps them. */
export type ModelOptions = Partial<Pick<ModelRequest, "aspectRatio" | "durationSec">>;

/**
 * One fal model as the bot runs it: its command, its endpoint per quality, its extra options and how they are read
 * and checked, how long its output is, and how its fal input is built. Nothing else branches on the kind.
 */
export interface ModelDescriptor<E extends FalEndpointId> {
  /** the slash command that runs it */
  command: `kling-${string}`;
  description: string;
  /** the command's name and description in the other languages (src/i18n/catalogs: `cmd.<command>`) */
  name_localizations: Partial<Record<string, string>>;
  description_localizations: Partial<Record<string, string>>;
  /** the progress message's title and the thread name's start */
  title: string;
  /** "your … is ready" */
  resultName: string;
  endpoints: Readonly<Record<Quality, E>>;
  /** Discord options after the shared ones (commands/options.ts) */
  options: readonly APIApplicationCommandBasicOption[];
  readOptions(input: ModelCommandInput): ModelOptions;
  checkOptions(request: ModelRequest): Violation[];
  /** seconds of output the options fix before any download; undefined: as long as the input clip */
  chosenOutputSec(request: ModelOptions): number | undefined;
  /** the options' parts of the progress message's Inputs line (none: []) */
  describeOptions(request: ModelRequest): Text[];
  /** a checked request (it has a video) in fal's terms: it must fit the input schema of every quality's endpoint */
  toFalInput(request: ModelRequest & { video: LinkedFile }): FalInputForAll<E>;
}
