import { describe, expect, it } from "vitest";
import { renderSettings, editList } from "../../commands/kling-config.js";
import { loadConfig } from "../../src/config.js";
import { defaultsFromEnv, effectiveSettings, type GuildSettings } from "../../src/guild/settings.js";
import type { Job } from "../../src/job.js";
import { checkAccess, describeDenial, findBlockedWord } from "../../src/quota/access.js";
import { settlementFor } from "../../src/quota/billing.js";
import { csvField, ledgerCsv, parseCsv } from "../../src/quota/csv.js";
import type { LedgerEntry } from "../../src/quota/ledger.js";
import { costMicros, formatRate, formatUsd, microsToDecimal, usdToMicros } from "../../src/money.js";
import { dayKey, monthKey, nextDayStart, nextMonthStart, parseMonth } from "../../src/periods.js";
import { estimateOutput, QuotaService } from "../../src/quota/quota-service.js";
import type { GuildSettingsStore } from "../../src/guild/settings-store.js";
import type { QuotaLedger } from "../../src/quota/ledger.js";
import { createLogger } from "../../src/logger.js";
import { render } from "../../src/i18n/index.js";

const minimal = { DISCORD_TOKEN: "t", DISCORD_APPLICATION_ID: "123456789012345678", FAL_KEY: "k" };
const defaults = defaultsFromEnv(loadConfig(minimal));
const settings = (over: Partial<GuildSettings> = {}): GuildSettings => ({ ...defaults, ...over });
const access = { channelId: "100000", parentChannelId: null, roleIds: [] as string[], prompt: "a cat" };

describe("guild settings from the environment", () => {
  it("defaults: everywhere, everyone, 1 job at once, no cooldown or caps, $0.126/s, Pro off at $0.336/s, threads on", () => {
    expect(defaults).toEqual({
      paused: false,
      pausedReason: null,
      allowedChannelIds: [],
      allowedRoleIds: [],
      userConcurrentJobs: 1,
      userCooldownSec: 0,
      userDailySeconds: null,
      guildDailyBudgetMicros: null,
      guildMonthlyBudgetMicros: null,
      pricePerSecondMicros: 126_000,
      proEnabled: false,
      proPricePerSecondMicros: 336_000,
      showcaseChannelId: null,
      showcaseMode: "auto",
      blockedPromptWords: [],
      threads: true,
      rerunsByAnyone: false,
      elementLibraryMb: 100,
    });
  });

  it("every setting can come from a variable; bad values are named", () => {
    const env = loadConfig({
      ...minimal,
      KLING_PRICE_PER_SECOND_USD: "0.2",
      KLING_USER_CONCURRENT_JOBS: "2",
      KLING_USER_COOLDOWN_SEC: "30",
      KLING_USER_DAILY_SECONDS: "60",
      KLING_GUILD_DAILY_BUDGET_USD: "5",
      KLING_GUILD_MONTHLY_BUDGET_USD: "100.5",
      KLING_ALLOWED_CHANNEL_IDS: "111111, 222222",
      KLING_ALLOWED_ROLE_IDS: "333333",
      KLING_BLOCKED_PROMPT_WORDS: "gore, bad words",
      KLING_SHOWCASE_CHANNEL_ID: "444444",
      KLING_SHOWCASE_MODE: "shared",
      KLING_THREADS: "false",
      KLING_PAUSED: "yes",
      KLING_PRO_ENABLED: "on",
      KLING_PRO_PRICE_PER_SECOND_USD: "0.3",
    });
    expect(defaultsFromEnv(env)).toMatchObject({
      pricePerSecondMicros: 200_000,
      userConcurrentJobs: 2,
      userCooldownSec: 30,
      userDailySeconds: 60,
      guildDailyBudgetMicros: 5_000_000,
      guildMonthlyBudgetMicros: 100_500_000,
      allowedChannelIds: ["111111", "222222"],
      allowedRoleIds: ["333333"],
      blockedPromptWords: ["gore", "bad words"],
      showcaseChannelId: "444444",
      showcaseMode: "shared",
      threads: false,
      paused: true,
      proEnabled: true,
      proPricePerSecondMicros: 300_000,
    });
    expect(
      defaultsFromEnv(loadConfig({ ...minimal, KLING_USER_DAILY_SECONDS: "0", KLING_GUILD_DAILY_BUDGET_USD: "0" })),
    ).toMatchObject({
      userDailySeconds: null,
      guildDailyBudgetMicros: null,
    });
    const bad = {
      KLING_USER_CONCURRENT_JOBS: "0",
      KLING_ALLOWED_ROLE_IDS: "admins",
      KLING_THREADS: "maybe",
      KLING_PRO_ENABLED: "maybe",
      KLING_PRO_PRICE_PER_SECOND_USD: "-1",
    };
    // in the order /kling-config show lists the settings
    expect(() => loadConfig({ ...minimal, ...bad })).toThrow(
      expect.objectContaining({
        problems: [
          "KLING_ALLOWED_ROLE_IDS.0 each entry must be a Discord id (digits)",
          "KLING_USER_CONCURRENT_JOBS Too small: expected number to be >=1",
          "KLING_PRO_ENABLED must be true or false",
          "KLING_PRO_PRICE_PER_SECOND_USD Too small: expected number to be >=0",
          "KLING_THREADS must be true or false",
        ],
      }),
    );
  });

  it("an owner's overrides win; the rest follows the environment; /kling-config shows which is which", () => {
    const merged = effectiveSettings(defaults, { userConcurrentJobs: 3, userDailySeconds: null });
    expect(merged.userConcurrentJobs).toBe(3);
    const text = renderSettings(merged, { userConcurrentJobs: 3 });
    expect(text).toContain("• Jobs at once per member: 3\n");
    expect(text).toContain("• Cooldown per member: none *(default)*");
    expect(text.length).toBeLessThan(2000);
    const crowded = renderSettings(
      settings({ blockedPromptWords: Array.from({ length: 200 }, (_, i) => `word-number-${i}`) }),
      {},
    );
    expect(crowded.length).toBeLessThan(2000);
  });

  it("list edits: add without duplicates (case-insensitive), remove, clear, and the cap", () => {
    expect(editList(["Gore"], "add", ["gore", "blood"], 10)).toEqual(["Gore", "blood"]);
    expect(editList(["a", "b"], "remove", ["A"], 10)).toEqual(["b"]);
    expect(editList(["a", "b"], "clear", [], 10)).toEqual([]);
    expect(() => editList(["a"], "add", ["b", "c"], 2)).toThrow(/limit is 2/);
    expect(() => editList([], "add", [], 2)).toThrow(/which one to add/);
  });
});

describe("access checks (no store): paused → channel → role → blocked words", () => {
  it("reports only the first limit in that order", () => {
    const all = settings({
      paused: true,
      allowedChannelIds: ["999999"],
      allowedRoleIds: ["888888"],
      blockedPromptWords: ["cat"],
    });
    expect(checkAccess(all, access)?.rule).toBe("quota-paused");
    expect(checkAccess({ ...all, paused: false }, access)?.rule).toBe("quota-channel");
    expect(checkAccess({ ...all, paused: false, allowedChannelIds: [] }, access)?.rule).toBe("quota-role");
    expect(checkAccess({ ...all, paused: false, allowedChannelIds: [], allowedRoleIds: [] }, access)?.rule).toBe(
      "quota-blocked-word",
    );
    expect(checkAccess(settings(), access)).toBeUndefined();
  });

  it("a thread counts as its allowed parent; any one allowed role is enough", () => {
    const s = settings({ allowedChannelIds: ["555555"], allowedRoleIds: ["1", "2"] });
    expect(
      checkAccess(s, { ...access, channelId: "777777", parentChannelId: "555555", roleIds: ["2"] }),
    ).toBeUndefined();
  });

  it("blocked words match whole words and phrases, ignoring case and width", () => {
    expect(findBlockedWord("A GORE-fest", ["gore"])).toBe("gore");
    expect(findBlockedWord("gorgeous", ["gore"])).toBeUndefined();
    expect(findBlockedWord("the bad  words here".replace("  ", " "), ["bad words"])).toBe("bad words");
    expect(findBlockedWord("ｇｏｒｅ", ["gore"])).toBe("gore");
    expect(findBlockedWord("x", [" "])).toBeUndefined();
  });
});

describe("refusal messages: the limit, the figure, when it resets", () => {
  const now = Date.UTC(2025, 0, 31, 18, 0, 0);
  it("daily and monthly resets are 00:00 UTC and the 1st", () => {
    expect(nextDayStart(now)).toBe(Date.UTC(2025, 1, 1));
    expect(nextMonthStart(now)).toBe(Date.UTC(2025, 1, 1));
    expect(nextMonthStart(Date.UTC(2025, 11, 15))).toBe(Date.UTC(2026, 0, 1));
    expect([dayKey(now), monthKey(now)]).toEqual(["2025-01-31", "2025-01"]);
    expect(parseMonth("2025-13")).toBeUndefined();
    expect(parseMonth("2025-02")).toBe("2025-02");
  });

  it("each limit's message", () => {
    const t = (ms: number) => `<t:${ms / 1000}:R>`;
    expect(describeDenial({ limit: "concurrency", current: 2, max: 2, needed: 1 }, now).message).toMatch(
      /You already have 2 jobs running, and this server allows 2 at a time/,
    );
    expect(
      describeDenial({ limit: "cooldown", current: now - 60_000, max: 300_000, needed: 0 }, now).message,
    ).toContain(`You can start the next one ${t(now + 240_000)}.`);
    expect(describeDenial({ limit: "user-daily", current: 12_000, max: 15_000, needed: 5_000 }, now).message).toBe(
      `Your daily allowance on this server is 15.0 s of video; you've used 12.0 s today (3.0 s left) ` +
        `and this job needs 5.0 s. It resets ${t(Date.UTC(2025, 1, 1))} (00:00 UTC).`,
    );
    expect(
      describeDenial({ limit: "guild-daily", current: 4_800_000, max: 5_000_000, needed: 630_000 }, now).message,
    ).toContain("$4.80 is spent or reserved today and this job would cost about $0.63");
    expect(describeDenial({ limit: "guild-monthly", current: 1, max: 2, needed: 3 }, now).message).toContain(
      `resets ${t(Date.UTC(2025, 1, 1))} (the 1st, 00:00 UTC)`,
    );
  });
});

describe("money and estimates", () => {
  it("integer micro-dollars; cents rounded half up only for display", () => {
    expect(usdToMicros(0.126)).toBe(126_000);
    expect(costMicros(3_500, 126_000)).toBe(441_000);
    expect(costMicros(1, 126_000)).toBe(126); // rounded up, never under
    expect(formatUsd(441_000)).toBe("$0.44");
    expect(formatUsd(445_000)).toBe("$0.45");
    expect(formatUsd(1_953_000)).toBe("$1.95");
    expect(microsToDecimal(882_000)).toBe("0.882000");
    expect(formatRate(126_000)).toBe("$0.126/s");
  });

  it("before any download: a reference's chosen length; an edit's claimed length, else the longest clip", () => {
    expect(estimateOutput({ kind: "reference", durationSec: 7 })).toEqual({ ms: 7_000, minimumMs: 7_000 });
    expect(estimateOutput({ kind: "edit" })).toEqual({ ms: 10_000, minimumMs: 3_000 });
    expect(estimateOutput({ kind: "edit", claimedVideoSec: 4.23 })).toEqual({ ms: 4_300, minimumMs: 3_000 });
    expect(estimateOutput({ kind: "reference" })).toEqual({ ms: 10_000, minimumMs: 3_000 });
  });
});

describe("settlement: what fal bills when a job ends", () => {
  const job = (over: Partial<Job>): Job => ({ state: "delivered", outputSec: 5, requestId: "r", ...over }) as Job;
  it("delivered → full; model failure → free; result made but not posted → full; cancelled queued → free; running → full", () => {
    expect(settlementFor(job({}), 1)).toEqual({ outcome: "delivered", billedMs: 5_000, now: 1 });
    expect(settlementFor(job({ state: "failed" }), 1)).toMatchObject({ outcome: "failed", billedMs: 0 });
    expect(settlementFor(job({ state: "failed", requestId: undefined }), 1)).toMatchObject({
      outcome: "failed",
      billedMs: 0,
    });
    expect(settlementFor(job({ state: "failed", resultUrl: "https://x" }), 1)).toMatchObject({
      outcome: "failed-after-result",
      billedMs: 5_000,
    });
    expect(settlementFor(job({ state: "cancelled" }), 1)).toMatchObject({ outcome: "cancelled-queued", billedMs: 0 });
    expect(settlementFor(job({ state: "cancelled", runningAt: 5 }), 1)).toMatchObject({
      outcome: "cancelled-running",
      billedMs: 5_000,
    });
    expect(settlementFor(job({ state: "cancelled", requestId: undefined }), 1)).toMatchObject({ billedMs: 0 });
  });

  it("a result fal made is billed at its measured length, not the estimate", () => {
    expect(settlementFor(job({ resultSec: 10.04 }), 1)).toEqual({ outcome: "delivered", billedMs: 10_040, now: 1 });
    expect(settlementFor(job({ state: "failed", resultUrl: "https://x", resultSec: 2.5 }), 1)).toMatchObject({
      outcome: "failed-after-result",
      billedMs: 2_500,
    });
    // a measured result is what was made, whatever the bot was told: a cancel cannot undo a delivered length
    expect(settlementFor(job({ state: "cancelled", runningAt: 5, resultSec: 9 }), 1)).toMatchObject({
      outcome: "cancelled-running",
      billedMs: 5_000,
    });
  });

  it("jobs the bot closed while fal may have run them are billed at the estimate unless fal said they were still queued", () => {
    const attempts = { submit: 1, status: 0, deliver: 0 };
    const closed = (
      by: "submit-in-doubt" | "deadline" | "too-old",
      at: "queued" | "not queued",
      over: Partial<Job> = {},
    ) => settlementFor(job({ state: "failed", attempts, closed: { by, queued: at === "queued" }, ...over }), 1);
    expect(closed("submit-in-doubt", "not queued", { requestId: undefined })).toEqual({
      outcome: "submit-in-doubt",
      billedMs: 5_000,
      now: 1,
    });
    expect(closed("deadline", "not queued", { runningAt: 3 })).toMatchObject({
      outcome: "deadline-running",
      billedMs: 5_000,
    });
    expect(closed("deadline", "not queued")).toMatchObject({ outcome: "deadline-running", billedMs: 5_000 });
    expect(closed("deadline", "queued")).toMatchObject({ outcome: "deadline-queued", billedMs: 0 });
    // back in fal's queue after it had started: it ran
    expect(closed("deadline", "queued", { runningAt: 3 })).toMatchObject({
      outcome: "deadline-running",
      billedMs: 5_000,
    });
    expect(closed("too-old", "not queued", { runningAt: 3 })).toMatchObject({
      outcome: "too-old-running",
      billedMs: 5_000,
    });
    expect(closed("too-old", "queued")).toMatchObject({ outcome: "too-old-queued", billedMs: 0 });
    expect(closed("too-old", "not queued", { resultUrl: "https://x" })).toMatchObject({
      outcome: "failed-after-result",
      billedMs: 5_000,
    });
    // too old before it was ever sent: free; too old while its submit was in doubt: counted
    expect(
      closed("too-old", "not queued", { requestId: undefined, attempts: { submit: 0, status: 0, deliver: 0 } }),
    ).toMatchObject({ outcome: "failed", billedMs: 0 });
    expect(closed("too-old", "not queued", { requestId: undefined })).toMatchObject({
      outcome: "submit-in-doubt",
      billedMs: 5_000,
    });
  });
});

describe("confirming before submit", () => {
  it("a store that does not answer keeps the job from being sent, with a clear message", async () => {
    const down = {
      confirm: async () => Promise.reject(new Error("connect ECONNREFUSED 127.0.0.1:5432")),
    } as unknown as QuotaLedger;
    const service = new QuotaService(
      down,
      { get: async () => settings() } as unknown as GuildSettingsStore,
      { now: () => 0 },
      createLogger("silent"),
    );
    const job = {
      id: "j",
      reservationId: "j",
      guildId: "g",
      requester: { id: "u", name: "ana" },
      kind: "edit",
      outputSec: 5,
    } as Job;
    const refused = await service.confirmBeforeSubmit(job);
    expect(refused.ok).toBe(false);
    expect(!refused.ok && render("en", refused.message)).toBe(
      "I couldn't check this job against the server's limits (my database did not answer), so I didn't send it to " +
        "fal. Nothing was charged; please try again.",
    );
    expect(await service.confirmBeforeSubmit({ ...job, reservationId: undefined })).toEqual({ ok: true });
  });
});

describe("the price a reservation is taken at follows the job's quality (issue 10.1)", () => {
  it("admit and confirm (a lapsed reservation taken again included) pass the tier's price; old holders read as standard", async () => {
    const prices: [string, number][] = [];
    const recording = {
      reserve: async (r: { pricePerSecondMicros: number }) => (
        prices.push(["reserve", r.pricePerSecondMicros]),
        { ok: false, denial: { limit: "user-concurrent", current: 1, max: 1 } }
      ),
      confirm: async (r: { pricePerSecondMicros: number }) => (
        prices.push(["confirm", r.pricePerSecondMicros]),
        { ok: false, lapsed: false, denial: { limit: "user-concurrent", current: 1, max: 1 } }
      ),
    } as unknown as QuotaLedger;
    const over = { proEnabled: true, proPricePerSecondMicros: 400_000 };
    const service = new QuotaService(
      recording,
      {
        getPriced: async () => ({ settings: settings(over), priceIsSet: () => true }),
      } as unknown as GuildSettingsStore,
      { now: () => 0 },
      createLogger("silent"),
    );
    const admission = {
      ...access,
      jobId: "j",
      guildId: "g",
      userId: "u",
      userName: "ana",
      kind: "edit",
      estimate: { ms: 5_000, minimumMs: 5_000 },
    } as const;
    await service.admit({ ...admission, quality: "pro" });
    await service.admit({ ...admission, quality: "standard" });
    const holder = { id: "j", guildId: "g", userId: "u", userName: "ana", kind: "edit" };
    await service.confirm({ ...holder, quality: "pro" }, 5);
    await service.confirm(holder, 5);
    expect(prices).toEqual([
      ["reserve", 400_000],
      ["reserve", 126_000],
      ["confirm", 400_000],
      ["confirm", 126_000],
    ]);
  });
});

describe("fal's live price (issue 11)", () => {
  it("is the price where this server set none; a price set by the owner or the environment overrides it", async () => {
    const prices: number[] = [];
    const recording = {
      reserve: async (r: { pricePerSecondMicros: number }) => (
        prices.push(r.pricePerSecondMicros),
        { ok: false, denial: { limit: "user-concurrent", current: 1, max: 1 } }
      ),
    } as unknown as QuotaLedger;
    let set = false;
    const live = { perSecondMicros: (endpoint: string) => (endpoint.includes("/pro/") ? 350_000 : 250_000) };
    const service = new QuotaService(
      recording,
      {
        getPriced: async () => ({ settings: settings({ proEnabled: true }), priceIsSet: () => set }),
      } as unknown as GuildSettingsStore,
      { now: () => 0 },
      createLogger("silent"),
      undefined,
      live,
    );
    const admission = {
      ...access,
      jobId: "j",
      guildId: "g",
      userId: "u",
      userName: "ana",
      kind: "edit",
      estimate: { ms: 5_000, minimumMs: 5_000 },
    } as const;
    await service.admit({ ...admission, quality: "standard" });
    await service.admit({ ...admission, quality: "pro" });
    set = true;
    await service.admit({ ...admission, quality: "standard" });
    await service.admit({ ...admission, quality: "pro" });
    expect(prices).toEqual([250_000, 350_000, 126_000, 336_000]);
  });
});

describe("ledger CSV", () => {
  it("quotes, neutralises formulas, and round-trips", () => {
    expect(csvField('say "hi", ok')).toBe('"say ""hi"", ok"');
    expect(csvField("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    const entry: LedgerEntry = {
      id: "j1",
      guildId: "g",
      userId: "u",
      userName: '=evil,"name"',
      kind: "edit",
      day: "2025-01-31",
      month: "2025-01",
      createdAt: Date.UTC(2025, 0, 31),
      state: "settled",
      outcome: "delivered",
      pricePerSecondMicros: 126_000,
      reservedMs: 10_000,
      reservedMicros: 1_260_000,
      billedMs: 3_500,
      billedMicros: 441_000,
      settledAt: Date.UTC(2025, 0, 31, 0, 2),
      confirmedAt: Date.UTC(2025, 0, 31, 0, 1),
    };
    const open: LedgerEntry = {
      ...entry,
      id: "j2",
      userName: "bo",
      state: "reserved",
      outcome: null,
      billedMs: 0,
      billedMicros: 0,
      settledAt: null,
    };
    const [header, a, b] = parseCsv(ledgerCsv([entry, open]));
    expect(header![10]).toBe("cost_usd");
    expect(a![4]).toBe(`'=evil,"name"`);
    expect([a![6], a![8], a![10]]).toEqual(["settled", "3.500", "0.441000"]);
    expect([b![6], b![8], b![10]]).toEqual(["open", "10.000", "1.260000"]);
  });
});
