import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ElementLibrary, type SavedElement } from "../../src/elements/element-library.js";
import { openStorage, type Storage } from "../../src/store/open-store.js";

let dir: string;
let storage: Storage;
let library: ElementLibrary;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "kling-elements-"));
  storage = await openStorage(`sqlite://${join(dir, "store.sqlite")}`);
  library = new ElementLibrary(storage.keyv);
});
afterAll(async () => {
  await storage.close();
  rmSync(dir, { recursive: true, force: true });
});

const image = { bytes: 3, contentType: "image/png", fileName: "x.png", width: 512, height: 512 };
const meta = (name: string) => ({ name, scope: "me" as const, ownerId: "u1", ownerName: "ana", createdAt: 0 });
const unique = (name: string) => (elements: SavedElement[]) =>
  elements.some((e) => e.name === name) ? "taken" : undefined;

describe("the element library (compare-and-set per server)", () => {
  it("concurrent saves lose none, and a name is taken once", async () => {
    const data = new Uint8Array([1, 2, 3]);
    const saves = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        library.add("g1", meta(`n${i % 6}`), [{ image, data }], unique(`n${i % 6}`)),
      ),
    );
    expect(saves.filter((s) => s.ok)).toHaveLength(6);
    expect(saves.filter((s) => !s.ok).map((s) => !s.ok && s.problem)).toEqual(Array(6).fill("taken"));
    const listed = await library.list("g1");
    expect(listed.map((e) => e.name).sort()).toEqual(["n0", "n1", "n2", "n3", "n4", "n5"]);
    // the refused saves left no bytes behind; the kept ones have theirs
    for (const element of listed) expect(await library.imageData(element.front.id)).toEqual(Buffer.from(data));
  });

  it("delete removes the record and then the bytes; rename keeps names unique in the scope", async () => {
    const [a, b] = await library.list("g1");
    expect(await library.rename("g1", a!.id, b!.name)).toEqual({ problem: "taken" });
    expect(await library.rename("g1", a!.id, "fresh")).toEqual({});
    expect(await library.remove("g1", a!.id)).toBe(true);
    expect(await library.remove("g1", a!.id)).toBe(false);
    expect(await library.imageData(a!.front.id)).toBeUndefined();
    expect(await library.list("g2")).toEqual([]);
  });
});
