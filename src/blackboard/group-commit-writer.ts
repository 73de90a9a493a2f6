/** Where a group-commit writer puts its batches. */
export interface GroupCommitSink<Item, Result> {
  /**
   * Makes a whole batch durable (write + fsync) and returns one result per item, in order. Throwing
   * fails the batch; see `stopsWriter`.
   */
  commit(items: readonly Item[]): Promise<Result[]>;
  /**
   * Whether a failure leaves the file in an unknown state (default: yes). A failure before
   * anything was written (e.g. the lock wait timed out) can return false: the writer goes on.
   */
  stopsWriter?(error: unknown): boolean;
}

/** Counters for tests and benchmarks: group commit shows as `batches < appends`. */
export interface GroupCommitStats {
  appends: number;
  batches: number;
}

export interface GroupCommitWriter<Item, Result> {
  /** Queues one item; resolves with its result once the batch holding it is committed. */
  enqueue(item: Item): Promise<Result>;
  /** Resolves when everything queued so far has been committed (or has failed). */
  drain(): Promise<void>;
  /** The error that stopped the writer, if any; every later `enqueue` rejects with it. */
  readonly failure: unknown;
  stats(): GroupCommitStats;
}

interface Pending<Item, Result> {
  item: Item;
  resolve: (result: Result) => void;
  reject: (error: unknown) => void;
}

/** Caps one batch so a burst of appends does not build one huge write (or hold the lock long). */
const MAX_BATCH_ITEMS = 8_192;

/**
 * Group commit: items queued while a commit is in flight go out together in the next commit, so
 * the cost of a lock, a write and an fsync is shared by every append waiting for it. Batches are
 * committed in queue order by one loop, so they never interleave. After a failure that leaves the
 * file's state unknown the writer stops: the failed batch, everything queued and every later item
 * is rejected (reopen the blackboard to continue from what is on disk).
 */
export function createGroupCommitWriter<Item, Result>(
  sink: GroupCommitSink<Item, Result>,
): GroupCommitWriter<Item, Result> {
  let queue: Pending<Item, Result>[] = [];
  let active: Promise<void> | undefined;
  let failure: unknown;
  const counters: GroupCommitStats = { appends: 0, batches: 0 };

  async function run(): Promise<void> {
    // Let appends issued in the same tick (e.g. from Promise.all) join the first batch.
    await Promise.resolve();
    try {
      while (queue.length > 0) {
        const batch = queue.slice(0, MAX_BATCH_ITEMS);
        queue = queue.slice(batch.length);
        let results: Result[];
        try {
          results = await sink.commit(batch.map((pending) => pending.item));
        } catch (error) {
          if (sink.stopsWriter?.(error) === false) {
            for (const pending of batch) pending.reject(error);
            continue;
          }
          failure = error;
          for (const pending of [...batch, ...queue]) pending.reject(error);
          queue = [];
          return;
        }
        counters.batches += 1;
        for (const [index, pending] of batch.entries()) pending.resolve(results[index] as Result);
      }
    } finally {
      // Reset in the same synchronous step as the empty-queue check, so no item is left uncommitted.
      active = undefined;
    }
  }

  return {
    enqueue(item) {
      if (failure !== undefined) return Promise.reject(failure);
      return new Promise<Result>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        counters.appends += 1;
        active ??= run();
      });
    },
    async drain() {
      while (active) await active;
    },
    get failure() {
      return failure;
    },
    stats: () => ({ ...counters }),
  };
}
