import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDigest } from './build-digest.js';
import { sampleRun } from './fixtures/sample-run.js';
import { writeRunDigest } from './write-run-digest.js';

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
});
