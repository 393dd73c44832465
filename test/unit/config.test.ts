import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.js";

const minimal = { DISCORD_TOKEN: "t", DISCORD_APPLICATION_ID: "123456789012345678", FAL_KEY: "k" };

describe("loadConfig", () => {
  it("SHARD_COUNT: unset (one process), auto, or a whole number of shards", () => {
    expect(loadConfig(minimal).SHARD_COUNT).toBeUndefined();
    expect(loadConfig({ ...minimal, SHARD_COUNT: "auto" }).SHARD_COUNT).toBe("auto");
    expect(loadConfig({ ...minimal, SHARD_COUNT: "4" }).SHARD_COUNT).toBe(4);
    for (const bad of ["0", "2.5", "many", "-1"])
      expect(() => loadConfig({ ...minimal, SHARD_COUNT: bad }), bad).toThrow(
        'SHARD_COUNT must be "auto" or a whole number of shards (1 or more)',
      );
  });

  it("applies documented defaults", () => {
    const config = loadConfig(minimal);
    expect(config.DISCORD_API_URL).toBe("https://discord.com/api");
    expect(config.FAL_QUEUE_URL).toBe("https://queue.fal.run");
    expect(config.FAL_REST_URL).toBe("https://rest.fal.ai");
    expect(config.STORE_URL).toBe("sqlite://data/kling-bot.sqlite");
    expect(config.MEDIA_ALLOWED_HOSTS).toEqual([]);
    expect(config.LOG_LEVEL).toBe("info");
    expect(config.DISCORD_GUILD_ID).toBeUndefined();
  });

  it("names every problem at once", () => {
    let error: unknown;
    try {
      loadConfig({
        DISCORD_APPLICATION_ID: "not-a-snowflake",
        STORE_URL: "mysql://x",
        LOG_LEVEL: "loud",
        FAL_QUEUE_URL: "ftp://x",
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    for (const name of [
      "DISCORD_TOKEN",
      "FAL_KEY",
      "DISCORD_APPLICATION_ID",
      "STORE_URL",
      "LOG_LEVEL",
      "FAL_QUEUE_URL",
    ]) {
      expect(message).toContain(name);
    }
  });

  it("FAL_KEY: required, except for a dry run (nothing is sent to fal)", () => {
    const { FAL_KEY: _key, ...keyless } = minimal;
    expect(() => loadConfig(keyless)).toThrow(
      "FAL_KEY is required (or set FAL_DRY_RUN=true to try the bot without one)",
    );
    expect(() => loadConfig({ ...keyless, FAL_DRY_RUN: "false" })).toThrow("FAL_KEY is required");
    expect(loadConfig({ ...keyless, FAL_DRY_RUN: "true" }).FAL_KEY).toBe("");
    expect(loadConfig({ ...minimal, FAL_DRY_RUN: "true" }).FAL_KEY).toBe("k");
    // an unreadable FAL_DRY_RUN is not a dry run: both problems are named
    let error: unknown;
    try {
      loadConfig({ ...keyless, FAL_DRY_RUN: "maybe" });
    } catch (e) {
      error = e;
    }
    expect((error as ConfigError).problems).toEqual([
      "FAL_KEY is required (or set FAL_DRY_RUN=true to try the bot without one)",
      "FAL_DRY_RUN must be true or false",
    ]);
  });

  it("parses MEDIA_ALLOWED_HOSTS and trims trailing slashes from base URLs", () => {
    const config = loadConfig({
      ...minimal,
      MEDIA_ALLOWED_HOSTS: " 127.0.0.1:8080, Media.Local:443 ,[::1]:9000",
      DISCORD_API_URL: "http://127.0.0.1:9/api/",
    });
    expect(config.MEDIA_ALLOWED_HOSTS).toEqual(["127.0.0.1:8080", "media.local:443", "[::1]:9000"]);
    expect(config.DISCORD_API_URL).toBe("http://127.0.0.1:9/api");
  });

  it("refuses MEDIA_ALLOWED_HOSTS entries without a port (they would open every port over plain http)", () => {
    let error: unknown;
    try {
      loadConfig({ ...minimal, MEDIA_ALLOWED_HOSTS: "127.0.0.1:8080, media.local, 10.0.0.1:0, [::1]" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      'MEDIA_ALLOWED_HOSTS.1 entry "media.local" has no port: write media.local:<port> (e.g. ' +
        "media.local:8080); without one it would allow every port over plain http",
      'MEDIA_ALLOWED_HOSTS.2 entry "10.0.0.1:0" has port 0; ports are 1–65535',
      'MEDIA_ALLOWED_HOSTS.3 entry "[::1]" has no port: write [::1]:<port> (e.g. [::1]:8080); without ' +
        "one it would allow every port over plain http",
    ]);
  });

  it("treats empty values as unset", () => {
    expect(loadConfig({ ...minimal, DISCORD_GUILD_ID: "", STORE_URL: "" }).STORE_URL).toBe(
      "sqlite://data/kling-bot.sqlite",
    );
  });

  it("JOB_RETENTION_DAYS: 30 by default, any positive number of days, anything else refused by name", () => {
    expect(loadConfig(minimal).JOB_RETENTION_DAYS).toBe(30);
    expect(loadConfig({ ...minimal, JOB_RETENTION_DAYS: "7.5" }).JOB_RETENTION_DAYS).toBe(7.5);
    for (const bad of ["0", "-1", "a month"]) {
      expect(() => loadConfig({ ...minimal, JOB_RETENTION_DAYS: bad })).toThrow(/JOB_RETENTION_DAYS/);
    }
  });
});

describe("the job queue and roles", () => {
  it("QUEUE_URL defaults to STORE_URL when that is Redis; otherwise there is no queue (one process)", async () => {
    const { queueUrlOf } = await import("../../src/config.js");
    expect(queueUrlOf(loadConfig(minimal))).toBeUndefined();
    expect(queueUrlOf(loadConfig({ ...minimal, STORE_URL: "redis://db:6379/2" }))).toBe("redis://db:6379/2");
    expect(queueUrlOf(loadConfig({ ...minimal, STORE_URL: "postgres://db/x", QUEUE_URL: "rediss://q:6380" }))).toBe(
      "rediss://q:6380",
    );
    expect(loadConfig(minimal).BOT_ROLE).toBe("all");
    expect(loadConfig(minimal).QUEUE_STALL_MS).toBe(30_000);
  });

  it("BOT_ROLE=worker or gateway without a queue is refused with how to fix it; QUEUE_URL must be Redis", () => {
    for (const role of ["worker", "gateway"]) {
      expect(() => loadConfig({ ...minimal, BOT_ROLE: role })).toThrow(
        new RegExp(`BOT_ROLE =${role} needs the job queue.*set QUEUE_URL=redis://`),
      );
    }
    expect(() => loadConfig({ ...minimal, QUEUE_URL: "postgres://x" })).toThrow(/QUEUE_URL must be a redis:\/\//);
    expect(() => loadConfig({ ...minimal, BOT_ROLE: "both" })).toThrow(/BOT_ROLE/);
    expect(loadConfig({ ...minimal, BOT_ROLE: "worker", QUEUE_URL: "redis://q" }).BOT_ROLE).toBe("worker");
  });
});
