import type { ChatInputCommandInteraction } from "discord.js";
import { describe, expect, it } from "vitest";
import type { BotContext } from "../../src/bot-context.js";
import { subcommandsCommand, UserError } from "../../src/interactions/command.js";
import { loadConfig } from "../../src/config.js";
import { defaultsFromEnv } from "../../src/guild/settings.js";
import type { GuildSettingsStore } from "../../src/guild/settings-store.js";
import { createLogger } from "../../src/logger.js";
import type { QuotaLedger } from "../../src/quota/ledger.js";
import { QuotaService } from "../../src/quota/quota-service.js";
import { createSavedElements, type SavedElementsDeps } from "../../src/elements/saved-elements.js";
import type { KlingRequest } from "../../src/requests/kling-request.js";
import { violationText } from "../../src/discord/render.js";
import { render, violationMessage } from "../../src/i18n/index.js";

/**
 * Refusals that were English only: a reservation that lapsed and could not be taken again, and the `elements`
 * option's (too many names, an element deleted since, an upload fal refused), in the reader's language.
 */
const settings = defaultsFromEnv(
  loadConfig({ DISCORD_TOKEN: "t", DISCORD_APPLICATION_ID: "123456789012345678", FAL_KEY: "k" }),
);

describe("the refusals of saved elements and of a lapsed hold, in the reader's language", () => {
  it("a lapsed hold that cannot be taken again says why, then the refusal itself, read with its own values", async () => {
    const ledger = {
      confirm: async () => ({
        ok: false,
        lapsed: true,
        denial: { limit: "concurrency", current: 1, max: 1, needed: 1 },
      }),
    } as unknown as QuotaLedger;
    const store = { getPriced: async () => ({ settings, priceIsSet: () => true }) } as unknown as GuildSettingsStore;
    const service = new QuotaService(ledger, store, { now: () => 0 }, createLogger("silent"));
    const holder = { id: "j", guildId: "g", userId: "u", userName: "ana", kind: "edit" };
    const confirmed = await service.confirm(holder, 5);
    if (confirmed.ok) throw new Error("confirmed");
    expect(violationText("de", confirmed.refusal)).toBe(
      "Die Reservierung dieses Auftrags auf dein Kontingent ist verfallen, bevor er fal erreichte (die Prüfung seiner " +
        "Dateien dauerte zu lange), und sie lässt sich nicht erneut nehmen: Du hast schon 1 laufende Jobs, und dieser " +
        "Server erlaubt 1 gleichzeitig pro Mitglied. Ein Platz wird frei, sobald einer fertig ist (oder abgebrochen wird).",
    );
    expect(violationText("ja", confirmed.refusal)).toMatch(
      /^このジョブの利用枠の確保は fal に届く前に期限切れになり.*：.*1/,
    );
    const english = confirmed.refusal.message;
    expect(english).toMatch(/^This job's hold on your allowance lapsed .*: You already have 1 job running/);
    expect(violationText("xx", confirmed.refusal)).toBe(english);
    // a job failure rendered later (the runner's beforeSubmit) says the same
    expect(render("en", violationMessage(confirmed.refusal))).toBe(english.replace("1 job running", "1 jobs running"));
  });

  it("`elements`: too many names, an element deleted since, and an upload fal refused", async () => {
    const deps = {
      library: { list: async () => [] },
      fal: {
        upload: async () => {
          throw new Error("fal said no");
        },
      },
      logger: createLogger("silent"),
      clock: { now: () => 0 },
    } as unknown as SavedElementsDeps;
    const elements = createSavedElements(deps);
    const request = { prompt: "p", elements: [] } as unknown as KlingRequest;
    const many = await elements.attach(request, "a,b,c,d,e,f,g,h,i", "g", "u");
    if (many.ok) throw new Error("attached");
    expect(violationText("de", many.violations[0]!)).toBe(
      "`elemente` nennt 9 Elemente; Kling nimmt höchstens 4 Elemente und Bilder zusammen: nenne weniger.",
    );
    expect(violationText("ko", many.violations[0]!)).toBe(
      "`elements` names 9 elements; Kling takes at most 4 elements and images together: list fewer.",
    );

    const saved = (name: string, imageId: string) => ({
      slot: 1,
      frontal: { url: "", saved: { elementId: name, imageId } },
      references: [],
      saved: { elementId: name, name },
    });
    const deleted = await elements.host({ ...request, elements: [saved("ana", "i1")] } as unknown as KlingRequest, "g");
    if (deleted.ok) throw new Error("hosted");
    expect(violationText("ja", deleted.violations[0]!)).toBe(
      "保存済み要素 @ana はその後削除されました：もう一度保存するか、それを使わずにコマンドを実行してください。",
    );
    expect(violationText("de", deleted.violations[0]!)).toBe(
      "Das gespeicherte Element @ana wurde inzwischen gelöscht: speichere es neu oder starte den Befehl ohne es.",
    );

    const image = { id: "i1", contentType: "image/png", fileName: "a.png" };
    const library = [{ id: "e1", name: "ana", front: image, references: [] }];
    const failing = createSavedElements({
      ...deps,
      library: { list: async () => library, imageData: async () => Buffer.from("x") },
    } as unknown as SavedElementsDeps);
    const upload = await failing.host({ ...request, elements: [saved("ana", "i1")] } as unknown as KlingRequest, "g");
    if (upload.ok) throw new Error("hosted");
    expect(render("de", violationMessage(upload.violations[0]!))).toBe(
      "Ich konnte die Bilder deiner gespeicherten Elemente gerade nicht zu fal hochladen: versuch es in einer Minute noch einmal.",
    );
    expect(render("xx", violationMessage(upload.violations[0]!))).toBe(upload.violations[0]!.message);
  });
});

describe("a subcommand the bot no longer knows", () => {
  it("is refused in the member's language", () => {
    const command = subcommandsCommand({
      data: { name: "kling-usage", description: "d", options: [{ type: 1, name: "server", description: "d" }] },
      atStake: "nothing",
      run: async () => {},
    });
    const asked = (locale: string) => () =>
      command.execute(
        { locale, options: { getSubcommand: () => "gone" } } as unknown as ChatInputCommandInteraction,
        {} as BotContext,
      );
    expect(asked("de")).toThrow(
      new UserError(
        "Diesen Unterbefehl kenne ich nicht mehr; die Befehle des Servers müssen eventuell neu registriert werden.",
      ),
    );
    expect(asked("ja")).toThrow("このサブコマンドはもう使えません。");
    expect(asked("ko")).toThrow("I don't know this subcommand any more; the server's commands may need redeploying.");
  });
});
