import { execFile } from "node:child_process";

/** How long one sandbox/dry-run render may take before ffmpeg is killed (a 10 s clip takes about a second). */
export const SANDBOX_FILTER_TIMEOUT_MS = 60_000;

/**
 * The visible stand-in for a Kling result, used where no model runs: the sandbox's fal and FAL_DRY_RUN. The clip
 * keeps its length and size, its colours are shifted and `label` ("sandbox result", "dry run") is written across
 * it, so nobody takes it for a generated video.
 */
export function sandboxFilterArgs(input: string, output: string, label: string, withText = true): string[] {
  const text = label.replace(/[\\':%]/g, "");
  const filters = [
    "hue=h=180:s=1.4",
    "drawbox=x=0:y=ih*0.82:w=iw:h=ih*0.12:color=black@0.55:t=fill",
    ...(withText ? [`drawtext=text='${text}':fontcolor=white:fontsize=h*0.07:x=(w-tw)/2:y=h*0.845`] : []),
  ];
  return [
    "-hide_banner",
    "-loglevel",
    "error",
    "-y",
    "-i",
    input,
    "-vf",
    filters.join(","),
    "-c:v",
    "libx264",
    "-preset",
    "veryfast",
    "-pix_fmt",
    "yuv420p",
    "-c:a",
    "copy",
    "-movflags",
    "+faststart",
    "-metadata",
    `title=${text}`,
    output,
  ];
}

/**
 * Renders the stand-in result with ffmpeg in a child process (never on the event loop), bounded by `timeoutMs`.
 * Where ffmpeg has no font for the label, the clip is rendered without it.
 */
export async function renderSandboxResult(
  input: string,
  output: string,
  label: string,
  options: { ffmpeg?: string; timeoutMs?: number } = {},
): Promise<void> {
  const run = (withText: boolean) =>
    new Promise<void>((resolve, reject) => {
      execFile(
        options.ffmpeg ?? "ffmpeg",
        sandboxFilterArgs(input, output, label, withText),
        { timeout: options.timeoutMs ?? SANDBOX_FILTER_TIMEOUT_MS, killSignal: "SIGKILL", maxBuffer: 1_048_576 },
        (error, _stdout, stderr) =>
          error ? reject(new Error(`ffmpeg failed: ${stderr.trim() || error.message}`)) : resolve(),
      );
    });
  try {
    await run(true);
  } catch (error) {
    if (!/drawtext|font/i.test(String(error))) throw error;
    await run(false);
  }
}
