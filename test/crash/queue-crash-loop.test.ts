import { afterAll, describe, expect, it } from "vitest";
import { killAllBots } from "../support/bot-process.js";
import { queueCrashLoop, SHORT_QUEUE_PLANS } from "./queue-crash-loop.js";
import { TEST_REDIS_URL, makeBackend, unreachable } from "../store/backends.js";

afterAll(() => killAllBots());

const CI = !!process.env.CI && process.env.CI !== "false";
const problem = await unreachable(makeBackend("redis"));

/**
 * The short mode of `npm run crash-test:queue`: two bot processes on one Redis (store and BullMQ queue); the one
 * working the job is SIGKILLed at chosen points (twice in two runs); the other takes it over within the stall
 * interval and finishes it: one submit, one progress message, one delivery (or the designed "submit in doubt").
 */
describe("queue crash loop (short)", () => {
  it.skipIf(!!problem && !CI)(
    "a job whose process is killed is finished by the other, once",
    async () => {
      if (problem) throw new Error(`Redis is not reachable at ${TEST_REDIS_URL}: ${problem}`);
      const lines: string[] = [];
      const summary = await queueCrashLoop({
        runs: 0,
        seed: 11,
        plans: SHORT_QUEUE_PLANS,
        log: (line) => lines.push(line),
        lostAfterMs: 20_000,
      });
      console.log([...lines, summary.line].join("\n"));
      expect(
        summary.results.filter((r) => r.problems.length).map((r) => `run ${r.run}: ${r.problems.join("; ")}`),
        lines.join("\n"),
      ).toEqual([]);
      expect(summary.killsFired).toBe(SHORT_QUEUE_PLANS.flat().length);
    },
    120_000,
  );
});
