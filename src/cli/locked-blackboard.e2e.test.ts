import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireBlackboardLock } from '../blackboard/blackboard-lock.js';
import { runBuiltCli, SAMPLE_WORKSPACE as sample } from '../test/run-built-cli.js';

let cwd: string;

function swarmlord(args: string[]) {
  return runBuiltCli(args, cwd, 150_000);
}

beforeEach(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'swarmlord-locked-'));
});
afterEach(async () => {
  await rm(cwd, { recursive: true, force: true });
});

describe('a blackboard held by a live process', () => {
  it('a mission says it waits, gives up after the bound with exit 75 (busy), and runs once the lock is free', async () => {
    const blackboard = join(cwd, 'hfo_blackboard', 'obsidian_synapse_blackboard.jsonl');
    await mkdir(join(cwd, 'hfo_blackboard'), { recursive: true });
    // This test process is alive, so its lock is not stale: the CLI must wait, not take it over.
    const lock = await acquireBlackboardLock(blackboard);
    let locked: Awaited<ReturnType<typeof swarmlord>>;
    try {
      locked = await swarmlord(['run', 'Map the architecture and risks', '--workspace', sample, '--yes']);
    } finally {
      await lock.release();
    }
    expect(locked.code, locked.stderr).toBe(75);
    expect(locked.stderr).toContain(`waiting for process ${process.pid}`);
    expect(locked.stderr).toContain('stayed locked');
    expect(locked.stderr).toContain(`${blackboard}.lock`);
    expect(locked.stderr).not.toMatch(/\n\s+at /);
    const intents = await readdir(join(cwd, 'hfo_mission_intent'), { recursive: true }).catch(() => []);
    expect(intents.filter((name) => String(name).endsWith('.yml'))).toEqual([]);

    const free = await swarmlord(['run', 'Map the architecture and risks', '--workspace', sample, '--yes']);
    expect(free.code, free.stderr).toBe(0);
    const audit = await swarmlord(['audit']);
    expect(audit.code, audit.stderr).toBe(0);
    expect(await readdir(join(cwd, 'hfo_blackboard'))).not.toContain(
      'obsidian_synapse_blackboard.jsonl.lock',
    );
  }, 180_000);
});
