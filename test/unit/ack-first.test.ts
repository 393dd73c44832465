import { stat } from "node:fs/promises";
import { describe, expect, it, vi } from "vitest";
import { acknowledge, afterAcknowledgements, MAX_HOLD_MS } from "../../src/interactions/ack-first.js";

/** Holds the thread as a job's first synchronous steps do (quota, store, parsing a command's options). */
function busy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // computing
  }
}

describe("afterAcknowledgements", () => {
  it("lets I/O in between the work it lets go: a hundred job starts do not hold up a read", async () => {
    const order: string[] = [];
    const starts = Array.from({ length: 100 }, (_, i) =>
      afterAcknowledgements().then(() => {
        busy(2);
        order.push(`start ${i}`);
      }),
    );
    const io = stat(import.meta.filename).then(() => order.push("io"));
    await Promise.all([...starts, io]);
    // the read is done within a few milliseconds (100 on a loaded machine); all hundred in one turn would take 200
    expect(order.indexOf("io")).toBeLessThan(50);
    expect(order.filter((x) => x !== "io")).toEqual(Array.from({ length: 100 }, (_, i) => `start ${i}`));
  });

  it("lets several go a turn: one a turn would start jobs no faster than the loop turns", async () => {
    let turns = 0;
    let counting = true;
    const count = () => {
      turns++;
      if (counting) setImmediate(count);
    };
    setImmediate(count);
    await Promise.all(Array.from({ length: 100 }, () => afterAcknowledgements()));
    counting = false;
    expect(turns).toBeLessThan(30);
  });

  it("holds work while acknowledgements are on their way, so a burst's deferReplies go before its jobs start", async () => {
    const order: string[] = [];
    let answer!: () => void;
    const ack = acknowledge(() => new Promise<void>((resolve) => (answer = resolve))).then(() => order.push("ack"));
    const work = afterAcknowledgements().then(() => order.push("work"));
    await new Promise((r) => setTimeout(r, 20));
    expect(order).toEqual([]);
    answer();
    await Promise.all([ack, work]);
    expect(order).toEqual(["ack", "work"]);
  });

  it("holds work on a timer, not by looking again every millisecond while acknowledgements are on their way", async () => {
    let answer!: () => void;
    const ack = acknowledge(() => new Promise<void>((resolve) => (answer = resolve)));
    const timers = vi.spyOn(globalThis, "setTimeout");
    try {
      const work = afterAcknowledgements();
      await new Promise((r) => setImmediate(r));
      const before = timers.mock.calls.length;
      await new Promise((r) => setTimeout(r, 40));
      // the wait above is one; a hold that polls would have set dozens more
      expect(timers.mock.calls.length - before).toBeLessThanOrEqual(1);
      const t0 = performance.now();
      answer();
      await Promise.all([ack, work]);
      expect(performance.now() - t0).toBeLessThan(MAX_HOLD_MS / 2);
    } finally {
      timers.mockRestore();
      answer();
    }
  });

  it("holds work no longer than MAX_HOLD_MS: a steady stream of acknowledgements does not starve job starts", async () => {
    const never = acknowledge(() => new Promise<void>(() => {}));
    const t0 = performance.now();
    await afterAcknowledgements();
    const waited = performance.now() - t0;
    expect(waited).toBeGreaterThanOrEqual(MAX_HOLD_MS - 5);
    expect(waited).toBeLessThan(MAX_HOLD_MS + 500);
    void never; // (left on its way: the last test of this file)
  });
});
