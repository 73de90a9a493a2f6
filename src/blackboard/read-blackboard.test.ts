import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openBlackboard } from './open-blackboard.js';
import { readBlackboard } from './read-blackboard.js';

let directory: string;
beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'swarmlord-read-'));
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe('readBlackboard', () => {
  it('reads a missing file as an empty blackboard', async () => {
    expect(await readBlackboard(join(directory, 'none.jsonl'))).toEqual({ receipts: [] });
  });

  it('returns receipts in file order with defaults applied', async () => {
    const path = join(directory, 'board.jsonl');
    const blackboard = await openBlackboard({ path });
    for (const summary of ['first', 'second']) {
      await blackboard.append({
        mission_id: 'mi_1',
        lane_id: 'lane-1',
        phase: 'react',
        role: 'bridger',
        summary,
        timestamp: '2025-10-30T10:00:00Z',
      });
    }
    await blackboard.close();
    const { receipts, torn } = await readBlackboard(path);
    expect(receipts.map((receipt) => [receipt.seq, receipt.summary, receipt.evidence_refs])).toEqual([
      [0, 'first', []],
      [1, 'second', []],
    ]);
    expect(torn).toBeUndefined();

    const [first, second] = (await readFile(path, 'utf8')).split('\n');
    await writeFile(path, `${first}\n{"not":"a receipt"}\n${second}\n`);
    await expect(readBlackboard(path)).rejects.toMatchObject({
      code: 'BLACKBOARD_CORRUPT',
      message: expect.stringContaining('line 2: not a receipt'),
    });
  });
});
