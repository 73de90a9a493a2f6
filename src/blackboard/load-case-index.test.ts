import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCaseIndex } from './create-case-index.js';
import { loadCaseIndex } from './load-case-index.js';
import { openBlackboard } from './open-blackboard.js';
import { readRecentReceipts } from './read-recent-receipts.js';

const TOPICS = ['retry logic in the payment client', 'order totals rounding', 'session cookie expiry'];

async function appendMission(path: string, id: string, count: number): Promise<void> {
  const blackboard = await openBlackboard({ path, durable: false });
  for (let step = 0; step < count; step += 1) {
    await blackboard.append({
      mission_id: id,
      lane_id: 'lane-1',
      phase: step % 2 === 0 ? 'react' : 'yield',
      role: step % 2 === 0 ? 'bridger' : 'assimilator',
      summary: `${id}: ${TOPICS[step % TOPICS.length]} (${step})`,
      data: { rationale: `looked at ${TOPICS[(step + 1) % TOPICS.length]}`, plan: ['check', 'fix'] },
      timestamp: '2026-01-01T00:00:00Z',
    });
  }
  await blackboard.close();
}

async function fixture() {
  const dir = await mkdtemp(join(tmpdir(), 'swarmlord-cases-'));
  const path = join(dir, 'board.jsonl');
  await appendMission(path, 'mi_a', 30);
  await appendMission(path, 'mi_b', 30);
  return { path, cacheDir: join(dir, 'cache') };
}

const QUERIES = ['payment retry', 'rounding of order totals', 'cookie', 'nothing matches zebra'];

/** What a search answers, for comparing an index with the one built straight from the receipts. */
function answers(cases: { search: (text: string, options?: object) => unknown[] }) {
  return QUERIES.map((query) => cases.search(query, { limit: 5, excludeMissionId: 'mi_b' }));
}

describe('loadCaseIndex', () => {
  it('answers exactly as createCaseIndex over readRecentReceipts, built or read back from the cache', async () => {
    const { path, cacheDir } = await fixture();
    const expected = answers(createCaseIndex(await readRecentReceipts(path, { limit: 40 })));
    const built = await loadCaseIndex(path, { limit: 40, cacheDir });
    expect(built.reused).toBe(0);
    expect(built.lines).toBe(40);
    expect(answers(built.cases)).toEqual(expected);
    expect(built.cases.size).toBe(40);
    const read = await loadCaseIndex(path, { limit: 40, cacheDir });
    expect(read.reused).toBe(40);
    expect(answers(read.cases)).toEqual(expected);
    // Without a cache directory nothing is kept and the answers are the same.
    const plain = await loadCaseIndex(path, { limit: 40 });
    expect(plain.reused).toBe(0);
    expect(answers(plain.cases)).toEqual(expected);
  });

  it('never answers for other bytes: a new receipt or an edited line in the window is read afresh', async () => {
    const { path, cacheDir } = await fixture();
    await loadCaseIndex(path, { limit: 40, cacheDir });
    await appendMission(path, 'mi_c', 1);
    const moved = await loadCaseIndex(path, { limit: 40, cacheDir });
    // The window moved by one line: only the new line is parsed.
    expect(moved.reused).toBe(39);
    // Same length, other words: a cache keyed by position or size would answer with the old text.
    const text = await readFile(path, 'utf8');
    await writeFile(path, text.replace('mi_b: order totals rounding (1)', 'mi_b: zebra totals rounding (1)'));
    const edited = await loadCaseIndex(path, { limit: 40, cacheDir });
    expect(edited.reused).toBe(39);
    const found = edited.cases.search('zebra', { limit: 3 });
    expect(found.map((item) => item.summary)).toEqual(['mi_b: zebra totals rounding (1)']);
    expect(answers(edited.cases)).toEqual(
      answers(createCaseIndex(await readRecentReceipts(path, { limit: 40 }))),
    );
  });

  it('rebuilds a cached file that is torn or not documents, and never reuses an entry of the wrong shape', async () => {
    const { path, cacheDir } = await fixture();
    await loadCaseIndex(path, { limit: 40, cacheDir });
    const [name] = await readdir(cacheDir);
    const file = join(cacheDir, name as string);
    const whole = await readFile(file, 'utf8');
    await writeFile(file, whole.slice(0, whole.length / 2));
    const torn = await loadCaseIndex(path, { limit: 40, cacheDir });
    expect(torn.reused).toBe(0);
    expect(await readFile(file, 'utf8')).toBe(whole);
    await writeFile(file, whole.replace('"details":"', '"details":7,"x":"'));
    expect((await loadCaseIndex(path, { limit: 40, cacheDir })).reused).toBe(0);
    expect((await loadCaseIndex(path, { limit: 40, cacheDir })).reused).toBe(40);
  });
});
