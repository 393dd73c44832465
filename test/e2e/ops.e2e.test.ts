/**
 * Issue 11, operations: the bot's HTTP listener (HTTP_PORT=0) answers GET /healthz and GET /metrics after a job ran
 * end to end through the emulators, and the counters match what happened; /healthz turns 503 naming the store
 * while the store does not answer. The same run's log is scanned for the configured secrets and signed-URL
 * signatures, and every line about the job carries its id, fal's request id, the guild and the member.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { JobStore } from "../../src/jobs/job-store.js";
import { openLedger } from "../../src/store/open-store.js";
import { monthKey } from "../../src/periods.js";
import { closeWorld, startWorld, statusOf, type World } from "./harness.js";

let world: World | undefined;
afterEach(async () => {
  await closeWorld(world);
  world = undefined;
});

/** the job store's reads fail while `down` (the store-fault seam) */
function failingReads(store: JobStore, outage: { down: boolean }): JobStore {
  return new Proxy(store, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target) as unknown;
      if (typeof value !== "function") return value;
      if (prop !== "get") return (value as () => unknown).bind(target);
      return async (id: string) => {
        if (outage.down) throw new Error("connect ECONNREFUSED 127.0.0.1:6379 (injected store outage)");
        return target.get(id);
      };
    },
  });
}

/** one sample's value from the Prometheus text exposition (0 when the series is absent) */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  let total = 0;
  let found = false;
  for (const line of text.split("\n")) {
    if (line.startsWith("#") || !line.startsWith(name)) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const have = Object.fromEntries([...(match[2] ?? "").matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) {
      total += Number(match[3]);
      found = true;
    }
  }
  return found ? total : 0;
}

const scrape = async (w: World, path: string) => {
  const response = await fetch(`http://127.0.0.1:${w.bot.http!.port}${path}`);
  return { status: response.status, type: response.headers.get("content-type") ?? "", text: await response.text() };
};

describe("health and metrics over the bot's HTTP listener", () => {
  it("after a job delivered end to end, /metrics counts what happened and /healthz says what is down", async () => {
    const outage = { down: false };
    world = await startWorld({
      env: { HTTP_PORT: "0" },
      overrides: () => ({ wrapStore: (store) => failingReads(store, outage) }),
    });
    const w = world;
    const { discord, fal } = w;
    expect(w.bot.http?.port).toBeGreaterThan(0);
    fal.script({
      timeline: [
        { status: "IN_QUEUE", queuePosition: 0, ms: 300 },
        { status: "IN_PROGRESS", logs: ["Rendering frames"], ms: 600 },
      ],
      outcome: { type: "result" },
    });
    const video = await w.video();
    const command = discord.sendCommand({
      channelId: w.channelId,
      userId: w.userId,
      name: "kling-edit",
      options: { prompt: "rain on a window", video },
    });
    await discord.waitFor(() => statusOf(w.progressMessage()).startsWith("✅"), 20_000, "delivered");
    const [falJob] = [...fal.jobs.values()];
    const delivered = await w.bot.store.get(
      JSON.parse(w.logs.find((line) => line.includes('"msg":"accepted"'))!).jobId as string,
    );
    expect(delivered?.state).toBe("delivered");
    // the final progress edit is saved after the delivery: wait for it so the store calls below are settled
    await discord.waitFor(async () => (await w.bot.store.get(delivered!.id))?.finalShown === true, 5000, "final");

    // /healthz: everything up
    const healthy = await scrape(w, "/healthz");
    expect(healthy.status).toBe(200);
    expect(healthy.type).toContain("application/json");
    expect(JSON.parse(healthy.text)).toMatchObject({
      status: "ok",
      checks: { gateway: { ok: true }, store: { ok: true } },
    });

    const metrics = await scrape(w, "/metrics");
    expect(metrics.status).toBe(200);
    expect(metrics.type).toContain("text/plain");
    const m = metrics.text;
    // one command, answered
    expect(sample(m, "kling_commands_total", { command: "kling-edit", outcome: "ok" })).toBe(1);
    expect(sample(m, "kling_commands_total")).toBe(1);
    expect(sample(m, "kling_refusals_total")).toBe(0);
    // the job went submitted → queued → running → delivering → delivered, and ended delivered
    for (const state of ["submitted", "queued", "running", "delivering", "delivered"])
      expect(sample(m, "kling_job_transitions_total", { state }), state).toBe(1);
    expect(sample(m, "kling_jobs_finished_total", { state: "delivered" })).toBe(1);
    expect(sample(m, "kling_jobs_finished_total")).toBe(1);
    expect(sample(m, "kling_jobs_held")).toBe(0);
    expect(sample(m, "kling_queue_jobs", { state: "waiting" })).toBe(0);
    expect(sample(m, "kling_queue_wait_seconds_count")).toBe(1);
    // fal's queue and run time, each observed once, within what the emulator's timeline took
    expect(sample(m, "kling_fal_queue_seconds_count", { endpoint: falJob!.endpoint })).toBe(1);
    expect(sample(m, "kling_fal_run_seconds_count", { endpoint: falJob!.endpoint })).toBe(1);
    const runSec = sample(m, "kling_fal_run_seconds_sum");
    expect(runSec).toBeGreaterThan(0.3);
    expect(runSec).toBeLessThan(10);
    // every fal call the emulator saw from the bot, by operation (the CDN is not fal's API)
    const falSeen = (kind: string) => fal.requests.filter((r) => r.kind === kind).length;
    expect(sample(m, "kling_fal_requests_total", { operation: "submit", status: "200" })).toBe(1);
    expect(sample(m, "kling_fal_requests_total", { operation: "status" })).toBe(falSeen("status"));
    expect(falSeen("status")).toBeGreaterThan(1);
    expect(sample(m, "kling_fal_requests_total", { operation: "result" })).toBe(falSeen("result"));
    expect(sample(m, "kling_fal_requests_total", { operation: "upload" })).toBe(
      fal.requests.filter((r) => r.kind.startsWith("upload")).length,
    );
    expect(sample(m, "kling_fal_rate_limited_total")).toBe(0);
    // every Discord REST call the bot made (the harness deployed the commands with its own client first)
    const botCalls = discord.requests.filter((r) => !r.path.includes("/commands")).length;
    expect(sample(m, "kling_discord_requests_total")).toBe(botCalls);
    expect(sample(m, "kling_discord_requests_total", { method: "POST", status: "200" })).toBeGreaterThan(0);
    expect(sample(m, "kling_discord_rate_limited_total")).toBe(0);
    // the store answered, and was timed
    expect(sample(m, "kling_store_seconds_count", { operation: "save", outcome: "ok" })).toBeGreaterThan(3);
    // cost: reserved at the estimate, charged what the ledger billed
    const ledger = await openLedger(w.env.STORE_URL!);
    const entry = (await ledger.entries(w.guildId, monthKey(Date.now()))).find((e) => e.id === delivered!.id);
    await ledger.close();
    expect(entry?.billedMicros).toBeGreaterThan(0);
    expect(sample(m, "kling_cost_charged_microdollars_total")).toBe(entry!.billedMicros);
    expect(sample(m, "kling_cost_reserved_microdollars_total")).toBe(delivered!.estimatedCostMicros);
    // the process's own figures
    expect(sample(m, "kling_process_resident_memory_bytes")).toBeGreaterThan(10_000_000);
    expect(m).toContain("kling_nodejs_eventloop_lag_seconds");

    // the store stops answering: /healthz is 503 and names it
    outage.down = true;
    const down = await scrape(w, "/healthz");
    expect(down.status).toBe(503);
    expect(JSON.parse(down.text)).toMatchObject({
      status: "down",
      down: ["store"],
      checks: { gateway: { ok: true }, store: { ok: false, error: expect.stringContaining("ECONNREFUSED") } },
    });
    outage.down = false;
    expect((await scrape(w, "/healthz")).status).toBe(200);
    // the routes are exactly these: anything else is 404, another method 405
    expect((await scrape(w, "/nope")).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${w.bot.http!.port}/metrics`, { method: "POST" })).status).toBe(405);

    // the log: no secret, no signature, and every line about the job names it, its fal request, guild and member
    const log = w.logs.join("");
    expect(log).not.toContain(w.env.FAL_KEY);
    expect(log).not.toContain(w.env.DISCORD_TOKEN);
    expect(log).not.toContain(command.token); // the interaction's token answers the member: a secret too
    const signatures = [
      video.url,
      ...discord.requests.flatMap((r) => JSON.stringify(r.response ?? "").match(/hm=\w+/g) ?? []),
    ].flatMap((url) => [...String(url).matchAll(/[?&](?:hm|is|ex)=([0-9a-f]+)/g)].map((m) => m[1]!));
    expect(signatures.length).toBeGreaterThan(0);
    for (const signature of signatures) expect(log).not.toContain(signature);
    expect(log).not.toMatch(/[?&](?:ex|is|hm|signature|sig|token|X-Amz-Signature)=/i);

    const lines = w.logs.map((line) => JSON.parse(line) as Record<string, unknown>);
    const aboutJob = lines.filter((line) => JSON.stringify(line).includes(delivered!.id));
    expect(aboutJob.length).toBeGreaterThan(3);
    const submittedAt = lines.findIndex((line) => line.msg === "submitted to fal");
    expect(submittedAt).toBeGreaterThan(0);
    for (const line of aboutJob) {
      expect(line, String(line.msg)).toMatchObject({ jobId: delivered!.id, guildId: w.guildId, userId: w.userId });
      if (lines.indexOf(line) >= submittedAt) expect(line.requestId, String(line.msg)).toBe(falJob!.requestId);
    }
    expect(aboutJob.map((line) => line.msg)).toEqual(expect.arrayContaining(["accepted", "delivered"]));
  });
});
