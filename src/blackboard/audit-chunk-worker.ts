import { parentPort, workerData } from 'node:worker_threads';
import { checkLineChunk } from './check-line-chunk.js';

/**
 * A worker of `audit-worker-pool.ts`: checks the chunks it is sent, one at a time, in order. A
 * chunk's memory is moved here (not copied); one it cannot vouch for is moved back with the
 * verdict, for the audit to check line by line.
 */
const anchoredSeqs = new Set<number>((workerData as { anchoredSeqs: number[] }).anchoredSeqs);
parentPort?.on('message', (message: { id: number; bytes: Uint8Array; offset: number }) => {
  const { id, bytes: view, offset } = message;
  const bytes = Buffer.from(view.buffer, view.byteOffset, view.byteLength);
  const verdict = checkLineChunk(bytes, offset, anchoredSeqs);
  if (verdict.ok) parentPort?.postMessage({ id, verdict });
  else parentPort?.postMessage({ id, verdict, bytes: view }, [view.buffer as ArrayBuffer]);
});
