/**
 * Issue 14's proof: the outbox in front of discord.js's real REST client, against the Discord emulator. A scripted
 * burst at a small budget (3 calls a second) makes a line form: a new job's progress post goes before the running
 * jobs' edits queued ahead of it, a result delivery next, and an edit replaced while it waits is never sent.
 */
import { REST } from "discord.js";
import { afterEach, describe, expect, it } from "vitest";
import { startDiscordEmulator, type DiscordEmulator } from "../../emulators/discord/index.js";
import { DiscordOutbox, REST_GLOBAL_REQUESTS_PER_SECOND, SUPERSEDED } from "../../src/discord/outbox.js";

let discord: DiscordEmulator | undefined;
afterEach(async () => {
  await discord?.close();
  discord = undefined;
});

describe("the outbox orders Discord calls by what a member waits for", () => {
  it("sends a new job's post before queued edits, a delivery next, and never sends a superseded edit", async () => {
    discord = await startDiscordEmulator();
    const guild = discord.addGuild({ name: "Burst" });
    const channelId = discord.addChannel({ guildId: guild.id, type: 0, name: "jobs" }).id as string;
    const rest = new REST({ api: discord.apiBase, globalRequestsPerSecond: REST_GLOBAL_REQUESTS_PER_SECOND }).setToken(
      discord.botToken,
    );
    // eight running jobs' progress messages
    const ids: string[] = [];
    for (let i = 0; i < 8; i += 1)
      ids.push(
        ((await rest.post(`/channels/${channelId}/messages`, { body: { content: `job ${i}` } })) as { id: string }).id,
      );
    const from = discord.requests.length;

    const outbox = new DiscordOutbox(rest, { perSecond: 3 });
    // the burst: every running job's progress changes at once
    const edits = ids.map((id, i) => outbox.edit(channelId, id, { content: `job ${i}: queued (1st edit)` }));
    // then a member's new job, and a finished job's result
    const post = outbox.post(channelId, { content: "new job: Started!" });
    const delivery = outbox.post(channelId, { content: "job 0: result" }, [], "delivery");
    // job 7 moves on while its first edit still waits: that edit is replaced, not sent late
    const newer = outbox.edit(channelId, ids[7]!, { content: "job 7: rendering (2nd edit)" });
    expect(outbox.waiting).toEqual({ post: 1, delivery: 1, edit: 5 });

    const answers = await Promise.all([...edits, post, delivery, newer]);
    expect(answers[7]).toBe(SUPERSEDED);
    expect(answers.filter((a) => a === SUPERSEDED)).toHaveLength(1);

    const sent = discord.requests.slice(from).map((r) => `${r.method} ${String(r.body?.content)}`);
    // the budget's first second went to the edits already queued; the next to the post the member waits for, the
    // delivery and one edit (sent together, so they may arrive in either order); then the edits that waited
    expect(sent.slice(0, 3)).toEqual([
      "PATCH job 0: queued (1st edit)",
      "PATCH job 1: queued (1st edit)",
      "PATCH job 2: queued (1st edit)",
    ]);
    expect(new Set(sent.slice(3, 6))).toEqual(
      new Set(["POST new job: Started!", "POST job 0: result", "PATCH job 3: queued (1st edit)"]),
    );
    expect(sent.indexOf("POST new job: Started!")).toBeLessThan(sent.indexOf("POST job 0: result"));
    expect(sent.slice(6)).toEqual([
      "PATCH job 4: queued (1st edit)",
      "PATCH job 5: queued (1st edit)",
      "PATCH job 6: queued (1st edit)",
      "PATCH job 7: rendering (2nd edit)",
    ]);
    expect(sent.some((s) => s.includes("job 7: queued"))).toBe(false);
    expect(discord.messages(channelId).find((m) => m.raw.id === ids[7])?.raw.content).toBe(
      "job 7: rendering (2nd edit)",
    );
    expect(discord.specViolations).toEqual([]);
  });
});
