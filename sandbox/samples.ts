import { execFile } from "node:child_process";
import { mkdir, rename, rm, stat } from "node:fs/promises";
import { dirname, join } from "node:path";

/** A clip or picture bundled with the sandbox, made with ffmpeg on first run and kept in the data dir. */
export interface Sample {
  name: string;
  label: string;
  contentType: string;
  width: number;
  height: number;
  path: string;
}

interface Recipe {
  name: string;
  label: string;
  contentType: string;
  width: number;
  height: number;
  /** ffmpeg arguments between the lavfi inputs and the output file */
  args: string[];
}

const clip = (source: string, seconds: number): string[] => [
  ...["-f", "lavfi", "-i", source, "-f", "lavfi", "-i", `sine=frequency=330:duration=${seconds}`],
  ...["-t", String(seconds), "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p"],
  ...["-c:a", "aac", "-b:a", "64k", "-shortest", "-movflags", "+faststart"],
];

const RECIPES: Recipe[] = [
  {
    name: "test-pattern.mp4",
    label: "Test pattern, 1280×720, 4 s",
    contentType: "video/mp4",
    width: 1280,
    height: 720,
    args: clip("testsrc2=size=1280x720:rate=24", 4),
  },
  {
    name: "mandelbrot-portrait.mp4",
    label: "Mandelbrot zoom, portrait 480×854, 3 s",
    contentType: "video/mp4",
    width: 480,
    height: 854,
    args: clip("mandelbrot=size=480x854:rate=24", 3),
  },
  {
    name: "element.png",
    label: "Picture (for elements and images), 512×512",
    contentType: "image/png",
    width: 512,
    height: 512,
    args: ["-f", "lavfi", "-i", "gradients=size=512x512:n=3:seed=7", "-frames:v", "1"],
  },
];

const SAMPLE_FFMPEG_TIMEOUT_MS = 120_000;

function ffmpeg(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(
      "ffmpeg",
      ["-hide_banner", "-loglevel", "error", "-y", ...args],
      { timeout: SAMPLE_FFMPEG_TIMEOUT_MS, killSignal: "SIGKILL", maxBuffer: 1_048_576 },
      (error, _stdout, stderr) =>
        error ? reject(new Error(`ffmpeg failed: ${stderr.trim() || error.message}`)) : resolve(),
    );
  });
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.size > 0,
    () => false,
  );
}

/**
 * The bundled samples, each made with ffmpeg the first time it is asked for (or by `prepare`) and kept in
 * `<dataDir>/samples`; one ffmpeg at a time, since the sandbox may share a small machine.
 */
export class Samples {
  readonly list: readonly Sample[];
  private readonly made = new Map<string, Promise<string>>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(dataDir: string) {
    const dir = join(dataDir, "samples");
    this.list = RECIPES.map(({ args: _args, ...recipe }) => ({ ...recipe, path: join(dir, recipe.name) }));
  }

  /** the sample's file, made now if it is not there yet */
  file(sample: Sample): Promise<string> {
    let made = this.made.get(sample.name);
    if (!made) {
      const recipe = RECIPES.find((r) => r.name === sample.name)!;
      made = this.queue.then(() => make(recipe, sample.path));
      this.queue = made.catch(() => undefined);
      made.catch(() => this.made.delete(sample.name));
      this.made.set(sample.name, made);
    }
    return made;
  }

  /** makes every sample not made yet, in the background */
  prepare(): Promise<void> {
    return Promise.all(this.list.map((s) => this.file(s))).then(() => undefined);
  }
}

async function make(recipe: Recipe, path: string): Promise<string> {
  if (await exists(path)) return path;
  await mkdir(dirname(path), { recursive: true });
  // written under a temporary name first, so an interrupted run never leaves half a clip behind
  const partial = join(dirname(path), `partial-${process.pid}-${recipe.name}`);
  try {
    await ffmpeg([...recipe.args, partial]);
    await rename(partial, path);
  } finally {
    await rm(partial, { force: true });
  }
  return path;
}
