import type { AnyModel, FalKlingInput } from "../models/models.js";
import type { FalOutputOf } from "../models/model.js";

/** What the bot sends to fal and reads back, as fal's typings declare it; each model's endpoint ids are in src/models. */
export type { FalKlingInput };

export type FalVideoOutput = FalOutputOf<AnyModel["endpoints"][keyof AnyModel["endpoints"]]>;
