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
