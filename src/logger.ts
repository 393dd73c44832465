import { pino, type Logger } from "pino";
import { redactValue } from "./media/redact.js";

export type { Logger };

/**
 * Errors are logged with their links redacted: fal's client puts the failing request's body (signed input URLs)
 * in its errors, and a stack or message may quote a signed CDN link.
 */
const errSerializer = (error: unknown) => redactValue(pino.stdSerializers.err(error as Error));

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { app: "kling-bot" },
      redact: {
        paths: ["token", "*.token", "key", "*.key", "authorization", "*.authorization", "headers.authorization"],
        censor: "[redacted]",
      },
      serializers: { err: errSerializer },
    },
    destination,
  );
}
