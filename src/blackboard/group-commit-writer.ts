/** Where a group-commit writer puts its batches. */
export interface GroupCommitSink<Item, Result> {
  /**
   * Writes a whole batch and returns one result per item, in order. Without `sync` this alone
   * makes the batch durable. Throwing fails the batch; see `stopsWriter`.
   */
  commit(items: readonly Item[]): Promise<Result[]>;
  /**
   * Makes everything `commit` wrote before this call durable (an fsync). When given, batches are
   * pipelined: the next batch is prepared and written while this runs, and an item resolves only
   * once a sync that started after its batch was written has completed. A failure stops the writer.
   */
  sync?(): Promise<void>;
  /**
   * Whether a `commit` failure leaves the file in an unknown state (default: yes). A failure before
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
  /** Queues one item; resolves with its result once the batch holding it is committed (and synced). */
  enqueue(item: Item): Promise<Result>;
  /** Resolves when everything queued so far has been committed and synced (or has failed). */
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

/** A written batch waiting for the sync that covers it. */
interface Written<Item, Result> {
  batch: Pending<Item, Result>[];
  results: Result[];
}

/** Caps one batch so a burst of appends does not build one huge write (or hold the lock long). */
const MAX_BATCH_ITEMS = 8_192;

/**
 * Group commit: items queued while a commit is in flight go out together in the next commit, so
 * the cost of a lock, a write and an fsync is shared by every append waiting for it. Batches are
 * written in queue order by one loop, so they never interleave. With a `sync` step the writes and
 * the syncs are pipelined (one sync in flight at a time, the next started as soon as it ends if
 * anything was written meanwhile): the fsync of batch N runs while batch N+1 is prepared and
 * written, and no item resolves before a sync covering it completed. After a failure that leaves
 * the file's state unknown the writer stops: the failed batch, everything written but not yet
 * synced, everything queued and every later item are rejected (reopen to continue from the disk).
 */
export function createGroupCommitWriter<Item, Result>(
  sink: GroupCommitSink<Item, Result>,
): GroupCommitWriter<Item, Result> {
  let queue: Pending<Item, Result>[] = [];
  let unsynced: Written<Item, Result>[] = [];
  let active: Promise<void> | undefined;
  let syncing: Promise<void> | undefined;
  let failure: unknown;
  const counters: GroupCommitStats = { appends: 0, batches: 0 };

  function stop(error: unknown, failed: readonly Pending<Item, Result>[]): void {
    failure ??= error;
    for (const pending of failed) pending.reject(error);
    for (const written of unsynced) for (const pending of written.batch) pending.reject(error);
    for (const pending of queue) pending.reject(error);
    unsynced = [];
    queue = [];
  }

  function settle(written: Written<Item, Result>): void {
    counters.batches += 1;
    const { batch, results } = written;
    for (let index = 0; index < batch.length; index += 1) {
      (batch[index] as Pending<Item, Result>).resolve(results[index] as Result);
    }
  }

  async function syncLoop(syncStep: () => Promise<void>): Promise<void> {
    try {
      while (unsynced.length > 0 && failure === undefined) {
        const covered = unsynced;
        unsynced = [];
        try {
          await syncStep();
        } catch (error) {
          stop(
            error,
            covered.flatMap((written) => written.batch),
          );
          return;
        }
        for (const written of covered) settle(written);
      }
    } finally {
      syncing = undefined;
    }
  }

  async function run(): Promise<void> {
    // Let appends issued in the same tick (e.g. from Promise.all) join the first batch.
    await Promise.resolve();
    try {
      while (queue.length > 0 && failure === undefined) {
        // The whole queue is the batch unless it is over the cap (one array, not two copies).
        const batch = queue.length <= MAX_BATCH_ITEMS ? queue : queue.splice(0, MAX_BATCH_ITEMS);
        if (batch === queue) queue = [];
        const items: Item[] = new Array(batch.length);
        for (let index = 0; index < batch.length; index += 1) {
          const pending = batch[index] as Pending<Item, Result>;
          items[index] = pending.item;
          // Written from here on: a batch waiting for its fsync does not keep its items alive.
          pending.item = undefined as Item;
        }
        let results: Result[];
        try {
          results = await sink.commit(items);
        } catch (error) {
          if (sink.stopsWriter?.(error) === false) {
            for (const pending of batch) pending.reject(error);
            continue;
          }
          stop(error, batch);
          return;
        }
        if (failure !== undefined) {
          // A sync failed while this batch was being written: its fate on disk is unknown.
          for (const pending of batch) pending.reject(failure);
          return;
        }
        if (sink.sync === undefined) {
          settle({ batch, results });
          continue;
        }
        unsynced.push({ batch, results });
        syncing ??= syncLoop(sink.sync.bind(sink));
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
      while (active || syncing) await (active ?? syncing);
    },
    get failure() {
      return failure;
    },
    stats: () => ({ ...counters }),
  };
}
