import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GENESIS_HASH } from '../contracts/index.js';
import type { createAuditWorkerPool as CreatePool } from './audit-worker-pool.js';
import { canonicalJson } from './canonical-json.js';
import { hashReceipt } from './hash-receipt.js';

// The pool runs built workers: this loads the built module (run `npm run build` first).
const built = new URL('../../dist/blackboard/audit-worker-pool.js', import.meta.url).href;
let createPool: typeof CreatePool;
let directory: string;

/** A chunk of `count` chained receipt lines, in its own memory (as the audit's reader hands it out). */
function chunkOf(count: number): Buffer {
  let prev = GENESIS_HASH;
  let text = '';
  for (let seq = 0; seq < count; seq += 1) {
    const body = {
      lane_id: 'lane-1',
      mission_id: 'mi_a',
      phase: 'react',
      prev_hash: prev,
      role: 'bridger',
      seq,
      summary: `step ${seq}`,
      timestamp: '2026-01-01T00:00:00Z',
    };
    prev = hashReceipt(body);
    text += `${canonicalJson(body).slice(0, -1)},"hash":"${prev}"}\n`;
  }
  // Larger than Node's buffer pool (8 KiB on Node 20, 64 KiB on Node 24): memory of its own, movable.
  const bytes = Buffer.allocUnsafeSlow(Math.max(Buffer.byteLength(text), 2 * Buffer.poolSize));
  const length = bytes.write(text);
  return bytes.subarray(0, length);
}

beforeAll(async () => {
  createPool = ((await import(built)) as { createAuditWorkerPool: typeof CreatePool }).createAuditWorkerPool;
  directory = await mkdtemp(join(tmpdir(), 'swarmlord-audit-pool-'));
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe.skipIf(availableParallelism() < 2)('audit worker pool', () => {
  it('moves a chunk to a worker and gets its verdict and its memory back', async () => {
    const pool = createPool([1]);
    expect(pool).toBeDefined();
    const chunk = chunkOf(3);
    const copy = Buffer.from(chunk);
    try {
      const result = await (pool as NonNullable<typeof pool>).check(chunk, 500);
      expect(chunk.length).toBe(0); // moved, not copied
      expect(result.verdict).toMatchObject({ ok: true, firstSeq: 0, lines: 3 });
      expect(result.bytes?.equals(copy)).toBe(true);
    } finally {
      await pool?.close();
    }
  });

  it('answers "not vouched", without the bytes, for the chunks of a worker that died', async () => {
    const dying = join(directory, 'dying-worker.mjs');
    await writeFile(
      dying,
      "import { parentPort } from 'node:worker_threads';\nparentPort.on('message', () => process.exit(3));\n",
    );
    const pool = createPool([], 2, pathToFileURL(dying));
    try {
      const result = await (pool as NonNullable<typeof pool>).check(chunkOf(2), 0);
      expect(result).toEqual({ verdict: { ok: false } });
      // Once dead, a chunk is not sent: it comes back at once, still the caller's.
      const kept = chunkOf(2);
      expect(await (pool as NonNullable<typeof pool>).check(kept, 0)).toEqual({
        verdict: { ok: false },
        bytes: kept,
      });
    } finally {
      await pool?.close();
    }
  });
});
