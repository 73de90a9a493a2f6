import { mkdtemp, open, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openBlackboard } from './open-blackboard.js';
import { readRecentReceiptsWithStats } from './read-recent-receipts.js';
import { loadReceiptIndex, receiptMissionsPath } from './receipt-index.js';

/** Ids a byte search could confuse: prefixes, quotes, spaces, escapes, non-Latin-1, a lone surrogate. */
const IDS = [
  'mi_a',
  'mi_ab',
  'b mi_a',
  'mi_"a"',
  'mi_a\\',
  'a\nb',
  'Übersicht 東京',
  'x\ud800',
  'x\ud801',
  '1',
];

async function appendSteps(path: string, steps: ReadonlyArray<string>): Promise<void> {
  const blackboard = await openBlackboard({ path, durable: false });
  for (const missionId of steps)
    await blackboard.append({
      mission_id: missionId,
      lane_id: 'lane-1',
      phase: 'react',
      role: 'bridger',
      summary: `${missionId} step`,
      timestamp: '2026-01-01T00:00:00Z',
    });
  await blackboard.close();
}

/** Each mission's first line offset, by reading the whole file. */
async function firstOffsets(path: string): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  let offset = 0;
  for (const line of (await readFile(path, 'utf8')).split('\n')) {
    if (line !== '') {
      const missionId = (JSON.parse(line) as { mission_id: string }).mission_id;
      if (!found.has(missionId)) found.set(missionId, offset);
    }
    offset += Buffer.byteLength(line) + 1;
  }
  return found;
}

async function loaded(path: string) {
  const handle = await open(path, 'r');
  try {
    return await loadReceiptIndex(path, handle, (await stat(path)).size);
  } finally {
    await handle.close();
  }
}

describe('the receipt index', () => {
  it("finds each mission's first receipt by its id alone, across appends, without rewriting what it kept", async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'swarmlord-receipt-index-')), 'board.jsonl');
    await appendSteps(path, ['mi_ab', 'b mi_a', 'mi_ab', ...IDS.slice(3, 6), 'mi_a\\']);
    await readRecentReceiptsWithStats(path);
    const kept = await readFile(receiptMissionsPath(path));
    await appendSteps(path, ['mi_a', ...IDS.slice(6), 'mi_ab', 'mi_a']);
    await readRecentReceiptsWithStats(path);
    // The second mission's lines were appended after the first ones' bytes, which stay as they were.
    expect((await readFile(receiptMissionsPath(path))).subarray(0, kept.length)).toEqual(kept);
    const index = await loaded(path);
    expect(index).toBeDefined();
    const expected = await firstOffsets(path);
    for (const missionId of IDS)
      expect(index?.missionStart(missionId), missionId).toBe(expected.get(missionId));
    expect(index?.missionStart('mi_')).toBeUndefined();
    expect(index?.missionStart('a')).toBeUndefined();
  });

  it('is rebuilt when its missions file was edited, and ignores bytes after the ones it recorded', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'swarmlord-receipt-index-')), 'board.jsonl');
    await appendSteps(path, ['mi_a', 'mi_b', 'mi_c']);
    await readRecentReceiptsWithStats(path);
    const missions = receiptMissionsPath(path);
    const whole = await readFile(missions);
    // Left after its recorded bytes (a crash before the index was rewritten): not read.
    await writeFile(missions, Buffer.concat([whole, Buffer.from('0 "mi_z"\n')]));
    expect((await loaded(path))?.missionStart('mi_z')).toBeUndefined();
    expect((await readRecentReceiptsWithStats(path)).indexedFrom).toBe((await stat(path)).size);
    // One offset changed in place (same length): the recorded sha256 tells, the index is rebuilt.
    await writeFile(missions, Buffer.from(whole.toString('latin1').replace(/^0 /, '9 '), 'latin1'));
    expect(await loaded(path)).toBeUndefined();
    expect((await readRecentReceiptsWithStats(path, { beforeMission: 'mi_b' })).indexedFrom).toBe(0);
    expect((await loaded(path))?.missionStart('mi_a')).toBe(0);
  });
});
