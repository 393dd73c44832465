import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IMAGE_LIMITS, VIDEO_LIMITS } from "../../src/media/limits.js";
import { closeWorld, startWorld, type World } from "./harness.js";
import { command, config } from "./quota-helpers.js";

let world: World;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(async () => {
  await closeWorld(world);
});

describe("/kling-help", () => {
  it("tells a member the commands with an example each, how to name inputs, the limits, the price here and their allowance", async () => {
    await config(world, "limits", { daily_seconds: 30 });
    await config(world, "budget", { price_per_second_usd: 0.2 });
    const help = (await command(world, "kling-help")).content;
    expect(help).toContain("**/kling-edit**");
    expect(help).toContain("**/kling-reference**");
    expect(help.match(/> e\.g\. `[^`]*@Video1[^`]*`/g)).toHaveLength(2);
    expect(help).toContain("`@Element1`…`@Element4`");
    // the limits come from the constants the checks use
    expect(help).toContain(`${VIDEO_LIMITS.minDurationSec}–${VIDEO_LIMITS.maxDurationSec} s`);
    expect(help).toContain(`≥ ${IMAGE_LIMITS.minSidePx} px a side`);
    // this server's price, with examples: 5 s at $0.20/s
    expect(help).toContain("Standard: $0.2/s of output");
    expect(help).toContain("5 s ≈ $1.00");
    expect(help).not.toContain("Pro:"); // Pro is off on this server
    // the member's own allowance today
    expect(help).toMatch(/Today: 0\.0 s of 30\.0 s \(30\.0 s left\)/);
    expect(help.length).toBeLessThanOrEqual(2000);
  });

  it("shows the Pro price once the server turns Pro on", async () => {
    await config(world, "quality", { pro_enabled: true });
    const help = (await command(world, "kling-help")).content;
    expect(help).toMatch(/Pro: \$0\.336\/s of output/);
  });
});
