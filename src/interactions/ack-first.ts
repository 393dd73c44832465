/**
 * Acknowledgements before work. Each deferred command goes on to start its job (quota, inspection, the progress
 * post), and the first steps of many jobs resumed in one turn of the event loop — a burst's deferReply answers read
 * at once — hold the gateway frames and deferReply calls of the commands behind them. Work after an acknowledgement
 * waits here while other acknowledgements are on their way (at most MAX_HOLD_MS), then is let go a few per turn of
 * the event loop (setImmediate), so pending I/O — new commands, their acknowledgements — is served in between.
 * Nothing is capped: a job waiting on a slow link holds no place here, so no member can hold up another's start.
 */

/**
 * Work let go in one turn, at most: one a turn throttled job starts to the loop's turn rate (under load, fewer a
 * second than commands came); all at once would hold the next frames behind every one of them.
 */
const PER_TURN = 8;

/**
 * How long work waits for acknowledgements still on their way. Without a bound, a steady stream of commands (each
 * with its deferReply in flight for a round trip) would keep every job from starting: at 40 commands a second under
 * load, waiting for none to be in flight delayed job starts by half a second.
 */
export const MAX_HOLD_MS = 100;

const waiting: { resolve: () => void; since: number }[] = [];
let releasing = false;
let acknowledging = 0;
/** set while work is held: it fires when the hold's bound passes, unless the last acknowledgement is answered first */
let holdTimer: NodeJS.Timeout | undefined;

function release(): void {
  holdTimer = undefined;
  const holdLeftMs = acknowledging > 0 ? MAX_HOLD_MS - (performance.now() - waiting[0]!.since) : 0;
  if (holdLeftMs > 0) {
    holdTimer = setTimeout(release, holdLeftMs);
    return;
  }
  for (let n = 0; n < PER_TURN && waiting.length; n++) waiting.shift()!.resolve();
  if (!waiting.length) releasing = false;
  else setImmediate(release);
}

/**
 * Sends an interaction's acknowledgement (deferReply), counted while it is on its way: work waiting in
 * afterAcknowledgements goes after it.
 */
export async function acknowledge<T>(send: () => Promise<T>): Promise<T> {
  acknowledging += 1;
  try {
    return await send();
  } finally {
    acknowledging -= 1;
    if (acknowledging === 0 && holdTimer) {
      // the last one on its way is answered: held work goes now, not when the bound passes
      clearTimeout(holdTimer);
      holdTimer = undefined;
      setImmediate(release);
    }
  }
}

/**
 * Resolves once no acknowledgement is on its way (or MAX_HOLD_MS has passed), on a later turn of the event loop than
 * any I/O already waiting, a few callers a turn in arrival order.
 */
export function afterAcknowledgements(): Promise<void> {
  return new Promise<void>((resolve) => {
    waiting.push({ resolve, since: performance.now() });
    if (releasing) return;
    releasing = true;
    setImmediate(release);
  });
}
