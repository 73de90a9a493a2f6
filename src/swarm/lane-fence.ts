import type { RunEvent } from '../contracts/index.js';

/**
 * A lane's events and journal writes in order, without the lane waiting on each (decision 0023).
 * `post` hands an event to the listeners once every earlier one of this lane has been handled (so
 * each listener sees the lane's events in order, and the blackboard chains its receipts in order);
 * `mark` is a promise for "everything posted so far is done", which the lane awaits before the next
 * step counts as done. So a receipt's fsync overlaps the next model call, and is still durable
 * before the step after it is accepted. After a failure nothing more is handed on: every later
 * `mark`, `settle` and `emit` rejects with that failure.
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

export function createLaneFence(emit: (event: RunEvent) => Promise<void>): LaneFence {
  let tail: Promise<void> = Promise.resolve();
  const chain = (task: () => Promise<void>) => {
    tail = tail.then(task);
    // Handled here so a failure nobody awaits yet is not an unhandled rejection; `mark` rethrows it.
    tail.catch(ignore);
  };
  return {
    post: (event) => chain(() => emit(event)),
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
