import { spawn } from 'node:child_process';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DigestSchema } from '../contracts/index.js';
import type { ProtocolServer, ScriptedReply } from '../test/protocol-server/index.js';
import { startOpenAiProtocolServer } from '../test/protocol-server/index.js';

const cli = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
const sample = fileURLToPath(new URL('../../examples/sample-service', import.meta.url));
let cwd: string;
let server: ProtocolServer | undefined;

/** A model that answers everything, but only after `ms`: far slower than the mission allows. */
function slow(ms: number): ScriptedReply {
  return {
    kind: 'delay',
    ms,
    reply: {
      kind: 'json',
      value: {
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
      },
    },
  };
}

interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
  elapsedMs: number;
}

/** Runs the built CLI; with `interruptAfterFirstCall`, sends SIGINT once the server has seen a model call. */
function swarmlord(
  args: string[],
  env: Record<string, string>,
  interruptAfterFirstCall = false,
): Promise<Finished> {
  const started = performance.now();
  const child = spawn(process.execPath, [cli, ...args], {
    cwd,
    env: { ...process.env, NO_COLOR: '1', SWARMLORD_DEBUG: '', SWARMLORD_STORE: 'off', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  if (interruptAfterFirstCall) {
    const poll = setInterval(() => {
      if ((server?.requests.filter((request) => request.method === 'POST').length ?? 0) > 0) {
        clearInterval(poll);
        child.kill('SIGINT');
      }
    }, 50);
    child.on('exit', () => clearInterval(poll));
  }
  return new Promise((resolve) => {
    child.on('exit', (code) => resolve({ code, stdout, stderr, elapsedMs: performance.now() - started }));
  });
}

function modelEnv(url: string): Record<string, string> {
  return { SWARMLORD_MODEL: 'openai-compatible:slow-1', OPENAI_BASE_URL: `${url}/v1`, OPENAI_API_KEY: 'x' };
}

beforeEach(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'swarmlord-anytime-'));
  await cp(sample, join(cwd, 'sample'), { recursive: true });
});
afterEach(async () => {
  await server?.close();
  server = undefined;
  await rm(cwd, { recursive: true, force: true });
});

describe('anytime digests (built CLI against a slow local model server)', () => {
  it('returns a PARTIAL digest at the mission soft cap instead of waiting for the model', async () => {
    server = await startOpenAiProtocolServer([slow(60_000)]);
    await writeFile(
      join(cwd, 'capped.yml'),
      [
        'mission_id: mi_capped_0001',
        'created_at: 2026-12-01T00:00:00Z',
        'objective: Map the architecture',
        'workspace: sample',
        'lanes: 1',
        'timeouts:',
        '  mission_soft_minutes: 0.05', // 3 s
      ].join('\n'),
    );
    const result = await swarmlord(['mission', 'run', 'capped.yml', '--json'], modelEnv(server.url));
    const digest = DigestSchema.parse(JSON.parse(result.stdout));
    expect(digest.partial).toBe(true);
    expect(digest.blockers.join('\n')).toMatch(/resume/);
    // Each answer takes 60 s: finishing means the cap (3 s) plus its grace cut the call in flight.
    expect(result.elapsedMs).toBeLessThan(45_000);
  }, 60_000);

  it('on Ctrl-C writes the partial digest and exits 130', async () => {
    server = await startOpenAiProtocolServer([slow(60_000)]);
    const result = await swarmlord(
      ['run', 'Map the architecture', '--workspace', 'sample', '--lanes', '1', '--yes', '--json'],
      modelEnv(server.url),
      true,
    );
    expect(result.code, result.stderr).toBe(130);
    const digest = DigestSchema.parse(JSON.parse(result.stdout));
    expect(digest.partial).toBe(true);
    expect(digest.partial_reason ?? digest.blockers.join('\n')).toMatch(/interrupt/i);
    expect(result.elapsedMs).toBeLessThan(45_000);
  }, 60_000);
});
