import type { ChildProcess } from 'node:child_process';
import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import type { PostgresServer } from '../test/postgres-server/index.js';
import { startPostgresServer } from '../test/postgres-server/index.js';
import type { ProtocolServer, RecordedRequest, ScriptedReply } from '../test/protocol-server/index.js';
import { startOpenAiProtocolServer } from '../test/protocol-server/index.js';

/** Shared by the DBOS e2e files: a real PostgreSQL, a scripted model server, the built CLI. */

const execFileAsync = promisify(execFile);
export const cli = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
const sample = fileURLToPath(new URL('../../examples/sample-service', import.meta.url));

export const STATUS_OF_VERDICT: Record<string, string> = {
  PASS: 'passed',
  CAUTION: 'caution',
  FAIL: 'failed',
};

/** Runs the built CLI; a FAIL verdict exits 1, which is an answer here, not an error. */
export async function run(
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

export async function waitFor<T>(
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

/** Body hash of a chat request: the same call asked twice has the same hash. */
export function bodyHash(request: RecordedRequest): string {
  return createHash('sha256').update(JSON.stringify(request.body)).digest('hex');
}

/** What `mission show --json` says of a mission, as the DBOS e2e files check it. */
export interface ShownMission {
  status: string;
  statusReason?: string;
  verdict?: string;
  runs?: number;
  resumes?: number;
  resumeCommand?: string;
}

export interface DbosE2e {
  postgres: PostgresServer;
  server: ProtocolServer;
  /** Body hash of every chat request, in arrival order, and the nonce its answer carried. */
  seen: { hash: string; nonce: string }[];
  environment(extra?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
  workingDirectory(): Promise<string>;
  /** `mission new … --yes --json` in `cwd`: the mission id and the intent path. */
  newMission(
    cwd: string,
    objective: string,
    extra?: string[],
  ): Promise<{ missionId: string; intentPath: string }>;
  /** A worker process of the built CLI; resolves with it and its executor id once it listens. */
  startWorker(
    databaseUrl: string,
    cwd: string,
    options?: { env?: NodeJS.ProcessEnv; concurrency?: number },
  ): Promise<{ child: ChildProcess; executorId: string }>;
  /** `swarmlord mission show <id> --json` on the shared database. */
  showStatus(cwd: string, databaseUrl: string, missionId: string): Promise<ShownMission>;
  pool(databaseUrl: string): pg.Pool;
  close(): Promise<void>;
}

/** One answer that fits every task's schema, with a nonce: the journal shows which calls completed. */
function scriptedAnswer(seen: DbosE2e['seen'], request: RecordedRequest, index: number): ScriptedReply {
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

export async function startDbosE2e(): Promise<DbosE2e> {
  const seen: DbosE2e['seen'] = [];
  const postgres = await startPostgresServer();
  const server = await startOpenAiProtocolServer((request, index) => scriptedAnswer(seen, request, index));
  const directories: string[] = [];
  const children: ChildProcess[] = [];
  const pools: pg.Pool[] = [];
  const environment = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
    ...process.env,
    NO_COLOR: '1',
    SWARMLORD_DEBUG: '',
    OPENAI_BASE_URL: `${server.url}/v1`,
    OPENAI_API_KEY: 'x',
    SWARMLORD_MODEL: 'openai-compatible:scripted-model',
    ...extra,
  });
  return {
    postgres,
    server,
    seen,
    environment,
    async workingDirectory() {
      const cwd = await mkdtemp(join(tmpdir(), 'swarmlord-dbos-'));
      directories.push(cwd);
      await cp(sample, join(cwd, 'ws'), { recursive: true });
      return cwd;
    },
    async newMission(cwd, objective, extra = []) {
      const created = await run(
        process.execPath,
        [cli, 'mission', 'new', objective, '--workspace', 'ws', '--yes', '--json', ...extra],
        { cwd, env: environment({ SWARMLORD_MODEL: '', SWARMLORD_STORE: 'off' }) },
      );
      const parsed = JSON.parse(created.stdout) as { mission_id: string; path: string };
      return { missionId: parsed.mission_id, intentPath: parsed.path };
    },
    startWorker(databaseUrl, cwd, options = {}) {
      return new Promise((resolveWorker, reject) => {
        const child = spawn(
          process.execPath,
          [cli, 'worker', '--concurrency', String(options.concurrency ?? 1)],
          { cwd, env: environment({ DATABASE_URL: databaseUrl, ...options.env }) },
        );
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
    },
    async showStatus(cwd, databaseUrl, missionId) {
      const shown = await run(process.execPath, [cli, 'mission', 'show', missionId, '--json'], {
        cwd,
        env: environment({ DATABASE_URL: databaseUrl }),
      });
      const parsed = JSON.parse(shown.stdout) as {
        status: string;
        mission: Omit<ShownMission, 'status'>;
      };
      const { statusReason, verdict, runs, resumes, resumeCommand } = parsed.mission;
      return {
        status: parsed.status,
        ...(statusReason === undefined ? {} : { statusReason }),
        ...(verdict === undefined ? {} : { verdict }),
        ...(runs === undefined ? {} : { runs }),
        ...(resumes === undefined ? {} : { resumes }),
        ...(resumeCommand === undefined ? {} : { resumeCommand }),
      };
    },
    pool(databaseUrl) {
      const db = new pg.Pool({ connectionString: databaseUrl, max: 2 });
      db.on('error', () => undefined);
      pools.push(db);
      return db;
    },
    async close() {
      for (const child of children)
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await Promise.all(pools.map((db) => db.end().catch(() => undefined)));
      await server.close();
      await postgres.stop();
      await Promise.all(directories.map((path) => rm(path, { recursive: true, force: true })));
    },
  };
}

/**
 * The mission's journaled steps (step id → record) at one moment. A step is journaled once its
 * call completed; a completed call asked again (by body or, after a diverged key, by step) would
 * journal its step again with another answer, so an unchanged record proves it was not repeated.
 */
export async function journalSnapshot(db: pg.Pool, missionId: string): Promise<Map<string, string>> {
  const rows = await db.query<{ step_id: string; record: string }>(
    'SELECT step_id, record::text AS record FROM swarmlord_dbos.journal_steps WHERE mission_id = $1',
    [missionId],
  );
  return new Map(rows.rows.map((row) => [row.step_id, row.record]));
}

/** Steps of `before` whose record is not the same in `after` (journaled again, or gone). */
export function rejournaled(before: Map<string, string>, after: Map<string, string>): string[] {
  return [...before].filter(([step, record]) => after.get(step) !== record).map(([step]) => step);
}

/** The reply nonces (`reply-N-n`) the mission's journaled steps hold: the answers it kept. */
export function journaledNonces(steps: Map<string, string>): Set<string> {
  return new Set([...steps.values()].flatMap((record) => record.match(/reply-\d+-n/g) ?? []));
}

/**
 * Requests made after the kill that repeat a completed call: the same body as a call whose answer
 * was journaled before the kill, and an answer no step kept at the end. Two different steps can send
 * the same body (lanes with the same prompt); the later one's answer is journaled under its own
 * step, so it is not a repeat. A repeat of a completed step cannot be journaled again without
 * changing that step's record, which `rejournaled` catches.
 */
export function repeatedCalls(
  after: readonly { hash: string; nonce: string }[],
  completedHashes: ReadonlySet<string>,
  keptAtEnd: ReadonlySet<string>,
): { hash: string; nonce: string }[] {
  return after.filter((entry) => completedHashes.has(entry.hash) && !keptAtEnd.has(entry.nonce));
}
