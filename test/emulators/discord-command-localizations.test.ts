import { describe, expect, it } from "vitest";
import { checkCommandLimits } from "../../emulators/discord/limits.js";

const command = (extra: Record<string, unknown> = {}, option: Record<string, unknown> = {}) => ({
  name: "kling-edit",
  description: "Edit",
  ...extra,
  options: [{ type: 3, name: "prompt", description: "What to make", ...option }],
});
const codes = (body: unknown) => checkCommandLimits(body).map((e) => `${e.path.join(".")} ${e.code}`);

describe("Discord emulator: command localizations are checked as Discord does", () => {
  it("accepts valid localizations", () => {
    expect(
      codes(
        command(
          { name_localizations: { de: "kling-bearbeiten", ja: "kling-編集" }, description_localizations: { fr: "x" } },
          { name_localizations: { "pt-BR": "manter_áudio", "es-419": null } },
        ),
      ),
    ).toEqual([]);
  });

  it("refuses unknown locales, invalid or upper-case names and over-long descriptions", () => {
    expect(codes(command({ name_localizations: { xx: "kling" } }))).toEqual(["name_localizations.xx LOCALE_INVALID"]);
    expect(codes(command({ name_localizations: { de: "Kling-Bearbeiten" } }))).toEqual([
      "name_localizations.de APPLICATION_COMMAND_INVALID_NAME",
    ]);
    expect(codes(command({}, { name_localizations: { fr: "two words" } }))).toEqual([
      "options.0.name_localizations.fr APPLICATION_COMMAND_INVALID_NAME",
    ]);
    expect(codes(command({ description_localizations: { ja: "あ".repeat(101) } }))).toEqual([
      "description_localizations.ja BASE_TYPE_BAD_LENGTH",
    ]);
  });

  it("counts the longest localization of each field toward the 4000-character size", () => {
    const options = Array.from({ length: 25 }, (_, i) => ({
      type: 3,
      name: `o${i}`,
      description: "d",
      description_localizations: { de: "d".repeat(100) },
      choices: Array.from({ length: 25 }, (_, c) => ({
        name: `c${c}`,
        value: `${c}`,
        name_localizations: { de: "x".repeat(5) },
      })),
    }));
    expect(codes({ name: "big", description: "d", options })).toEqual(
      ["APPLICATION_COMMAND_TOO_LARGE"].map((c) => ` ${c}`),
    );
  });
});
