/**
 * The member's clip that e2e tests, crash loops and benches send when the media is not what they test, and how a
 * video becomes a member's upload on the Discord emulator's CDN.
 */
import type { DiscordAttachment, DiscordEmulator } from "../../emulators/discord/index.js";
import { makeVideo, type VideoRecipe } from "../media/corpus.js";

/** 1280×720, 3.5 s at 24 fps, a flat colour: accepted as it is, tiny and quick to encode. */
const CLIP = { width: 1280, height: 720, durationSec: 3.5, fps: 24, pattern: "color" } satisfies VideoRecipe;

/** The clip's file (made once, then cached), or a variation of it. */
export const makeClip = (recipe: Partial<VideoRecipe> = {}): Promise<string> => makeVideo({ ...CLIP, ...recipe });

/** A video file as a member's upload (a new attachment each call), with the size Discord reports for it. */
export function attachClip(
  discord: DiscordEmulator,
  path: string,
  { filename = "clip.mp4", width = CLIP.width, height = CLIP.height } = {},
): DiscordAttachment {
  const contentType = filename.endsWith(".mov") ? "video/quicktime" : "video/mp4";
  return discord.addAttachment({ filename, contentType, data: path, width, height });
}

/** `makeClip(recipe)` as a member's upload, named `clip.mp4` (`clip.mov`) unless `filename` says otherwise. */
export async function attachVideo(
  discord: DiscordEmulator,
  recipe: Partial<VideoRecipe> = {},
  filename = `clip.${recipe.container ?? "mp4"}`,
): Promise<DiscordAttachment> {
  return attachClip(discord, await makeClip(recipe), { filename, width: recipe.width, height: recipe.height });
}
