import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_BOT_PERMISSIONS, Perm, type CommandOptionValue } from "../../emulators/discord/index.js";
import { closeWorld, startWorld, type World } from "./harness.js";
import { command, config, OWNER_PERMISSIONS } from "./quota-helpers.js";

/**
 * Members' languages through the emulators: ephemeral replies in the member's locale (interaction.locale), public
 * messages (progress, result) in the server's preferred locale (guild_locale), English for any other locale.
 */
let world: World;

beforeAll(async () => {
  world = await startWorld();
});
afterAll(async () => {
  await closeWorld(world);
});

async function ephemeral(
  locale: string,
  options: Record<string, CommandOptionValue>,
  channelId = world.channelId,
): Promise<string> {
  const { discord } = world;
  const { id } = discord.sendCommand({
    channelId,
    userId: world.userId,
    name: "kling-edit",
    options,
    locale,
  });
  const record = await discord.waitFor(() => discord.interaction(id)?.edits.at(-1), 15_000, "ephemeral reply");
  return record.body.content as string;
}

const field = (embed: { fields: { name: string; value: string }[] }, name: string) =>
  embed.fields.find((f) => f.name === name)?.value;

describe("members' languages", () => {
  it("refusals in the member's language, option names as their command list shows them", async () => {
    const options = { prompt: "@Image2 in the rain" };
    const de = await ephemeral("de", options);
    expect(de).toContain("Ich kann diesen Job nicht starten — 2 Probleme:");
    expect(de).toContain("Kein Video: hänge deinen Clip an `video` an");
    expect(de).toContain("aber `bild2` fehlt");
    expect(de).toContain("Es wurde nichts an fal gesendet und nichts berechnet.");

    const ja = await ephemeral("ja", options);
    expect(ja).toContain("このジョブを開始できません — 問題が2件あります：");
    expect(ja).toContain("動画がありません：クリップを`動画`に添付してください");
    expect(ja).toContain("`画像2`が指定されていません");
    expect(ja).toContain("falには何も送信されず、課金もされていません。");

    for (const locale of ["xx", "en-GB"]) {
      const en = await ephemeral(locale, options);
      expect(en).toContain("I can't start this job — 2 problems:");
      expect(en).toContain("No video: attach your clip to `video`");
      expect(en).toContain("no `image2` was given");
    }
    expect(world.fal.jobs.size).toBe(0);
  });

  it("a server refusal (paused, with the owner's reason kept as written) in German and Japanese", async () => {
    await config(world, "pause", { reason: "{{max}} Wartung" });
    try {
      const video = await world.video();
      expect(await ephemeral("de", { prompt: "x", video })).toContain(
        "von der Moderation pausiert: „{{max}} Wartung“. Laufende Jobs werden fertig; neue sind möglich, " +
          "sobald jemand `/kling-einstellungen fortsetzen` ausführt.",
      );
      expect(await ephemeral("ja", { prompt: "x", video })).toContain("`/kling-設定 再開`");
    } finally {
      await config(world, "resume");
    }
  });

  it("refusals that had no catalog entry (an empty prompt, a gap in the image slots) in German and Japanese", async () => {
    const options = { prompt: "   ", video: await world.video(), image2: await world.image() };
    const de = await ephemeral("de", options);
    expect(de).toContain("Der Prompt ist leer: beschreibe, was Kling erzeugen soll.");
    expect(de).toContain(
      "`bild2` ist gesetzt, aber `bild1` ist leer: fülle die Plätze der Reihe nach (`bild1` zuerst)",
    );
    const ja = await ephemeral("ja", options);
    expect(ja).toContain("プロンプトが空です");
    expect(ja).toContain("`画像2`が指定されていますが`画像1`が空です");
    const en = await ephemeral("xx", options);
    expect(en).toContain("The prompt is empty: describe what Kling should make.");
    expect(en).toContain("`image2` is set but `image1` is empty");
    expect(world.fal.jobs.size).toBe(0);
  });

  it("the permissions the bot lacks are named as Discord's own settings name them in the member's language", async () => {
    const { discord } = world;
    const channelId = discord.addChannel({
      guildId: world.guildId,
      type: 0,
      name: "no-embeds",
      botPermissions: DEFAULT_BOT_PERMISSIONS & ~Perm.EmbedLinks,
    }).id as string;
    await discord.waitFor(() => world.bot.client.channels.cache.has(channelId), 10_000, "the bot to see the channel");
    const options = { prompt: "rain", video: await world.video() };
    expect(await ephemeral("de", options, channelId)).toContain("mir fehlt in diesem Kanal Links einbetten.");
    expect(await ephemeral("ja", options, channelId)).toContain("埋め込みリンク");
    expect(await ephemeral("xx", options, channelId)).toContain("I'm missing Embed Links in this channel.");
  });

  it("/kling-help, /kling-config and /kling-usage answer in the member's language (English for any other)", async () => {
    const owner = { memberPermissions: OWNER_PERMISSIONS };
    const help = (await command(world, "kling-help", {}, { locale: "de" })).content;
    expect(help).toContain("**Kling auf diesem Server**");
    expect(help).toContain("**/kling-bearbeiten** — Einen Videoclip per Prompt umgestalten oder verändern");
    expect(help).toContain("`bild1`…`bild4` (Stil oder Aussehen) sind `@Image1`…`@Image4`");
    expect(help).toContain("**Limits**: Video .mp4 oder .mov, 3–10 s");
    expect(help).toContain("**Deine Kling-Nutzung auf diesem Server**");
    expect(help).not.toMatch(/Naming inputs|What a job costs|Your Kling use/);

    const shown = await command(world, "kling-config", {}, { ...owner, subcommand: "show", locale: "de" });
    expect(shown.content).toMatch(/^\*\*Kling-Einstellungen für diesen Server\*\*\n/);
    expect(shown.content).toContain("\n• Gleichzeitige Jobs pro Mitglied: 1 *(Standard)*\n");
    expect(shown.content).toContain("\n• Erlaubte Kanäle: überall *(Standard)*\n");
    expect(shown.content).toContain("\n-# Limits werden in dieser Reihenfolge geprüft:");
    const changed = await command(
      world,
      "kling-config",
      { jobs_at_once: 2 },
      { ...owner, subcommand: "limits", locale: "de" },
    );
    expect(changed.content).toMatch(/^✅ Limits aktualisiert\.\n/);
    expect(changed.content).toContain("\n• Gleichzeitige Jobs pro Mitglied: 2\n");
    const refused = await command(world, "kling-config", {}, { subcommand: "show", locale: "de" });
    expect(refused.content).toMatch(/^Nur Mitglieder mit \*\*Server verwalten\*\*.*`\/kling-nutzung`/);
    const check = await command(world, "kling-config", {}, { ...owner, subcommand: "check", locale: "de" });
    expect(check.content).toContain("**Kling-Einrichtungsprüfung**");
    expect(check.content).toContain("✅ fal: fal akzeptiert den Schlüssel");

    const usage = (await command(world, "kling-usage", {}, { locale: "ja" })).content;
    expect(usage).toMatch(/^\*\*このサーバーでのあなたの Kling 利用状況\*\*\n今日：動画/);
    expect(usage).toContain("\n実行中：0件（同時に2件まで）\n");
    const serverUsage = (await command(world, "kling-usage", { server: true }, { ...owner, locale: "ja" })).content;
    expect(serverUsage).toContain("**このサーバーの Kling 利用状況**");

    for (const locale of ["xx", "en-GB"]) {
      expect((await command(world, "kling-help", {}, { locale })).content).toMatch(/^\*\*Kling on this server\*\*\n/);
      const settings = await command(world, "kling-config", {}, { ...owner, subcommand: "show", locale });
      expect(settings.content).toContain("\n• Jobs at once per member: 2\n");
      expect((await command(world, "kling-usage", {}, { locale })).content).toContain(
        "\nRunning now: 0 of 2 allowed at once\n",
      );
    }
    await command(world, "kling-config", { setting: "userConcurrentJobs" }, { ...owner, subcommand: "reset" });
  });

  it("a German server: progress message and result post in German, the member's reply in theirs", async () => {
    const { discord, fal } = world;
    discord.setGuildPreferredLocale(world.guildId, "de");
    fal.script({ timeline: [{ status: "IN_PROGRESS", logs: ["Rendering"], ms: 300 }], outcome: { type: "result" } });
    const video = await world.video();
    const reply = await ephemeral("ja", { prompt: "rain", video });
    expect(reply).toMatch(/^開始しました！進行状況はこちら：https:\/\/discord\.com\/channels\//);

    const done = await discord.waitFor(
      () => (field(world.progressMessage()!.raw.embeds[0], "Status") ?? "").startsWith("✅") && world.progressMessage(),
      20_000,
      "progress done",
    );
    const embed = done.raw.embeds[0];
    expect(embed.title).toBe("Kling-Bearbeitung");
    expect(embed.fields.map((f: { name: string }) => f.name)).toEqual(
      expect.arrayContaining(["Angefragt von", "Eingaben", "Kosten", "Status"]),
    );
    expect(field(embed, "Status")).toMatch(/^✅ Fertig in .* — \[zum Ergebnis\]\(/);
    const thread = discord.threads().find((t) => discord.messages(t.id).some((m) => m.files.length > 0))!;
    expect(thread.name).toBe("Kling-Bearbeitung: rain");
    const result = discord.messages(thread.id).find((m) => m.files.length)!;
    expect(result.raw.content).toBe(`<@${world.userId}> deine Kling-Bearbeitung ist fertig.`);
    const labels = result.raw.components[0].components.map((b: { label: string }) => b.label);
    expect(labels).toEqual(["Wiederholen", "Remixen"]);
  });

  it("a Japanese server: the progress message in Japanese", async () => {
    const { discord, fal } = world;
    discord.setGuildPreferredLocale(world.guildId, "ja");
    fal.script({ timeline: [{ status: "IN_QUEUE", queuePosition: 0, ms: 3000 }], outcome: { type: "result" } });
    const before = world.progressMessage()?.raw.id;
    await ephemeral("de", { prompt: "snow", video: await world.video() });
    const progress = await discord.waitFor(
      () => (world.progressMessage()?.raw.id !== before ? world.progressMessage() : undefined),
      15_000,
      "progress message",
    );
    const embed = progress.raw.embeds[0];
    expect(embed.title).toBe("Kling 編集");
    expect(embed.fields.map((f: { name: string }) => f.name)).toEqual(
      expect.arrayContaining(["依頼者", "入力", "見積もり費用", "状態"]),
    );
    expect(embed.footer.text).toMatch(/^ジョブ /);
    expect(progress.raw.components[0].components[0].label).toBe("キャンセル");
  });
});
