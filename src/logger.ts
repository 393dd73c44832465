import { pino, type Logger } from "pino";

export type { Logger };

/** Signed-URL query strings (Discord CDN `ex/is/hm`, fal storage tokens) are secrets: logs keep only origin + path. */
export function redactUrl(url: string): string {
  const q = url.search(/[?#]/);
  return q === -1 ? url : `${url.slice(0, q)}?…`;
}

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { app: "kling-bot" },
      redact: {
        paths: ["token", "*.token", "key", "*.key", "authorization", "*.authorization", "headers.authorization"],
        censor: "[redacted]",
      },
    },
    destination,
  );
}
