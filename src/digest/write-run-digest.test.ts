import { mkdir, mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDigest } from './build-digest.js';
import { sampleRun } from './fixtures/sample-run.js';
import { isDigestPairComplete } from './write-files-together.js';
import { prepareDigestText, writeRunDigest } from './write-run-digest.js';

describe('writeRunDigest', () => {
  it('gives every run its own folder and keeps earlier digests', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'swarmlord-runs-'));
    const digest = buildDigest(sampleRun());
    const first = await writeRunDigest(digest, { cwd });
    const second = await writeRunDigest({ ...digest, objective: 'second run' }, { cwd });
    expect(first.runId).toBe(`${digest.mission_id}/run-001`);
    expect(second.runId).toBe(`${digest.mission_id}/run-002`);
    expect(await readFile(first.markdownPath, 'utf8')).not.toContain('second run');
    expect(await readFile(second.latestMarkdownPath, 'utf8')).toContain('second run');
  });

  it("makes the latest pair this run's files, whole and durable, without writing them twice", async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'swarmlord-runs-'));
    const digest = buildDigest(sampleRun());
    const first = await writeRunDigest(digest, { cwd });
    const missionDirectory = join(cwd, 'hfo_digests', digest.mission_id);
    const second = await writeRunDigest({ ...digest, objective: 'second run' }, { cwd });
    for (const name of ['digest.md', 'digest.json']) {
      const latest = join(missionDirectory, name);
      const run = join(missionDirectory, 'run-002', name);
      expect(await readFile(latest, 'utf8')).toBe(await readFile(run, 'utf8'));
      // A link to the run's flushed file: the same bytes on disk, not a second write.
      expect((await stat(latest)).ino).toBe((await stat(run)).ino);
    }
    expect(await readFile(first.markdownPath, 'utf8')).not.toContain('second run');
    expect(JSON.parse(await readFile(second.jsonPath, 'utf8')).objective).toBe('second run');
    expect(await isDigestPairComplete(missionDirectory)).toBe(true);
    expect((await readdir(missionDirectory)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('writes the files beside the pair into the run folder, and refuses a name that is not one', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'swarmlord-runs-'));
    const digest = buildDigest(sampleRun());
    const written = await writeRunDigest(digest, { cwd, besideFiles: [['bundle.json', '{"b":1}\n']] });
    const runDirectory = join(cwd, 'hfo_digests', written.runId);
    expect((await readdir(runDirectory)).sort()).toEqual(['bundle.json', 'digest.json', 'digest.md']);
    expect(await readFile(join(runDirectory, 'bundle.json'), 'utf8')).toBe('{"b":1}\n');
    expect(await isDigestPairComplete(runDirectory)).toBe(true);
    for (const name of ['../escape.json', 'sub/bundle.json', '.hidden', 'digest.md']) {
      const error = await writeRunDigest(digest, { cwd, besideFiles: [[name, 'x']] }).catch(
        (caught) => caught,
      );
      expect((error as { code?: string }).code).toBe('DIGEST_PATH_UNSAFE');
    }
    // Refused before a run folder was claimed.
    expect(await readdir(join(cwd, 'hfo_digests', digest.mission_id))).not.toContain('run-002');
  });

  it('numbers a run after the highest run there, and still sweeps orphan temps of earlier runs', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'swarmlord-runs-'));
    const digest = buildDigest(sampleRun());
    const missionDirectory = join(cwd, 'hfo_digests', digest.mission_id);
    await mkdir(join(missionDirectory, 'run-001'), { recursive: true });
    await mkdir(join(missionDirectory, 'run-007'));
    const dead = 2 ** 22 + 4_321; // above the default pid_max: no such process
    const orphans = [
      join(missionDirectory, `digest.md.${dead}.0badc0de.tmp`),
      join(missionDirectory, 'run-001', `digest.json.${dead}.0badc0de.tmp`),
    ];
    for (const orphan of orphans) await writeFile(orphan, 'half a file');
    const written = await writeRunDigest(digest, { cwd });
    expect(written.runId).toBe(`${digest.mission_id}/run-008`);
    expect(await readdir(join(missionDirectory, 'run-001'))).toEqual([]);
    expect((await readdir(missionDirectory)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('writes the same bytes from texts prepared ahead, and refuses texts of another digest', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'swarmlord-runs-'));
    const digest = buildDigest(sampleRun());
    const plain = await writeRunDigest(digest, { cwd });
    const ahead = await writeRunDigest(digest, { cwd, prepared: prepareDigestText(digest) });
    for (const key of ['jsonPath', 'markdownPath'] as const)
      expect(await readFile(ahead[key], 'utf8')).toBe(await readFile(plain[key], 'utf8'));
    const other = prepareDigestText({ ...digest, objective: 'another digest' });
    await expect(writeRunDigest(digest, { cwd, prepared: other })).rejects.toThrow('not of the digest');
    const missionDirectory = join(cwd, 'hfo_digests', digest.mission_id);
    expect((await readdir(missionDirectory)).filter((name) => name.startsWith('run-')).sort()).toEqual([
      'run-001',
      'run-002',
    ]);
  });
});
