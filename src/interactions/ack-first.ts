/**
 * Acknowledgements before work. Each deferred command goes on to start its job (quota, inspection, the progress
 * post), and the first steps of many jobs resumed in one turn of the event loop — say a hundred deferReply answers
 * read at once — hold the gateway frames and deferReply calls of the commands behind them (measured: a burst of 200
 * commands, p99 of 730 ms to the deferral). Work after an acknowledgement waits here and is let go one per turn of
 * the event loop (setImmediate), so pending I/O — new commands, their acknowledgements — is served between any two.
 * Nothing is capped: a job waiting on a slow link holds no place here, so no member can hold up another's start.
 */
const waiting: (() => void)[] = [];
let releasing = false;

function releaseOne(): void {
  waiting.shift()?.();
  if (waiting.length) setImmediate(releaseOne);
  else releasing = false;
}

/** Resolves on a later turn of the event loop than any acknowledgement already waiting for I/O, in arrival order. */
export function afterAcknowledgements(): Promise<void> {
  return new Promise<void>((resolve) => {
    waiting.push(resolve);
    if (releasing) return;
    releasing = true;
    setImmediate(releaseOne);
  });
}
