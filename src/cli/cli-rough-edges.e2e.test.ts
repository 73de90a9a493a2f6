import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const run = promisify(execFile);
const cli = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
const sample = fileURLToPath(new URL('../../examples/sample-service', import.meta.url));
let cwd: string;

beforeAll(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'swarmlord-edges-'));
  await cp(sample, join(cwd, 'sample'), { recursive: true });
});
afterAll(async () => {
  await rm(cwd, { recursive: true, force: true });
});

describe('CLI rough edges (built, as a process)', () => {
  it('exits quietly when its reader closes the pipe (| head)', async () => {
    const { stdout, stderr } = await run(
      'bash',
      ['-c', `set -o pipefail; "${process.execPath}" "${cli}" schema intent | head -1`],
      { cwd },
    );
    expect(stdout.trim().length).toBeGreaterThan(0);
    expect(stderr).toBe('');
  });

  it('takes --validator before the objective without swallowing it, and counts a repeated one once', async () => {
    const { stderr } = await run(
      process.execPath,
      [
        cli,
        'run',
        '--validator',
        'immunizer',
        '--validator',
        'immunizer',
        'Where is the pool?',
        '--workspace',
        'sample',
        '--yes',
      ],
      { cwd, env: { ...process.env, NO_COLOR: '1' } },
    ).catch((error: { stderr: string }) => error);
    const intentPath = /intent written to (\S+)/.exec(stderr)?.[1] ?? '';
    const intent = parse(await readFile(intentPath, 'utf8')) as {
      objective: string;
      quorum: { validators: string[] };
    };
    expect(intent.objective).toBe('Where is the pool?');
    expect(intent.quorum.validators.filter((name) => name === 'immunizer')).toHaveLength(1);
  }, 60_000);
});
