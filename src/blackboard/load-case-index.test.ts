import { mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
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

  it('never answers for other bytes: appended lines are parsed, an edited window is built afresh', async () => {
    const { path, cacheDir } = await fixture();
    await loadCaseIndex(path, { limit: 40, cacheDir });
    await appendMission(path, 'mi_c', 1);
    const moved = await loadCaseIndex(path, { limit: 40, cacheDir });
    // The window moved by one line: only the new line is parsed.
    expect(moved.reused).toBe(39);
    expect(answers(moved.cases)).toEqual(
      answers(createCaseIndex(await readRecentReceipts(path, { limit: 40 }))),
    );
    await appendMission(path, 'mi_d', 25);
    const far = await loadCaseIndex(path, { limit: 40, cacheDir });
    // The kept window is still the first one (a line or 25 do not make it rewritten): 14 of its lines
    // are in this window, the 26 appended after it are parsed.
    expect(far.reused).toBe(14);
    expect(answers(far.cases)).toEqual(
      answers(createCaseIndex(await readRecentReceipts(path, { limit: 40 }))),
    );
    // Same length, other words: a cache keyed by position or size would answer with the old text.
    // First a line appended after the kept range (parsed anyway), then one inside it (all rebuilt).
    for (const [line, reused] of [
      ['mi_d: order totals rounding (1)', 14],
      ['mi_b: order totals rounding (19)', 0],
    ] as const) {
      const text = await readFile(path, 'utf8');
      await writeFile(path, text.replace(line, line.replace('order', 'zebra')));
      const edited = await loadCaseIndex(path, { limit: 40, cacheDir });
      expect(edited.reused, line).toBe(reused);
      const found = edited.cases.search('zebra', { limit: 3 });
      expect(found.map((item) => item.summary)).toContain(line.replace('order', 'zebra'));
      expect(answers(edited.cases)).toEqual(
        answers(createCaseIndex(await readRecentReceipts(path, { limit: 40 }))),
      );
    }
    expect((await loadCaseIndex(path, { limit: 40, cacheDir })).reused).toBe(40);
  });

  it('grows with a history shorter than the window, from the file start', async () => {
    const { path, cacheDir } = await fixture();
    expect((await loadCaseIndex(path, { limit: 100, cacheDir })).lines).toBe(60);
    await appendMission(path, 'mi_c', 5);
    const grown = await loadCaseIndex(path, { limit: 100, cacheDir });
    expect(grown).toMatchObject({ reused: 60, lines: 65 });
    expect(answers(grown.cases)).toEqual(
      answers(createCaseIndex(await readRecentReceipts(path, { limit: 100 }))),
    );
  });

  it('answers a resumed mission (an earlier cut) from the kept window when it lies inside it', async () => {
    const { path, cacheDir } = await fixture();
    await appendMission(path, 'mi_c', 10);
    await loadCaseIndex(path, { limit: 40, cacheDir });
    const file = join(cacheDir, (await readdir(cacheDir))[0] as string);
    const before = await readFile(file);
    // Lines 40-59 of the kept 30-69: read back; the kept window, which reaches further, stays.
    const inside = await loadCaseIndex(path, { limit: 20, cacheDir, beforeMission: 'mi_c' });
    expect(inside.reused).toBe(20);
    expect(answers(inside.cases)).toEqual(
      answers(createCaseIndex(await readRecentReceipts(path, { limit: 20, beforeMission: 'mi_c' }))),
    );
    expect(await readFile(file)).toEqual(before);
    // Lines 20-59 start before the kept window: built afresh, same answers.
    const earlier = await loadCaseIndex(path, { limit: 40, cacheDir, beforeMission: 'mi_c' });
    expect(earlier.reused).toBe(0);
    expect(answers(earlier.cases)).toEqual(
      answers(createCaseIndex(await readRecentReceipts(path, { limit: 40, beforeMission: 'mi_c' }))),
    );
    expect((await loadCaseIndex(path, { limit: 40, cacheDir })).reused).toBe(30);
  });

  it('rebuilds a kept file that is torn or edited, and writes it 0600', async () => {
    const { path, cacheDir } = await fixture();
    await loadCaseIndex(path, { limit: 40, cacheDir });
    const [name] = await readdir(cacheDir);
    const file = join(cacheDir, name as string);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const whole = await readFile(file);
    await writeFile(file, whole.subarray(0, whole.length / 2));
    const torn = await loadCaseIndex(path, { limit: 40, cacheDir });
    expect(torn.reused).toBe(0);
    expect(await readFile(file)).toEqual(whole);
    // One byte of the arrays changed (a frequency, a document number): the file's own hash tells.
    const edited = Buffer.from(whole);
    edited[edited.length - 1] = (edited[edited.length - 1] as number) ^ 1;
    await writeFile(file, edited);
    expect((await loadCaseIndex(path, { limit: 40, cacheDir })).reused).toBe(0);
    expect((await loadCaseIndex(path, { limit: 40, cacheDir })).reused).toBe(40);
  });

  it('reads back terms and summaries beyond Latin-1 (UTF-16 in the file) exactly', async () => {
    const { path, cacheDir } = await fixture();
    const blackboard = await openBlackboard({ path, durable: false });
    for (const summary of ['東京 retry Übersicht', 'naïve café', 'lone \ud800 surrogate', '東京 cookie'])
      await blackboard.append({
        mission_id: 'mi_u',
        lane_id: 'lane-1',
        phase: 'react',
        role: 'bridger',
        summary,
        timestamp: '2026-01-01T00:00:00Z',
      });
    await blackboard.close();
    const expected = createCaseIndex(await readRecentReceipts(path, { limit: 40 }));
    const queries = ['東京', 'übersicht retry', 'cafe naive', '\ud800 surrogate', 'cookie'];
    await loadCaseIndex(path, { limit: 40, cacheDir });
    const read = await loadCaseIndex(path, { limit: 40, cacheDir });
    expect(read.reused).toBe(40);
    for (const query of queries)
      expect(read.cases.search(query, { limit: 10 })).toEqual(expected.search(query, { limit: 10 }));
    expect(read.cases.search('東京', { limit: 2 }).map((hit) => hit.summary)).toEqual([
      '東京 cookie',
      '東京 retry Übersicht',
    ]);
  });

  it('rewrites the kept file from the kept documents still in the window and the parsed ones', async () => {
    const { path, cacheDir } = await fixture();
    const expectSame = async (limit: number) => {
      const loaded = await loadCaseIndex(path, { limit, cacheDir });
      const expected = createCaseIndex(await readRecentReceipts(path, { limit }));
      for (const query of [...QUERIES, '東京 rounding'])
        expect(loaded.cases.search(query, { limit: 8 }), query).toEqual(expected.search(query, { limit: 8 }));
      return loaded;
    };
    await loadCaseIndex(path, { limit: 150, cacheDir });
    // 130 lines, some beyond Latin-1: the kept ASCII columns are widened when joined to them.
    await appendMission(path, 'mi_c', 128);
    await appendMission(path, '東京', 2);
    // Lines 40-189: 20 kept documents, 130 parsed (enough to rewrite the file).
    expect((await expectSame(150)).reused).toBe(20);
    await appendMission(path, 'mi_d', 3);
    // Read back from the rewritten file: all but the 3 new lines.
    expect((await expectSame(150)).reused).toBe(147);
  });
});
