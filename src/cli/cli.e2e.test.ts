import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DigestSchema } from '../contracts/index.js';

const run = promisify(execFile);
const cli = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
const sample = fileURLToPath(new URL('../../examples/sample-service', import.meta.url));
const blackboardFile = 'hfo_blackboard/obsidian_synapse_blackboard.jsonl';
let cwd: string;

async function swarmlord(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [cli, ...args], {
      cwd,
      env: { ...process.env, NO_COLOR: '1', SWARMLORD_DEBUG: '', ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

beforeAll(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'swarmlord-cli-'));
  await cp(sample, join(cwd, 'sample'), { recursive: true });
});
afterAll(async () => {
  await rm(cwd, { recursive: true, force: true });
});

describe('swarmlord CLI (built, as a process)', () => {
  it('prints help with examples and its version', async () => {
    const help = await swarmlord(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Examples:');
    expect(help.stdout).toMatch(/run \[options\] <objective>/);
    const version = await swarmlord(['--version']);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('runs a mission whose --json stdout is the digest and nothing else', async () => {
    const result = await swarmlord([
      'run',
      'Map the architecture and risks',
      '--workspace',
      'sample',
      '--yes',
      '--json',
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const digest = DigestSchema.parse(JSON.parse(result.stdout));
    expect(digest.verdict).toBe('PASS');
    expect(digest.bluf[0]).toContain('PASS');
    expect(digest.diagrams[0]?.mermaid).toContain('graph');
    const markdown = await readFile(join(cwd, 'hfo_digests', digest.mission_id, 'digest.md'), 'utf8');
    for (const part of ['## BLUF', '## Decision matrix', '```mermaid', '## Notes'])
      expect(markdown).toContain(part);
  });

  it('prints the BLUF and the digest path without --json', async () => {
    const result = await swarmlord(['run', 'Where are sessions checked?', '--workspace', 'sample', '--yes']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('BLUF');
    expect(result.stdout).toMatch(/Digest: .*digest\.md/);
  });

  it('audits the blackboard chain and names the first bad line after tampering', async () => {
    const ok = await swarmlord(['audit']);
    expect(ok.code).toBe(0);
    const original = await readFile(join(cwd, blackboardFile), 'utf8');
    const lines = original.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(20);

    const edited = [...lines];
    edited[4] = (edited[4] as string).replace(/"summary":"/, '"summary":"edited ');
    await writeFile(join(cwd, blackboardFile), `${edited.join('\n')}\n`);
    const afterEdit = await swarmlord(['audit']);
    expect(afterEdit.code).toBe(1);
    expect(afterEdit.stdout).toMatch(/line 5\b/);

    const deleted = lines.filter((_, index) => index !== 6);
    await writeFile(join(cwd, blackboardFile), `${deleted.join('\n')}\n`);
    const afterDelete = await swarmlord(['audit']);
    expect(afterDelete.code).toBe(1);
    expect(afterDelete.stdout).toMatch(/line 7\b/);

    const swapped = [...lines];
    [swapped[9], swapped[10]] = [swapped[10] as string, swapped[9] as string];
    await writeFile(join(cwd, blackboardFile), `${swapped.join('\n')}\n`);
    const afterSwap = await swarmlord(['audit']);
    expect(afterSwap.code).toBe(1);
    expect(afterSwap.stdout).toMatch(/line 10\b/);

    await writeFile(join(cwd, blackboardFile), original);
    expect((await swarmlord(['audit'])).code).toBe(0);
  });

  it('reports a broken intent as file:line:col field: message, without a stack trace', async () => {
    const intent = [
      'mission_id: mi_broken',
      'created_at: 2026-11-22T00:00:00Z',
      'objective: Check the sample',
      'workspace: sample',
      'quorum:',
      '  validators: [immunizer, disruptor, verifier_aux]',
      '  threshold: 4',
      '',
    ].join('\n');
    await writeFile(join(cwd, 'mission.yml'), intent);
    const result = await swarmlord(['mission', 'run', 'mission.yml']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'mission.yml:7:3 quorum.threshold: must be ≤ the number of validators (3), got 4',
    );
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('adds an SSOT specialist to the Verify quorum with --validator', async () => {
    const project = fileURLToPath(new URL('../ssot/fixtures/user-project/ssot', import.meta.url));
    await cp(project, join(cwd, 'ssot'), { recursive: true });
    try {
      const args = [
        'run',
        'Check the SQL queries',
        '--workspace',
        'sample',
        '--validator',
        'SecurityReviewerAgent',
      ];
      // The seed's agent names a model (deepseek/deepseek-chat → OpenRouter): without its key the
      // mission stops before any lane starts, naming the variable and who chose the model.
      const keyless = await swarmlord([...args, '--yes'], { OPENROUTER_API_KEY: '' });
      expect(keyless.code).toBe(2);
      expect(keyless.stderr).toContain('OPENROUTER_API_KEY');
      expect(keyless.stderr).toContain('SSOT SecurityReviewerAgent.model');
      const result = await swarmlord([...args, '--yes', '--json'], {
        SWARMLORD_MODEL_SECURITY_REVIEWER: 'offline',
      });
      expect(result.code).toBe(0);
      const digest = DigestSchema.parse(JSON.parse(result.stdout));
      const note = digest.notes.find((entry) => entry.text.includes('SecurityReviewerAgent'));
      expect(note?.text).toMatch(/passed/);
      const unknown = await swarmlord([
        'run',
        'x',
        '--workspace',
        'sample',
        '--validator',
        'NoSuchAgent',
        '--yes',
      ]);
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toMatch(/validator 'NoSuchAgent' is neither built in nor an agent of the SSOT/);
    } finally {
      await rm(join(cwd, 'ssot'), { recursive: true, force: true });
    }
  });

  it('prints the intent JSON Schema', async () => {
    const result = await swarmlord(['schema', 'intent']);
    const schema = JSON.parse(result.stdout) as { properties: Record<string, unknown>; required: string[] };
    expect(schema.properties.objective).toBeDefined();
    expect(schema.required).toContain('objective');
  });

  it('keeps secrets out of receipts and digests', async () => {
    const secret = 'sk-proj-Zq81LmW2xYv7Tt0NpQr5Ks3Jd9Hf4Bg6';
    const result = await swarmlord([
      'run',
      `Where is the key ${secret} used?`,
      '--workspace',
      'sample',
      '--yes',
      '--json',
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain(secret);
    const digest = DigestSchema.parse(JSON.parse(result.stdout));
    expect(digest.objective).toContain('[REDACTED]');
    const blackboard = await readFile(join(cwd, blackboardFile), 'utf8');
    expect(blackboard).toContain(digest.mission_id);
    expect(blackboard).not.toContain(secret);
    const markdown = await readFile(join(cwd, 'hfo_digests', digest.mission_id, 'digest.md'), 'utf8');
    expect(markdown).not.toContain(secret);
  });

  it('gives usage errors the bad-input exit code', async () => {
    const result = await swarmlord(['run', 'x', '--lanes', '0']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('must be a whole number from 1 to 256');
  });

  it('names a missing workspace in one line', async () => {
    const result = await swarmlord(['run', 'x', '--workspace', 'missing-dir', '--yes']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^swarmlord: workspace .*missing-dir does not exist/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
