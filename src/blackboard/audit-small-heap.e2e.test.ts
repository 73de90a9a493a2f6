import { execFile } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, open, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { GENESIS_HASH } from '../contracts/index.js';
import { canonicalJson } from './canonical-json.js';
import { hashReceipt } from './hash-receipt.js';

const cli = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
const run = promisify(execFile);
const HEAP_MB = 24;

/** A valid chain of `count` receipts of about `lineBytes` each, written as the writer writes them. */
async function writeChain(path: string, count: number, lineBytes: number): Promise<void> {
  const out = createWriteStream(path);
  let prev = GENESIS_HASH;
  for (let seq = 0; seq < count; seq += 1) {
    const body = {
      blocked_capabilities: [],
      data: { rationale: `case ${seq} `.repeat(Math.ceil(lineBytes / 10)).slice(0, lineBytes) },
      evidence_refs: [],
      lane_id: 'lane-1',
      mission_id: `mi_2026-01-01_${String(Math.floor(seq / 40)).padStart(6, '0')}`,
      phase: 'react',
      prev_hash: prev,
      role: 'bridger',
      safety_envelope: {},
      seq,
      summary: `step ${seq}`,
      timestamp: '2026-01-01T00:00:00Z',
    };
    prev = hashReceipt(body);
    const line = `${canonicalJson(body).slice(0, -1)},"hash":${JSON.stringify(prev)}}\n`;
    if (!out.write(line)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve, reject) =>
    out.end((error?: Error | null) => (error ? reject(error) : resolve())),
  );
}

describe('swarmlord audit in bounded memory', () => {
  it(`audits a blackboard twice the size of a ${HEAP_MB} MB heap, and names a bad line near its end`, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'swarmlord-audit-heap-'));
    const path = join(dir, 'board.jsonl');
    await writeChain(path, 1_600, 34 * 1024);
    const size = (await stat(path)).size;
    expect(size).toBeGreaterThan(2 * HEAP_MB * 2 ** 20);
    const { stdout } = await run(process.execPath, [`--max-old-space-size=${HEAP_MB}`, cli, 'audit', path]);
    expect(stdout).toContain('1600 receipts');
    expect(stdout).toContain('hash chain intact');
    // The same heap still finds damage past the first 48 MB: audit reads the whole file.
    const damaged = join(dir, 'damaged.jsonl');
    await writeChain(damaged, 1_600, 34 * 1024);
    const handle = await open(damaged, 'r+');
    await handle.write('X', size - 5_000);
    await handle.close();
    const failed = await run(process.execPath, [
      `--max-old-space-size=${HEAP_MB}`,
      cli,
      'audit',
      damaged,
    ]).then(
      () => ({ code: 0, stdout: '' }),
      (error: { code: number; stdout: string }) => error,
    );
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/line 1600/);
  }, 120_000);
});
