// The bot as production runs it (compiled JS, no TypeScript loader), forked by bench/jobs.ts and driven over
// IPC, so the RSS and event-loop delay it reports are the bot's own. Needs `npm run build` first.
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { startBot } from "../dist/src/bot.js";
import { loadConfig } from "../dist/src/config.js";
import { createLogger } from "../dist/src/logger.js";

/** monitorEventLoopDelay samples every RESOLUTION_MS; its values include that interval, which is subtracted. */
const RESOLUTION_MS = 10;

const config = loadConfig(process.env);
const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
let rssMax = 0;
const sample = () => (rssMax = Math.max(rssMax, process.memoryUsage.rss()));
setInterval(sample, 200).unref();
const t0 = performance.now();
const bot = await startBot(config, { logger: createLogger(config.LOG_LEVEL) });
histogram.enable();
const send = (m) => process.send?.(m);
send({ type: "ready", startMs: performance.now() - t0, loggedInAt: Date.now() });
const ms = (ns) => Math.max(0, ns / 1e6 - RESOLUTION_MS);
process.on("message", (m) => {
  if (m.type === "reset") {
    histogram.reset();
    rssMax = process.memoryUsage.rss();
  } else if (m.type === "report") {
    sample();
    const before = process.memoryUsage();
    // with --expose-gc (BENCH_GC=1): what is live, as opposed to garbage not yet collected
    globalThis.gc?.();
    const mem = globalThis.gc ? { ...process.memoryUsage(), rss: before.rss } : before;
    send({
      type: "report",
      rssMaxMb: rssMax / 2 ** 20,
      rssNowMb: mem.rss / 2 ** 20,
      heapUsedMb: mem.heapUsed / 2 ** 20,
      externalMb: mem.external / 2 ** 20,
      arrayBuffersMb: mem.arrayBuffers / 2 ** 20,
      delayP50Ms: ms(histogram.percentile(50)),
      delayP99Ms: ms(histogram.percentile(99)),
      delayMaxMs: ms(histogram.max),
    });
  } else if (m.type === "stop") {
    void bot.stop().finally(() => process.exit(0));
  }
});
