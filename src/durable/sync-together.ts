/**
 * Group commit of directory fsyncs: concurrent durable writes in one folder share one fsync of it
 * instead of one each, with the same guarantee each had alone — a caller's promise settles only
 * with a sync that *started after* the call (so after the caller's rename), never with one already
 * under way, which may have missed it. While a sync runs, every new caller joins the one queued
 * sync that starts when it ends; with nothing running a sync starts at once (no added latency).
 */
export function createSyncTogether(sync: (path: string) => Promise<void>): (path: string) => Promise<void> {
  interface Batch {
    running?: Promise<void>;
    queued?: Promise<void>;
  }
  const batches = new Map<string, Batch>();

  function start(path: string, batch: Batch): Promise<void> {
    batch.queued = undefined;
    const run: Promise<void> = sync(path).finally(() => {
      if (batch.running === run) batch.running = undefined;
      if (batch.running === undefined && batch.queued === undefined) batches.delete(path);
    });
    batch.running = run;
    return run;
  }

  return (path) => {
    let batch = batches.get(path);
    if (batch === undefined) {
      batch = {};
      batches.set(path, batch);
    }
    if (batch.queued !== undefined) return batch.queued;
    if (batch.running === undefined) return start(path, batch);
    const current = batch;
    const queued = batch.running.catch(() => undefined).then(() => start(path, current));
    batch.queued = queued;
    return queued;
  };
}
