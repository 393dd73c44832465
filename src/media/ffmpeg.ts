import { execFile } from "node:child_process";
import { access, constants } from "node:fs/promises";
import { delimiter, isAbsolute, join } from "node:path";

/** How long `ffmpeg -version` may take at start-up before ffmpeg counts as absent. */
const PROBE_TIMEOUT_MS = 5_000;

/**
 * ffmpeg as found once at start-up: the first executable `ffmpeg` on PATH that answers `-version`, by its absolute
 * path (later spawns do not search PATH again); undefined when there is none — the before/after clips are then off.
 */
export async function findFfmpeg(pathEnv = process.env.PATH ?? ""): Promise<string | undefined> {
  for (const dir of pathEnv.split(delimiter)) {
    if (!dir || !isAbsolute(dir)) continue; // a relative PATH entry would depend on the working directory
    const candidate = join(dir, "ffmpeg");
    try {
      await access(candidate, constants.X_OK);
    } catch {
      continue;
    }
    if (await answersVersion(candidate)) return candidate;
  }
  return undefined;
}

function answersVersion(bin: string): Promise<boolean> {
  return new Promise((resolve) => {
    execFile(bin, ["-hide_banner", "-version"], { timeout: PROBE_TIMEOUT_MS, killSignal: "SIGKILL" }, (error, stdout) =>
      resolve(!error && String(stdout).startsWith("ffmpeg version")),
    );
  });
}
