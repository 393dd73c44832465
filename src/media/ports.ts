import type { MessagePort } from "node:worker_threads";

/**
 * Closes one end of a file's message channel for good. close() alone is not enough: a closed port that still has
 * a "message" listener stays reachable, and with it whatever the listener holds — in a parser thread, every file's
 * bytes it was ever given, until the thread exits (1,000 files of 44 KB held 42 MB).
 */
export function closePort(port: MessagePort): void {
  port.removeAllListeners("message");
  port.close();
}
