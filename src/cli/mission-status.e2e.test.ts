import { execFile, spawn } from 'node:child_process';
import { appendFile, cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
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
const BLACKBOARD = 'hfo_blackboard/obsidian_synapse_blackboard.jsonl';

/** How long the scripted model takes per answer: slow while a test wants to see a mission run. */
let delayMs = 0;
let server: ProtocolServer;
let cwd: string;

/** One answer that fits every task's schema, after `delayMs`. */
function answer(): ScriptedReply {
  const value = {
    summary: 'Webhooks are verified in the server.',
    observations: [
      {
        text: 'The server verifies sessions',
        evidence: [{ path: 'src/server.ts', start_line: 1, end_line: 3 }],
      },
    ],
    claims: [],
    cynefin_domain: 'complicated',
    rationale: 'several moving parts',
    plan: ['report the findings'],
    tool_selections: [],
    artifacts: [],
    metrics: [],
    verdict: 'pass',
    reasons: ['all claims are supported'],
    questions: ['What is in scope?'],
  };
  return { kind: 'delay', ms: delayMs, reply: { kind: 'json', value, usage: { input: 300, output: 80 } } };
}

function environment(model = 'openai-compatible:scripted-model'): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NO_COLOR: '1',
    SWARMLORD_DEBUG: '',
    OPENAI_BASE_URL: `${server.url}/v1`,
    OPENAI_API_KEY: 'x',
    SWARMLORD_MODEL: model,
  };
  // The embedded store, caught up from the blackboard by `mission ls` / `show`.
  delete env.DATABASE_URL;
  delete env.SWARMLORD_STORE;
  return env;
}

async function swarmlord(
  args: string[],
  env = environment(),
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [cli, ...args], { cwd, env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

interface Listed {
  id: string;
  status: string;
  verdict?: string;
  runs: number;
  resumes: number;
  statusReason?: string;
  resumeCommand?: string;
}

async function listed(): Promise<Listed[]> {
  const result = await swarmlord(['mission', 'ls', '--json']);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as Listed[];
}

async function missionOf(id: string): Promise<Listed | undefined> {
  return (await listed()).find((mission) => mission.id === id);
}

const STATUS_OF_VERDICT: Record<string, string> = { PASS: 'passed', CAUTION: 'caution', FAIL: 'failed' };

beforeAll(async () => {
  server = await startOpenAiProtocolServer(() => answer());
  cwd = await mkdtemp(join(tmpdir(), 'swarmlord-status-'));
  await cp(sample, join(cwd, 'ws'), { recursive: true });
});

afterAll(async () => {
  await server.close();
  await rm(cwd, { recursive: true, force: true });
});

describe('mission status in mission ls / show (built CLI)', () => {
  it('a mission that finished PASS is passed', async () => {
    const result = await swarmlord(
      ['run', 'Map the architecture and risks', '--workspace', 'ws', '--yes', '--json'],
      environment(''),
    );
    expect(result.code, result.stderr).toBe(0);
    const digest = JSON.parse(result.stdout) as { mission_id: string; verdict: string; partial: boolean };
    expect(digest).toMatchObject({ verdict: 'PASS', partial: false });
    expect(await missionOf(digest.mission_id)).toMatchObject({ status: 'passed', runs: 1, resumes: 0 });
  }, 120_000);

  it('a mission stopped by its soft cap is partial, with the command that finishes it', async () => {
    delayMs = 60_000;
    await writeFile(
      join(cwd, 'capped.yml'),
      [
        'mission_id: mi_capped_0001',
        'created_at: 2026-12-01T00:00:00Z',
        'objective: Map the architecture',
        'workspace: ws',
        'lanes: 1',
        'timeouts:',
        '  mission_soft_minutes: 0.05', // 3 s
      ].join('\n'),
    );
    const result = await swarmlord(['mission', 'run', 'capped.yml', '--no-record', '--json']);
    expect(JSON.parse(result.stdout)).toMatchObject({ partial: true });
    expect(await missionOf('mi_capped_0001')).toMatchObject({
      status: 'partial',
      resumeCommand: 'swarmlord mission resume mi_capped_0001',
    });
    const shown = await swarmlord(['mission', 'show', 'mi_capped_0001']);
    expect(shown.stdout).toContain(
      'status        partial; to continue: swarmlord mission resume mi_capped_0001',
    );
  }, 120_000);

  it('running while it runs, interrupted once SIGKILLed, the final verdict after mission resume, one run', async () => {
    delayMs = 2_500;
    const created = await swarmlord(
      [
        'mission',
        'new',
        'Where are webhooks verified?',
        '--workspace',
        'ws',
        '--lanes',
        '1',
        '--yes',
        '--json',
      ],
      environment(''),
    );
    const { mission_id: id, path } = JSON.parse(created.stdout) as { mission_id: string; path: string };
    const child = spawn(process.execPath, [cli, 'mission', 'run', path, '--no-record', '--json'], {
      cwd,
      env: environment(),
      stdio: 'ignore',
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_, signal) => resolve(signal)),
    );
    let seen: Listed | undefined;
    for (let attempt = 0; attempt < 60 && seen?.status !== 'running'; attempt += 1) {
      if (child.exitCode !== null) break;
      seen = await missionOf(id);
    }
    expect(seen, 'mission ls never showed the mission running').toMatchObject({ status: 'running', runs: 1 });
    expect(seen?.statusReason).toContain(`process ${child.pid}`);

    // A mission still running is not resumed by a second process.
    const refused = await swarmlord(['mission', 'resume', id, '--no-record', '--json']);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain(`mission ${id} is running (process ${child.pid}`);

    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    const killed = await missionOf(id);
    expect(killed).toMatchObject({
      status: 'interrupted',
      runs: 1,
      resumes: 0,
      resumeCommand: `swarmlord mission resume ${id}`,
    });
    expect(killed?.statusReason).toContain('is gone');
    const shown = await swarmlord(['mission', 'show', id]);
    expect(shown.stdout).toMatch(/status {8}interrupted \(process \d+ on .+ is gone\)/);
    expect(shown.stdout).toContain(`to continue: swarmlord mission resume ${id}`);
    const text = await swarmlord(['mission', 'ls', '--status', 'interrupted']);
    expect(text.stdout).toMatch(new RegExp(`${id}\\s+interrupted`));

    // The workspace changed while it was down: the resume names the file.
    await appendFile(join(cwd, 'ws', 'README.md'), '\nEdited while the mission was down.\n');
    delayMs = 0;
    const resumed = await swarmlord(['mission', 'resume', id, '--no-record', '--json']);
    expect(resumed.stderr).toContain('workspace changed since the interrupted run: README.md');
    const digest = JSON.parse(resumed.stdout) as { verdict: string; partial: boolean };
    expect(digest.partial).toBe(false);
    const final = STATUS_OF_VERDICT[digest.verdict];
    expect(await missionOf(id)).toMatchObject({
      status: final,
      verdict: digest.verdict,
      runs: 1,
      resumes: 1,
    });
    const json = JSON.parse((await swarmlord(['mission', 'show', id, '--json'])).stdout) as {
      status: string;
      mission: Listed;
    };
    expect(json.status).toBe(final);
    expect(json.mission).toMatchObject({ status: final, runs: 1, resumes: 1 });
    expect((await swarmlord(['mission', 'show', id])).stdout).toContain('runs          1 (+1 resume)');

    // The resumed run's receipts say they are a resume.
    const receipts = (await readFile(join(cwd, BLACKBOARD), 'utf8'))
      .split('\n')
      .filter((line) => line !== '')
      .map(
        (line) => JSON.parse(line) as { mission_id: string; phase: string; summary: string; data?: unknown },
      )
      .filter((receipt) => receipt.mission_id === id);
    const starts = receipts.filter((receipt) => receipt.phase === 'mission_start');
    expect(starts.map((receipt) => (receipt.data as { resume?: boolean }).resume === true)).toEqual([
      false,
      true,
    ]);
    const afterResume = receipts.slice(receipts.indexOf(starts[1] as (typeof receipts)[number]));
    expect(afterResume.every((receipt) => receipt.summary.startsWith('(resume 1) '))).toBe(true);
    const audit = await swarmlord(['audit']);
    expect(audit.stdout).toContain('hash chain intact');
  }, 300_000);
});
