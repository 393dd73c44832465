/**
 * The inspector's worker module (src/media/inspect-worker.ts) with a test switch: a file labelled "spin" (or a link
 * to ".../spin.mp4") makes it compute forever after it said "started", as a parse stuck in a hostile loop would;
 * "read-then-spin" first reads the file's head through the main thread; "hog" allocates without end. Anything else
 * is inspected normally.
 */
import inspectInWorker, { type InspectAnswer, type InspectTask } from "../../src/media/inspect-worker.js";

export default async function misbehave(task: InspectTask): Promise<InspectAnswer> {
  if (task.label === "hog") {
    // holds on to memory until the worker's heap cap stops it
    task.port.postMessage({ op: "started" });
    const held: number[][] = [];
    for (;;) held.push(Array.from({ length: 100_000 }, (_, i) => i));
  }
  const mode = /(?:^|\/)(spin|read-then-spin)(?:\.mp4)?$/.exec(task.label)?.[1];
  if (mode) {
    task.port.postMessage({ op: "started" });
    if (mode === "read-then-spin") {
      await new Promise((resolve) => {
        task.port.once("message", resolve);
        task.port.postMessage({ op: "read", id: 0, start: 0, end: 16 });
      });
    }
    for (;;) {
      // spin: only terminating the thread stops this
    }
  }
  return inspectInWorker(task);
}
