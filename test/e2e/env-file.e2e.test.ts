/**
 * Issue 13, "Set-up as a newcomer expects it": `npm start` and `npm run deploy` read `.env` from the working
 * directory (variables already in the environment win) and say which file they read. The entries run as child
 * processes in a temporary directory holding only a .env, with nothing but PATH and HOME in their environment.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDiscordEmulator, type DiscordEmulator } from "../../emulators/discord/index.js";
import { loadCommands } from "../../commands/index.js";

const names = [...loadCommands().keys()];
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
/** tsx by path: `--import tsx` would be looked up from the temporary working directory */
const TSX = pathToFileURL(join(ROOT, "node_modules", "tsx", "dist", "loader.mjs")).href;

function run(entry: string, cwd: string, env: Record<string, string> = {}, until?: RegExp) {
  const child = spawn(process.execPath, ["--import", TSX, join(ROOT, entry)], {
    cwd,
    env: { PATH: process.env.PATH!, HOME: process.env.HOME ?? "/tmp", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => {
    stdout += d;
    if (until?.test(stdout)) child.kill("SIGTERM");
  });
  child.stderr.on("data", (d) => (stderr += d));
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((done) =>
    child.on("close", (code) => done({ code, stdout, stderr })),
  );
}

let discord: DiscordEmulator;
let dir: string;
let guildId: string;

beforeAll(async () => {
  discord = await startDiscordEmulator();
  guildId = discord.addGuild({ name: "newcomer" }).id;
  dir = mkdtempSync(join(tmpdir(), "kling-dotenv-"));
  // as a newcomer fills in .env.example: comments, blanks, an empty optional value
  writeFileSync(
    join(dir, ".env"),
    [
      "# Required",
      `DISCORD_TOKEN=${discord.botToken}`,
      `DISCORD_APPLICATION_ID=${discord.applicationId}`,
      "FAL_KEY=fal-key-from-dotenv",
      "",
      "# Optional",
      `DISCORD_GUILD_ID=${guildId}`,
      `DISCORD_API_URL=${discord.apiBase}`,
      `STORE_URL=sqlite://${join(dir, "store.sqlite")}`,
      "LOG_LEVEL=",
    ].join("\n"),
  );
});
afterAll(async () => {
  await discord?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.concurrent(".env", () => {
  it(
    "`npm run deploy` reads it, says so, and registers the commands with what it holds",
    { timeout: 60_000 },
    async () => {
      const { code, stdout, stderr } = await run("src/deploy.ts", dir);
      expect(stderr).toBe("");
      expect(code).toBe(0);
      expect(stdout.trim().split("\n")).toEqual([
        `Read environment variables from ${join(dir, ".env")}`,
        expect.stringMatching(new RegExp(`^Registered ${names.length} commands in guild ${guildId}: /kling-edit, `)),
      ]);
      expect(discord.commands(guildId).map((c) => c.name)).toEqual(names);
    },
  );

  it(
    "`npm start` reads it, and a variable already in the environment wins over the file",
    { timeout: 60_000 },
    async () => {
      const { code, stderr } = await run("src/main.ts", dir, { DISCORD_APPLICATION_ID: "not-a-snowflake" });
      expect(code).toBe(1);
      // the environment's bad value is the only problem: the token and the fal key came from .env
      expect(stderr).toContain("DISCORD_APPLICATION_ID must be a Discord snowflake");
      expect(stderr).not.toMatch(/DISCORD_TOKEN|FAL_KEY/);
      expect(stderr).toContain(`(read from the environment and ${join(dir, ".env")})`);
    },
  );

  it("`npm start` says which file it read, then logs in with what it holds", { timeout: 90_000 }, async () => {
    const { code, stdout } = await run("src/main.ts", dir, {}, /"msg":"logged in"/);
    expect(code).toBe(0);
    const lines = stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { msg: string; envFile?: string });
    expect(lines[0]).toMatchObject({
      msg: "read environment variables from the .env file",
      envFile: join(dir, ".env"),
    });
    expect(lines.map((l) => l.msg)).toContain("logged in");
    expect(stdout).not.toContain(discord.botToken);
  });

  it("without a .env nothing is read and nothing is said about one", { timeout: 60_000 }, async () => {
    const empty = mkdtempSync(join(tmpdir(), "kling-no-dotenv-"));
    try {
      const { code, stderr } = await run("src/main.ts", empty);
      expect(code).toBe(1);
      expect(stderr).toContain("DISCORD_TOKEN is required");
      expect(stderr).not.toContain(".env");
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
