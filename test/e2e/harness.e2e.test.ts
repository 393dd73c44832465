import { describe, expect, it } from "vitest";
import { closeWorld, startWorld } from "./harness.js";

const answers = (url: string) =>
  fetch(url).then(
    () => true,
    () => false,
  );

describe("the e2e harness teardown", () => {
  it("a Discord spec violation fails the test only after the bot and both emulators are closed", async () => {
    const world = await startWorld();
    expect(await answers(world.discord.apiBase)).toBe(true);
    world.discord.specViolations.push({
      kind: "schema",
      requestSeq: 0,
      method: "POST",
      path: "/x",
      route: "/x",
      errors: [],
      body: null,
      at: Date.now(),
    });
    const failure = await closeWorld(world).then(
      () => undefined,
      (error: unknown) => error as Error,
    );
    expect(failure?.message).toContain("expected [ { kind: 'schema'");
    expect(world.bot.client.isReady()).toBe(false);
    expect(await answers(world.discord.apiBase)).toBe(false);
    expect(await answers(world.fal.baseUrl)).toBe(false);
  });
});
