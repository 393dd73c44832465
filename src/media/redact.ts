/**
 * A URL as it may appear in messages and logs: no query string, fragment or credentials
 * (signed CDN links carry their signature in the query).
 */
export function redactUrl(url: string | URL): string {
  const text = String(url);
  try {
    const u = new URL(text);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return text.replace(/[?#].*$/s, "").replace(/\/\/[^/@]*@/, "//");
  }
}

/** a link in prose: up to whitespace, quotes, brackets or markdown, and without trailing punctuation */
const URL_IN_TEXT = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>\\()[\]*`|]+(?<![.,;:!?])/gi;
const MAX_LOGGED = { depth: 6, keys: 50, items: 50, chars: 2_000 } as const;

/** Text with every link's query string, fragment and credentials removed (signed URLs carry their signature there). */
export function redactText(text: string): string {
  return text.replace(URL_IN_TEXT, (url) => (/[?#@]/.test(url) ? redactUrl(url) : url));
}

/** Anything that may be logged (an error, fal's error body): every string's links redacted, bounded in depth and size. */
export function redactValue(body: unknown, depth = 0): unknown {
  if (typeof body === "string")
    return redactText(body.length > MAX_LOGGED.chars ? `${body.slice(0, MAX_LOGGED.chars)}…` : body);
  if (body === null || typeof body !== "object") return body;
  if (depth >= MAX_LOGGED.depth) return "[…]";
  if (Array.isArray(body)) return body.slice(0, MAX_LOGGED.items).map((item) => redactValue(item, depth + 1));
  return Object.fromEntries(
    Object.entries(body)
      .slice(0, MAX_LOGGED.keys)
      .map(([key, value]) => [key, redactValue(value, depth + 1)]),
  );
}
