import type { ChildProcess } from 'node:child_process';
import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PostgresServer } from '../test/postgres-server/index.js';
import { startPostgresServer } from '../test/postgres-server/index.js';
import type { ProtocolServer, RecordedRequest, ScriptedReply } from '../test/protocol-server/index.js';
import { startOpenAiProtocolServer } from '../test/protocol-server/index.js';

const execFileAsync = promisify(execFile);

/** Runs the built CLI; a FAIL verdict exits 1, which is an answer here, not an error. */
async function run(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    return { ...(await execFileAsync(command, args, options)), code: 0 };
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string; code?: number };
    if (failed.code === 1) return { stdout: failed.stdout ?? '', stderr: failed.stderr ?? '', code: 1 };
    throw error;
  }
}
const cli = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
const sample = fileURLToPath(new URL('../../examples/sample-service', import.meta.url));

let postgres: PostgresServer;
let server: ProtocolServer;
const directories: string[] = [];
const children: ChildProcess[] = [];
/** Body hash of every chat request, in arrival order, and the nonce its answer carried. */
const seen: { hash: string; nonce: string }[] = [];

function bodyHash(request: RecordedRequest): string {
  return createHash('sha256').update(JSON.stringify(request.body)).digest('hex');
}

/** One answer that fits every task's schema, with a nonce: the journal shows which calls completed. */
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
    claims: [],
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
  return { kind: 'delay', ms: 150, reply: { kind: 'json', value, usage: { input: 300, output: 80 } } };
}

function environment(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NO_COLOR: '1',
    SWARMLORD_DEBUG: '',
    OPENAI_BASE_URL: `${server.url}/v1`,
    OPENAI_API_KEY: 'x',
    SWARMLORD_MODEL: 'openai-compatible:scripted-model',
    ...extra,
  };
}

async function workingDirectory(): Promise<string> {
  const cwd = await mkdtemp(join(tmpdir(), 'swarmlord-dbos-'));
  directories.push(cwd);
  await cp(sample, join(cwd, 'ws'), { recursive: true });
  return cwd;
}

/** A worker process of the built CLI; resolves with it and its executor id once it listens. */
function startWorker(
  databaseUrl: string,
  cwd: string,
  extra: NodeJS.ProcessEnv = {},
): Promise<{ child: ChildProcess; executorId: string }> {
  return new Promise((resolveWorker, reject) => {
    const child = spawn(process.execPath, [cli, 'worker', '--concurrency', '1'], {
      cwd,
      env: environment({ DATABASE_URL: databaseUrl, ...extra }),
    });
    children.push(child);
    let stderr = '';
    child.stdout?.resume();
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      const match = /swarmlord worker: (\S+) \(version/.exec(stderr);
      if (match?.[1] !== undefined) resolveWorker({ child, executorId: match[1] });
    });
    child.on('exit', (code) => reject(new Error(`worker exited (${code}): ${stderr}`)));
  });
}

async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 120_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolveWait) => setTimeout(resolveWait, 50));
  }
}

const STATUS_OF_VERDICT: Record<string, string> = { PASS: 'passed', CAUTION: 'caution', FAIL: 'failed' };

/** `swarmlord mission show <id> --json` on the shared database. */
async function showStatus(
  cwd: string,
  databaseUrl: string,
  missionId: string,
): Promise<{ status: string; statusReason?: string; verdict?: string }> {
  const shown = await run(process.execPath, [cli, 'mission', 'show', missionId, '--json'], {
    cwd,
    env: environment({ DATABASE_URL: databaseUrl }),
  });
  const parsed = JSON.parse(shown.stdout) as {
    status: string;
    mission: { statusReason?: string; verdict?: string };
  };
  return {
    status: parsed.status,
    ...(parsed.mission.statusReason === undefined ? {} : { statusReason: parsed.mission.statusReason }),
    ...(parsed.mission.verdict === undefined ? {} : { verdict: parsed.mission.verdict }),
  };
}

beforeAll(async () => {
  postgres = await startPostgresServer();
  server = await startOpenAiProtocolServer(answerFor);
}, 60_000);

afterAll(async () => {
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await server?.close();
  await postgres?.stop();
  await Promise.all(directories.map((path) => rm(path, { recursive: true, force: true })));
});

describe('missions on DBOS workers', () => {
  it('two workers share the queue; the one running the mission is SIGKILLed; the other finishes it without repeating a completed call; the export audits; the verdict is the embedded one', async () => {
    const databaseUrl = await postgres.createDatabase();
    const cwd = await workingDirectory();
    const created = await run(
      process.execPath,
      [cli, 'mission', 'new', 'Where are webhooks verified?', '--workspace', 'ws', '--yes', '--json'],
      { cwd, env: environment({ SWARMLORD_MODEL: '', SWARMLORD_STORE: 'off' }) },
    );
    const { mission_id: missionId, path: intentPath } = JSON.parse(created.stdout) as {
      mission_id: string;
      path: string;
    };
    // The embedded runtime on the same intent and scripted server.
    const embedded = await workingDirectory();
    await cp(join(cwd, 'hfo_mission_intent'), join(embedded, 'hfo_mission_intent'), { recursive: true });
    await run(process.execPath, [cli, 'mission', 'run', intentPath, '--no-record', '--json'], {
      cwd: embedded,
      env: environment({ SWARMLORD_STORE: 'off' }),
    });
    const expected = (
      JSON.parse(await readFile(join(embedded, 'hfo_digests', missionId, 'digest.json'), 'utf8')) as {
        verdict: string;
      }
    ).verdict;

    const workers = [await startWorker(databaseUrl, cwd), await startWorker(databaseUrl, cwd)];
    const submit = async () =>
      run(
        process.execPath,
        [cli, 'mission', 'run', intentPath, '--engine', 'dbos', '--detach', '--no-record'],
        {
          cwd,
          env: environment({ DATABASE_URL: databaseUrl }),
        },
      );
    const submitted = await submit();
    expect(submitted.stdout.trim()).toBe(missionId);
    // A duplicate submission is the same workflow.
    expect((await submit()).stdout.trim()).toBe(missionId);

    const db = new pg.Pool({ connectionString: databaseUrl, max: 2 });
    db.on('error', () => undefined);
    try {
      const owner = await waitFor('three model calls of the mission', async () => {
        const calls = await db.query<{ count: string }>(
          `SELECT count(*) AS count FROM swarmlord_dbos.journal_steps WHERE mission_id = $1 AND record::text LIKE '%"model-call"%'`,
          [missionId],
        );
        if (Number(calls.rows[0]?.count ?? 0) < 3) return undefined;
        const status = await db.query<{ executor_id: string }>(
          'SELECT executor_id FROM dbos.workflow_status WHERE workflow_uuid = $1',
          [`mission:${missionId}`],
        );
        return status.rows[0]?.executor_id;
      });
      const victim = workers.find((worker) => worker.executorId === owner);
      const survivor = workers.find((worker) => worker.executorId !== owner);
      expect(victim, `owner ${owner}`).toBeDefined();
      victim?.child.kill('SIGKILL');
      const killedAt = Date.now();
      const requestsAtKill = seen.length;
      // Calls whose answer was journaled before the kill completed: none may be asked again.
      const journaled = await db.query<{ record: string }>(
        `SELECT record::text AS record FROM swarmlord_dbos.journal_steps WHERE mission_id = $1`,
        [missionId],
      );
      const nonces = new Set(journaled.rows.flatMap((row) => row.record.match(/reply-\d+-n/g) ?? []));
      const completed = new Set(seen.filter((entry) => nonces.has(entry.nonce)).map((entry) => entry.hash));
      expect(completed.size).toBeGreaterThanOrEqual(3);

      const finished = await waitFor('the mission workflow to finish on the other worker', async () => {
        const status = await db.query<{ status: string; executor_id: string }>(
          'SELECT status, executor_id FROM dbos.workflow_status WHERE workflow_uuid = $1',
          [`mission:${missionId}`],
        );
        const row = status.rows[0];
        return row !== undefined && row.status !== 'PENDING' && row.status !== 'ENQUEUED' ? row : undefined;
      });
      expect(finished.status).toBe('SUCCESS');
      // Reported, not asserted (a noisy machine): how long the mission took to finish after the kill.
      process.stderr.write(`dbos e2e: mission finished ${Date.now() - killedAt} ms after the kill\n`);
      expect(finished.executor_id).toBe(survivor?.executorId);
      expect(seen.slice(requestsAtKill).filter((entry) => completed.has(entry.hash))).toEqual([]);
      // Each lane attempt was a child workflow of the mission on the lane queue, all finished.
      const lanes = await db.query<{ workflow_uuid: string; status: string; queue_name: string }>(
        'SELECT workflow_uuid, status, queue_name FROM dbos.workflow_status WHERE workflow_uuid LIKE $1 ORDER BY workflow_uuid',
        [`lane:${missionId}:%`],
      );
      expect(lanes.rows.length).toBeGreaterThanOrEqual(2);
      for (const lane of lanes.rows)
        expect([lane.status, lane.queue_name]).toEqual(['SUCCESS', 'swarmlord-lanes']);
    } finally {
      await db.end();
    }

    const digest = JSON.parse(await readFile(join(cwd, 'hfo_digests', missionId, 'digest.json'), 'utf8')) as {
      verdict: string;
      partial: boolean;
    };
    expect(digest.partial).toBe(false);
    expect(digest.verdict).toBe(expected);

    const shown = await showStatus(cwd, databaseUrl, missionId);
    expect(shown.status).toBe(STATUS_OF_VERDICT[expected]);
    expect(shown.verdict).toBe(expected);

    const exported = join(cwd, 'exported.jsonl');
    await run(process.execPath, [cli, 'blackboard', 'export', '--mission', missionId, '--output', exported], {
      cwd,
      env: environment({ DATABASE_URL: databaseUrl }),
    });
    const audit = await run(process.execPath, [cli, 'audit', exported], { cwd, env: environment() });
    expect(audit.stdout).toContain('hash chain intact');
  }, 300_000);

  it('a worker of another build does not take the mission; a worker of this build does', async () => {
    const databaseUrl = await postgres.createDatabase();
    const cwd = await workingDirectory();
    const created = await run(
      process.execPath,
      [cli, 'mission', 'new', 'Where are sessions checked?', '--workspace', 'ws', '--yes', '--json'],
      { cwd, env: environment({ SWARMLORD_MODEL: '', SWARMLORD_STORE: 'off' }) },
    );
    const { mission_id: missionId, path: intentPath } = JSON.parse(created.stdout) as {
      mission_id: string;
      path: string;
    };
    const other = await startWorker(databaseUrl, cwd, { SWARMLORD_APP_VERSION: 'swarmlord-another-build' });
    const submitted = await run(
      process.execPath,
      [cli, 'mission', 'run', intentPath, '--engine', 'dbos', '--detach', '--json', '--no-record'],
      { cwd, env: environment({ DATABASE_URL: databaseUrl }) },
    );
    expect(JSON.parse(submitted.stdout)).toEqual({
      mission_id: missionId,
      workflow_id: `mission:${missionId}`,
    });
    const db = new pg.Pool({ connectionString: databaseUrl, max: 2 });
    db.on('error', () => undefined);
    const status = async () =>
      (
        await db.query<{ status: string; executor_id: string | null; application_version: string }>(
          'SELECT status, executor_id, application_version FROM dbos.workflow_status WHERE workflow_uuid = $1',
          [`mission:${missionId}`],
        )
      ).rows[0];
    try {
      // The other build polls its queues many times over (every 100 ms) in this window.
      await new Promise((resolveWait) => setTimeout(resolveWait, 3000));
      const waiting = await status();
      expect(waiting?.status).toBe('ENQUEUED');
      expect(waiting?.application_version).not.toBe('swarmlord-another-build');
      const same = await startWorker(databaseUrl, cwd);
      // From the store, caught up from the receipts table: running while its workflow is live on a beating worker.
      await waitFor('the mission to start on the worker of this build', async () => {
        const row = await status();
        const receipts = await db.query<{ count: string }>(
          'SELECT count(*) AS count FROM swarmlord_dbos.receipts WHERE mission_id = $1',
          [missionId],
        );
        return row?.status === 'PENDING' && Number(receipts.rows[0]?.count ?? 0) > 0 ? true : undefined;
      });
      const live = await showStatus(cwd, databaseUrl, missionId);
      const phases = await db.query<{ phase: string }>(
        `SELECT (line::json)->>'phase' AS phase FROM swarmlord_dbos.receipts WHERE mission_id = $1 ORDER BY seq`,
        [missionId],
      );
      const shownPhases = JSON.stringify({ live, phases: phases.rows.map((row) => row.phase) });
      expect(live.status, shownPhases).toBe('running');
      expect(live.statusReason, shownPhases).toContain(`worker ${same.executorId}`);
      const done = await waitFor('the mission on the worker of this build', async () => {
        const row = await status();
        return row?.status === 'SUCCESS' ? row : undefined;
      });
      expect(done.executor_id).toBe(same.executorId);
      expect(done.executor_id).not.toBe(other.executorId);
      const digest = JSON.parse(
        await readFile(join(cwd, 'hfo_digests', missionId, 'digest.json'), 'utf8'),
      ) as { verdict: string };
      const shown = await showStatus(cwd, databaseUrl, missionId);
      expect(shown.status).toBe(STATUS_OF_VERDICT[digest.verdict]);
    } finally {
      await db.end();
    }
  }, 300_000);
});
