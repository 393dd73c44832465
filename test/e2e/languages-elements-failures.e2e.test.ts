import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeWorld, startWorld, type World } from "./harness.js";
import { command } from "./quota-helpers.js";

/**
 * Members' languages beyond refusals and progress (test/e2e/languages.e2e.test.ts): /kling-element answers in the
 * member's locale, and a failed job's progress message — its reason and its Inputs line — in the server's
 * preferred locale; a locale without a catalog reads English. fal's own words stay as fal wrote them.
 */
let world: World;

beforeAll(async () => {
  world = await startWorld({ media: "public" });
});
afterAll(async () => {
  await closeWorld(world);
});

const field = (embed: { fields: { name: string; value: string }[] }, name: string) =>
  embed.fields.find((f) => f.name === name)?.value;

/** The status field of a failed job, whatever the language names the field. */
const failedStatus = (embed: { fields: { name: string; value: string }[] }) =>
  embed.fields.find((f) => f.value.startsWith("❌"))?.value;

describe("members' languages: saved elements and job failures", () => {
  it("/kling-element save and list answer in the member's language", async () => {
    const front = await world.image({ width: 600, height: 800 }, "ana-front.png");
    const saved = await command(world, "kling-element", { name: "Ana", front }, { subcommand: "save", locale: "de" });
    expect(saved.content).toMatch(
      /^@ana gespeichert \(für dich\): ein Frontalbild, .+\. Nutze es mit `elemente:ana` und schreib @ana in den Prompt\.$/,
    );

    const list = async (locale: string) =>
      (await command(world, "kling-element", {}, { subcommand: "list", locale })).content;
    expect(await list("de")).toMatch(
      /^\*\*Deine\*\*\n• @ana — deines, 1 Bild\nBibliothek: .+ von .+ auf diesem Server belegt\.$/,
    );
    expect(await list("ja")).toMatch(
      /^\*\*あなたの要素\*\*\n• @ana — あなた、画像1枚\nライブラリ：このサーバーで .+ 中 .+ を使用中です。$/,
    );
    expect(await list("xx")).toMatch(
      /^\*\*Yours\*\*\n• @ana — yours, 1 image\nLibrary: .+ of .+ used on this server\.$/,
    );

    const missing = await command(world, "kling-element", { name: "bob" }, { subcommand: "show", locale: "ja" });
    expect(missing.content).toBe(
      "@bob という保存済み要素はありません（あなたのものにもサーバーのものにも）：`/kling-要素 一覧` を見てください。",
    );
  });

  it("an unknown name in `elements` is refused in the member's language", async () => {
    const video = await world.video();
    const refusal = async (locale: string) =>
      (await command(world, "kling-edit", { prompt: "@nobody waves", video, elements: "nobody" }, { locale })).content;
    expect(await refusal("de")).toContain(
      "• Kein gespeichertes Element heißt @nobody (weder deines noch eines des Servers): siehe `/kling-element liste` " +
        "für die Namen, die du nutzen kannst, oder speichere eines mit `/kling-element speichern`.",
    );
    expect(await refusal("ja")).toContain(
      "• @nobody という保存済み要素はありません（あなたのものにもサーバーのものにも）：",
    );
    expect(await refusal("xx")).toContain("• No saved element is named @nobody (neither yours nor this server's): see");
  });

  it("a failed job's progress message in the server's language: the reason and the Inputs line", async () => {
    const { discord, fal } = world;
    const refusal = { loc: ["body", "video_url"], msg: "Video duration must be between 3 and 10 seconds" };
    const cases = [
      {
        locale: "de",
        status: "❌ Fehlgeschlagen — fal hat die Eingabe abgelehnt — das Video: ",
        inputs: ["Eingaben", /^Video \d+×\d+ · [\d.]+ s · Ton behalten$/],
      },
      {
        locale: "ja",
        status: "falが入力を拒否しました — 動画：",
        inputs: ["入力", /^動画 \d+×\d+ · [\d.]+秒 · 音声あり$/],
      },
      // Korean is a Discord locale the bot has no catalog for
      {
        locale: "ko",
        status: "❌ Failed — fal refused the input — the video: ",
        inputs: ["Inputs", /^video \d+×\d+ · [\d.]+ s · audio kept$/],
      },
    ] as const;
    for (const { locale, status, inputs } of cases) {
      discord.setGuildPreferredLocale(world.guildId, locale);
      fal.script({ submit: { status: 422, body: { detail: [{ ...refusal, type: "value_error" }] } } });
      const before = world.progressMessage()?.raw.id;
      discord.sendCommand({
        channelId: world.channelId,
        userId: world.userId,
        name: "kling-edit",
        options: { prompt: "make it snow", video: await world.video() },
        locale: "xx",
      });
      const failed = await discord.waitFor(
        () => {
          const message = world.progressMessage();
          return message && message.raw.id !== before && failedStatus(message.raw.embeds[0]) ? message : undefined;
        },
        20_000,
        `failed progress (${locale})`,
      );
      const embed = failed.raw.embeds[0];
      const shown = failedStatus(embed)!;
      expect(shown).toContain(status);
      // fal's own words are kept as fal wrote them
      expect(shown).toContain(`${refusal.msg}`);
      expect(field(embed, inputs[0])).toMatch(inputs[1]);
    }
    expect(fal.jobs.size).toBe(0);
  });
});
