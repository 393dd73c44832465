/**
 * Quota periods. Per-user daily allowances and the guild's daily budget reset at 00:00 in QUOTA_TIMEZONE;
 * the monthly budget on the 1st at 00:00. Only UTC is implemented: a named constant so the messages and the
 * README say it, and so one place changes if per-guild time zones are ever wanted.
 */
export const QUOTA_TIMEZONE = "UTC";

const pad = (n: number) => n.toString().padStart(2, "0");

/** "2025-01-31": the day a charge counts against. */
export function dayKey(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** "2025-01": the month a charge counts against. */
export function monthKey(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`;
}

/** The next 00:00 UTC after `ms`: when daily limits reset. */
export function nextDayStart(ms: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1);
}

/** The next 1st of a month, 00:00 UTC, after `ms`: when monthly limits reset. */
export function nextMonthStart(ms: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

/** Discord renders <t:…:R> as "in 3 hours" in each reader's own locale and clock. */
export const relativeTime = (ms: number) => `<t:${Math.floor(ms / 1000)}:R>`;

/** "YYYY-MM" as typed by an owner, or undefined. */
export function parseMonth(text: string): string | undefined {
  const match = /^(\d{4})-(\d{2})$/.exec(text.trim());
  if (!match) return undefined;
  const month = Number(match[2]);
  return month >= 1 && month <= 12 ? text.trim() : undefined;
}
