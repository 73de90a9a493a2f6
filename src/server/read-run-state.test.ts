import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { JournalStatus } from '../durable/index.js';
import { claimMissionOwner, createFileJournal } from '../durable/index.js';
import { readRunState } from './read-run-state.js';

const directories: string[] = [];
const missionId = 'mi_2026-12-02_abcdef';

afterEach(async () => {
  for (const directory of directories.splice(0)) await rm(directory, { recursive: true, force: true });
});

async function withJournal(status: JournalStatus): Promise<string> {
  const cwd = await mkdtemp(join(tmpdir(), 'swarmlord-run-state-'));
  directories.push(cwd);
  await createFileJournal({ cwd, missionId }).writeMeta({
    format: 'swarmlord.journal/v1',
    missionId,
    status,
    run: 2,
    intent: {},
    workspace: {},
    updatedAt: new Date().toISOString(),
  });
  return cwd;
}

describe('readRunState', () => {
  it('calls a journal left running whose owner is gone interrupted, and resumable', async () => {
    const cwd = await withJournal('running');
    expect(await readRunState(cwd, missionId, undefined)).toMatchObject({
      state: 'interrupted',
      resumable: true,
      cancellable: false,
      run: 2,
    });
  });

  it('calls a run whose owner provably runs (another terminal) running: neither resumable nor cancellable here', async () => {
    const cwd = await withJournal('running');
    const claim = await claimMissionOwner({ cwd, missionId });
    try {
      expect(await readRunState(cwd, missionId, undefined)).toMatchObject({
        state: 'running',
        resumable: false,
        cancellable: false,
        reason: expect.stringContaining(`process ${process.pid}`),
      });
    } finally {
      await claim.release();
    }
    expect((await readRunState(cwd, missionId, undefined)).state).toBe('interrupted');
  });

  it('is running (cancellable, not resumable) while its process here has not exited', async () => {
    const cwd = await withJournal('running');
    const process = { missionId, pid: 1, command: 'run' as const, log: [] };
    expect(await readRunState(cwd, missionId, process)).toMatchObject({
      state: 'running',
      resumable: false,
      cancellable: true,
    });
    // The process exited without finishing the journal (a crash): interrupted again.
    expect(await readRunState(cwd, missionId, { ...process, exitCode: 1 })).toMatchObject({
      state: 'interrupted',
      resumable: true,
    });
  });

  it('stopped (a partial digest) is resumable; finished is not; no journal is unknown', async () => {
    expect((await readRunState(await withJournal('stopped'), missionId, undefined)).resumable).toBe(true);
    expect(await readRunState(await withJournal('finished'), missionId, undefined)).toMatchObject({
      state: 'finished',
      resumable: false,
    });
    const empty = await mkdtemp(join(tmpdir(), 'swarmlord-run-state-'));
    directories.push(empty);
    expect((await readRunState(empty, missionId, undefined)).state).toBe('unknown');
  });
});
