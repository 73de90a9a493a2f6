import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { journalDirectory, removeJournalLeftovers } from './create-file-journal.js';

let cwd: string | undefined;
afterEach(async () => {
  if (cwd !== undefined) await rm(cwd, { recursive: true, force: true });
});

describe('removeJournalLeftovers', () => {
  it("removes a crash's temp files from the mission folder and its steps, keeping the journal and this process's own", async () => {
    cwd = await mkdtemp(join(tmpdir(), 'swarmlord-leftovers-'));
    const folder = journalDirectory({ cwd, missionId: 'mi_1' });
    await mkdir(join(folder, 'steps'), { recursive: true });
    const own = `.owner.json.${process.pid}.ab12cd34.tmp`;
    for (const name of ['journal.json', 'owner.json', '.owner.json.4000000.ab12cd34.tmp', own])
      await writeFile(join(folder, name), '{}');
    await writeFile(join(folder, 'steps', 'a.json'), '{}');
    await writeFile(join(folder, 'steps', '.a.json.4000000.ff.tmp'), '{');
    await removeJournalLeftovers({ cwd, missionId: 'mi_1' });
    expect((await readdir(folder)).sort()).toEqual([own, 'journal.json', 'owner.json', 'steps'].sort());
    expect(await readdir(join(folder, 'steps'))).toEqual(['a.json']);
  });

  it('does nothing where there is no journal', async () => {
    cwd = await mkdtemp(join(tmpdir(), 'swarmlord-leftovers-'));
    await expect(removeJournalLeftovers({ cwd, missionId: 'mi_none' })).resolves.toBeUndefined();
  });
});
