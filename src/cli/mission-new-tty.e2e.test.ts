import { execFile, execFileSync } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/**
 * `swarmlord mission new` driven as a person uses it: in a real pseudo-terminal (tmux), keys sent
 * one by one, the screen read back. tmux is installed by .ci/run when missing.
 */
const run = promisify(execFile);
const cli = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
const sample = fileURLToPath(new URL('../../examples/sample-service', import.meta.url));
const socket = `swarmlord-e2e-${process.pid}`;
let root: string;

function tmux(...args: string[]): string {
  return execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
}

/** Starts `swarmlord <args>` in its own tmux session; its exit code lands in `exit.txt`. */
async function start(name: string, args: string): Promise<{ cwd: string; session: string }> {
  const cwd = await mkdtemp(join(root, `${name}-`));
  await cp(sample, join(cwd, 'sample'), { recursive: true });
  const command = `cd '${cwd}' && NO_COLOR=1 '${process.execPath}' '${cli}' ${args}; echo "EXIT=$?" > exit.txt; sleep 60`;
  tmux('new-session', '-d', '-s', name, '-x', '160', '-y', '60', command);
  return { cwd, session: name };
}

async function screenOf(session: string): Promise<string> {
  return tmux('capture-pane', '-p', '-J', '-S', '-200', '-t', session);
}

/** Waits until the screen shows `text` (the prompt is drawn) and returns the screen. */
async function waitFor(session: string, text: string | RegExp, timeoutMs = 20_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const screen = await screenOf(session);
    if (typeof text === 'string' ? screen.includes(text) : text.test(screen)) return screen;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${String(text)}; screen:\n${screen}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function exitCodeOf(cwd: string, timeoutMs = 20_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = await readFile(join(cwd, 'exit.txt'), 'utf8').catch(() => '');
    const match = /EXIT=(\d+)/.exec(text);
    if (match) return Number(match[1]);
    if (Date.now() > deadline) throw new Error('the command did not exit');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Answers one question: waits for it, types the answer (if any), presses Enter. */
async function answer(session: string, question: string, text = ''): Promise<void> {
  await waitFor(session, question);
  if (text !== '') tmux('send-keys', '-t', session, '-l', text);
  tmux('send-keys', '-t', session, 'Enter');
  // The next prompt replaces this one; wait for the answer to be taken before the next question.
  await new Promise((resolve) => setTimeout(resolve, 150));
}

async function answerThreePasses(session: string): Promise<void> {
  await answer(session, 'Which files or folders are in scope?', 'src');
  await answer(session, 'What is out of scope?', 'docs');
  await answer(session, 'What must the digest establish', 'names the session check; lists its callers');
  await answer(session, 'What evidence do you expect');
  await answer(session, 'Constraints: what must the swarm not do');
  await answer(session, 'Which risks matter most');
  await answer(session, 'What shape should the output take');
}

async function intentFiles(cwd: string): Promise<string[]> {
  const dir = join(cwd, 'hfo_mission_intent');
  const days = await readdir(dir).catch(() => [] as string[]);
  const files = await Promise.all(
    days.map(async (day) => (await readdir(join(dir, day))).map((file) => join(dir, day, file))),
  );
  return files.flat();
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'swarmlord-tty-'));
});
afterAll(async () => {
  try {
    tmux('kill-server');
  } catch {
    // No session left: nothing to end.
  }
  await rm(root, { recursive: true, force: true });
});

describe('swarmlord mission new in a real terminal (tmux)', () => {
  it('asks three passes before any intent exists, shows the summary, and writes the approved intent', async () => {
    const { cwd, session } = await start(
      'approve',
      'mission new "Where are sessions checked?" --workspace sample',
    );
    await answerThreePasses(session);
    const screen = await waitFor(session, 'Approve this intent');
    expect(await intentFiles(cwd)).toEqual([]);
    for (const part of [
      'Objective: Where are sessions checked?',
      'lane-1: offline',
      'Quorum: 2 of 4',
      'Bands: PASS',
      'Budgets:',
    ])
      expect(screen).toContain(part);
    tmux('send-keys', '-t', session, 'y');
    expect(await exitCodeOf(cwd)).toBe(0);
    const [file] = await intentFiles(cwd);
    const intent = parse(await readFile(file as string, 'utf8')) as {
      clarifications: { pass: number; topic: string; answer: string }[];
      scope: { include: string[]; exclude: string[] };
      criteria: { text: string }[];
    };
    expect(intent.clarifications.map((entry) => entry.pass)).toEqual([1, 1, 2, 2, 3, 3, 3]);
    expect(intent.scope).toEqual({ include: ['src'], exclude: ['docs'] });
    expect(intent.criteria.map((criterion) => criterion.text)).toEqual([
      'names the session check',
      'lists its callers',
    ]);
    const receipts = (await readFile(join(cwd, 'hfo_blackboard/obsidian_synapse_blackboard.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { phase: string });
    expect(receipts.map((receipt) => receipt.phase)).toEqual([
      'clarify',
      'clarify',
      'clarify',
      'intent_frozen',
    ]);
  }, 60_000);

  it('asks a fourth pass when the summary is rejected', async () => {
    const { cwd, session } = await start(
      'reject',
      'mission new "Where are sessions checked?" --workspace sample',
    );
    await answerThreePasses(session);
    await waitFor(session, 'Approve this intent');
    tmux('send-keys', '-t', session, 'n');
    await waitFor(session, 'Clarification pass 4');
    await answer(session, 'Revise: Which files or folders are in scope?', 'src/auth');
    await answer(session, 'Revise: What is out of scope?');
    await waitFor(session, /Approve this intent[\s\S]*Approve this intent/);
    tmux('send-keys', '-t', session, 'y');
    expect(await exitCodeOf(cwd)).toBe(0);
    const [file] = await intentFiles(cwd);
    const intent = parse(await readFile(file as string, 'utf8')) as {
      clarifications: { pass: number }[];
      scope: { include: string[] };
    };
    expect(intent.clarifications.filter((entry) => entry.pass === 4)).toHaveLength(2);
    expect(intent.scope.include).toEqual(['src/auth']);
  }, 60_000);

  it('Ctrl-C at the approval prompt writes nothing and exits 130', async () => {
    const { cwd, session } = await start(
      'interrupt',
      'mission new "Where are sessions checked?" --workspace sample',
    );
    await answerThreePasses(session);
    await waitFor(session, 'Approve this intent');
    tmux('send-keys', '-t', session, 'C-c');
    expect(await exitCodeOf(cwd)).toBe(130);
    expect(await intentFiles(cwd)).toEqual([]);
    expect(await readdir(cwd)).not.toContain('hfo_blackboard');
  }, 60_000);

  it('Ctrl-C at the first question exits 130 and writes nothing', async () => {
    const { cwd, session } = await start('first', 'run "Where are sessions checked?" --workspace sample');
    await waitFor(session, 'Which files or folders are in scope?');
    tmux('send-keys', '-t', session, 'C-c');
    expect(await exitCodeOf(cwd)).toBe(130);
    expect(await intentFiles(cwd)).toEqual([]);
  }, 60_000);
});

describe('swarmlord mission new without a terminal', () => {
  it('fails at once with a clear message and writes nothing when neither --answers nor --yes is given', async () => {
    const cwd = await mkdtemp(join(root, 'pipe-'));
    await cp(sample, join(cwd, 'sample'), { recursive: true });
    const started = Date.now();
    const failed = (await run(process.execPath, [cli, 'mission', 'new', 'Where?', '--workspace', 'sample'], {
      cwd,
      env: { ...process.env, NO_COLOR: '1' },
      timeout: 10_000,
    }).catch((error: unknown) => error)) as { code: number; stderr: string };
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(failed.code).toBe(2);
    expect(failed.stderr).toMatch(/stdin is not a terminal: pass --answers FILE .* or --yes/);
    expect(failed.stderr).not.toMatch(/\n\s+at /);
    expect(await readdir(cwd)).toEqual(['sample']);
  }, 20_000);
});
