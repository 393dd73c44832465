/**
 * Acknowledgements before work. Each deferred command goes on to start its job (quota, inspection, the progress
 * post), and the first steps of many jobs resumed in one turn of the event loop — a burst's deferReply answers read
 * at once — hold the gateway frames and deferReply calls of the commands behind them. Work after an acknowledgement
 * waits here and is let go a few per turn of the event loop (setImmediate), so pending I/O — new commands, their
 * acknowledgements — is served in between. Nothing is capped: a job waiting on a slow link holds no place here, so
 * no member can hold up another's start. (Holding work while any acknowledgement was on its way was measured too:
 * at 40 commands a second it delayed job starts by half a second under load, for no better acknowledgements.)
 */

/**
 * Work let go in one turn, at most: one a turn throttled job starts to the loop's turn rate (under load, fewer a
 * second than commands came); all at once would hold the next frames behind every one of them.
 */
const PER_TURN = 8;

const waiting: (() => void)[] = [];
let releasing = false;

function release(): void {
  for (let n = 0; n < PER_TURN && waiting.length; n++) waiting.shift()!();
  if (waiting.length) setImmediate(release);
  else releasing = false;
}

/** Resolves on a later turn of the event loop than any I/O already waiting, a few callers a turn in arrival order. */
export function afterAcknowledgements(): Promise<void> {
  return new Promise<void>((resolve) => {
    waiting.push(resolve);
    if (releasing) return;
    releasing = true;
    setImmediate(release);
  });
}
