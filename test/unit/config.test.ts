import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.js";

const minimal = { DISCORD_TOKEN: "t", DISCORD_APPLICATION_ID: "123456789012345678", FAL_KEY: "k" };

describe("loadConfig", () => {
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
      loadConfig({ DISCORD_APPLICATION_ID: "not-a-snowflake", STORE_URL: "mysql://x", LOG_LEVEL: "loud", FAL_QUEUE_URL: "ftp://x" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    for (const name of ["DISCORD_TOKEN", "FAL_KEY", "DISCORD_APPLICATION_ID", "STORE_URL", "LOG_LEVEL", "FAL_QUEUE_URL"]) {
      expect(message).toContain(name);
    }
  });

  it("parses MEDIA_ALLOWED_HOSTS and trims trailing slashes from base URLs", () => {
    const config = loadConfig({
      ...minimal,
      MEDIA_ALLOWED_HOSTS: " 127.0.0.1:8080, media.local ,",
      DISCORD_API_URL: "http://127.0.0.1:9/api/",
    });
    expect(config.MEDIA_ALLOWED_HOSTS).toEqual(["127.0.0.1:8080", "media.local"]);
    expect(config.DISCORD_API_URL).toBe("http://127.0.0.1:9/api");
  });

  it("treats empty values as unset", () => {
    expect(loadConfig({ ...minimal, DISCORD_GUILD_ID: "", STORE_URL: "" }).STORE_URL).toBe("sqlite://data/kling-bot.sqlite");
  });
});
