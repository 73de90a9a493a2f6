import { execFile, spawn } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProtocolServer, ScriptedReply } from '../test/protocol-server/index.js';
import { startOpenAiProtocolServer } from '../test/protocol-server/index.js';

const run = promisify(execFile);
const cli = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
const sample = fileURLToPath(new URL('../../examples/sample-service', import.meta.url));

/** Per answer: a minute while the test interrupts, none once it resumes. */
let delayMs = 60_000;
let server: ProtocolServer;
let cwd: string;

function answer(): ScriptedReply {
  const value = {
    summary: 'slow',
    observations: [],
    claims: [],
    cynefin_domain: 'clear',
    rationale: 'slow',
    plan: ['wait'],
    tool_selections: [],
    artifacts: [],
    metrics: [],
    verdict: 'pass',
    reasons: ['slow'],
  };
  return { kind: 'delay', ms: delayMs, reply: { kind: 'json', value } };
}

function environment(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NO_COLOR: '1',
    SWARMLORD_DEBUG: '',
    SWARMLORD_STORE: 'off',
    SWARMLORD_MODEL: 'openai-compatible:slow-1',
    OPENAI_BASE_URL: `${server.url}/v1`,
    OPENAI_API_KEY: 'x',
  };
}

beforeAll(async () => {
  server = await startOpenAiProtocolServer(() => answer());
  cwd = await mkdtemp(join(tmpdir(), 'swarmlord-interrupt-'));
  await cp(sample, join(cwd, 'sample'), { recursive: true });
});

afterAll(async () => {
  await server.close();
  await rm(cwd, { recursive: true, force: true });
});

describe('Ctrl-C twice (built CLI against a slow local model server)', () => {
  it('exits 130 at once, leaves the blackboard intact, and the mission resumes to a full digest', async () => {
    // The intent, frozen with the offline defaults.
    const created = await run(
      process.execPath,
      [
        cli,
        'mission',
        'new',
        'Map the architecture',
        '--workspace',
        'sample',
        '--lanes',
        '1',
        '--yes',
        '--json',
      ],
      { cwd, env: { ...environment(), SWARMLORD_MODEL: '' } },
    );
    const { mission_id: id, path } = JSON.parse(created.stdout) as { mission_id: string; path: string };

    const mission = spawn(process.execPath, [cli, 'mission', 'run', path, '--no-record', '--json'], {
      cwd,
      env: environment(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    mission.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    let stderr = '';
    mission.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const exited = new Promise<number | null>((resolve) => mission.on('exit', (code) => resolve(code)));
    const requests = () => server.requests.filter((request) => request.method === 'POST').length;
    const before = requests();
    // The first interrupt while a model call (a minute long) is in flight; the second once the CLI
    // has taken the first (so the kernel cannot merge them into one pending signal).
    let second = false;
    mission.stderr.on('data', () => {
      if (!second && stderr.includes('Ctrl-C again to quit')) {
        second = true;
        mission.kill('SIGINT');
      }
    });
    const poll = setInterval(() => {
      if (requests() > before) {
        clearInterval(poll);
        mission.kill('SIGINT');
      }
    }, 20);
    const code = await exited;
    clearInterval(poll);
    // 130 by the CLI's own exit, never a death by the signal (code null), whenever the second came.
    expect(code, stderr).toBe(130);
    expect(stderr).toContain('Ctrl-C again to quit');
    // The second Ctrl-C quit before the partial digest was printed, unless that digest (a few
    // milliseconds of work once the call is cancelled) was out first: then it is a partial one.
    if (stdout !== '') expect(JSON.parse(stdout)).toMatchObject({ mission_id: id, partial: true });
    // Quit while the call was still in flight: its answer (a minute away) was never waited for.
    expect(server.requests.filter((request) => request.method === 'POST').length).toBeGreaterThan(before);

    const audit = await run(process.execPath, [cli, 'audit'], { cwd, env: environment() });
    expect(audit.stdout).toContain('hash chain intact');

    delayMs = 0;
    const resumed = await run(process.execPath, [cli, 'mission', 'resume', id, '--no-record', '--json'], {
      cwd,
      env: environment(),
    }).catch((error: { stdout?: string; stderr?: string }) => ({
      stdout: error.stdout ?? '',
      stderr: error.stderr ?? '',
    }));
    const digest = JSON.parse(resumed.stdout) as { mission_id: string; partial: boolean };
    expect(digest, resumed.stderr).toMatchObject({ mission_id: id, partial: false });
    const after = await run(process.execPath, [cli, 'audit'], { cwd, env: environment() });
    expect(after.stdout).toContain('hash chain intact');
  }, 180_000);
});
