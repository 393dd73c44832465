/**
 * docker-compose.yml without Docker (no engine runs here): parsed as YAML and checked against what the bot reads.
 * Node has no YAML parser in this project, so python3's yaml module reads it; without one the test is skipped.
 */
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { configSchema } from "../../src/config.js";

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

const parsed = spawnSync(
  "python3",
  ["-c", "import json, sys, yaml; print(json.dumps(yaml.safe_load(open('docker-compose.yml'))))"],
  { encoding: "utf8" },
);
const yamlReader = parsed.status === 0 ? undefined : "python3 with the yaml module is needed to read the file";
const compose: Json = yamlReader ? {} : JSON.parse(parsed.stdout);

/** variables the jobs-on-BullMQ work adds to src/config.ts (issue 11: QUEUE_URL, BOT_ROLE) */
const ROLE_AND_QUEUE = ["QUEUE_URL", "BOT_ROLE"];

describe.skipIf(yamlReader)("docker-compose.yml", () => {
  const bots = ["gateway", "worker"] as const;

  it("runs Redis with its data on a named volume, and the bot in the gateway and worker roles on it", () => {
    const redis = compose.services.redis;
    expect(redis.image).toMatch(/^redis:/);
    expect(redis.volumes).toContain("redis-data:/data");
    expect(compose.volumes).toHaveProperty("redis-data");
    expect(redis.healthcheck.test).toEqual(["CMD", "redis-cli", "ping"]);
    for (const role of bots) {
      const bot = compose.services[role];
      expect(bot.environment).toMatchObject({
        BOT_ROLE: role,
        STORE_URL: "redis://redis:6379",
        QUEUE_URL: "redis://redis:6379",
      });
      expect(bot.depends_on).toEqual({ redis: { condition: "service_healthy" } });
      expect(bot.env_file).toBe(".env");
    }
  });

  it("sets only variables the bot reads", () => {
    const known = new Set([...Object.keys(configSchema.shape), ...ROLE_AND_QUEUE]);
    for (const role of bots)
      for (const name of Object.keys(compose.services[role].environment)) expect(known, name).toContain(name);
  });

  it("checks each bot's health at /healthz on its HTTP_PORT, with a command the slim image has", () => {
    for (const role of bots) {
      const { environment, healthcheck } = compose.services[role];
      const [kind, command, ...args] = healthcheck.test as string[];
      expect([kind, command]).toEqual(["CMD", "node"]);
      expect(args.join(" ")).toContain(`http://127.0.0.1:${environment.HTTP_PORT}/healthz`);
      expect(healthcheck.start_period).toBeDefined();
    }
  });
});
