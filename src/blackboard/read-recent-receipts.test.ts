import { mkdtemp, open, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openBlackboard } from './open-blackboard.js';
import { readRecentReceiptsWithStats } from './read-recent-receipts.js';
import { receiptIndexPath } from './receipt-index.js';

async function appendMissions(path: string, missions: { id: string; count: number }[]): Promise<void> {
  const blackboard = await openBlackboard({ path, durable: false });
  for (const mission of missions) {
    for (let step = 0; step < mission.count; step += 1) {
      await blackboard.append({
        mission_id: mission.id,
        lane_id: 'lane-1',
        phase: 'react',
        role: 'bridger',
        summary: `${mission.id} step ${step}`,
        timestamp: '2026-01-01T00:00:00Z',
      });
    }
  }
  await blackboard.close();
}

async function blackboardFile(): Promise<string> {
  return join(await mkdtemp(join(tmpdir(), 'swarmlord-recent-')), 'board.jsonl');
}

describe('readRecentReceipts', () => {
  it('reads only the tail since the indexed offset: the history before it is never parsed', async () => {
    const path = await blackboardFile();
    await appendMissions(path, [
      { id: 'mi_old', count: 3_000 },
      { id: 'mi_mid', count: 20 },
    ]);
    const first = await readRecentReceiptsWithStats(path, { limit: 10 });
    expect(first.indexedFrom).toBe(0);
    expect(first.receipts.map((receipt) => receipt.summary)).toEqual(
      Array.from({ length: 10 }, (_, index) => `mi_mid step ${index + 10}`),
    );
    const indexedEnd = (await stat(path)).size;
    // Turn the first 2,500 lines into bytes no JSON parser accepts, keeping every length: a reader
    // that went through them would skip them or fail; one that reads the tail never sees them.
    const text = await readFile(path, 'utf8');
    const lines = text.split('\n');
    const garbled = lines.map((line, index) => (index < 2_500 ? '#'.repeat(line.length) : line)).join('\n');
    const handle = await open(path, 'r+');
    await handle.write(garbled, 0, 'utf8');
    await handle.close();
    await appendMissions(path, [{ id: 'mi_new', count: 5 }]);
    const second = await readRecentReceiptsWithStats(path, { limit: 8 });
    expect(second.indexedFrom).toBe(indexedEnd);
    expect(second.receipts.map((receipt) => receipt.summary)).toEqual([
      'mi_mid step 17',
      'mi_mid step 18',
      'mi_mid step 19',
      'mi_new step 0',
      'mi_new step 1',
      'mi_new step 2',
      'mi_new step 3',
      'mi_new step 4',
    ]);
    const size = (await stat(path)).size;
    expect(second.bytesRead).toBeLessThan(size / 4);
    // The cut before a mission comes from the index: mi_mid's first receipt, found without a scan.
    const before = await readRecentReceiptsWithStats(path, { limit: 3, beforeMission: 'mi_mid' });
    expect(before.receipts.map((receipt) => receipt.summary)).toEqual([
      'mi_old step 2997',
      'mi_old step 2998',
      'mi_old step 2999',
    ]);
    expect(before.indexedFrom).toBe(size);
  });

  it('rebuilds the index when the line it ended at changed, and reads nothing past a torn tail', async () => {
    const path = await blackboardFile();
    await appendMissions(path, [{ id: 'mi_a', count: 5 }]);
    await readRecentReceiptsWithStats(path);
    const index = JSON.parse(await readFile(receiptIndexPath(path), 'utf8')) as { last: { hash: string } };
    await writeFile(
      receiptIndexPath(path),
      JSON.stringify({ ...index, last: { ...index.last, hash: 'f'.repeat(64) } }),
    );
    const rebuilt = await readRecentReceiptsWithStats(path);
    expect(rebuilt.indexedFrom).toBe(0);
    expect(rebuilt.receipts).toHaveLength(5);
    await writeFile(path, '{"torn', { flag: 'a' });
    const torn = await readRecentReceiptsWithStats(path);
    expect(torn.receipts.map((receipt) => receipt.seq)).toEqual([0, 1, 2, 3, 4]);
    expect((await readRecentReceiptsWithStats(join(path, '..', 'missing.jsonl'))).receipts).toEqual([]);
  });
});
