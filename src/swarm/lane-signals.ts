/** Whether the lane's soft limit has passed: all a lane reads of it (no call is aborted by it alone). */
export interface SoftLimitFlag {
  readonly aborted: boolean;
}

/** The signals a lane attempt runs under (see `LaneContext`). */
export interface LaneSignals {
  /** Set at the lane's soft limit (the moment `signal` aborts with a `TimeoutError`). */
  yieldSignal: SoftLimitFlag;
  /** Aborts at the soft limit or with the mission's hard signal, whichever comes first. */
  signal: AbortSignal;
  /** Clears the timer and stops listening to the mission's signal (the attempt is over). */
  dispose(): void;
}

/**
 * The lanes listening to each mission signal: one `abort` listener per signal fans out to them, so
 * 64 lanes add 64 set entries instead of 64 event listeners (and no max-listeners warning).
 */
const waiting = new WeakMap<AbortSignal, Set<() => void>>();

function onAbort(signal: AbortSignal, callback: () => void): () => void {
  let callbacks = waiting.get(signal);
  if (callbacks === undefined) {
    const created = new Set<() => void>();
    callbacks = created;
    waiting.set(signal, created);
    signal.addEventListener(
      'abort',
      () => {
        waiting.delete(signal);
        for (const call of created) call();
      },
      { once: true },
    );
  }
  callbacks.add(callback);
  const known = callbacks;
  return () => {
    known.delete(callback);
  };
}

/**
 * The lane's soft limit and its combination with the mission's hard signal, as `AbortSignal.timeout`
 * and `AbortSignal.any` would give them, built from one controller, one flag, one timer and one
 * entry in the mission signal's fan-out that the lane clears when it ends: no timer or weak
 * reference outliving the lane. The soft limit is a flag, not a second controller: lanes only read
 * whether it passed, and an `AbortController` costs ~4 µs of CPU to create on Node 20.
 */
export function createLaneSignals(hard: AbortSignal, softMs: number): LaneSignals {
  const soft = { aborted: false };
  const either = new AbortController();
  const timer = setTimeout(() => {
    const reason = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    soft.aborted = true;
    if (!either.signal.aborted) either.abort(reason);
  }, softMs);
  // Like `AbortSignal.timeout`: the limit alone does not keep the process alive.
  timer.unref();
  const onHard = () => {
    if (!either.signal.aborted) either.abort(hard.reason);
  };
  let stopListening = (): void => undefined;
  if (hard.aborted) onHard();
  else stopListening = onAbort(hard, onHard);
  return {
    yieldSignal: soft,
    signal: either.signal,
    dispose() {
      clearTimeout(timer);
      stopListening();
    },
  };
}
