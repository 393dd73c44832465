/**
 * The one table `npm run bench` ends with: every figure beside its goal and, where there is one, the naive way
 * measured in the same run. A bench module returns its rows; bench/run.ts prints them all together.
 */
export interface BenchRow {
  /** the figure's id in the issues (P1…P6), or "" for a supporting figure */
  id: string;
  figure: string;
  value: string;
  /** the goal as written ("≤ 150 ms"), or "" when the figure has none */
  goal: string;
  /** whether the goal was met; undefined when there is no goal */
  met?: boolean;
  /** the naive way, measured in the same run ("full download: 120 MB, 1.9 s") */
  naive?: string;
}

export function formatTable(rows: BenchRow[]): string[] {
  const cells = rows.map((r) => [
    r.id,
    r.figure,
    r.value,
    r.goal,
    r.met === undefined ? "–" : r.met ? "met" : "MISSED",
    r.naive ?? "",
  ]);
  const head = ["", "figure", "value", "goal", "ok", "naive way, same run"];
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => `| ${c.map((x, i) => x.padEnd(widths[i]!)).join(" | ")} |`;
  return [line(head), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...cells.map(line)];
}

/** A bench module's result may carry rows for the table. */
export function rowsOf(result: unknown): BenchRow[] {
  if (result && typeof result === "object" && "rows" in result && Array.isArray(result.rows)) {
    return result.rows as BenchRow[];
  }
  return [];
}
