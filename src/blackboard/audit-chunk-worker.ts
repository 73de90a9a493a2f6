import { parentPort, workerData } from 'node:worker_threads';
import { checkLineChunk } from './check-line-chunk.js';

/** A worker of `audit-worker-pool.ts`: checks the chunks it is sent, one at a time, in order. */
const anchoredSeqs = new Set<number>((workerData as { anchoredSeqs: number[] }).anchoredSeqs);
parentPort?.on('message', (message: { id: number; bytes: Uint8Array; firstLine: number; offset: number }) => {
  const bytes = Buffer.from(message.bytes.buffer, message.bytes.byteOffset, message.bytes.byteLength);
  parentPort?.postMessage({
    id: message.id,
    verdict: checkLineChunk(bytes, message.firstLine, message.offset, anchoredSeqs),
  });
});
