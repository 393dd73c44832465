/** Text helpers every layer may use (no imports: a leaf). */

/** `text` cut to at most `max` characters, ending in "…" when it was cut. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * Items joined by commas: `empty` when there are none, and past `max` items "and N more".
 * `commaList(["a", "b", "c"], { max: 2 })` → "a, b and 1 more".
 */
export function commaList(items: readonly string[], options: { empty?: string; max?: number } = {}): string {
  if (!items.length) return options.empty ?? "";
  const max = options.max ?? Infinity;
  const shown = items.slice(0, max).join(", ");
  return items.length > max ? `${shown} and ${items.length - max} more` : shown;
}

/**
 * A size in decimal megabytes with its unit, as file managers, Discord and fal state sizes: "250 MB", "3.1 MB",
 * "740 KB" (whole megabytes from 10 MB, one decimal below).
 */
export function formatMegabytes(bytes: number): string {
  if (bytes < 1_000_000) return `${Math.max(1, Math.round(bytes / 1000))} KB`;
  const mb = bytes / 1_000_000;
  return `${mb >= 10 ? mb.toFixed(0) : mb.toFixed(1)} MB`;
}

/** A read budget (a power of two) in binary units: "4.0 MiB", "64 KiB". */
export function formatKibibytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : `${Math.round(bytes / 1024)} KiB`;
}

/** "a, b,,c " → ["a", "b", "c"]; unset → [] (environment lists, comma-separated options). */
export function splitCommaList(raw: string | undefined): string[] {
  return (raw ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
}

/** An error's message for a person to read (stderr, CLI output); logs take the error itself as `{ err }`. */
export const errorMessage = (error: unknown): string => (error instanceof Error ? error.message : String(error));
