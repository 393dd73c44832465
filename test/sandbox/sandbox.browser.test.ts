import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { startSandbox, type Sandbox } from "../../sandbox/server.js";
import { SANDBOX_RESULT_LABEL } from "../../sandbox/world.js";

/** Debian's chromium (.ci/run installs it); CHROMIUM_PATH points elsewhere. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

// CI (.ci/run) installs chromium, so there the test always runs; elsewhere it is skipped without one
describe.skipIf(!existsSync(CHROMIUM) && !process.env.CI)("npm run sandbox, in headless Chromium", () => {
  let sandbox: Sandbox;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    [sandbox, browser] = await Promise.all([
      // samples cached across runs; fal's queue steps short so the test stays quick
      startSandbox({
        port: 0,
        dataDir: join(tmpdir(), "kling-bot-sandbox-test"),
        falStepMs: 250,
        // the before/after clip is another ffmpeg run this test does not look at
        botOverrides: { comparisons: "off" },
        prepareSamples: false,
      }),
      chromium.launch({ executablePath: CHROMIUM }),
    ]);
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await sandbox?.close();
    expect(sandbox.world.discord.specViolations).toEqual([]);
  });

  it("a /kling-edit typed on the page ends with the sandbox result playing in the thread", async () => {
    await page.goto(sandbox.url);
    const composer = page.locator("#composer");
    await composer.click();
    await composer.pressSequentially("/kling-e");
    await expect
      .poll(() => page.locator(".suggestion").allTextContents())
      .toContainEqual(expect.stringContaining("/kling-edit"));
    await composer.press("Enter");
    const form = page.locator("#command-form");
    await form.locator("textarea[name=prompt]").fill("Turn the test pattern into a neon city at night");
    await form.locator(".attachment-picker[name=video] select").selectOption("test-pattern.mp4");
    const status = form.locator(".attachment-picker[name=video] .attachment-status");
    await expect.poll(() => status.textContent(), { timeout: 30_000 }).toContain("test-pattern.mp4");
    await form.locator("button[type=submit]").click();

    // the progress message appears with its Cancel button and follows the queue
    const progress = page.locator("article.message", { has: page.locator(".embed-title", { hasText: "Kling" }) });
    await progress.first().waitFor({ timeout: 15_000 });
    await expect.poll(() => progress.first().locator("button", { hasText: "Cancel" }).count()).toBe(1);
    await expect.poll(() => page.locator("#queue .job").count(), { timeout: 15_000 }).toBe(1);

    // …and gets a thread holding the result
    const threadLink = page.locator(".thread-link").first();
    await threadLink.waitFor({ timeout: 25_000 });
    const video = page.locator("video.result-video");
    await expect
      .poll(
        async () => {
          if (!(await video.count())) await threadLink.click().catch(() => undefined);
          return video.count();
        },
        { timeout: 25_000 },
      )
      .toBeGreaterThan(0);
    expect(await page.locator("#channel-title").textContent()).toContain("Thread ·");

    // the <video> loads from the stand-in Discord's CDN and has the input's length
    const media = await video.first().evaluate(
      (v: HTMLVideoElement) =>
        new Promise<{ readyState: number; duration: number; src: string }>((resolve, reject) => {
          const done = () => resolve({ readyState: v.readyState, duration: v.duration, src: v.currentSrc });
          if (v.readyState >= 1) return done();
          v.addEventListener("loadedmetadata", done, { once: true });
          v.addEventListener("error", () => reject(new Error(`video error ${v.error?.code}`)), { once: true });
        }),
    );
    expect(media.readyState).toBeGreaterThanOrEqual(1);
    expect(media.duration).toBeGreaterThan(3.5);
    expect(media.src.startsWith(sandbox.world.discord.cdnBase)).toBe(true);

    // the stand-in fal made it from the input: the filtered clip, labelled, not the emulator's default clip
    const { fal } = sandbox.world;
    const [job] = [...fal.jobs.values()];
    expect(job?.state).toBe("COMPLETED");
    const result = await fetch(job!.videoUrl!).then(async (r) => Buffer.from(await r.arrayBuffer()));
    expect(result.includes(Buffer.from(SANDBOX_RESULT_LABEL))).toBe(true);
    // the bot's log reached the page
    await page.locator("#logs .log").first().waitFor();

    if (process.env.SANDBOX_SCREENSHOT) await page.screenshot({ path: process.env.SANDBOX_SCREENSHOT });

    // Remix on the result opens the bot's form on the page; its submit starts a new job with the edited prompt
    await page.locator("article.message button", { hasText: "Remix" }).first().click();
    const modal = page.locator("#modal form");
    await modal.waitFor({ timeout: 10_000 });
    await modal.locator("textarea[name=prompt]").fill("The same city, in snow");
    await modal.locator("button[type=submit]").click();
    await expect
      .poll(() => [...fal.jobs.values()].map((j) => (j.input as { prompt?: string }).prompt), { timeout: 15_000 })
      .toContainEqual(expect.stringContaining("in snow"));
    await expect.poll(() => page.locator("#modal").isHidden()).toBe(true);

    // a link a member types is not fetched from the internet: the sandbox looks up no name and dials no address
    const { discord } = sandbox.world;
    // (one job at a time per member: the remix finishes first)
    await expect
      .poll(() => sandbox.world.logs.all().filter((l) => l.includes("quota settled")).length, { timeout: 25_000 })
      .toBe(2);
    for (const [url, why] of [
      ["https://example.com/clip.mp4", "couldn't find the server example.com"],
      ["https://93.184.215.14/clip.mp4", "ECONNREFUSED"],
    ]) {
      const typed = discord.sendCommand({
        channelId: sandbox.world.channelId,
        userId: sandbox.world.userId,
        name: "kling-edit",
        options: { prompt: "snow", video_url: url! },
      });
      const reply = await discord.waitFor(() => discord.interaction(typed.id)?.edits.at(-1)?.body.content, 15_000);
      expect(reply).toContain(why);
    }
  }, 60_000);
});
