import { parentPort, workerData } from 'node:worker_threads';
import { checkLineChunk } from './check-line-chunk.js';

/**
 * A worker of `audit-worker-pool.ts`: checks the chunks it is sent, one at a time, in order. A
 * chunk's memory is moved here (not copied) and back with the verdict: the audit checks a chunk
 * the worker cannot vouch for line by line, and reads the next chunks into the memory again.
 */
const anchoredSeqs = new Set<number>((workerData as { anchoredSeqs: number[] }).anchoredSeqs);
parentPort?.on('message', (message: { id: number; bytes: Uint8Array; offset: number }) => {
  const { id, bytes: view, offset } = message;
  const bytes = Buffer.from(view.buffer, view.byteOffset, view.byteLength);
  const verdict = checkLineChunk(bytes, offset, anchoredSeqs);
  parentPort?.postMessage({ id, verdict, bytes: view }, [view.buffer as ArrayBuffer]);
});
