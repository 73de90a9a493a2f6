import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { ChunkVerdict } from './check-line-chunk.js';

/** Checks chunks of lines on worker threads; a chunk whose worker failed comes back `{ ok: false }` (checked by the caller). */
export interface AuditWorkerPool {
  check(bytes: Buffer, firstLine: number, offset: number): Promise<ChunkVerdict>;
  close(): Promise<void>;
}

/**
 * One worker per core, at most `most` (each line's hash and byte check are independent; the chain
 * across chunks is joined by the caller). Undefined on one core, or when the worker module is not
 * there (the TypeScript sources under test): the audit then checks every line itself.
 */
export function createAuditWorkerPool(
  anchoredSeqs: readonly number[],
  most = 2,
): AuditWorkerPool | undefined {
  const count = Math.min(most, availableParallelism());
  const url = new URL('./audit-chunk-worker.js', import.meta.url);
  // Not there (the TypeScript sources under test, or a bundle without the worker file): no workers.
  if (count < 2 || !import.meta.url.endsWith('.js') || !existsSync(url)) return undefined;
  // Loaded only when a board is large enough for workers (~2.5 ms of module compile otherwise spent
  // by every process that imports the audit, a mission's included).
  const { Worker: WorkerThread } = createRequire(import.meta.url)(
    'node:worker_threads',
  ) as typeof import('node:worker_threads');
  const pending = new Map<number, (verdict: ChunkVerdict) => void>();
  const workers: Worker[] = [];
  let dead = false;
  const failAll = () => {
    dead = true;
    for (const resolve of pending.values()) resolve({ ok: false });
    pending.clear();
  };
  for (let index = 0; index < count; index += 1) {
    const worker = new WorkerThread(url, { workerData: { anchoredSeqs } });
    worker.on('message', ({ id, verdict }: { id: number; verdict: ChunkVerdict }) => {
      pending.get(id)?.(verdict);
      pending.delete(id);
    });
    worker.on('error', failAll);
    worker.on('exit', failAll);
    workers.push(worker);
  }
  let next = 0;
  return {
    check(bytes, firstLine, offset) {
      if (dead) return Promise.resolve({ ok: false });
      const id = next;
      next += 1;
      return new Promise<ChunkVerdict>((resolve) => {
        pending.set(id, resolve);
        // A copy (structured clone): the caller keeps its bytes, to check the chunk itself if needed.
        (workers[id % workers.length] as Worker).postMessage({ id, bytes, firstLine, offset });
      });
    },
    async close() {
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}
