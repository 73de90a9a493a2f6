import type { RunEvent } from '../contracts/index.js';
import { checkPhase } from './check-phase.js';

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
 *
 * Decision 0060: given `emitAll`, the events queued one after another (no task between them) are
 * handed on together, in order, instead of each after the one before is durable: a lane's
 * model-call receipt, its phase's receipt and the next phase's start share one group commit. A
 * task (a journal write) still runs only once everything before it is done.
 */
export interface LaneFence {
  post(event: RunEvent): void;
  /** Runs `task` after everything posted so far (a journal write after its receipt). */
  after(task: () => Promise<void>): void;
  /**
   * A write already under way (a model call's journal entry, decision 0064): it blocks nothing
   * queued, but every later `mark` waits for it too, and its failure fails the fence as a failed
   * event does.
   */
  hold(written: Promise<void>): void;
  /** Resolves once everything posted so far is done; rejects with the first failure. */
  mark(): Promise<void>;
  /** `post`, then wait for it: the unpipelined emit. */
  emit(event: RunEvent): Promise<void>;
  /** Once everything posted has finished, failed or not, hands `event` on and waits for it (a failed lane's end). */
  emitLast(event: RunEvent): Promise<void>;
}

const ignore = () => undefined;

/** Something queued on the fence: an event to hand on, or a task (a journal write) to run in turn. */
interface Queued {
  event: RunEvent | undefined;
  task: (() => Promise<void>) | undefined;
  /** A posted event that found the lane's chain idle: handed on in the turn's check phase. */
  first: boolean;
  /** Counts towards `unhandled` (a posted event, not an `emit` or a task). */
  posted: boolean;
}

/** Someone waiting for the first `count` queued items to be done. */
interface Waiter {
  count: number;
  resolve: () => void;
  reject: (error: unknown) => void;
}

const DONE: Promise<void> = Promise.resolve();

/**
 * The queue is drained by one loop per burst (started when something is queued on an idle fence),
 * not by a promise chain: a chain cost a closure, two derived promises and an async call per event,
 * ~2.7 KB of short-lived objects per event that 64 lanes kept alive across scavenges.
 */
export function createLaneFence(
  emit: (event: RunEvent) => Promise<void>,
  emitAll?: (events: readonly RunEvent[]) => Promise<void>[],
): LaneFence {
  const queue: Queued[] = [];
  /** Items queued so far, and how many of them are done (in queue order). */
  let queued = 0;
  let done = 0;
  /** Posted events not yet handled (a failed one stays counted: nothing more is handed on anyway). */
  let unhandled = 0;
  let draining = false;
  let failed = false;
  let failure: unknown;
  /** Rejected with the failure, handled here (the lane may never await a mark it took). */
  let failedMark: Promise<void> | undefined;
  const waiters: Waiter[] = [];
  /** Held writes not yet settled (decision 0064). */
  const held = new Set<Promise<void>>();

  function fail(error: unknown): void {
    if (failed) return;
    failed = true;
    failure = error;
    settleWaiters();
  }

  function settleWaiters(): void {
    let kept = 0;
    for (const waiter of waiters) {
      if (failed) waiter.reject(failure);
      else if (waiter.count <= done) waiter.resolve();
      else waiters[kept++] = waiter;
    }
    waiters.length = failed ? 0 : kept;
  }

  /** How many events from the queue's front can be handed on together: up to a task, or an event that waits for a check phase. */
  function eventRun(): number {
    let run = 1;
    while (run < queue.length) {
      const next = queue[run] as Queued;
      if (next.event === undefined || next.first) break;
      run += 1;
    }
    return run;
  }

  /** The queue's front is done: dropped (a lane's handled events and their outputs are not kept by the fence). */
  function handledOne(): void {
    const item = queue.shift() as Queued;
    if (item.posted) unhandled -= 1;
    done += 1;
    if (waiters.length > 0) settleWaiters();
  }

  async function drain(): Promise<void> {
    try {
      // Never inside the caller's own step: what it queued is handed on from a later microtask.
      await DONE;
      while (queue.length > 0 && !failed) {
        const item = queue[0] as Queued;
        if (item.first) await checkPhase();
        const run = item.event === undefined || emitAll === undefined ? 1 : eventRun();
        if (run > 1) {
          // Decision 0060: consecutive events handed on together, in order (one group commit, not
          // one fsync after the other); each counts as done once it is, the first failure stops.
          const events: RunEvent[] = new Array(run);
          for (let index = 0; index < run; index += 1)
            events[index] = (queue[index] as Queued).event as RunEvent;
          const handled = (emitAll as (events: readonly RunEvent[]) => Promise<void>[])(events);
          for (let index = 0; index < run; index += 1) {
            await handled[index];
            handledOne();
          }
          continue;
        }
        if (item.event !== undefined) await emit(item.event);
        else await (item.task as () => Promise<void>)();
        handledOne();
      }
    } catch (error) {
      fail(error);
    } finally {
      // Everything queued was handled (or nothing more will be): the next item starts a new loop.
      queue.length = 0;
      draining = false;
    }
  }

  function enqueue(
    event: RunEvent | undefined,
    task: (() => Promise<void>) | undefined,
    posted: boolean,
  ): void {
    queued += 1;
    if (failed) return;
    // The first event after the lane's chain went idle waits for this turn's check phase, so the
    // lane (and every lane whose model answered in the same turn) issues its next call first;
    // the events posted behind it follow it as before.
    const first = posted && unhandled === 0;
    if (posted) unhandled += 1;
    queue.push({ event, task, first, posted });
    if (!draining) {
      draining = true;
      void drain();
    }
  }

  function mark(): Promise<void> {
    if (failed) {
      if (failedMark === undefined) {
        failedMark = Promise.reject(failure);
        failedMark.catch(ignore);
      }
      return failedMark;
    }
    if (held.size > 0) {
      // What was held before this mark, with what was queued before it.
      const both = Promise.all([queuedMark(), ...held]).then(ignore);
      both.catch(ignore);
      return both;
    }
    return queuedMark();
  }

  function queuedMark(): Promise<void> {
    if (failed) return mark();
    if (done === queued) return DONE;
    const count = queued;
    const promise = new Promise<void>((resolve, reject) => {
      waiters.push({ count, resolve, reject });
    });
    // Handled here so a failure nobody awaits yet is not an unhandled rejection; the awaiter rethrows it.
    promise.catch(ignore);
    return promise;
  }

  return {
    post(event) {
      enqueue(event, undefined, true);
    },
    after(task) {
      enqueue(undefined, task, false);
    },
    hold(written) {
      if (failed) {
        written.catch(ignore);
        return;
      }
      held.add(written);
      written.then(
        () => held.delete(written),
        (error: unknown) => {
          held.delete(written);
          fail(error);
        },
      );
    },
    mark,
    emit(event) {
      enqueue(event, undefined, false);
      return mark();
    },
    async emitLast(event) {
      await mark().catch(ignore);
      await emit(event);
    },
  };
}
