import { existsSync } from "node:fs";
import { resolve } from "node:path";

/**
 * `npm start` and `npm run deploy` read `.env` from the working directory when it exists, with Node's own
 * process.loadEnvFile: a variable already in the environment wins over the file. Returns the file's absolute
 * path when one was read, so the caller can say so.
 */
export function readEnvFile(path = ".env"): string | undefined {
  const file = resolve(path);
  if (!existsSync(file)) return undefined;
  process.loadEnvFile(file);
  return file;
}
