import { afterAll, describe, expect, it } from "vitest";
import type { Keyv } from "keyv";
import { ShowcaseBoard } from "../../src/showcase/board.js";
import { makeBackend, unreachable, type BackendName } from "./backends.js";

const CI = !!process.env.CI && process.env.CI !== "false";
const NAMES: BackendName[] = ["sqlite", "redis", "postgres"];
const backends = await Promise.all(
  NAMES.map(async (name) => {
    const backend = makeBackend(name);
    const problem = await unreachable(backend);
    if (problem && !CI)
      console.warn(`showcase board tests for ${name} SKIPPED (not reachable; CI would fail): ${problem}`);
    return { name, backend, problem };
  }),
);
afterAll(async () => {
  await Promise.all(backends.filter((b) => !b.problem).map((b) => b.backend.cleanup()));
});

const JOB = "0b5e6a3c-1111-4222-8333-444455556666";
const draft = (jobId: string, prompt = "a cat") => ({
  jobId,
  guildId: "1",
  requesterId: "42",
  requesterName: "ana",
  prompt,
  resultLink: "https://discord.com/channels/1/2/3",
});

describe.each(backends)("the showcase board on $name", ({ backend, problem }) => {
  it.skipIf(problem !== undefined && !CI)(
    "two processes starring at the same instant lose no star; a member's second press takes theirs back",
    async () => {
      // two connections to the same store, as two bot processes would have
      const stores: Keyv[] = [await backend.open(), await backend.open()];
      try {
        const [a, b] = stores.map((keyv) => new ShowcaseBoard(keyv)) as [ShowcaseBoard, ShowcaseBoard];
        const claim = await a.claim(draft(JOB), 1_000);
        expect("claimed" in claim).toBe(true);
        // a second Share while the first is posting: busy, not a second post
        expect(await b.claim(draft(JOB), 1_001)).toEqual({ busy: true });
        await a.posted(JOB, { channelId: "500", messageId: "600" }, 2_000);
        expect("already" in (await b.claim(draft(JOB), 2_001))).toBe(true);

        const members = Array.from({ length: 20 }, (_, i) => `member${i}`);
        await Promise.all(members.map((id, i) => (i % 2 ? a : b).toggleStar(JOB, id)));
        expect((await a.post(JOB))!.stars.sort()).toEqual([...members].sort());
        expect((await b.top("1", 0, 10)).map((e) => [e.jobId, e.stars])).toEqual([[JOB, 20]]);

        expect(await a.toggleStar(JOB, "member3")).toEqual({ starred: false, count: 19 });
        expect(await b.toggleStar(JOB, "member3")).toEqual({ starred: true, count: 20 });
      } finally {
        await Promise.all(stores.map((keyv) => keyv.disconnect()));
      }
    },
  );
});
