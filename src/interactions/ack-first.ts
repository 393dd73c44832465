/**
 * Acknowledgements before work. Each deferred command goes on to start its job (quota, inspection, the progress
 * post), and those first steps, run while other commands of a burst still wait for their deferReply, take the
 * thread from them: the gateway frames and deferReply calls of the later commands queue behind the earlier jobs'
 * work. So work after an acknowledgement waits here while any acknowledgement is still on its way (at most
 * MAX_WAIT_MS, so a slow answer from Discord holds nothing for long), and is let go one per turn of the event loop
 * (setImmediate), so pending I/O is served between any two. Nothing is capped: a job waiting on a slow link holds no
 * place here, so no member can hold up another's start.
 */
const MAX_WAIT_MS = 100;

const waiting: { resolve: () => void; since: number }[] = [];
let acknowledging = 0;
let releasing = false;
let timer: NodeJS.Timeout | undefined;

function releaseOne(): void {
  releasing = false;
  const first = waiting[0];
  if (!first) return;
  const waited = performance.now() - first.since;
  if (acknowledging > 0 && waited < MAX_WAIT_MS) {
    // the next acknowledgement's answer calls schedule(); the timer covers one that is slow to come
    timer ??= setTimeout(() => {
      timer = undefined;
      schedule();
    }, MAX_WAIT_MS - waited);
    return;
  }
  waiting.shift();
  first.resolve();
  schedule();
}

function schedule(): void {
  if (releasing || !waiting.length) return;
  releasing = true;
  setImmediate(releaseOne);
}

/** An acknowledgement (deferReply) on its way: work waiting in afterAcknowledgements() waits for it too. */
export async function acknowledge<T>(ack: Promise<T>): Promise<T> {
  acknowledging++;
  try {
    return await ack;
  } finally {
    acknowledging--;
    schedule();
  }
}

/**
 * Resolves once no acknowledgement is on its way (or after MAX_WAIT_MS), on a later turn of the event loop than any
 * I/O already waiting, one caller per turn in arrival order.
 */
export function afterAcknowledgements(): Promise<void> {
  return new Promise<void>((resolve) => {
    waiting.push({ resolve, since: performance.now() });
    schedule();
  });
}
