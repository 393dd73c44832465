import { Keyv } from "keyv";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig, POLL_INTERVAL_MS, POLL_INTERVAL_WITH_WEBHOOKS_MS } from "../../src/config.js";
import { FalCompletionInbox } from "../../src/fal/completion-inbox.js";

const minimal = { DISCORD_TOKEN: "t", DISCORD_APPLICATION_ID: "123456789012345678", FAL_KEY: "k" };

describe("FAL_WEBHOOK_URL / FAL_JWKS_URL", () => {
  it("are off / fal's JWKS by default, and polling keeps its 5 s", () => {
    const config = loadConfig(minimal);
    expect(config.FAL_WEBHOOK_URL).toBeUndefined();
    expect(config.FAL_JWKS_URL).toBe("https://rest.fal.ai/.well-known/jwks.json");
    expect(config.FAL_POLL_INTERVAL_MS).toBe(POLL_INTERVAL_MS);
  });

  it("with webhooks on, polling becomes the slow safety net unless FAL_POLL_INTERVAL_MS says otherwise", () => {
    const on = { ...minimal, HTTP_PORT: "8080", FAL_WEBHOOK_URL: "https://bot.example.com/" };
    const config = loadConfig(on);
    expect(config.FAL_WEBHOOK_URL).toBe("https://bot.example.com");
    expect(config.FAL_POLL_INTERVAL_MS).toBe(POLL_INTERVAL_WITH_WEBHOOKS_MS);
    expect(POLL_INTERVAL_WITH_WEBHOOKS_MS).toBeGreaterThanOrEqual(60_000);
    expect(loadConfig({ ...on, FAL_POLL_INTERVAL_MS: "20000" }).FAL_POLL_INTERVAL_MS).toBe(20_000);
  });

  it("refuses FAL_WEBHOOK_URL without HTTP_PORT, and a non-http URL, saying how to fix it", () => {
    expect(() => loadConfig({ ...minimal, FAL_WEBHOOK_URL: "https://bot.example.com" })).toThrow(
      /FAL_WEBHOOK_URL needs HTTP_PORT.*Set HTTP_PORT/s,
    );
    expect(() => loadConfig({ ...minimal, HTTP_PORT: "1", FAL_WEBHOOK_URL: "ftp://x" })).toThrow(ConfigError);
    expect(() => loadConfig({ ...minimal, FAL_JWKS_URL: "not a url" })).toThrow(/FAL_JWKS_URL/);
  });
});

describe("FalCompletionInbox (the store's record of webhooks, for whichever process follows the job)", () => {
  it("knows only requests it was told of, takes a completion once, and answers for many in one read", async () => {
    const inbox = new FalCompletionInbox(new Keyv());
    await inbox.remember("req-a", "job-a");
    await inbox.remember("req-b", "job-b");
    expect(await inbox.jobIdFor("req-a")).toBe("job-a");
    expect(await inbox.complete("req-x", "OK")).toBe("unknown");
    expect(await inbox.completedAmong(["req-a", "req-b"])).toEqual([]);
    expect(await inbox.complete("req-a", "OK")).toBe("new");
    expect(await inbox.complete("req-a", "OK")).toBe("seen");
    expect(await inbox.completedAmong(["req-a", "req-b", "req-x"])).toEqual(["req-a"]);
  });
});
