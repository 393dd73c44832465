import { describe, expect, it } from "vitest";
import { findBlockedWord, skeleton } from "../../src/quota/access.js";

const BLOCKED = ["gore", "blood bath"];

describe("blocked prompt words cannot be dodged", () => {
  it.each([
    ["zero-width space", "a g\u200Bore fest"],
    ["zero-width joiner and non-joiner", "a g\u200Do\u200Cre fest"],
    ["word joiner and BOM", "a g\u2060or\uFEFFe fest"],
    ["soft hyphen", "a go\u00ADre fest"],
    ["variation selector", "a go\uFE0Fre fest"],
    ["combining marks", "a g\u0301o\u0308r\u0327e fest"],
    ["precomposed accents", "a gôrë fest"],
    ["Cyrillic look-alikes", "a g\u043Er\u0435 fest"],
    ["Greek omicron", "a g\u03BFre fest"],
    ["fullwidth letters", "a ｇｏｒｅ fest"],
    ["mathematical bold letters", "a 𝐠𝐨𝐫𝐞 fest"],
    ["digit zero for o", "a g0re fest"],
    ["upper case", "A GORE FEST"],
  ])("%s", (_, prompt) => {
    expect(findBlockedWord(prompt, BLOCKED)).toBe("gore");
  });

  it("phrases are matched through the same dodges", () => {
    expect(findBlockedWord("a bl\u200Bооd ba\u00ADth tonight", BLOCKED)).toBe("blood bath");
  });

  it("blocked words are folded the same way as the prompt (an owner may type a look-alike)", () => {
    expect(findBlockedWord("a gore fest", ["g\u043Er\u0435"])).toBe("g\u043Er\u0435");
    expect(skeleton("g\u200Bôrе")).toBe(skeleton("GORE"));
  });
});

describe("no false positives", () => {
  it("keeps whole-word matching", () => {
    expect(findBlockedWord("a gorgeous sunset", BLOCKED)).toBeUndefined();
    expect(findBlockedWord("the gores", BLOCKED)).toBeUndefined();
    expect(findBlockedWord("it has begun", ["gun"])).toBeUndefined();
    expect(findBlockedWord("blood and a bath", BLOCKED)).toBeUndefined();
  });

  it("ordinary prompts pass an ordinary block list", () => {
    const prompts = [
      "A cat walks through rain in the style of @Image1, cinematic lighting",
      "Make @Element1 dance on a boat at sunset — slow motion, 35mm film",
      "Café scene in İstanbul, naïve watercolour, 1990s VHS look",
      "水彩画のスタイルで猫が歩く",
      "Кошка идёт под дождём",
    ];
    for (const prompt of prompts)
      expect(findBlockedWord(prompt, ["gore", "nude", "kill", "blood", "gun", "nsfw"])).toBeUndefined();
  });

  it("a word hidden past the prompt length limit is not read (check-shape refuses such prompts)", () => {
    expect(findBlockedWord(`${"a ".repeat(1250)}gore`, BLOCKED)).toBeUndefined();
    expect(findBlockedWord(`${"a ".repeat(1248)}gore`, BLOCKED)).toBe("gore");
  });
});
