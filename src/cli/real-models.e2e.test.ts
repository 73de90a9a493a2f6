import { execFile } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Digest } from '../contracts/index.js';
import { DigestSchema } from '../contracts/index.js';
import type { ProtocolServer, ScriptedReply } from '../test/protocol-server/index.js';
import { startOpenAiProtocolServer } from '../test/protocol-server/index.js';

const run = promisify(execFile);
const cli = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
const sample = fileURLToPath(new URL('../../examples/sample-service', import.meta.url));
let cwd: string;
let server: ProtocolServer | undefined;

/**
 * One answer that fits every task's schema (zod objects drop the keys a schema does not name): a
 * model that fabricates. Its claims cite a file that does not exist, lines it was never shown, an
 * id it was never given and a quote that occurs nowhere; as a judge it calls everything supported.
 */
const fabricated = {
  summary: 'The service retries payments 7 times and stores card numbers in plain text.',
  observations: [
    {
      text: 'Payments retry 7 times',
      evidence: [{ path: 'src/payments/ghost.ts', start_line: 3, end_line: 9 }],
    },
  ],
  claims: [
    {
      text: 'Payments are retried 7 times before failing',
      evidence: [{ path: 'src/payments/ghost.ts', start_line: 3, end_line: 9, quote: 'maxRetries = 7' }],
      claim_id: 'x',
      support: 'supported',
      reason: 'looks right',
    },
    {
      text: 'Card numbers are stored in plain text',
      evidence: [{ path: 'src/server.ts', start_line: 4000, end_line: 4004 }],
      claim_id: 'y',
      support: 'supported',
      reason: 'looks right',
    },
    {
      text: 'The admin password is hunter2',
      evidence: [{ ref_id: 'E777', quote: 'password = "hunter2"' }],
      claim_id: 'z',
      support: 'supported',
      reason: 'looks right',
    },
  ],
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

const answer: ScriptedReply = { kind: 'json', value: fabricated, usage: { input: 400, output: 120 } };

async function swarmlord(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [cli, ...args], {
      cwd,
      env: { ...process.env, NO_COLOR: '1', SWARMLORD_DEBUG: '', SWARMLORD_MODEL: '', ...env },
      timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

function modelEnv(url: string): Record<string, string> {
  return {
    SWARMLORD_MODEL: 'openai-compatible:fabricator-1',
    OPENAI_BASE_URL: `${url}/v1`,
    OPENAI_API_KEY: 'sk-test-0123456789abcdefghijklmnop',
  };
}

async function intentFiles(): Promise<string[]> {
  const root = join(cwd, 'hfo_mission_intent');
  const days = await readdir(root);
  const files = await Promise.all(
    days.map(async (day) => (await readdir(join(root, day))).map((name) => join(root, day, name))),
  );
  return files.flat();
}

function posts(target: ProtocolServer): number {
  return target.requests.filter((request) => request.method === 'POST').length;
}

beforeEach(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'swarmlord-models-'));
  await cp(sample, join(cwd, 'sample'), { recursive: true });
});
afterEach(async () => {
  await server?.close();
  server = undefined;
  await rm(cwd, { recursive: true, force: true });
});

describe('missions on a real model protocol (built CLI against a local OpenAI-compatible server)', () => {
  it('fails a model that fabricates its evidence, shows none of its claims as verified, and keeps secrets out', async () => {
    server = await startOpenAiProtocolServer([answer]);
    const result = await swarmlord(
      ['run', 'Map the architecture and risks', '--workspace', 'sample', '--yes', '--json'],
      modelEnv(server.url),
    );
    expect(result.code, result.stderr).toBe(1);
    const digest: Digest = DigestSchema.parse(JSON.parse(result.stdout));
    expect(digest.verdict).toBe('FAIL');
    expect(digest.hallucination_rate).toBeGreaterThan(0.2);
    expect(digest.engine).toContain('fabricator-1');
    expect(digest.usage?.calls).toBeGreaterThan(0);
    expect(digest.usage?.input_tokens).toBeGreaterThanOrEqual(400);
    const markdown = await readFile(join(cwd, 'hfo_digests', digest.mission_id, 'digest.md'), 'utf8');
    for (const claim of fabricated.claims) {
      const line = markdown.split('\n').find((text) => text.includes(claim.text));
      if (line !== undefined) expect(line).not.toMatch(/\bverified\b/i);
    }
    const everything = [
      markdown,
      result.stdout,
      await readFile(join(cwd, 'hfo_blackboard/obsidian_synapse_blackboard.jsonl'), 'utf8'),
    ].join('\n');
    expect(everything).not.toContain('sk-test-0123456789abcdefghijklmnop');
    expect(server.requests.length).toBeGreaterThan(0);
    expect(server.requests.every((request) => request.headers.authorization !== undefined)).toBe(true);
  });

  it('completes when the first requests are answered 429 with Retry-After', async () => {
    const throttled: ScriptedReply = {
      kind: 'status',
      status: 429,
      retryAfter: '1',
      body: '{"error":"slow down"}',
    };
    server = await startOpenAiProtocolServer((_, index) => (index < 2 ? throttled : answer));
    const result = await swarmlord(
      ['run', 'Map the architecture', '--workspace', 'sample', '--lanes', '1', '--yes', '--json'],
      modelEnv(server.url),
    );
    const digest = DigestSchema.parse(JSON.parse(result.stdout));
    expect(digest.lanes.length).toBeGreaterThan(0);
    expect(digest.blockers.join('\n')).not.toMatch(/429|did not finish/);
    expect(posts(server)).toBeGreaterThan(4);
  });

  it('replays a finished mission from the call cache without sending a request', async () => {
    server = await startOpenAiProtocolServer([answer]);
    const first = await swarmlord(
      ['run', 'Map the architecture', '--workspace', 'sample', '--lanes', '1', '--yes', '--json'],
      modelEnv(server.url),
    );
    const recorded = DigestSchema.parse(JSON.parse(first.stdout));
    const sent = posts(server);
    expect(sent).toBeGreaterThan(0);
    const [intentPath] = await intentFiles();
    const replay = await swarmlord(
      ['mission', 'run', intentPath as string, '--replay', '--json'],
      modelEnv(server.url),
    );
    expect(replay.stderr).toBe('');
    const replayed = DigestSchema.parse(JSON.parse(replay.stdout));
    expect(posts(server)).toBe(sent);
    expect(replayed.verdict).toBe(recorded.verdict);
    expect(replayed.usage?.cached_calls).toBe(replayed.usage?.calls);
    const cacheFiles = await readdir(join(cwd, 'hfo_cache', 'model_calls'), { recursive: true });
    const texts = await Promise.all(
      cacheFiles
        .filter((name) => String(name).endsWith('.json'))
        .map((name) => readFile(join(cwd, 'hfo_cache', 'model_calls', String(name)), 'utf8')),
    );
    expect(texts.length).toBeGreaterThan(0);
    expect(texts.join('\n')).not.toContain('sk-test-0123456789abcdefghijklmnop');
  });

  it('fails a replay with no recorded answer, naming the call, before sending anything', async () => {
    server = await startOpenAiProtocolServer([answer]);
    const result = await swarmlord(
      ['run', 'Map the architecture', '--workspace', 'sample', '--lanes', '1', '--yes', '--json', '--replay'],
      modelEnv(server.url),
    );
    expect(
      posts(server),
      JSON.stringify(server.requests.map((request) => JSON.stringify(request.body).slice(0, 300))),
    ).toBe(0);
    const digest = DigestSchema.parse(JSON.parse(result.stdout));
    expect(digest.blockers.join('\n')).toMatch(/no recorded answer|replay/i);
  });

  it('ends PARTIAL, naming the budget, when budget.max_tokens is below what the mission needs', async () => {
    server = await startOpenAiProtocolServer([answer]);
    const intentPath = join(cwd, 'budget.yml');
    await writeFile(
      intentPath,
      [
        'mission_id: mi_budget_0001',
        'created_at: 2026-12-01T00:00:00Z',
        'objective: Map the architecture',
        'workspace: sample',
        'lanes: 2',
        'budget:',
        '  max_tokens: 1000',
      ].join('\n'),
    );
    const result = await swarmlord(['mission', 'run', intentPath, '--json'], modelEnv(server.url));
    const digest = DigestSchema.parse(JSON.parse(result.stdout));
    expect(digest.partial).toBe(true);
    expect(digest.partial_reason).toMatch(/budget\.max_tokens reached/);
    expect(digest.blockers.join('\n')).toContain('budget.max_tokens');
    // 520 tokens a call: the budget is reached after two calls, and no more are dispatched.
    expect(posts(server)).toBeLessThanOrEqual(3);
  });

  it('refuses a model whose key is missing before any lane starts', async () => {
    const result = await swarmlord(
      [
        'run',
        'Map the architecture',
        '--workspace',
        'sample',
        '--yes',
        '--model',
        'openrouter:deepseek/deepseek-chat',
      ],
      { OPENROUTER_API_KEY: '' },
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('OPENROUTER_API_KEY');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    await expect(readdir(join(cwd, 'hfo_blackboard'))).rejects.toThrow();
  });

  it('says which model each role would use and which setting chose it', async () => {
    const result = await swarmlord(['models', '--json'], {
      SWARMLORD_MODEL: 'ollama:qwen2.5-coder:7b',
      SWARMLORD_MODEL_IMMUNIZER: 'anthropic:claude-sonnet-4-5',
      ANTHROPIC_API_KEY: 'sk-ant-test',
    });
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as {
      choices: { lane_id?: string; role: string; spec: string; source: string }[];
    };
    expect(report.choices).toContainEqual({
      lane_id: 'lane-1',
      role: 'observer',
      spec: 'ollama:qwen2.5-coder:7b',
      source: 'SWARMLORD_MODEL',
    });
    expect(report.choices).toContainEqual({
      role: 'immunizer',
      spec: 'anthropic:claude-sonnet-4-5',
      source: 'SWARMLORD_MODEL_IMMUNIZER',
    });
  });

  it('checks with --check whether each endpoint answers, and exits 1 when one does not', async () => {
    server = await startOpenAiProtocolServer([answer]);
    const up = await swarmlord(['models', '--check'], modelEnv(server.url));
    expect(up.code, up.stderr).toBe(0);
    expect(up.stdout).toMatch(/openai-compatible:fabricator-1: answers: .* answered 200/);
    expect(server.requests.some((request) => request.method === 'GET' && request.path === '/v1/models')).toBe(
      true,
    );
    expect(posts(server)).toBe(0);
    await server.close();
    const down = await swarmlord(['models', '--check'], modelEnv(server.url));
    server = undefined;
    expect(down.code).toBe(1);
    expect(down.stdout).toMatch(/openai-compatible:fabricator-1: FAILED: .*did not answer/);
  });
});
