/**
 * The bot as `npm start` runs it from source (`node --import tsx src/main.ts`), in its own process group, with only the
 * environment it is given: its stdout kept line by line, and a promise for its ready line.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

export interface BotProcess {
  child: ChildProcess;
  stdout: string[];
  stderr: string[];
  loggedIn: Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILL to the whole process group */
  kill(): Promise<void>;
  /** SIGTERM (graceful stop) and wait; SIGKILL after graceMs */
  stop(graceMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const live = new Set<BotProcess>();

/** Kills every bot this module started that is still running (also used on exit). */
export function killAllBots(): void {
  for (const bot of live) {
    try {
      process.kill(-bot.child.pid!, "SIGKILL");
    } catch {
      // already gone
    }
  }
  live.clear();
}
process.once("exit", killAllBots);

/** `readyLine`: the log line that says the process is up (a worker-only process logs "worker ready") */
export function spawnBot(
  env: Record<string, string>,
  loginTimeoutMs = 60_000,
  readyLine = '"msg":"logged in"',
): BotProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: process.env.HOME ?? "/tmp", ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true, // its own process group, so a kill reaches every child it has (esbuild)
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  let buffered = "";
  let onLogin: (() => void) | undefined;
  let onLoginFail: ((error: Error) => void) | undefined;
  const loggedIn = new Promise<void>((res, rej) => {
    onLogin = res;
    onLoginFail = rej;
  });
  loggedIn.catch(() => undefined);
  child.stdout!.on("data", (d: Buffer) => {
    buffered += d.toString();
    const lines = buffered.split("\n");
    buffered = lines.pop() ?? "";
    for (const line of lines) {
      stdout.push(line);
      if (line.includes(readyLine)) onLogin?.();
    }
  });
  child.stderr!.on("data", (d: Buffer) => stderr.push(d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((res) =>
    child.once("exit", (code, signal) => {
      live.delete(bot);
      onLoginFail?.(
        new Error(`bot exited (code ${code}, signal ${signal}) before logging in: ${stderr.join("").slice(-2000)}`),
      );
      res({ code, signal });
    }),
  );
  const timer = setTimeout(
    () => onLoginFail?.(new Error(`bot did not log in within ${loginTimeoutMs} ms`)),
    loginTimeoutMs,
  );
  void loggedIn.finally(() => clearTimeout(timer)).catch(() => undefined);
  const killGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // gone
    }
  };
  const bot: BotProcess = {
    child,
    stdout,
    stderr,
    loggedIn,
    exited,
    async kill() {
      killGroup("SIGKILL");
      await exited;
    },
    async stop(graceMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null) return exited;
      child.kill("SIGTERM");
      const forced = setTimeout(() => killGroup("SIGKILL"), graceMs);
      const result = await exited;
      clearTimeout(forced);
      killGroup("SIGKILL"); // anything the bot left behind in its group
      return result;
    },
  };
  live.add(bot);
  return bot;
}
