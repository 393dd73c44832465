/**
 * `npm run bench`: runs every bench module listed here, in order, and prints their figures.
 * Add a bench by writing bench/<name>.ts exporting an async function and listing it below; what it returns may carry
 * `rows` for the table (bench/table.ts). `npm run bench -- --short` (or BENCH_SHORT=1): small counts, for CI.
 * `npm run bench -- --only started` runs the benches whose names start with "started" (several: a comma list).
 */
import { benchMedia } from "./media.js";
import { benchJobs } from "./jobs.js";
import { benchWebhooks } from "./webhooks.js";
import { benchQueue } from "./queue.js";
import { benchStarted } from "./started.js";
import { formatTable, rowsOf, type BenchRow } from "./table.js";

// every module reads the short mode from the environment or bench/world.ts's SHORT, which reads both
if (process.argv.includes("--short")) process.env.BENCH_SHORT = "1";

const BENCHES: { name: string; run: () => Promise<unknown> }[] = [
  { name: "media", run: () => benchMedia() },
  { name: "jobs", run: () => benchJobs() },
  { name: "webhooks", run: () => benchWebhooks() },
  { name: "queue", run: () => benchQueue() },
  { name: "started (issue 14)", run: () => benchStarted() },
];

const onlyAt = process.argv.indexOf("--only");
const only = onlyAt >= 0 ? (process.argv[onlyAt + 1] ?? "").split(",").filter(Boolean) : [];
const chosen = only.length ? BENCHES.filter((b) => only.some((name) => b.name.startsWith(name))) : BENCHES;

let failed = false;
const rows: BenchRow[] = [];
for (const b of chosen) {
  console.log(`\n== bench: ${b.name}`);
  try {
    rows.push(...rowsOf(await b.run()));
  } catch (err) {
    failed = true;
    console.error(`bench ${b.name} failed:`, err);
  }
}
if (rows.length) {
  console.log("\n== all figures");
  for (const line of formatTable(rows)) console.log(line);
}
process.exitCode = failed ? 1 : 0;
