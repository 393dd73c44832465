// The bot as production runs it (compiled JS, no TypeScript loader), forked by bench/world.ts and driven over
// IPC, so the RSS and event-loop delay it reports are the bot's own. Needs `npm run build` first — except in the
// bench's short mode (BENCH_SOURCES=1, forked with tsx), which runs the sources.
import { monitorEventLoopDelay, performance } from "node:perf_hooks";

const from = process.env.BENCH_SOURCES === "1" ? "../src" : "../dist/src";
const { startBot } = await import(`${from}/bot.js`);
const { loadConfig } = await import(`${from}/config.js`);
const { createLogger } = await import(`${from}/logger.js`);

/** monitorEventLoopDelay samples every RESOLUTION_MS; its values include that interval, which is subtracted. */
const RESOLUTION_MS = 10;

const config = loadConfig(process.env);
// pass-through inputs (bench/world.ts): the public network's DNS answers and routes, as the e2e harness gives them
const publicNet = process.env.BENCH_PUBLIC_NET ? JSON.parse(process.env.BENCH_PUBLIC_NET) : undefined;
const media = publicNet && {
  ca: publicNet.ca,
  resolve: async (hostname) => {
    const known = publicNet.names[hostname.toLowerCase()];
    if (!known) throw Object.assign(new Error(`queryA ENOTFOUND ${hostname}`), { code: "ENOTFOUND" });
    return [{ address: known.address, family: 4 }];
  },
  route: ({ address, port }) => {
    const known = Object.values(publicNet.names).find((n) => n.address === address && port === 443);
    if (!known) throw Object.assign(new Error(`connect EHOSTUNREACH ${address}:${port}`), { code: "EHOSTUNREACH" });
    return { address: "127.0.0.1", port: known.port };
  },
};
const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
let rssMax = 0;
const sample = () => (rssMax = Math.max(rssMax, process.memoryUsage.rss()));
setInterval(sample, 200).unref();
const t0 = performance.now();
const bot = await startBot(config, { logger: createLogger(config.LOG_LEVEL), ...(media ? { media } : {}) });
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
