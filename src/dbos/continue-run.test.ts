import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Blackboard } from '../blackboard/index.js';
import { createBlackboardListener, openBlackboard } from '../blackboard/index.js';
import { createMissionIndexer } from '../store/index.js';
import { missionEvents } from '../store/test-store-fixtures.js';
import { markContinuedRun, missionStartKind } from './continue-run.js';

let cwd: string;
beforeEach(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'swarmlord-continued-'));
});
afterEach(async () => {
  await rm(cwd, { recursive: true, force: true });
});

/** A worker dies after the first receipts of a mission; a second execution writes the whole mission again through `wrap`. */
async function recoveredRun(wrap: (blackboard: Blackboard) => Blackboard) {
  const path = join(cwd, 'receipts.jsonl');
  const blackboard = await openBlackboard({ path, durable: false });
  const events = missionEvents('mi_continued', 'PASS');
  const first = createBlackboardListener(blackboard);
  for (const event of events.slice(0, 2)) await first(event);
  const second = createBlackboardListener(wrap(blackboard));
  for (const event of events) await second(event);
  await blackboard.close();
  const indexer = createMissionIndexer({ cwd, blackboardPath: 'receipts.jsonl' });
  const lines = (await readFile(path, 'utf8')).trim().split('\n');
  for (const line of lines) indexer.apply(JSON.parse(line));
  const starts = lines.filter((line) => line.includes('"phase":"mission_start"')).length;
  const mission = indexer.missions()[0]?.mission;
  return { starts, runs: mission?.runs, resumes: mission?.resumes, status: mission?.status };
}

describe('a mission workflow recovered before its journal had a header', () => {
  it('writes a second mission_start that the store counts as the same run, resumed', async () => {
    expect(await recoveredRun(markContinuedRun)).toEqual({
      starts: 2,
      runs: 1,
      resumes: 1,
      status: 'passed',
    });
  });

  it('unmarked, the same receipts would count as two runs (what the mark prevents)', async () => {
    expect(await recoveredRun((blackboard) => blackboard)).toEqual({
      starts: 2,
      runs: 2,
      resumes: 0,
      status: 'passed',
    });
  });

  it('tells a fresh start, a resume from the journal and a continued run apart', () => {
    expect(missionStartKind({ journalMeta: undefined, receiptsHead: undefined })).toBe('fresh');
    expect(missionStartKind({ journalMeta: { run: 1 }, receiptsHead: { seq: 4 } })).toBe('resume');
    expect(missionStartKind({ journalMeta: undefined, receiptsHead: { seq: 0 } })).toBe('continued');
  });
});
