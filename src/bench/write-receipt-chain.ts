import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { canonicalJson } from '../blackboard/canonical-json.js';
import { hashReceipt } from '../blackboard/hash-receipt.js';
import { GENESIS_HASH } from '../contracts/index.js';

/**
 * A valid chain of `count` receipts (about 630 bytes a line), written as the blackboard writer
 * writes them: the history of the scale bench and the boards of the audit bench.
 */
export async function writeReceiptChain(path: string, count: number): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const out = createWriteStream(path);
  let prev = GENESIS_HASH;
  for (let seq = 0; seq < count; seq += 1) {
    const body = {
      blocked_capabilities: [],
      data: { plan: ['look', 'check'], rationale: `the payment client retries in module ${seq % 97}` },
      evidence_refs: [{ kind: 'file', lines: [1, 12], path: `src/m${seq % 97}.ts`, sha256: 'a'.repeat(64) }],
      lane_id: 'lane-1',
      mission_id: `mi_2026-01-01_${String(Math.floor(seq / 40)).padStart(6, '0')}`,
      phase: 'react',
      prev_hash: prev,
      role: 'bridger',
      safety_envelope: {},
      seq,
      summary: `Observed the retry logic in module ${seq % 97} (${seq})`,
      timestamp: '2026-01-01T00:00:00Z',
    };
    prev = hashReceipt(body);
    if (!out.write(`${canonicalJson(body).slice(0, -1)},"hash":${JSON.stringify(prev)}}\n`)) {
      await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    }
  }
  await new Promise<void>((resolve, reject) =>
    out.end((error?: Error | null) => (error ? reject(error) : resolve())),
  );
}
