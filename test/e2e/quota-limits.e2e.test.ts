import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openLedger } from "../../src/store/open-store.js";
import { monthKey } from "../../src/periods.js";
import type { DiscordAttachment } from "../../emulators/discord/index.js";
import { closeWorld, startWorld, type World } from "./harness.js";
import {
  channelOption,
  command,
  config,
  nextUtcMidnight,
  nextUtcMonth,
  referenceJob,
  relative,
  roleOption,
  submits,
} from "./quota-helpers.js";

// Every test has a world of its own (guild, settings, ledger), so each passes alone (`-t`) and in any order.
let world: World;
let video: DiscordAttachment;
beforeEach(async () => {
  world = await startWorld();
  video = await world.video();
});
afterEach(async () => {
  await closeWorld(world);
});

const ledgerEntries = async () => {
  const ledger = await openLedger(world.env.STORE_URL!);
  try {
    return await ledger.entries(world.guildId, monthKey(Date.now()));
  } finally {
    await ledger.close();
  }
};
const newMember = (username: string, roles: string[] = []) => world.discord.addUser({ username, roles }).id as string;
const videoReads = () => world.discord.cdnRequests.filter((r) => r.path.includes(video.filename)).length;

describe("/kling-config: Manage Server only, ephemeral", () => {
  it("is registered for Manage Server and refuses members without it, in the handler too", async () => {
    const registered = world.discord.commands(world.guildId).find((c) => c.name === "kling-config");
    expect(registered?.default_member_permissions).toBe("32");
    const member = await command(world, "kling-config", {}, { subcommand: "show" });
    expect(member.content).toMatch(/Only members with \*\*Manage Server\*\*/);
    const before = await config(world, "show");
    expect(before).toContain("Jobs at once per member: 1 *(default)*");
    expect(before).toContain("Price per output second: $0.126/s (estimate) *(default)*");
    expect(before).toContain("Allowed channels: everywhere *(default)*");
    // a member cannot change a setting either
    const attempt = await command(world, "kling-config", { jobs_at_once: 5 }, { subcommand: "limits" });
    expect(attempt.content).toMatch(/Manage Server/);
    expect(await config(world, "show")).toContain("Jobs at once per member: 1 *(default)*");
  });

  it("changes take effect at once and show who set them; reset returns the default", async () => {
    const text = await config(world, "limits", { jobs_at_once: 3, cooldown_seconds: 90, daily_seconds: 60 });
    expect(text).toContain("✅ Limits updated.");
    expect(text).toContain("Jobs at once per member: 3\n");
    expect(text).toContain("Cooldown per member: 1m 30s\n");
    expect(text).toContain("Daily video per member: 60.0 s\n");
    expect(await config(world, "budget", { daily_usd: 5, monthly_usd: 100, price_per_second_usd: 0.2 })).toMatch(
      /Server daily budget: \$5\.00\n[\s\S]*Server monthly budget: \$100\.00\n[\s\S]*Price per output second: \$0\.2\/s \(estimate\)\n/,
    );
    expect(await config(world, "block-words", { action: "add", words: "gore, bad words" })).toContain(
      "Blocked prompt words: `gore`, `bad words`\n",
    );
    expect(await config(world, "threads", { enabled: false })).toContain("Results in threads: off");
    expect(await config(world, "showcase", { channel: channelOption(world.channelId) })).toContain(
      `Showcase channel: <#${world.channelId}>\n`,
    );
    const reset = await config(world, "reset", { setting: "all" });
    expect(reset).toContain("Every setting is back to the default.");
    for (const line of reset.split("\n").filter((l) => l.startsWith("•"))) expect(line).toContain("*(default)*");
  });
});

describe("delivery settings", () => {
  it("threads off keeps the result in the channel; a showcase channel gets a link to it, pinging no one", async () => {
    const showcase = world.discord.addChannel({ guildId: world.guildId, type: 0, name: "showcase" });
    await config(world, "threads", { enabled: false });
    await config(world, "showcase", { channel: channelOption(showcase.id as string) });
    world.fal.script({ timeline: [{ status: "IN_PROGRESS", ms: 100 }], outcome: { type: "result" } });
    const threadsBefore = world.discord.threads().length;
    expect(
      (await command(world, "kling-edit", { prompt: "@everyone look", video }, { userId: newMember("gus") })).content,
    ).toContain("Started!");
    const posted = await world.discord.waitFor(
      () => world.discord.messages(showcase.id as string).at(-1),
      15_000,
      "showcase post",
    );
    expect(world.discord.threads().length).toBe(threadsBefore);
    const results = world.discord.messages(world.channelId).filter((m) => m.files.length && !m.ephemeral);
    expect(results).toHaveLength(1);
    expect(posted.raw.content).toContain(
      `https://discord.com/channels/${world.guildId}/${world.channelId}/${results[0]!.raw.id}`,
    );
    expect(posted.raw.content).toContain("> @everyone look");
    const request = await world.discord.waitFor(
      () =>
        world.discord.requests.find((r) => r.method === "POST" && r.path.endsWith(`/channels/${showcase.id}/messages`)),
      5_000,
      "showcase request",
    );
    expect(request.body.allowed_mentions).toEqual({ parse: [] });
  });
});

describe("admission: every limit, in order, before any download or fal call", () => {
  it("paused → channel → role → blocked word: each refusal says which and how to fix; nothing is fetched or sent", async () => {
    const other = world.discord.addChannel({ guildId: world.guildId, type: 0, name: "kling-only" });
    const roleId = "777000000000000001";
    const outsider = newMember("outsider");
    await config(world, "pause", { reason: "budget review" });
    await config(world, "channels", { action: "add", channel: channelOption(other.id as string) });
    await config(world, "roles", { action: "add", role: roleOption(roleId) });
    await config(world, "block-words", { action: "add", words: "forbidden" });
    const reads = videoReads();
    const sent = submits(world);
    const attempt = async () =>
      (await command(world, "kling-edit", { prompt: "a Forbidden city at night", video }, { userId: outsider }))
        .content;

    const paused = await attempt();
    expect(paused).toMatch(
      /Kling is paused on this server by its moderators: "budget review"\. Jobs already running will finish/,
    );
    expect(paused).toContain("nothing was charged");
    await config(world, "resume");

    expect(await attempt()).toContain(
      `Kling can't be used in this channel on this server. Allowed channels: <#${other.id}>.`,
    );
    await config(world, "channels", { action: "add", channel: channelOption(world.channelId) });

    expect(await attempt()).toContain(`Kling is limited to members with the role <@&${roleId}> on this server.`);
    const insider = newMember("insider", [roleId]);

    const blocked = (
      await command(world, "kling-edit", { prompt: "a Forbidden city at night", video }, { userId: insider })
    ).content;
    expect(blocked).toContain(`Your prompt contains "forbidden", which this server's moderators have blocked.`);
    // four refusals, and not one byte of the clip was read nor anything sent to fal
    expect(videoReads()).toBe(reads);
    expect(submits(world)).toBe(sent);
    // word boundaries: "unforbiddenly" is not the blocked word
    world.fal.script({ timeline: [{ status: "IN_QUEUE", queuePosition: 0, ms: 100 }], outcome: { type: "result" } });
    expect(
      (await command(world, "kling-edit", { prompt: "unforbiddenly bright", video }, { userId: insider })).content,
    ).toContain("Started!");

    await world.fal.waitFor(() => submits(world) === sent + 1, 10_000);
    expect(videoReads()).toBeGreaterThan(reads); // the accepted job did read it: the count above can move
  });

  it("jobs at once, then the cooldown with the time it ends", async () => {
    const carl = newMember("carl");
    await config(world, "limits", { jobs_at_once: 1, cooldown_seconds: 3600 });
    world.fal.script({ timeline: [{ status: "IN_QUEUE", queuePosition: 3, ms: 60_000 }], outcome: { type: "never" } });
    const before = submits(world);
    expect((await command(world, "kling-reference", referenceJob(video, 5), { userId: carl })).content).toContain(
      "Started!",
    );
    await world.fal.waitFor(() => submits(world) === before + 1, 10_000);
    const sent = submits(world);
    const busy = (await command(world, "kling-reference", referenceJob(video, 5), { userId: carl })).content;
    expect(busy).toContain(
      "You already have 1 job running, and this server allows 1 at a time per member. A slot frees " +
        "when one of them finishes (or is cancelled).",
    );

    await config(world, "limits", { jobs_at_once: 2 });
    const cooling = (await command(world, "kling-reference", referenceJob(video, 5), { userId: carl })).content;
    // the job started when its reservation was taken: the ledger's instant, to the second Discord shows
    const [entry] = await ledgerEntries();
    expect(cooling).toContain(
      `This server has a cooldown of 1h between jobs per member; your last job started ` +
        `${relative(entry!.createdAt)}. You can start the next one ${relative(entry!.createdAt + 3_600_000)}.`,
    );
    expect(submits(world)).toBe(sent);
  });

  it("the member's daily seconds: used, left, needed, and the reset at 00:00 UTC", async () => {
    const dora = newMember("dora");
    await config(world, "limits", { jobs_at_once: 5, daily_seconds: 12 });
    const before = submits(world);
    expect((await command(world, "kling-reference", referenceJob(video, 10), { userId: dora })).content).toContain(
      "Started!",
    );
    const progress = world.progressMessage()!;
    expect(progress.raw.embeds[0].fields.find((f: { name: string }) => f.name === "Estimated cost")?.value).toBe(
      "$1.26 (estimate, fal's price list)",
    );
    // the accepted job's own submit (it runs alongside the reply) is not one of the refused commands' submits
    const sent = await world.fal.waitFor(() => submits(world) > before && submits(world), 10_000);
    const over = (await command(world, "kling-reference", referenceJob(video, 5), { userId: dora })).content;
    expect(over).toContain(
      `Your daily allowance on this server is 12.0 s of video; you've used 10.0 s today (2.0 s left) ` +
        `and this job needs 5.0 s. It resets ${relative(nextUtcMidnight())} (00:00 UTC).`,
    );
    // an edit of unknown length needs at least the shortest clip (3 s)
    const edit = (await command(world, "kling-edit", { prompt: "rain", video }, { userId: dora })).content;
    expect(edit).toMatch(
      /you've used 10\.0 s today \(2\.0 s left\) and this job needs 10\.0 s \(an edit reserves up to 10 s until its clip has been checked\)/,
    );
    expect(submits(world)).toBe(sent);
  });

  it("an edit reserves the most it could cost, falls back to the least while it fits, and is corrected to the clip's length", async () => {
    const eli = newMember("eli");
    await config(world, "limits", { jobs_at_once: 5, daily_seconds: 5 });
    world.fal.script({
      timeline: [{ status: "IN_PROGRESS", ms: 100 }],
      outcome: { type: "result", video: { seconds: 3.5 } },
    });
    expect((await command(world, "kling-edit", { prompt: "rain", video }, { userId: eli })).content).toContain(
      "Started!",
    );
    // the 3.5 s clip: 3.5 × $0.126 = $0.441
    const progress = world.progressMessage()!;
    expect(progress.raw.embeds[0].fields.find((f: { name: string }) => f.name === "Estimated cost")?.value).toBe(
      "$0.44 (estimate, fal's price list)",
    );
    const usage = (await command(world, "kling-usage", {}, { userId: eli })).content;
    expect(usage).toMatch(/Today: 3\.5 s of 5\.0 s \(1\.5 s left\) of video, about \$0\.44/);
    const refused = (await command(world, "kling-edit", { prompt: "snow", video }, { userId: eli })).content;
    expect(refused).toContain("you've used 3.5 s today (1.5 s left)");
  });

  it("the server's daily and monthly budgets, with their resets", async () => {
    const fay = newMember("fay");
    await config(world, "limits", { jobs_at_once: 5 });
    await config(world, "budget", { daily_usd: 1 });
    // this test's own spend: a 5 s job ($0.63) still running holds its reservation
    world.fal.script({ timeline: [{ status: "IN_QUEUE", queuePosition: 1, ms: 60_000 }], outcome: { type: "never" } });
    const before = submits(world);
    expect((await command(world, "kling-reference", referenceJob(video, 5), { userId: fay })).content).toContain(
      "Started!",
    );
    await world.fal.waitFor(() => submits(world) === before + 1, 10_000);
    const sent = submits(world);
    const daily = (await command(world, "kling-reference", referenceJob(video, 10), { userId: fay })).content;
    expect(daily).toContain(
      "This server's daily Kling budget is $1.00; $0.63 is spent or reserved today and this job would cost about $1.26 (fal's price list).",
    );
    expect(daily).toContain(`The budget resets ${relative(nextUtcMidnight())} (00:00 UTC).`);
    await config(world, "budget", { daily_usd: 0, monthly_usd: 0.5 });
    const monthly = (await command(world, "kling-reference", referenceJob(video, 3), { userId: fay })).content;
    // $0.38 alone would fit in $0.50: refused because of the $0.63 already reserved
    expect(monthly).toContain(
      "This server's monthly Kling budget is $0.50; $0.63 is spent or reserved this month and this " +
        "job would cost about $0.38 (fal's price list).",
    );
    expect(monthly).toContain(`The budget resets ${relative(nextUtcMonth())} (the 1st, 00:00 UTC).`);
    expect(submits(world)).toBe(sent);
  });
});
