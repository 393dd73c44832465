import type { REST } from "discord.js";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DiscordOutbox, SUPERSEDED } from "../../src/discord/outbox.js";

/** A REST stand-in that records when each call is made and answers when told to. */
function fakeRest() {
  const calls: { at: number; method: string; route: string; body: unknown; answer: () => void }[] = [];
  const call = (method: string) => (route: string, options: { body?: unknown }) =>
    new Promise((resolve) =>
      calls.push({ at: Date.now(), method, route, body: options.body, answer: () => resolve({ id: "m" }) }),
    );
  const rest = { post: call("POST"), patch: call("PATCH"), get: call("GET") } as unknown as REST;
  return { rest, calls };
}

beforeEach(() => void vi.useFakeTimers({ now: 0 }));
afterEach(() => void vi.useRealTimers());

describe("DiscordOutbox", () => {
  it("sends at most its budget in any second, the rest as the window moves on", async () => {
    const { rest, calls } = fakeRest();
    const outbox = new DiscordOutbox(rest, { perSecond: 3 });
    for (let i = 0; i < 10; i += 1) void outbox.post(`c${i}`, { content: String(i) });
    await vi.advanceTimersByTimeAsync(3_500);
    expect(calls.map((c) => c.at)).toEqual([0, 0, 0, 1000, 1000, 1000, 2000, 2000, 2000, 3000]);
  });

  it("sends one edit of a message at a time: the next waits for the answer, replaced meanwhile by newer ones", async () => {
    const { rest, calls } = fakeRest();
    const outbox = new DiscordOutbox(rest, { perSecond: 50 });
    const first = outbox.edit("c", "m1", { content: "1" });
    const second = outbox.edit("c", "m1", { content: "2" });
    const third = outbox.edit("c", "m1", { content: "3" });
    await vi.advanceTimersByTimeAsync(2_000);
    expect(calls.map((c) => c.body)).toEqual([{ content: "1" }]);
    expect(await second).toBe(SUPERSEDED);
    calls[0]!.answer();
    await expect(first).resolves.toEqual({ id: "m" });
    await vi.advanceTimersByTimeAsync(0);
    expect(calls.map((c) => c.body)).toEqual([{ content: "1" }, { content: "3" }]);
    calls[1]!.answer();
    await expect(third).resolves.toEqual({ id: "m" });
  });

  it("never drops a job's final edit for a running one, and lets it replace a waiting running one", async () => {
    const { rest, calls } = fakeRest();
    const outbox = new DiscordOutbox(rest, { perSecond: 50 });
    void outbox.edit("c", "m1", { content: "running 1" }); // on its way
    const waiting = outbox.edit("c", "m1", { content: "running 2" });
    const final = outbox.edit("c", "m1", { content: "done" }, "delivery");
    expect(await waiting).toBe(SUPERSEDED);
    expect(await outbox.edit("c", "m1", { content: "running 3" })).toBe(SUPERSEDED);
    calls[0]!.answer();
    await vi.advanceTimersByTimeAsync(0);
    calls[1]!.answer();
    await final;
    expect(calls.map((c) => c.body)).toEqual([{ content: "running 1" }, { content: "done" }]);
  });
});
