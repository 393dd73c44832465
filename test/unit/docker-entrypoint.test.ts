/**
 * The image's entry point (docker/entrypoint.sh) without Docker: the script runs as the image runs it, with a fake
 * `node` first on PATH that prints the arguments it was given, so each command's dispatch is compared with the
 * npm script it stands for.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";

const ENTRY = resolve("docker/entrypoint.sh");
const scripts = JSON.parse(readFileSync("package.json", "utf8")).scripts as Record<string, string>;
const fakeBin = mkdtempSync(join(tmpdir(), "kling-entry-"));
writeFileSync(join(fakeBin, "node"), '#!/bin/sh\nfor arg in "$@"; do printf "%s\\n" "$arg"; done\n');
chmodSync(join(fakeBin, "node"), 0o755);
afterAll(() => rmSync(fakeBin, { recursive: true, force: true }));

function entry(...args: string[]) {
  const run = spawnSync(ENTRY, args, { env: { PATH: `${fakeBin}:/usr/bin:/bin` }, encoding: "utf8" });
  return { code: run.status, argv: run.stdout.split("\n").filter(Boolean), stderr: run.stderr };
}

/** what `npm run <name>` execs, as node's arguments: "exec node a b" → ["a", "b"] */
const npmScript = (name: string) => scripts[name]!.replace(/^exec node /, "").split(" ");

describe("docker/entrypoint.sh", () => {
  it("is executable (the image runs it directly)", () => {
    expect(statSync(ENTRY).mode & 0o111).toBe(0o111);
  });

  it("runs the bot as `npm start` does, with no argument (the image's CMD) or `start`", () => {
    expect(entry()).toEqual({ code: 0, argv: npmScript("start"), stderr: "" });
    expect(entry("start").argv).toEqual(npmScript("start"));
  });

  it("`deploy` registers the commands as `npm run deploy` does", () => {
    expect(entry("deploy")).toEqual({ code: 0, argv: npmScript("deploy"), stderr: "" });
    expect(npmScript("deploy").at(-1)).toBe("dist/src/deploy.js");
  });

  it("`check FILE…` checks files as `npm run check --` does, passing every argument on", () => {
    const args = ["--json", "/in/clip one.mp4", "/in/b.png"];
    expect(entry("check", ...args).argv).toEqual([...npmScript("check"), ...args]);
  });

  it("runs any other command found in the image as given, and refuses an unknown word with usage", () => {
    expect(entry("node", "dist/src/deploy.js").argv).toEqual(["dist/src/deploy.js"]);
    expect(entry("echo", "hello").argv).toEqual(["hello"]);
    const unknown = entry("deplyo");
    expect(unknown.code).toBe(64);
    expect(unknown.argv).toEqual([]);
    expect(unknown.stderr).toContain("unknown command: deplyo");
    expect(unknown.stderr).toMatch(/usage: IMAGE \[start \| deploy \| check FILE/);
    expect(entry("help")).toMatchObject({ code: 0, argv: [] });
  });
});
