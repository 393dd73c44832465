import { afterAll, describe, expect, it } from "vitest";
import { crashLoop, killAllBots } from "./crash-loop.js";

afterAll(() => killAllBots());

/** The short mode of `npm run crash-test` (50 runs): the real bot process, SIGKILLed at seeded-random points. */
describe("crash loop (short)", () => {
  it("6 seeded runs with SIGKILL and 2 graceful stops: every job delivered once or failed with a message, 0 lost, 0 duplicates", async () => {
    const lines: string[] = [];
    const summary = await crashLoop({ runs: 6, seed: 42, sigterm: true, log: (line) => lines.push(line), lostAfterMs: 45_000 });
    console.log([...lines, summary.line].join("\n"));
    expect(summary.lost, lines.join("\n")).toBe(0);
    expect(summary.duplicates, lines.join("\n")).toBe(0);
    expect(summary.delivered + summary.failed + summary.notAccepted).toBe(summary.runs);
    // a graceful stop mid-job (running, or while the submit waits at fal) must end in exactly one delivery
    for (const r of summary.results.filter((r) => r.signal === "SIGTERM")) expect(r.outcome, `run ${r.run}`).toBe("delivered once");
  }, 420_000);
});
