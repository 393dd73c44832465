/** One line of the bot's log as the page shows it. */
export interface LogLine {
  seq: number;
  time: number;
  level: string;
  msg: string;
  /** the line's other fields (jobId, guildId, err, …) as JSON */
  detail: string;
}

const LEVELS: Record<number, string> = { 10: "trace", 20: "debug", 30: "info", 40: "warn", 50: "error", 60: "fatal" };
const SHOWN_FIELDS_OMITTED = new Set(["level", "time", "msg", "pid", "hostname", "app"]);

/** The bot's newest log lines (pino's JSON lines, parsed), kept within `capacity`. */
export class LogBuffer {
  private lines: LogLine[] = [];
  private seq = 0;

  constructor(private readonly capacity = 500) {}

  push(chunk: string): void {
    for (const raw of chunk.split("\n")) {
      if (!raw.trim()) continue;
      this.lines.push(this.parse(raw));
      if (this.lines.length > this.capacity) this.lines.shift();
    }
  }

  /** lines after `afterSeq` (0: all kept) */
  since(afterSeq = 0): LogLine[] {
    return this.lines.filter((l) => l.seq > afterSeq);
  }

  all(): string[] {
    return this.lines.map((l) => `${l.level} ${l.msg} ${l.detail}`);
  }

  private parse(raw: string): LogLine {
    const seq = ++this.seq;
    try {
      const record = JSON.parse(raw) as Record<string, unknown>;
      const rest = Object.fromEntries(Object.entries(record).filter(([k]) => !SHOWN_FIELDS_OMITTED.has(k)));
      return {
        seq,
        time: typeof record.time === "number" ? record.time : Date.now(),
        level: LEVELS[Number(record.level)] ?? String(record.level),
        msg: typeof record.msg === "string" ? record.msg : "",
        detail: Object.keys(rest).length ? JSON.stringify(rest) : "",
      };
    } catch {
      return { seq, time: Date.now(), level: "info", msg: raw, detail: "" };
    }
  }
}
