import { describe, expect, it } from "vitest";
import { elementChoices } from "../../src/elements/element-choices.js";
import type { SavedElement } from "../../src/elements/element-library.js";
import {
  nameProblem,
  parseElementList,
  rewriteMentions,
  splitForCompletion,
} from "../../src/elements/element-names.js";
import { checkRequestShape } from "../../src/requests/check-shape.js";
import { buildKlingRequest, type MediaInput } from "../../src/requests/kling-request.js";

const element = (name: string, scope: "me" | "server", ownerId = "u1", refs = 0): SavedElement => {
  const image = { id: `${name}-img`, bytes: 1, contentType: "image/png", fileName: "x.png", width: 512, height: 512 };
  return {
    id: `${scope}-${name}`,
    name,
    scope,
    ownerId,
    ownerName: "ana",
    createdAt: 0,
    front: image,
    references: Array.from({ length: refs }, (_, i) => ({ ...image, id: `${name}-ref${i}` })),
  };
};

describe("element names", () => {
  it("are 2–32 of a–z, 0–9, _ and -, starting with a letter, and not the prompt's own names", () => {
    expect(nameProblem("alice")).toBeUndefined();
    expect(nameProblem("mr_bean-2")).toBeUndefined();
    expect(nameProblem("a")).toMatch(/2–32/);
    expect(nameProblem("x".repeat(33))).toMatch(/2–32/);
    expect(nameProblem("2pac")).toMatch(/starting with a letter/);
    expect(nameProblem("bob smith")).toMatch(/letters/);
    expect(nameProblem("<@123>")).toMatch(/letters/);
    for (const reserved of ["element1", "image", "video1"]) expect(nameProblem(reserved)).toMatch(/prompt's own/);
  });

  it("the elements option: comma-separated, @ optional, case-insensitive, each once", () => {
    expect(parseElementList(" Alice, @bob ,, alice ")).toEqual(["alice", "bob"]);
    expect(parseElementList(undefined)).toEqual([]);
    expect(splitForCompletion("alice, B")).toEqual({ done: ["alice"], typing: "b" });
  });

  it("@name becomes @ElementN, whole names only, any case; other @words stay", () => {
    const slots = new Map([
      ["alice", 2],
      ["bob", 3],
    ]);
    expect(rewriteMentions("@Alice meets @bob and @alice2, not me@alice or @everyone", slots)).toBe(
      "@Element2 meets @Element3 and @alice2, not me@alice or @everyone",
    );
    expect(rewriteMentions("@alice's hat, (@bob).", slots)).toBe("@Element2's hat, (@Element3).");
  });
});

describe("element autocomplete", () => {
  const visible = [element("alice", "me"), element("alfred", "server", "u2", 2), element("alice", "server", "u2")];

  it("completes the last name, the member's own first, once per name, keeping the names typed before", () => {
    expect(elementChoices(visible, "u1", "al")).toEqual([
      { name: "alice (yours, 1 images)", value: "alice" },
      { name: "alfred (server, 3 images)", value: "alfred" },
    ]);
    expect(elementChoices(visible, "u1", "alice, AL").map((c) => c.value)).toEqual(["alice, alfred"]);
  });

  it("stays within Discord's 25 choices and 100 characters", () => {
    const many = Array.from({ length: 40 }, (_, i) => element(`n${String(i).padStart(2, "0")}`, "me"));
    expect(elementChoices(many, "u1", "")).toHaveLength(25);
    const near = elementChoices(many, "u1", `${`${"a".repeat(30)}, `.repeat(3)}n`);
    expect(near.length).toBeGreaterThan(0);
    for (const choice of near) expect(Math.max(choice.name.length, choice.value.length)).toBeLessThanOrEqual(100);
    // a value past 100 characters could not be chosen: not offered
    expect(elementChoices(many, "u1", `${`${"a".repeat(30)}, `.repeat(4)}n`)).toEqual([]);
  });
});

describe("elements carry up to 3 references", () => {
  const image = (option: string): MediaInput => ({
    option,
    role: "element-reference",
    source: "saved",
    url: "https://v3.fal.media/files/x.png",
    fileName: "x.png",
  });
  const base = buildKlingRequest({ kind: "edit", prompt: "@Element1 walks", video_url: "https://example.com/a.mp4" });
  const withRefs = (n: number) => ({
    ...base,
    elements: [
      {
        slot: 1,
        frontal: { ...image("@a"), role: "element" as const },
        references: Array.from({ length: n }, (_, i) => image(`r${i}`)),
        saved: { elementId: "e", name: "a" },
      },
    ],
  });

  it("three are fine, four are refused with the limit", () => {
    expect(checkRequestShape(withRefs(3)).map((v) => v.rule)).not.toContain("element-references");
    const refused = checkRequestShape(withRefs(4)).find((v) => v.rule === "element-references");
    expect(refused?.message).toBe("Element 1 (@a) has 4 reference images; Kling takes at most 3 per element: drop 1.");
  });
});
