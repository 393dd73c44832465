import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "../..");

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".ts"))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)));
}

describe("layers", () => {
  it("only src/fal imports @fal-ai/client: the gateway owns fal's errors, the rest of the bot sees only ours", () => {
    const importers = [...sources("src"), ...sources("commands")].filter((file) =>
      /from\s+["']@fal-ai\/client["']/.test(readFileSync(join(ROOT, file), "utf8")),
    );
    expect(importers.filter((file) => !file.startsWith("src/fal/"))).toEqual([]);
    expect(importers).toContain("src/fal/gateway.ts");
  });
});
