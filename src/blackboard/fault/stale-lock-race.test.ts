import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { auditBlackboard } from '../audit-blackboard.js';
import { assertFaultChildBuilt, runFaultChild } from './test-fault-child.js';

// Bounded so the suite stays fast on two cores; the measured fork rate was 13 in 72 rounds.
const ROUNDS = 8;
const PROCESSES = 5;
const RECEIPTS = 12;

let directory: string;
let path: string;
beforeAll(assertFaultChildBuilt);
beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'swarmlord-race-'));
  path = join(directory, 'board.jsonl');
  await mkdir(directory, { recursive: true });
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

function deadPid(): number {
  const pid = spawnSync(process.execPath, ['-e', '']).pid;
  if (pid === undefined) throw new Error('could not start a process');
  return pid;
}

describe('processes racing over a stale lock', () => {
  it('never admit two holders at once', { timeout: 120_000 }, async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      await writeFile(`${path}.lock`, JSON.stringify({ pid: deadPid(), token: `stale-${round}` }));
      const startAt = Date.now() + 400;
      const outcomes = await Promise.all(
        Array.from({ length: PROCESSES }, () => runFaultChild(['lock', path, '20', String(startAt)])),
      );
      for (const outcome of outcomes)
        expect(outcome, outcome.stderr).toMatchObject({ code: 0, stdout: 'OK\n' });
    }
  });

  it('append into one valid chain, no seq twice, every receipt kept', { timeout: 120_000 }, async () => {
    let expected = 0;
    for (let round = 0; round < ROUNDS; round += 1) {
      await writeFile(`${path}.lock`, JSON.stringify({ pid: deadPid(), token: `stale-${round}` }));
      const startAt = Date.now() + 400;
      const outcomes = await Promise.all(
        Array.from({ length: PROCESSES }, () =>
          runFaultChild(['append', path, String(RECEIPTS), String(startAt)]),
        ),
      );
      const seqs = outcomes.flatMap((outcome) => {
        expect(outcome.code, outcome.stderr).toBe(0);
        return (JSON.parse(outcome.stdout) as { seqs: number[] }).seqs;
      });
      expected += PROCESSES * RECEIPTS;
      expect(new Set(seqs).size).toBe(seqs.length);
      const audit = await auditBlackboard(path);
      expect(audit, audit.firstBad?.reason).toMatchObject({ ok: true, receipts: expected });
    }
    // Nothing left behind: no lock, no break file, no temp file.
    expect((await readdir(directory)).sort()).toEqual(['board.jsonl']);
  });
});
