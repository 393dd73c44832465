/**
 * `npm run bench`: runs every bench module listed here, in order, and prints their figures.
 * Add a bench by writing bench/<name>.ts exporting an async function and listing it below.
 */
import { benchMedia } from "./media.js";
import { benchJobs } from "./jobs.js";

const BENCHES: { name: string; run: () => Promise<unknown> }[] = [
  { name: "media", run: () => benchMedia() },
  { name: "jobs", run: () => benchJobs() },
];

let failed = false;
for (const b of BENCHES) {
  console.log(`\n== bench: ${b.name}`);
  try {
    await b.run();
  } catch (err) {
    failed = true;
    console.error(`bench ${b.name} failed:`, err);
  }
}
process.exitCode = failed ? 1 : 0;
