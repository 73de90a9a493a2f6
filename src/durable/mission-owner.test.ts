import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { processStartTime } from '../blackboard/process-identity.js';
import { createFileJournal, journalDirectory, OWNER_FILE } from './create-file-journal.js';
import type { MissionOwner } from './mission-owner.js';
import { claimMissionOwner, judgeMissionOwner, OWNER_STALE_MS, readMissionOwner } from './mission-owner.js';

const directories: string[] = [];
afterEach(async () => {
  await Promise.all(directories.splice(0).map((path) => rm(path, { recursive: true, force: true })));
});

async function workingDirectory(): Promise<string> {
  const cwd = await mkdtemp(join(tmpdir(), 'swarmlord-owner-'));
  directories.push(cwd);
  return cwd;
}

/** A real child process, identified while it runs, then ended: its identity names a dead process. */
async function deadProcessIdentity(): Promise<{ pid: number; start?: string }> {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
  const pid = child.pid ?? 0;
  const start = processStartTime(pid);
  const exited = new Promise((resolve) => child.on('exit', resolve));
  child.kill('SIGKILL');
  await exited;
  return { pid, ...(start === undefined ? {} : { start }) };
}

describe('mission owner', () => {
  it('claims a mission for this process, heartbeats while it runs and says so when released', async () => {
    const cwd = await workingDirectory();
    const claim = await claimMissionOwner({ cwd, missionId: 'mi_owner' });
    const written = await readMissionOwner({ cwd, missionId: 'mi_owner' });
    expect(written).toMatchObject({ pid: process.pid, host: hostname(), missionId: 'mi_owner' });
    expect(judgeMissionOwner(written)).toMatchObject({ alive: true });
    await claim.release();
    const released = await readMissionOwner({ cwd, missionId: 'mi_owner' });
    expect(released?.releasedAt).toBeDefined();
    expect(judgeMissionOwner(released)).toMatchObject({
      alive: false,
      reason: expect.stringContaining('let go'),
    });
  });

  it('is not alive once its process is gone, its pid belongs to another process, or its heartbeat is stale', async () => {
    const cwd = await workingDirectory();
    const claim = await claimMissionOwner({ cwd, missionId: 'mi_owner' });
    await claim.release();
    const base = { ...(await readMissionOwner({ cwd, missionId: 'mi_owner' })) } as MissionOwner;
    delete base.releasedAt;
    const now = new Date(base.heartbeatAt);
    const dead = await deadProcessIdentity();
    expect(judgeMissionOwner({ ...base, ...dead }, { now })).toEqual({
      alive: false,
      reason: `process ${dead.pid} on ${hostname()} is gone`,
    });
    if (base.start !== undefined) {
      // This process's pid with another start time: the pid was reused, the owner is gone.
      expect(judgeMissionOwner({ ...base, start: `${base.start}9` }, { now }).alive).toBe(false);
    }
    expect(judgeMissionOwner(base, { now }).alive).toBe(true);
    const later = new Date(now.getTime() + OWNER_STALE_MS + 1_000);
    expect(judgeMissionOwner(base, { now: later })).toMatchObject({
      alive: false,
      reason: expect.stringContaining('heartbeat is 31 s old'),
    });
    // Another host: only its heartbeat can tell.
    const remote = { ...base, host: `${hostname()}-elsewhere`, pid: 1 };
    expect(judgeMissionOwner(remote, { now }).alive).toBe(true);
    expect(judgeMissionOwner(remote, { now: later }).alive).toBe(false);
    expect(judgeMissionOwner(undefined)).toMatchObject({
      alive: false,
      reason: expect.stringContaining(OWNER_FILE),
    });
  });

  it('reads no owner from a missing or foreign file', async () => {
    const cwd = await workingDirectory();
    expect(await readMissionOwner({ cwd, missionId: 'mi_none' })).toBeUndefined();
    const claim = await claimMissionOwner({ cwd, missionId: 'mi_bad' });
    await claim.release();
    await writeFile(join(journalDirectory({ cwd, missionId: 'mi_bad' }), OWNER_FILE), '{"pid":"x"}');
    expect(await readMissionOwner({ cwd, missionId: 'mi_bad' })).toBeUndefined();
  });

  it('survives a fresh run resetting the journal: the claim comes before the run opens its journal', async () => {
    const cwd = await workingDirectory();
    const journal = createFileJournal({ cwd, missionId: 'mi_reset' });
    const step = { missionId: 'mi_reset', laneId: 'l', attempt: 1, phase: 'perceive' };
    await journal.put({ step, kind: 'phase', value: 1 });
    const claim = await claimMissionOwner({ cwd, missionId: 'mi_reset' });
    await journal.reset();
    expect(await journal.get(step)).toBeUndefined();
    const folder = journalDirectory({ cwd, missionId: 'mi_reset' });
    expect(await readdir(folder)).toEqual([OWNER_FILE]);
    expect(JSON.parse(await readFile(join(folder, OWNER_FILE), 'utf8'))).toMatchObject({ pid: process.pid });
    await claim.release();
  });
});
