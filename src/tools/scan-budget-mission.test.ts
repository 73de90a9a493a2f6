import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FileEvidenceRef, MissionIntent } from '../contracts/index.js';
import { hashLineRange, MissionIntentSchema } from '../contracts/index.js';
import { runMission } from '../swarm/index.js';

const sample = fileURLToPath(new URL('../../examples/sample-service', import.meta.url));
let cwd: string;

beforeEach(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'swarmlord-scale-mission-'));
  await cp(sample, join(cwd, 'workspace'), { recursive: true });
});
afterEach(async () => {
  await rm(cwd, { recursive: true, force: true });
});

function intent(id: string): MissionIntent {
  return MissionIntentSchema.parse({
    mission_id: id,
    created_at: '2026-11-22T00:00:00Z',
    objective: 'Map the architecture and risks of the orders service',
    workspace: 'workspace',
  });
}

function fileRefs(result: Awaited<ReturnType<typeof runMission>>): FileEvidenceRef[] {
  return result.aggregate.claims.flatMap((claim) =>
    claim.evidence_refs.filter((ref): ref is FileEvidenceRef => ref.kind === 'file'),
  );
}

describe('a mission over a bounded scan', () => {
  it('completes when the total byte budget is reached and says so in its digest', async () => {
    const result = await runMission({
      intent: intent('mi_budget_0001'),
      cwd,
      scanLimits: { maxTotalBytes: 4_000 },
    });
    expect(result.digest.verdict).toMatch(/PASS|CAUTION|FAIL/);
    const markdown = await readFile(result.markdownPath, 'utf8');
    expect(markdown).toMatch(/total byte budget of 0\.0 MiB reached: 0\.0 MiB read/);
    expect(markdown).toContain('beyond the total byte budget');
    expect(result.aggregate.claims.length).toBeGreaterThan(0);
  });

  it('cites the new bytes after a one-byte edit, never the cached index of the old ones', async () => {
    const indexCacheDir = join(cwd, 'hfo_cache', 'workspace_index');
    const first = await runMission({ intent: intent('mi_cache_0001'), cwd, indexCacheDir });
    const cited = fileRefs(first)[0] as FileEvidenceRef;
    const path = join(cwd, 'workspace', cited.path);
    const lines = (await readFile(path, 'utf8')).split('\n');
    const at = cited.lines[0] - 1;
    const line = lines[at] as string;
    const column = line.search(/[a-z]/);
    lines[at] = `${line.slice(0, column)}${line[column] === 'q' ? 'x' : 'q'}${line.slice(column + 1)}`;
    const edited = lines.join('\n');
    await writeFile(path, edited);
    const second = await runMission({ intent: intent('mi_cache_0002'), cwd, indexCacheDir });
    expect((await readdir(indexCacheDir)).filter((name) => name.endsWith('.idx'))).toHaveLength(2);
    const again = fileRefs(second).filter((ref) => ref.path === cited.path);
    expect(again.length).toBeGreaterThan(0);
    for (const ref of again) expect(ref.sha256).toBe(hashLineRange(edited, ref.lines));
    expect(second.reports.at(-1)?.grounding.some((entry) => entry.status === 'grounded')).toBe(true);
    // An unchanged workspace reads the index back: a third mission adds no entry.
    await runMission({ intent: intent('mi_cache_0003'), cwd, indexCacheDir });
    expect((await readdir(indexCacheDir)).filter((name) => name.endsWith('.idx'))).toHaveLength(2);
  });
});
