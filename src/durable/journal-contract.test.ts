import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { redactSecrets } from '../blackboard/redact-secrets.js';
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

  it('writes each step as JSON.stringify of the redacted record: no secret reaches the log', async () => {
    const cwd = await workingDirectory();
    const journal = createFileJournal({ cwd, missionId: 'mi_1' });
    const excerpt = `${'const a = 1;\n'.repeat(20)}const password = "hunter2-very-secret";\n`;
    const values = [
      { excerpts: [{ text: excerpt, id: 'E1' }], note: 'ghp_0123456789abcdefABCDEFghij' },
      { excerpts: [{ text: excerpt, id: 'E1' }], api_token: 'plain-value', skipped: undefined },
    ];
    const written = [];
    for (const [index, value] of values.entries()) {
      written.push(
        await journal.put({
          step: { missionId: 'mi_1', laneId: `l${index}`, attempt: 1, phase: 'perceive' },
          kind: 'phase',
          value,
        }),
      );
    }
    const log = await readFile(join(journalDirectory({ cwd, missionId: 'mi_1' }), 'steps.log'), 'utf8');
    expect(log).not.toMatch(/hunter2|ghp_0123|plain-value/);
    const lines = log.split('\n').filter((line) => line !== '');
    expect(lines.map((line) => line.slice(65))).toEqual(
      written.map((record) => JSON.stringify(redactSecrets(record))),
    );
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
