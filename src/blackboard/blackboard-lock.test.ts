import { mkdtemp, readdir, readFile, rm, stat, unlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireBlackboardLock, createBlackboardLocker } from './blackboard-lock.js';
import { openBlackboard } from './open-blackboard.js';

let directory: string;
let file: string;
beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'swarmlord-lock-'));
  file = join(directory, 'board.jsonl');
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

const names = async () => (await readdir(directory)).sort();
const sources = async () => (await names()).filter((name) => name.includes('.lock.tmp-'));

describe('a blackboard locker (decision 0038)', () => {
  it('links one complete source file to the lock at every acquisition, and removes it on dispose', async () => {
    const locker = createBlackboardLocker(file);
    const first = await locker.acquire();
    const [source] = await sources();
    expect(source).toMatch(new RegExp(`^board\\.jsonl\\.lock\\.tmp-${process.pid}-[0-9a-f-]{36}$`));
    const lock = await stat(`${file}.lock`);
    expect(lock.ino).toBe((await stat(join(directory, source as string))).ino);
    const holder = JSON.parse(await readFile(`${file}.lock`, 'utf8')) as { pid: number; token: string };
    expect(holder.pid).toBe(process.pid);
    await first.release();
    expect(await names()).toEqual([source]);
    // Released without waiting: the next acquisition waits for it.
    for (let round = 0; round < 3; round += 1) void (await locker.acquire()).release();
    // The same source each time; the releases were waited for by the next acquisition.
    await (await locker.acquire()).release();
    expect(await names()).toEqual([source]);
    await locker.dispose();
    expect(await names()).toEqual([]);
  });

  it('sets the lock mtime (the heartbeat another host judges by) at each acquisition', async () => {
    const locker = createBlackboardLocker(file);
    await (await locker.acquire()).release();
    const [source] = await sources();
    const old = new Date(Date.now() - 120_000);
    await utimes(join(directory, source as string), old, old);
    const lock = await locker.acquire();
    expect(Date.now() - (await stat(`${file}.lock`)).mtimeMs).toBeLessThan(10_000);
    await lock.release();
    await locker.dispose();
  });

  it('never removes a lock someone else took after ours was removed', async () => {
    const locker = createBlackboardLocker(file);
    const lock = await locker.acquire();
    await unlink(`${file}.lock`);
    const other = JSON.stringify({ pid: 1, host: 'elsewhere', token: 'theirs' });
    await writeFile(`${file}.lock`, other);
    await lock.release();
    expect(await readFile(`${file}.lock`, 'utf8')).toBe(other);
    await locker.dispose();
  });

  it('makes a new source when its source was removed under it', async () => {
    const locker = createBlackboardLocker(file);
    await (await locker.acquire()).release();
    const [source] = await sources();
    await unlink(join(directory, source as string));
    const lock = await locker.acquire();
    const [replacement] = await sources();
    expect(replacement).toBeDefined();
    expect(replacement).not.toBe(source);
    expect((await stat(`${file}.lock`)).ino).toBe((await stat(join(directory, replacement as string))).ino);
    await lock.release();
    await locker.dispose();
    expect(await names()).toEqual([]);
  });

  it('a one-shot lock leaves nothing behind once released', async () => {
    const lock = await acquireBlackboardLock(file);
    expect(await names()).toHaveLength(2);
    await lock.release();
    expect(await names()).toEqual([]);
  });

  it('a blackboard keeps its source while open and removes it on close', async () => {
    const blackboard = await openBlackboard({ path: file });
    await blackboard.append({
      mission_id: 'mi_lock',
      lane_id: 'lane-1',
      phase: 'perceive',
      role: 'observer',
      summary: 'one',
      timestamp: '2026-12-02T00:00:00.000Z',
    });
    expect(await sources()).toHaveLength(1);
    await blackboard.close();
    expect(await names()).toEqual(['board.jsonl']);
  });
});
