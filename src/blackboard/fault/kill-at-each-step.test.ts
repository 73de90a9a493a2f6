import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { auditBlackboard } from '../audit-blackboard.js';
import type { FaultPoint } from '../fault-point.js';
import { assertFaultChildBuilt, runFaultChild } from './test-fault-child.js';

const POINTS: FaultPoint[] = [
  'lock-temp-written',
  'lock-linked',
  'lock-held',
  'batch-half-written',
  'batch-written',
];

let directory: string;
let path: string;
beforeAll(assertFaultChildBuilt);
beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'swarmlord-kill-'));
  path = join(directory, 'board.jsonl');
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe('a writer killed between any two steps', () => {
  it.each(POINTS)(
    'at %s never blocks the next run nor breaks the chain',
    { timeout: 60_000 },
    async (point) => {
      expect((await runFaultChild(['append', path, '4', '0'])).code).toBe(0);
      // The first batch of the second writer is where it dies.
      const killed = await runFaultChild(['append', path, '4', '0'], point);
      expect(killed.signal).toBe('SIGKILL');
      const next = await runFaultChild(['append', path, '4', '0']);
      expect(next.code, next.stderr).toBe(0);
      const audit = await auditBlackboard(path);
      expect(audit, audit.firstBad?.reason).toMatchObject({ ok: true });
      // Only whole lines a killed writer wrote survive (before the kill or in the torn set-aside).
      expect(audit.receipts).toBeGreaterThanOrEqual(8);
      const left = (await readdir(directory)).filter((name) => /\.lock|\.tmp-|\.break-/.test(name));
      expect(left).toEqual([]);
    },
  );

  it('while breaking a stale lock leaves a break file the next writer gets past', {
    timeout: 60_000,
  }, async () => {
    expect((await runFaultChild(['append', path, '2', '0'], 'lock-held')).signal).toBe('SIGKILL');
    expect((await runFaultChild(['append', path, '2', '0'], 'break-file-created')).signal).toBe('SIGKILL');
    const next = await runFaultChild(['append', path, '2', '0']);
    expect(next.code, next.stderr).toBe(0);
    expect(await auditBlackboard(path)).toMatchObject({ ok: true, receipts: 2 });
  });
});
