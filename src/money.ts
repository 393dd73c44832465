/**
 * Money is integer micro-dollars everywhere inside the bot (1 USD = 1_000_000), so sums are exact and the ledger
 * matches "to the cent"; seconds of video are integer milliseconds. Dollars appear only at the edges (env, commands,
 * messages, CSV).
 */
export const MICROS_PER_USD = 1_000_000;

export function usdToMicros(usd: number): number {
  return Math.round(usd * MICROS_PER_USD);
}

/** What `ms` of output costs at `pricePerSecondMicros`, rounded up to the micro-dollar (never under-reserve). */
export function costMicros(ms: number, pricePerSecondMicros: number): number {
  return Math.ceil((ms * pricePerSecondMicros) / 1000);
}

/** "$1.23" — rounded half up to the cent. */
export function formatUsd(micros: number): string {
  const cents = Math.round(micros / 10_000);
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  return `${sign}$${Math.floor(abs / 100)}.${(abs % 100).toString().padStart(2, "0")}`;
}

/** "0.126000" — exact, for the CSV. */
export function microsToDecimal(micros: number): string {
  const sign = micros < 0 ? "-" : "";
  const abs = Math.abs(micros);
  return `${sign}${Math.floor(abs / MICROS_PER_USD)}.${(abs % MICROS_PER_USD).toString().padStart(6, "0")}`;
}

/** The price per second as owners type it: "$0.126/s". */
export function formatRate(micros: number): string {
  return `$${(micros / MICROS_PER_USD).toString()}/s`;
}

/** Seconds of video, one decimal: "12.5 s". */
export function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

export const secToMs = (sec: number) => Math.round(sec * 1000);
