/** Where a group-commit writer puts its batches. */
export interface GroupCommitSink {
  /** Writes all of `bytes` at the end of the file. */
  write(bytes: Buffer): Promise<void>;
  /** Makes everything written so far durable (fsync); a no-op for a non-durable store. */
  sync(): Promise<void>;
}

/** Counters for tests and benchmarks: group commit shows as `batches < appends`. */
export interface GroupCommitStats {
  appends: number;
  batches: number;
}

export interface GroupCommitWriter {
  /** Queues one whole line; resolves once the batch holding it has been written and synced. */
  enqueue(line: string): Promise<void>;
  /** Resolves when everything queued so far has been written (or has failed). */
  drain(): Promise<void>;
  /** The error that stopped the writer, if any; every later `enqueue` rejects with it. */
  readonly failure: unknown;
  stats(): GroupCommitStats;
}

interface Pending {
  bytes: Buffer;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** Caps one `write` so a burst of appends does not build one huge buffer. */
const MAX_BATCH_BYTES = 8 * 1024 * 1024;

/**
 * Group commit: lines queued while a write+sync is in flight go out together in the next single
 * `write` and single `sync`, so the cost of an fsync is shared by every append waiting for it. Lines
 * are written in queue order, whole, by one loop, so they never interleave. After a failed write or
 * sync the file's state is unknown, so the writer stops: the failed batch, everything queued and
 * every later line is rejected (reopen the blackboard to continue from what is on disk).
 */
export function createGroupCommitWriter(sink: GroupCommitSink): GroupCommitWriter {
  let queue: Pending[] = [];
  let active: Promise<void> | undefined;
  let failure: unknown;
  const counters: GroupCommitStats = { appends: 0, batches: 0 };

  function takeBatch(): Pending[] {
    let bytes = 0;
    let count = 0;
    while (
      count < queue.length &&
      (count === 0 || bytes + (queue[count]?.bytes.length ?? 0) <= MAX_BATCH_BYTES)
    ) {
      bytes += queue[count]?.bytes.length ?? 0;
      count += 1;
    }
    const batch = queue.slice(0, count);
    queue = queue.slice(count);
    return batch;
  }

  async function run(): Promise<void> {
    // Let appends issued in the same tick (e.g. from Promise.all) join the first batch.
    await Promise.resolve();
    try {
      while (queue.length > 0) {
        const batch = takeBatch();
        try {
          await sink.write(Buffer.concat(batch.map((pending) => pending.bytes)));
          await sink.sync();
        } catch (error) {
          failure = error;
          for (const pending of [...batch, ...queue]) pending.reject(error);
          queue = [];
          return;
        }
        counters.batches += 1;
        for (const pending of batch) pending.resolve();
      }
    } finally {
      // Reset in the same synchronous step as the empty-queue check, so no line is left unwritten.
      active = undefined;
    }
  }

  return {
    enqueue(line) {
      if (failure !== undefined) return Promise.reject(failure);
      return new Promise<void>((resolve, reject) => {
        queue.push({ bytes: Buffer.from(line, 'utf8'), resolve, reject });
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
