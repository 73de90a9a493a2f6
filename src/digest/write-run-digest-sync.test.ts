import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

/** Every fsync the digest makes: when it started and ended, relative to the others. */
const log: string[] = [];
let next = 0;
vi.mock('./digest-fs-calls.js', async (original) => {
  const real = await original<typeof import('./digest-fs-calls.js')>();
  return {
    ...real,
    async syncFd(fd: number) {
      next += 1;
      const id = next;
      log.push(`start ${id}`);
      // Ends a turn later, so syncs started together are seen in flight together.
      await new Promise((resolve) => setImmediate(resolve));
      await real.syncFd(fd);
      log.push(`end ${id}`);
    },
  };
});

const { buildDigest } = await import('./build-digest.js');
const { sampleRun } = await import('./fixtures/sample-run.js');
const { writeRunDigest } = await import('./write-run-digest.js');

/** Decision 0060: the run folder and the mission folder are flushed at once, after the files. */
describe('writeRunDigest folder flushes', () => {
  it('flushes the files first, then the run folder and the mission folder together', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'swarmlord-run-sync-'));
    const digest = buildDigest(sampleRun());
    await writeRunDigest(digest, { cwd });
    log.length = 0;
    next = 0;
    const second = await writeRunDigest({ ...digest, objective: 'second run' }, { cwd });
    // Two files, then two folders (the mission folder is not new: the digest folder is not flushed).
    expect(log.slice(0, 4).sort()).toEqual(['start 1', 'start 2', 'end 1', 'end 2'].sort());
    expect(log.slice(4, 6)).toEqual(['start 3', 'start 4']);
    expect(log.slice(6).sort()).toEqual(['end 3', 'end 4']);
    const latest = join(cwd, 'hfo_digests', digest.mission_id, 'digest.md');
    expect(await readFile(latest, 'utf8')).toContain('second run');
    expect((await stat(latest)).ino).toBe((await stat(second.markdownPath)).ino);
  });
});
