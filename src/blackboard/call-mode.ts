/** Calls made before the average decides (one stalled call decides alone, see `STALL_MS`). */
const JUDGED_AFTER = 16;
/** A metadata call or small read/write from the page cache takes microseconds: slower on average, the disk is the limit. */
const SLOW_CALL_MS = 0.5;
/** One call this slow (a network file system, a stalled disk) is enough: the event loop must not wait again. */
const STALL_MS = 5;
/** The weight of the latest call in the running average (the last ~16 calls count). */
const AVERAGE_WEIGHT = 1 / 16;
/** Once pooled, every this many calls one runs synchronously to see whether the disk is fast again. */
const PROBE_EVERY = 64;

export interface CallModeOptions {
  /** Milliseconds now (default `performance.now`); tests pass a clock. */
  now?: () => number;
}

/** Runs each small file call synchronously while calls prove fast, through libuv's pool otherwise. */
export interface CallMode {
  /**
   * `sync()` while calls are fast, else `async()`. A synchronous throw becomes a rejection, so
   * callers see the same promise either way.
   */
  run<T>(sync: () => T, async: () => Promise<T>): Promise<T>;
  /** True while calls go through the pool. */
  readonly pooled: boolean;
}

/**
 * The choice decision 0037 made for the scan, for the blackboard's own calls (decision 0041): a
 * synchronous `link`, `stat` or 4 KB `write` answered from the page cache blocks the event loop
 * for a few microseconds and costs ~10 µs of CPU, the same call through the thread pool ~50 µs
 * (a queue, a worker wake-up, a completion callback). Once one call takes over 5 ms, or the
 * running average of the last ~16 calls passes 0.5 ms, calls go through the pool, where waiting
 * for the disk does not hold up the lanes. Then one call in 64 runs synchronously as a probe: a
 * fast one (a stall that was a busy machine's scheduling, not the disk) brings the synchronous
 * mode back. The result of a call never depends on the mode.
 */
export function createCallMode(options: CallModeOptions = {}): CallMode {
  const now = options.now ?? (() => performance.now());
  let pooled = false;
  let calls = 0;
  let averageMs = 0;
  let pooledCalls = 0;
  function judge(took: number): void {
    if (pooled) {
      // The probe: fast again, the synchronous mode is judged afresh.
      if (took <= SLOW_CALL_MS) {
        pooled = false;
        calls = 0;
        averageMs = 0;
      }
      return;
    }
    calls += 1;
    averageMs += (took - averageMs) * AVERAGE_WEIGHT;
    if (took > STALL_MS || (calls >= JUDGED_AFTER && averageMs > SLOW_CALL_MS)) {
      pooled = true;
      pooledCalls = 0;
    }
  }
  return {
    get pooled() {
      return pooled;
    },
    run(sync, async) {
      if (pooled) {
        pooledCalls += 1;
        if (pooledCalls % PROBE_EVERY !== 0) return async();
      }
      const started = now();
      try {
        return Promise.resolve(sync());
      } catch (error) {
        return Promise.reject(error);
      } finally {
        judge(now() - started);
      }
    },
  };
}
