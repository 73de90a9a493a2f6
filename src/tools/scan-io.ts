import { setImmediate as nextTurn } from 'node:timers/promises';
import { mapLimit } from './map-limit.js';

/** Operations in flight at once on slow I/O: enough to keep a disk busy, far from any descriptor limit. */
const PARALLEL_IO = 16;
/** Synchronous operations between two turns of the event loop (Ctrl-C, timers and progress run). */
const SLICE = 64;
/**
 * A synchronous stat or read from the page cache takes microseconds; slower than this on average
 * over a slice, the disk (or a network file system) is the limit, and concurrent I/O pays.
 */
const SLOW_OPERATION_MS = 0.5;

export interface ScanIoOptions {
  /** Start with concurrent I/O (default: synchronous until it proves slow). */
  concurrent?: boolean;
}

/** How the scan lists, stats and reads: the result never depends on it, only the cost does. */
export interface ScanIo {
  /**
   * Runs one operation per item: synchronously in slices of 64 with a turn of the event loop
   * between slices, or 16 at a time asynchronously once the disk showed itself slow.
   */
  each<T>(items: readonly T[], sync: (item: T) => void, async: (item: T) => Promise<void>): Promise<void>;
  /** True once the scan has switched to concurrent I/O. */
  readonly concurrent: boolean;
}

/**
 * Scan I/O that costs the least CPU for where the files are (decision 0037): a promise-based
 * stat or read costs ~20 µs of CPU per call in libuv's thread pool and promise machinery, a
 * synchronous one from the page cache a few µs — five times less for a whole scan. On a cold or
 * remote disk, waiting is what costs, so once the scan's synchronous operations (64 at least)
 * average over 0.5 ms each, the rest of the scan runs 16 concurrent operations.
 */
export function createScanIo(options: ScanIoOptions = {}): ScanIo {
  let concurrent = options.concurrent ?? false;
  // Judged over the whole scan so far, never on a few operations (one large folder, a GC pause).
  let operations = 0;
  let spentMs = 0;
  return {
    get concurrent() {
      return concurrent;
    },
    async each(items, sync, async) {
      let at = 0;
      while (at < items.length && !concurrent) {
        const end = Math.min(items.length, at + SLICE);
        const started = performance.now();
        for (let index = at; index < end; index += 1) sync(items[index] as (typeof items)[number]);
        spentMs += performance.now() - started;
        operations += end - at;
        if (operations >= SLICE && spentMs > operations * SLOW_OPERATION_MS) concurrent = true;
        at = end;
        if (at < items.length) await nextTurn();
      }
      if (at < items.length) await mapLimit(items.slice(at), PARALLEL_IO, async);
    },
  };
}
