/**
 * `npm run bench`: runs every bench module listed here, in order, and prints their figures.
 * Add a bench by writing bench/<name>.ts exporting an async function and listing it below; what it returns may carry
 * `rows` for the table (bench/table.ts). `npm run bench -- --short` (or BENCH_SHORT=1): small counts, for CI.
 * `npm run bench -- --only started` runs the benches whose names start with "started" (several: a comma list).
 * Each bench runs in a process of its own (this file again, forked), so what one leaves behind — the emulators'
 * records of thousands of jobs, a grown heap, sockets — weighs on no later one's figures: P1's burst measured 30–50 ms
 * slower after another bench had run in the same process.
 */
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
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

/** set in a bench's own process: the one bench it runs */
const ONE = process.env.BENCH_RUN_ONE;

/** Runs one bench in a fresh process; its rows come back over IPC, its output goes to this process's. */
function runApart(name: string): Promise<BenchRow[] | undefined> {
  return new Promise((resolve) => {
    let rows: BenchRow[] | undefined;
    const child = fork(fileURLToPath(import.meta.url), process.argv.slice(2), {
      env: { ...process.env, BENCH_RUN_ONE: name },
      execArgv: process.execArgv,
    });
    child.on("message", (m) => (rows = m as BenchRow[]));
    child.on("exit", (code) => resolve(code === 0 ? rows : undefined));
  });
}

if (ONE) {
  const bench = BENCHES.find((b) => b.name === ONE)!;
  try {
    const rows = rowsOf(await bench.run());
    process.send!(rows, () => process.disconnect());
  } catch (err) {
    console.error(`bench ${bench.name} failed:`, err);
    process.exitCode = 1;
    process.disconnect();
  }
} else {
  let failed = false;
  const rows: BenchRow[] = [];
  for (const b of chosen) {
    console.log(`\n== bench: ${b.name}`);
    const result = await runApart(b.name);
    if (result) rows.push(...result);
    else failed = true;
  }
  if (rows.length) {
    console.log("\n== all figures");
    for (const line of formatTable(rows)) console.log(line);
  }
  process.exitCode = failed ? 1 : 0;
}
