import { spawn } from 'node:child_process';
import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditBlackboard } from '../audit-blackboard.js';

const cli = fileURLToPath(new URL('../../../dist/cli/main.js', import.meta.url));
const sample = fileURLToPath(new URL('../../../examples/sample-service', import.meta.url));
const MISSIONS = 4;

let directory: string;
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'swarmlord-concurrent-'));
  await cp(sample, join(directory, 'examples', 'sample-service'), { recursive: true });
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

function run(objective: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [cli, 'run', objective, '--workspace', 'examples/sample-service', '--yes', '--json'],
      { cwd: directory, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('missions started together in one directory', () => {
  it('all complete onto one valid, anchored chain', { timeout: 240_000 }, async () => {
    const outcomes = await Promise.all(
      Array.from({ length: MISSIONS }, (_, index) =>
        run(`Map the architecture and risks, take ${index + 1}`),
      ),
    );
    for (const outcome of outcomes) expect(outcome.stderr).not.toMatch(/LOCKED|locked by|unexpected error/);
    // Exit 0 or 3 (CAUTION) or 1 (a FAIL verdict) are verdicts; what must not happen is a refusal.
    for (const outcome of outcomes) expect([0, 1, 3]).toContain(outcome.code);
    const board = join(directory, 'hfo_blackboard', 'obsidian_synapse_blackboard.jsonl');
    const audit = await auditBlackboard(board);
    expect(audit, audit.firstBad?.reason).toMatchObject({ ok: true, missions: MISSIONS });
    expect(audit.anchors).toMatchObject({ anchors: MISSIONS, problems: [] });
    expect(
      (await readdir(join(directory, 'hfo_blackboard'))).filter((name) => name.includes('.lock')),
    ).toEqual([]);
  });
});
