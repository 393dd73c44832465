import { stat } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { acknowledge, afterAcknowledgements } from "../../src/interactions/ack-first.js";

/** Holds the thread as a job's first synchronous steps do (quota, store, parsing a command's options). */
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** An acknowledgement on its way until `answer()` is called. */
function pendingAck(): { ack: Promise<void>; answer: () => void } {
  let answer!: () => void;
  const ack = acknowledge(new Promise<void>((r) => (answer = r)));
  return { ack, answer };
}

function busy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // computing
  }
}

describe("afterAcknowledgements", () => {
  it("lets I/O run between the work it lets go: a hundred job starts do not hold up a read", async () => {
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

  it("holds work while an acknowledgement is on its way, and lets it go once it is answered", async () => {
    const { ack, answer } = pendingAck();
    let started = false;
    const work = afterAcknowledgements().then(() => (started = true));
    await sleep(40);
    expect(started).toBe(false);
    answer();
    await ack;
    await work;
    expect(started).toBe(true);
  });

  it("an acknowledgement slow to be answered holds work for 100 ms at most", async () => {
    const { ack, answer } = pendingAck();
    try {
      const since = performance.now();
      await afterAcknowledgements();
      const waited = performance.now() - since;
      expect(waited).toBeGreaterThanOrEqual(95);
      expect(waited).toBeLessThan(1_000);
    } finally {
      answer();
      await ack;
    }
  });
});
