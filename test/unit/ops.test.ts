import { describe, expect, it } from "vitest";
import { checkHealth } from "../../src/ops/health.js";
import { falOperation } from "../../src/ops/instrument.js";
import { BotMetrics } from "../../src/ops/metrics.js";

describe("health checks", () => {
  it("a check that hangs is down within the timeout; a throw is down with its first line, credentials removed", async () => {
    const started = Date.now();
    const report = await checkHealth(
      {
        gateway: () => true,
        store: () => new Promise<boolean>(() => {}),
        queue: () => Promise.reject(new Error("connect redis://user:secret@10.0.0.1:6379 refused\nat stack")),
        other: () => false,
      },
      100,
    );
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(report).toEqual({
      ok: false,
      checks: {
        gateway: { ok: true },
        store: { ok: false, error: "no answer within 100 ms" },
        queue: { ok: false, error: "connect redis://[redacted]@10.0.0.1:6379 refused" },
        other: { ok: false, error: "down" },
      },
    });
  });
});

describe("metrics", () => {
  it("fal's requests are counted by operation, from their method and path", () => {
    const base = "https://queue.fal.run/fal-ai/kling-video/requests/abc";
    expect(falOperation("POST", "https://queue.fal.run/fal-ai/kling-video/o3/standard/video-to-video/edit")).toBe(
      "submit",
    );
    expect(falOperation("GET", `${base}/status?logs=1`)).toBe("status");
    expect(falOperation("GET", base)).toBe("result");
    expect(falOperation("PUT", `${base}/cancel`)).toBe("cancel");
    expect(falOperation("POST", "https://rest.fal.ai/storage/upload/initiate?storage_type=fal-cdn-v3")).toBe("upload");
    expect(falOperation("PUT", "https://v3.fal.media/upload/single/t")).toBe("upload");
    expect(falOperation("GET", "https://api.fal.ai/v1/models/pricing?endpoint_id=x")).toBe("pricing");
  });

  it("each bot has its own registry: two never share a counter", async () => {
    const a = new BotMetrics();
    const b = new BotMetrics();
    a.onVerdict("accepted");
    a.falCall("submit", 429);
    expect(await a.registry.getSingleMetricAsString("kling_fal_webhooks_total")).toContain(
      'kling_fal_webhooks_total{verdict="accepted"} 1',
    );
    expect(await a.registry.getSingleMetricAsString("kling_fal_rate_limited_total")).toContain(
      'kling_fal_rate_limited_total{operation="submit"} 1',
    );
    expect(await b.registry.getSingleMetricAsString("kling_fal_webhooks_total")).not.toContain("verdict=");
  });
});
