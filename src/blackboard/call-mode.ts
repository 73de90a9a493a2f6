/** Calls judged before the average decides (one slow call decides alone, see `STALL_MS`). */
const JUDGED_AFTER = 16;
/** A metadata call or small read/write from the page cache takes microseconds: slower on average, the disk is the limit. */
const SLOW_CALL_MS = 0.5;
/** One call this slow (a network file system, a stalled disk) is enough: the event loop must not wait again. */
const STALL_MS = 5;

export interface CallModeOptions {
  /** Milliseconds now (default `performance.now`); tests pass a clock. */
  now?: () => number;
}

/** Runs each small file call synchronously while calls prove fast, through libuv's pool afterwards. */
export interface CallMode {
  /**
   * `sync()` while calls are fast, else `async()`. A synchronous throw becomes a rejection, so
   * callers see the same promise either way.
   */
  run<T>(sync: () => T, async: () => Promise<T>): Promise<T>;
  /** True once calls go through the pool (for good: a disk that was slow once is not trusted again). */
  readonly pooled: boolean;
}

/**
 * The choice decision 0037 made for the scan, for the blackboard's own calls (decision 0041): a
 * synchronous `link`, `stat` or 4 KB `write` answered from the page cache blocks the event loop
 * for a few microseconds and costs ~10 µs of CPU, the same call through the thread pool ~50 µs
 * (a queue, a worker wake-up, a completion callback). Once one call takes over 5 ms, or calls
 * average over 0.5 ms after 16 of them, every later call goes through the pool, where waiting
 * for the disk does not hold up the lanes. The result of a call never depends on the mode.
 */
export function createCallMode(options: CallModeOptions = {}): CallMode {
  const now = options.now ?? (() => performance.now());
  let pooled = false;
  let calls = 0;
  let spentMs = 0;
  return {
    get pooled() {
      return pooled;
    },
    run(sync, async) {
      if (pooled) return async();
      const started = now();
      try {
        return Promise.resolve(sync());
      } catch (error) {
        return Promise.reject(error);
      } finally {
        const took = now() - started;
        calls += 1;
        spentMs += took;
        if (took > STALL_MS || (calls >= JUDGED_AFTER && spentMs > calls * SLOW_CALL_MS)) pooled = true;
      }
    },
  };
}
