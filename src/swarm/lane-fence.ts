import type { RunEvent } from '../contracts/index.js';

/**
 * A lane's events and journal writes in order, without the lane waiting on each (decision 0023).
 * `post` hands an event to the listeners once every earlier one of this lane has been handled (so
 * each listener sees the lane's events in order, and the blackboard chains its receipts in order);
 * `mark` is a promise for "everything posted so far is done", which the lane awaits before the next
 * step counts as done. So a receipt's fsync overlaps the next model call, and is still durable
 * before the step after it is accepted. After a failure nothing more is handed on: every later
 * `mark`, `settle` and `emit` rejects with that failure.
 *
 * Decision 0043: an event posted while the lane has nothing else in flight (the model-call receipt
 * right after an answer) is handed on in the turn's check phase (`setImmediate`), so the lane — and
 * every lane whose model answered in the same timers phase — issues its next call before the
 * receipts' CPU (redaction, serialisation, hashing) runs; the events posted behind it follow it.
 */
export interface LaneFence {
  post(event: RunEvent): void;
  /** Runs `task` after everything posted so far (a journal write after its receipt). */
  after(task: () => Promise<void>): void;
  /** Resolves once everything posted so far is done; rejects with the first failure. */
  mark(): Promise<void>;
  /** `post`, then wait for it: the unpipelined emit. */
  emit(event: RunEvent): Promise<void>;
  /** Once everything posted has finished, failed or not, hands `event` on and waits for it (a failed lane's end). */
  emitLast(event: RunEvent): Promise<void>;
}

const ignore = () => undefined;

/** Resolves in this turn's check phase: one shared promise (and one `setImmediate`) per turn. */
let turn: Promise<void> | undefined;
function nextTurn(): Promise<void> {
  turn ??= new Promise<void>((resolve) => {
    setImmediate(() => {
      turn = undefined;
      resolve();
    });
  });
  return turn;
}

export function createLaneFence(emit: (event: RunEvent) => Promise<void>): LaneFence {
  let tail: Promise<void> = Promise.resolve();
  /** Posted events not yet handled (a failed one stays counted: nothing more is handed on anyway). */
  let unhandled = 0;
  const chain = (task: () => Promise<void>) => {
    tail = tail.then(task);
    // Handled here so a failure nobody awaits yet is not an unhandled rejection; `mark` rethrows it.
    tail.catch(ignore);
  };
  const hand = async (event: RunEvent, first: boolean) => {
    if (first) await nextTurn();
    await emit(event);
    unhandled -= 1;
  };
  return {
    post(event) {
      // The first event after the lane's chain went idle waits for this turn's check phase, so the
      // lane (and every lane whose model answered in the same turn) issues its next call first;
      // the events posted behind it follow it as before.
      const first = unhandled === 0;
      unhandled += 1;
      chain(() => hand(event, first));
    },
    after: chain,
    mark: () => tail,
    async emit(event) {
      chain(() => emit(event));
      await tail;
    },
    async emitLast(event) {
      await tail.catch(ignore);
      await emit(event);
    },
  };
}
