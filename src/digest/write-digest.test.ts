import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DigestSchema } from '../contracts/digest.js';
import { buildDigest } from './build-digest.js';
import { DigestError } from './digest-error.js';
import { sampleRun } from './fixtures/sample-run.js';
import { renderDigestMarkdown } from './render-digest-markdown.js';
import { writeDigest } from './write-digest.js';

const scratch = mkdtemp(join(tmpdir(), 'swarmlord-digest-'));
afterAll(async () => rm(await scratch, { recursive: true, force: true }));

describe('writeDigest', () => {
  const digest = buildDigest(sampleRun());

  it('writes digest.md and digest.json under the mission id, leaving no temp files', async () => {
    const cwd = await scratch;
    const paths = await writeDigest(digest, { cwd });
    const directory = join(cwd, 'hfo_digests', 'mi_2026-11-22_5eed01');
    expect(paths).toEqual({
      markdownPath: join(directory, 'digest.md'),
      jsonPath: join(directory, 'digest.json'),
    });
    expect(DigestSchema.parse(JSON.parse(await readFile(paths.jsonPath, 'utf8')))).toEqual(digest);
    expect(await readFile(paths.markdownPath, 'utf8')).toBe(renderDigestMarkdown(digest));
    expect((await readdir(directory)).sort()).toEqual(['digest.json', 'digest.md']);
  });

  it('replaces an earlier digest of the same mission and honours the intent digest_dir', async () => {
    const cwd = await scratch;
    await writeDigest(digest, { cwd, dir: 'out/digests' });
    const later = buildDigest(sampleRun({ partial: true }));
    const paths = await writeDigest(later, { cwd, dir: 'out/digests' });
    expect(paths.jsonPath).toBe(join(cwd, 'out/digests', 'mi_2026-11-22_5eed01', 'digest.json'));
    expect(JSON.parse(await readFile(paths.jsonPath, 'utf8')).partial).toBe(true);
  });

  it('refuses a mission id that would escape the digest directory', async () => {
    const cwd = await scratch;
    await expect(writeDigest({ ...digest, mission_id: '../escape' }, { cwd })).rejects.toBeInstanceOf(
      DigestError,
    );
  });
});
