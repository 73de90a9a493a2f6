import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AggregateBundle } from '../contracts/index.js';
import { hashLineRange, MissionIntentSchema } from '../contracts/index.js';
import { loadBundleFile, runVerify } from '../verify/index.js';
import { DigestError } from './digest-error.js';
import { writeReviewBundle } from './write-review-bundle.js';

const scratch = mkdtemp(join(tmpdir(), 'swarmlord-bundle-'));
afterAll(async () => rm(await scratch, { recursive: true, force: true }));

const SOURCE = 'export const limit = 10;\nexport const name = "cache";';

function aggregateFor(): AggregateBundle {
  const ref = {
    kind: 'file' as const,
    path: 'a.ts',
    lines: [1, 1] as [number, number],
    sha256: hashLineRange(SOURCE, [1, 1]) ?? '',
  };
  const claim = { id: 'c1', lane_id: 'lane-1', text: 'The limit is 10.', evidence_refs: [ref] };
  const lie = { id: 'c2', lane_id: 'lane-2', text: 'The limit is 12.', evidence_refs: [ref] };
  return {
    bundles: [
      { lane_id: 'lane-1', attempt: 1, summary: 's', claims: [claim], artifacts: [] },
      { lane_id: 'lane-2', attempt: 1, summary: 's', claims: [lie], artifacts: [] },
    ],
    claims: [claim, lie],
    duplicates_merged: 0,
  };
}

describe('writeReviewBundle', () => {
  it('writes bundle.json beside the digest that re-verifies to the same verdict', async () => {
    const cwd = await scratch;
    await writeFile(join(cwd, 'a.ts'), SOURCE);
    const aggregate = aggregateFor();
    const { bundlePath } = await writeReviewBundle(aggregate, {
      cwd,
      missionId: 'mi_test',
      workspace: '.',
      commit: 'abc1234',
      lanes: [{ id: 'lane-1', model: 'offline', persona: 'risk' }],
      now: new Date('2026-01-01T00:00:00Z'),
    });
    expect(bundlePath).toBe(join(cwd, 'hfo_digests', 'mi_test', 'bundle.json'));
    const text = await readFile(bundlePath, 'utf8');
    expect(JSON.parse(text)).toMatchObject({
      format: 'swarmlord.review-bundle/v1',
      commit: 'abc1234',
      mission_id: 'mi_test',
    });
    const loaded = await loadBundleFile(bundlePath);
    expect(loaded.aggregate).toEqual(aggregate);
    const intent = MissionIntentSchema.parse({
      mission_id: 'mi_test',
      created_at: '2026-01-01T00:00:00Z',
      objective: 'x',
    });
    const original = await runVerify({ aggregate, intent, workspace: cwd, attempt: 1 });
    const again = await runVerify({
      aggregate: loaded.aggregate,
      intent,
      workspace: cwd,
      attempt: 1,
      lanes: loaded.lanes,
    });
    expect(again.verdict).toBe(original.verdict);
    expect(again.hallucination_rate).toBe(0.5);
  });

  it('writes beside a run digest when asked', async () => {
    const cwd = await scratch;
    const besideFile = join(cwd, 'hfo_digests', 'mi_test', 'run-002', 'digest.json');
    const { bundlePath } = await writeReviewBundle(aggregateFor(), {
      cwd,
      missionId: 'mi_test',
      workspace: '.',
      besideFile,
    });
    expect(bundlePath).toBe(join(cwd, 'hfo_digests', 'mi_test', 'run-002', 'bundle.json'));
  });

  it('refuses a mission id that would escape the digest directory', async () => {
    await expect(
      writeReviewBundle(aggregateFor(), { cwd: await scratch, missionId: '../x', workspace: '.' }),
    ).rejects.toBeInstanceOf(DigestError);
  });
});
