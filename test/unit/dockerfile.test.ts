import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

/** No Docker engine runs here: parse the Dockerfile and check what a build would rely on. */
function parse(text: string): { instruction: string; args: string }[] {
  return text
    .replace(/\\\n/g, " ")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("#"))
    .map((line) => {
      const [instruction, ...rest] = line.split(/\s+/);
      return { instruction: instruction!.toUpperCase(), args: rest.join(" ") };
    });
}

describe("Dockerfile", () => {
  const steps = parse(readFileSync("Dockerfile", "utf8"));
  const known = new Set([
    "FROM",
    "RUN",
    "COPY",
    "WORKDIR",
    "ENV",
    "USER",
    "VOLUME",
    "ENTRYPOINT",
    "CMD",
    "ARG",
    "EXPOSE",
    "LABEL",
  ]);

  it("uses only known instructions and is multi-stage", () => {
    expect(steps.filter((s) => !known.has(s.instruction))).toEqual([]);
    const stages = steps.filter((s) => s.instruction === "FROM").map((s) => s.args);
    expect(stages).toHaveLength(2);
    expect(stages[0]).toMatch(/^node:20\S* AS build$/);
    expect(stages[1]).toMatch(/^node:20\S*-slim AS runtime$/);
  });

  it("runs as a non-root user with a data volume that the default STORE_URL points into", () => {
    const runtime = steps.slice(steps.findLastIndex((s) => s.instruction === "FROM"));
    expect(runtime.find((s) => s.instruction === "USER")?.args).toBe("node");
    expect(runtime.find((s) => s.instruction === "VOLUME")?.args).toContain("/data");
    expect(runtime.find((s) => s.instruction === "ENV")?.args).toContain("STORE_URL=sqlite:///data/");
  });

  it("builds with the same command as npm start, enters through docker/entrypoint.sh, and copies only paths that exist", () => {
    const scripts = JSON.parse(readFileSync("package.json", "utf8")).scripts as Record<string, string>;
    expect(steps.some((s) => s.instruction === "RUN" && s.args.includes("npm run build"))).toBe(true);
    expect(scripts.prestart).toContain("build");
    const runtime = steps.slice(steps.findLastIndex((s) => s.instruction === "FROM"));
    expect(runtime.find((s) => s.instruction === "WORKDIR")?.args).toBe("/app");
    // the entry script (its argument handling: test/unit/docker-entrypoint.test.ts) is copied where ENTRYPOINT runs it
    expect(JSON.parse(runtime.find((s) => s.instruction === "ENTRYPOINT")!.args)).toEqual([
      "/app/docker/entrypoint.sh",
    ]);
    expect(JSON.parse(runtime.find((s) => s.instruction === "CMD")!.args)).toEqual(["start"]);
    expect(
      runtime.some(
        (s) => s.instruction === "COPY" && /docker\/entrypoint\.sh \.\/docker\/entrypoint\.sh$/.test(s.args),
      ),
    ).toBe(true);
    for (const copy of steps.filter((s) => s.instruction === "COPY" && !s.args.startsWith("--from"))) {
      const sources = copy.args
        .split(/\s+/)
        .filter((arg) => !arg.startsWith("--"))
        .slice(0, -1);
      for (const source of sources) expect(existsSync(source), `${source} exists`).toBe(true);
    }
  });
});
