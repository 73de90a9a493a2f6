import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { ChunkVerdict } from './check-line-chunk.js';

/**
 * What a worker said of a chunk. `bytes`: the chunk, back from the worker (the caller checks it
 * line by line when the worker could not vouch for it, and may read into the memory again);
 * undefined when the worker died with it.
 */
export interface ChunkResult {
  verdict: ChunkVerdict;
  bytes?: Buffer;
}

/** Checks chunks of lines on worker threads; a chunk whose worker failed comes back `{ ok: false }` (checked by the caller). */
export interface AuditWorkerPool {
  /**
   * Sends the chunk to a worker. Its memory is moved, not copied, when it is the chunk's own
   * (the caller must not read `bytes` afterwards: it gets them back in the result if needed).
   */
  check(bytes: Buffer, offset: number): Promise<ChunkResult>;
  close(): Promise<void>;
}

/** True when `bytes` are the whole of their own memory's start, not a slice of Node's shared pool: safe to move. */
function ownsItsMemory(bytes: Buffer): boolean {
  return (
    bytes.byteOffset === 0 && bytes.buffer.byteLength > Buffer.poolSize && bytes.buffer instanceof ArrayBuffer
  );
}

/**
 * One worker per core, at most `most` (each line's hash and byte check are independent; the chain
 * across chunks is joined by the caller). Undefined on one core, or when the worker module is not
 * there (the TypeScript sources under test): the audit then checks every line itself.
 */
export function createAuditWorkerPool(
  anchoredSeqs: readonly number[],
  most = 2,
  /** The worker module (tests give one that fails). */
  url = new URL('./audit-chunk-worker.js', import.meta.url),
): AuditWorkerPool | undefined {
  const count = Math.min(most, availableParallelism());
  // Not there (the TypeScript sources under test, or a bundle without the worker file): no workers.
  if (count < 2 || !import.meta.url.endsWith('.js') || !existsSync(url)) return undefined;
  // Loaded only when a board is large enough for workers (~2.5 ms of module compile otherwise spent
  // by every process that imports the audit, a mission's included).
  const { Worker: WorkerThread } = createRequire(import.meta.url)(
    'node:worker_threads',
  ) as typeof import('node:worker_threads');
  const pending = new Map<number, (result: ChunkResult) => void>();
  const workers: Worker[] = [];
  let dead = false;
  const failAll = () => {
    dead = true;
    for (const resolve of pending.values()) resolve({ verdict: { ok: false } });
    pending.clear();
  };
  for (let index = 0; index < count; index += 1) {
    const worker = new WorkerThread(url, { workerData: { anchoredSeqs } });
    worker.on(
      'message',
      ({ id, verdict, bytes }: { id: number; verdict: ChunkVerdict; bytes?: Uint8Array }) => {
        const back =
          bytes === undefined ? undefined : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
        pending.get(id)?.(back === undefined ? { verdict } : { verdict, bytes: back });
        pending.delete(id);
      },
    );
    worker.on('error', failAll);
    worker.on('exit', failAll);
    workers.push(worker);
  }
  let next = 0;
  return {
    check(bytes, offset) {
      if (dead) return Promise.resolve({ verdict: { ok: false }, bytes });
      const id = next;
      next += 1;
      return new Promise<ChunkResult>((resolve) => {
        const worker = workers[id % workers.length] as Worker;
        if (ownsItsMemory(bytes)) {
          pending.set(id, resolve);
          worker.postMessage({ id, bytes, offset }, [bytes.buffer as ArrayBuffer]);
        } else {
          // A slice of shared memory is copied (structured clone): the caller's bytes stay its own.
          pending.set(id, (result) => resolve({ verdict: result.verdict, bytes }));
          worker.postMessage({ id, bytes, offset });
        }
      });
    },
    async close() {
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}
