/**
 * `npm run bench`: runs every bench module listed here, in order, and prints their figures.
 * Add a bench by writing bench/<name>.ts exporting an async function and listing it below.
 */
import { benchMedia } from "./media.js";
import { benchJobs } from "./jobs.js";
import { benchWebhooks } from "./webhooks.js";
import { benchQueue } from "./queue.js";
import { formatTable, rowsOf, type BenchRow } from "./table.js";

const BENCHES: { name: string; run: () => Promise<unknown> }[] = [
  { name: "media", run: () => benchMedia() },
  { name: "jobs", run: () => benchJobs() },
  { name: "webhooks", run: () => benchWebhooks() },
  { name: "queue", run: () => benchQueue() },
];

let failed = false;
const rows: BenchRow[] = [];
for (const b of BENCHES) {
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
