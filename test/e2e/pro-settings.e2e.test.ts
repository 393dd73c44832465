import { afterEach, describe, expect, it } from "vitest";
import { closeWorld, startWorld, type World } from "./harness.js";
import { config } from "./quota-helpers.js";

let world: World | undefined;
afterEach(async () => {
  if (world) await closeWorld(world);
  world = undefined;
});

const PRO_ON = "• Pro quality: on (members may choose `quality:pro`, billed at the Pro price)";
const PRO_OFF = "• Pro quality: off (standard quality only)";

describe("/kling-config quality and the Pro price", () => {
  it("are registered, off and $0.336/s by default, set by the owner, and reset one at a time", async () => {
    world = await startWorld();
    const registered = world.discord.commands(world.guildId).find((c) => c.name === "kling-config")!;
    const sub = (name: string) => registered.options!.find((o: { name: string }) => o.name === name)!;
    expect(sub("quality").options).toMatchObject([
      {
        type: 5,
        name: "pro_enabled",
        description: "On: members may choose quality:pro (billed at the Pro price); off: standard only",
        required: true,
      },
    ]);
    expect(sub("budget").options.map((o: { name: string }) => o.name)).toEqual([
      "daily_usd",
      "monthly_usd",
      "price_per_second_usd",
      "pro_price_per_second_usd",
    ]);
    const choices = sub("reset").options[0].choices.map((c: { value: string }) => c.value);
    expect(choices).toContain("proEnabled");
    expect(choices).toContain("proPricePerSecondMicros");

    const before = await config(world, "show");
    expect(before).toContain(`\n${PRO_OFF} *(default)*\n`);
    expect(before).toContain("\n• Pro price per second: $0.336/s (estimate) *(default)*\n");

    const on = await config(world, "quality", { pro_enabled: true });
    expect(on).toMatch(
      /^✅ Pro quality is on: members may choose `quality:pro` \(billed at the Pro price per second\)\.\n/,
    );
    expect(on).toContain(`\n${PRO_ON}\n`);

    const priced = await config(world, "budget", { pro_price_per_second_usd: 0.5 });
    expect(priced).toContain("\n• Pro price per second: $0.5/s (estimate)\n");
    expect(priced).toContain("\n• Price per output second: $0.126/s (estimate) *(default)*\n");

    const off = await config(world, "quality", { pro_enabled: false });
    expect(off).toMatch(/^✅ Pro quality is off: every job uses standard quality\.\n/);
    expect(off).toContain(`\n${PRO_OFF}\n`);

    const reset = await config(world, "reset", { setting: "proEnabled" });
    expect(reset).toMatch(/^✅ Pro quality is back to the default\.\n/);
    expect(reset).toContain(`\n${PRO_OFF} *(default)*\n`);
    expect(reset).toContain("\n• Pro price per second: $0.5/s (estimate)\n");
    const resetPrice = await config(world, "reset", { setting: "proPricePerSecondMicros" });
    expect(resetPrice).toMatch(/^✅ Pro price per second is back to the default\.\n/);
    expect(resetPrice).toContain("\n• Pro price per second: $0.336/s (estimate) *(default)*\n");
  });

  it("take their defaults from KLING_PRO_ENABLED and KLING_PRO_PRICE_PER_SECOND_USD", async () => {
    world = await startWorld({ env: { KLING_PRO_ENABLED: "true", KLING_PRO_PRICE_PER_SECOND_USD: "0.4" } });
    const shown = await config(world, "show");
    expect(shown).toContain(`\n${PRO_ON} *(default)*\n`);
    expect(shown).toContain("\n• Pro price per second: $0.4/s (estimate) *(default)*\n");
    expect(shown).toContain("\n• Price per output second: $0.126/s (estimate) *(default)*\n");
  });
});
