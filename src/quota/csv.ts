import type { LedgerEntry } from "./ledger.js";
import { microsToDecimal } from "../money.js";

export const LEDGER_CSV_COLUMNS = [
  "created_at_utc",
  "day",
  "job_id",
  "user_id",
  "user_name",
  "kind",
  "state",
  "outcome",
  "output_seconds",
  "price_per_second_usd",
  "cost_usd",
  "settled_at_utc",
] as const;

/** RFC 4180 quoting, and a leading ' on text a spreadsheet would run as a formula (member names are user text). */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

const iso = (ms: number | null) => (ms === null ? "" : new Date(ms).toISOString());

/**
 * The month's ledger: one row per accepted job. `outcome` is the entry's `Outcome` (src/quota/ledger.ts; the README's
 * outcome table says what each is billed), empty while the job is open. An open (still running) job shows its reservation, a settled one
 * what fal billed; cost_usd is exact (micro-dollars), so the column sums to the month's total.
 */
export function ledgerCsv(entries: readonly LedgerEntry[]): string {
  const rows = entries.map((e) => {
    const open = e.state === "reserved";
    const ms = open ? e.reservedMs : e.billedMs;
    const micros = open ? e.reservedMicros : e.billedMicros;
    return [
      iso(e.createdAt),
      e.day,
      e.id,
      e.userId,
      e.userName,
      e.kind,
      open ? "open" : e.state,
      e.outcome ?? "",
      (ms / 1000).toFixed(3),
      microsToDecimal(e.pricePerSecondMicros),
      microsToDecimal(micros),
      iso(e.settledAt),
    ].map(csvField);
  });
  return [LEDGER_CSV_COLUMNS.join(","), ...rows.map((r) => r.join(","))].join("\r\n") + "\r\n";
}

/** Parses what ledgerCsv writes (RFC 4180): for tests and for owners' scripts. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n" || (c === "\r" && text[i + 1] === "\n")) {
      if (c === "\r") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += c;
  }
  if (field || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
