import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFileJournal, journalDirectory } from './create-file-journal.js';
import { createMemoryJournal } from './create-memory-journal.js';
import { testJournalContract } from './test-journal-contract.js';

const directories: string[] = [];
afterEach(async () => {
  await Promise.all(directories.splice(0).map((path) => rm(path, { recursive: true, force: true })));
});

async function workingDirectory(): Promise<string> {
  const cwd = await mkdtemp(join(tmpdir(), 'swarmlord-journal-'));
  directories.push(cwd);
  return cwd;
}

describe('createFileJournal', () => {
  testJournalContract(async () => {
    const cwd = await workingDirectory();
    return {
      journal: createFileJournal({ cwd, missionId: 'mi_1' }),
      reopen: () => createFileJournal({ cwd, missionId: 'mi_1' }),
    };
  });

  it('removes the temporary file a crash left and never reads it as a step', async () => {
    const cwd = await workingDirectory();
    const journal = createFileJournal({ cwd, missionId: 'mi_1' });
    await journal.put({
      step: { missionId: 'mi_1', laneId: 'l', attempt: 1, phase: 'react' },
      kind: 'phase',
      value: 1,
    });
    // The steps folder of a journal written before the step log (decision 0046).
    const steps = join(journalDirectory({ cwd, missionId: 'mi_1' }), 'steps');
    await mkdir(steps, { recursive: true });
    await writeFile(join(steps, '.abc.json.123.ff.tmp'), '{"id":"half');
    const again = createFileJournal({ cwd, missionId: 'mi_1' });
    expect((await again.steps()).map((record) => record.id)).toEqual(['mi_1/l/a1/react']);
    expect((await readdir(steps)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses a mission id that could leave the journal folder', () => {
    expect(() => createFileJournal({ cwd: '/tmp', missionId: '../x' })).toThrow(/not a safe directory name/);
  });
});

describe('createMemoryJournal', () => {
  testJournalContract(async () => {
    const journal = createMemoryJournal();
    return { journal, reopen: () => journal };
  });
});
