import { afterAll, describe, expect, it } from "vitest";
import { killAllBots } from "../support/bot-process.js";
import { crashLoop, KILL_POINTS, SHORT_PLANS } from "./crash-loop.js";

afterAll(() => killAllBots());

/**
 * The short mode of `npm run crash-test`: the real bot process, SIGKILLed at chosen points (every kill point at least
 * once, four jobs killed more than once), then two graceful stops. Every run is judged on every promise: the kill
 * happened at its point; delivered once unless the point is one where failing is the designed answer; no second
 * progress message; one settled ledger entry at what the billing rules charge; no reservation left open.
 */
describe("crash loop (short)", () => {
  it("plans cover every kill point, one of them with a job killed several times", () => {
    const planned = new Set(SHORT_PLANS.flat());
    expect(KILL_POINTS.map((k) => k.name).filter((name) => !planned.has(name))).toEqual([]);
    expect(SHORT_PLANS.filter((p) => p.length > 1).length).toBe(4);
  });

  it("every chosen kill and both graceful stops keep every promise", async () => {
    const lines: string[] = [];
    const summary = await crashLoop({
      runs: 0,
      seed: 42,
      plans: SHORT_PLANS,
      sigterm: true,
      log: (line) => lines.push(line),
      lostAfterMs: 45_000,
    });
    console.log([...lines, summary.line].join("\n"));
    expect(summary.runs).toBe(SHORT_PLANS.length + 2);
    expect(
      summary.results.filter((r) => r.problems.length).map((r) => `run ${r.run}: ${r.problems.join("; ")}`),
      lines.join("\n"),
    ).toEqual([]);
    expect(summary.killsFired).toBe(SHORT_PLANS.flat().length + 2);
    // a graceful stop mid-job (running, or while the submit waits at fal) must end in exactly one delivery
    for (const r of summary.results.filter((r) => r.signal === "SIGTERM"))
      expect(r.outcome, `run ${r.run}`).toBe("delivered once");
  }, 240_000);
});
