import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFile, cp, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProtocolServer, RecordedRequest, ScriptedReply } from '../test/protocol-server/index.js';
import { startOpenAiProtocolServer } from '../test/protocol-server/index.js';

const run = promisify(execFile);
const cli = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
const sample = fileURLToPath(new URL('../../examples/sample-service', import.meta.url));
const KILLS = 7;
const BLACKBOARD = 'hfo_blackboard/obsidian_synapse_blackboard.jsonl';

let server: ProtocolServer;
const directories: string[] = [];
/** Body hash of every chat request, in arrival order, and the nonce the answer to it carried. */
const seen: { hash: string; nonce: string }[] = [];

function bodyHash(request: RecordedRequest): string {
  return createHash('sha256').update(JSON.stringify(request.body)).digest('hex');
}

/**
 * One answer that fits every task's schema; each carries a nonce, so the journal shows which
 * answers a killed run had recorded (completed calls) and the server can tell if one is asked again.
 */
function answerFor(request: RecordedRequest, index: number): ScriptedReply {
  const nonce = `reply-${index}-n`;
  seen.push({ hash: bodyHash(request), nonce });
  const value = {
    summary: `Webhooks are verified in the server (${nonce}).`,
    observations: [
      {
        text: `The server verifies sessions (${nonce})`,
        evidence: [{ path: 'src/server.ts', start_line: 1, end_line: 3 }],
      },
    ],
    claims: [
      {
        text: 'The admin password is hunter2',
        evidence: [{ ref_id: 'E777', quote: 'password = "hunter2"' }],
        claim_id: 'z',
        support: 'supported',
        reason: 'looks right',
      },
    ],
    cynefin_domain: 'complicated',
    rationale: `several moving parts (${nonce})`,
    plan: ['report the findings'],
    tool_selections: [],
    artifacts: [],
    metrics: [],
    verdict: 'pass',
    reasons: ['all claims are supported'],
    questions: ['What is in scope?'],
  };
  return { kind: 'delay', ms: 25, reply: { kind: 'json', value, usage: { input: 300, output: 80 } } };
}

async function workingDirectory(): Promise<string> {
  const cwd = await mkdtemp(join(tmpdir(), 'swarmlord-resume-'));
  directories.push(cwd);
  await cp(sample, join(cwd, 'ws'), { recursive: true });
  return cwd;
}

function environment(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NO_COLOR: '1',
    SWARMLORD_DEBUG: '',
    SWARMLORD_STORE: 'off',
    OPENAI_BASE_URL: `${server.url}/v1`,
    OPENAI_API_KEY: 'x',
    SWARMLORD_MODEL: 'openai-compatible:scripted-model',
  };
}

async function newIntent(cwd: string): Promise<{ missionId: string; path: string }> {
  const { stdout } = await run(
    process.execPath,
    [cli, 'mission', 'new', 'Where are webhooks verified?', '--workspace', 'ws', '--yes', '--json'],
    { cwd, env: { ...environment(), SWARMLORD_MODEL: '' } },
  );
  const created = JSON.parse(stdout) as { mission_id: string; path: string };
  return { missionId: created.mission_id, path: created.path };
}

/** Runs the CLI; with `killAt`, SIGKILLs it when `killAt` resolves true (polled every 2 ms). */
function swarmlord(
  cwd: string,
  args: string[],
  killAt?: (elapsedMs: number) => Promise<boolean>,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd, env: environment() });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.stderr.resume();
    const started = Date.now();
    let timer: NodeJS.Timeout | undefined;
    const poll = async () => {
      if (child.exitCode !== null || killAt === undefined) return;
      if (await killAt(Date.now() - started)) child.kill('SIGKILL');
      else timer = setTimeout(() => void poll(), 2);
    };
    if (killAt !== undefined) void poll();
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (timer !== undefined) clearTimeout(timer);
      resolve({ code, signal, stdout });
    });
  });
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

async function filesUnder(dir: string): Promise<string[]> {
  if (!(await exists(dir))) return [];
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

/** Nonces of the answers the journal holds: calls that completed before the kill. */
async function journaledNonces(cwd: string): Promise<Set<string>> {
  const nonces = new Set<string>();
  for (const file of await filesUnder(join(cwd, 'hfo_journal'))) {
    if (file.endsWith('.tmp')) continue;
    const text = await readFile(file, 'utf8').catch(() => '');
    if (!text.includes('"model-call"')) continue;
    for (const match of text.matchAll(/reply-\d+-n/g)) nonces.add(match[0]);
  }
  return nonces;
}

async function lineCount(path: string): Promise<number> {
  const text = await readFile(path, 'utf8').catch(() => '');
  return text.split('\n').length - 1;
}

async function verdictOf(cwd: string, missionId: string): Promise<string> {
  const digest = JSON.parse(await readFile(join(cwd, 'hfo_digests', missionId, 'digest.json'), 'utf8')) as {
    verdict: string;
    partial: boolean;
  };
  expect(digest.partial).toBe(false);
  return digest.verdict;
}

/** A small seeded generator: a failing kill schedule can be replayed from the seed in the message. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

beforeAll(async () => {
  server = await startOpenAiProtocolServer(answerFor);
});

afterAll(async () => {
  await server.close();
  await Promise.all(directories.map((path) => rm(path, { recursive: true, force: true })));
});

describe('mission resume after kill -9', () => {
  it(`resumes ${KILLS} SIGKILLs (random points, a torn blackboard append, a digest write) to the uninterrupted verdict, paying no completed call twice`, async () => {
    const baseline = await workingDirectory();
    const base = await newIntent(baseline);
    const startedAt = Date.now();
    await swarmlord(baseline, ['mission', 'run', base.path, '--no-record', '--json']);
    const duration = Date.now() - startedAt;
    const expected = await verdictOf(baseline, base.missionId);

    const cwd = await workingDirectory();
    const { missionId, path } = await newIntent(cwd);
    const seed = Number(process.env.SWARMLORD_FAULT_SEED ?? Date.now() % 100_000);
    const next = random(seed);
    const context = `seed ${seed}`;
    const blackboard = join(cwd, BLACKBOARD);
    const completed = new Set<string>();
    let finished = false;
    let killed = 0;
    for (let kill = 0; kill < KILLS && !finished; kill += 1) {
      const args = (await exists(join(cwd, 'hfo_journal', missionId, 'journal.json')))
        ? ['mission', 'resume', missionId, '--no-record', '--json']
        : ['mission', 'run', path, '--no-record', '--json'];
      const before = await lineCount(blackboard);
      const delay = 150 + next() * duration * 0.5;
      // Kill 2 lands just after a receipt is appended; kill 4 as a digest run folder appears.
      const killAt =
        kill === 2
          ? async () => (await lineCount(blackboard)) > before + 3
          : kill === 4
            ? async () => (await filesUnder(join(cwd, 'hfo_digests', missionId))).length > 0
            : async (elapsed: number) => elapsed >= delay;
      const requestsBefore = seen.length;
      const outcome = await swarmlord(cwd, args, killAt);
      finished = outcome.signal === null;
      if (!finished) killed += 1;
      // No call answered before this run (and journaled) may be asked again in it.
      const repeated = seen.slice(requestsBefore).filter((entry) => completed.has(entry.hash));
      expect(repeated, `${context}, run ${kill + 1}`).toEqual([]);
      const nonces = await journaledNonces(cwd);
      for (const entry of seen) if (nonces.has(entry.nonce)) completed.add(entry.hash);
      // A kill inside an append leaves a torn last line: the next run sets it aside.
      if (kill === 1 && !finished) await appendFile(blackboard, '{"mission_id":"torn","lane_id":"lan');
    }
    // At least one run must have been killed, or nothing was tested; how many depends on timing.
    expect(killed, context).toBeGreaterThanOrEqual(1);
    const requestsBefore = seen.length;
    const last = await swarmlord(cwd, ['mission', 'resume', missionId, '--no-record', '--json']);
    expect(last.signal).toBeNull();
    expect(
      seen.slice(requestsBefore).filter((entry) => completed.has(entry.hash)),
      context,
    ).toEqual([]);

    expect(await verdictOf(cwd, missionId), context).toBe(expected);
    const audit = await run(process.execPath, [cli, 'audit'], { cwd, env: environment() });
    expect(audit.stdout, context).toContain('hash chain intact');
    // No half-written file: every digest and bundle parses, no temporary file is left in the journal.
    for (const file of await filesUnder(join(cwd, 'hfo_digests'))) {
      if (file.endsWith('.json')) JSON.parse(await readFile(file, 'utf8'));
    }
    expect((await filesUnder(join(cwd, 'hfo_journal'))).filter((file) => file.endsWith('.tmp'))).toEqual([]);
    // Resuming a finished mission says so and changes nothing.
    const blackboardBefore = await readFile(blackboard, 'utf8');
    const again = await swarmlord(cwd, ['mission', 'resume', missionId]);
    expect(again.stdout).toContain('already finished');
    expect(await readFile(blackboard, 'utf8')).toBe(blackboardBefore);
  }, 300_000);
});
