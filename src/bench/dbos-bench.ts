import type { ChildProcess } from 'node:child_process';
import { execFile, spawn } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, cpus as cpuList, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { DBOS } from '@dbos-inc/dbos-sdk';
import pg from 'pg';
import { applyDbosMigrations, createPostgresJournal } from '../dbos/index.js';
import type { DurableJournal } from '../durable/index.js';
import { createFileJournal } from '../durable/index.js';
import { startPostgresServer } from '../test/postgres-server/index.js';

function cpuModel(): string {
  return cpuList()[0]?.model.trim() ?? 'unknown CPU';
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** ms per journaled step (put then get, as a resumed call asks), median over rounds. */
async function perStep(
  make: (round: number) => DurableJournal,
  steps: number,
  rounds: number,
): Promise<number> {
  const samples: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    const journal = make(round);
    const started = performance.now();
    for (let call = 1; call <= steps; call += 1) {
      const step = {
        missionId: `mi_${round}`,
        laneId: 'lane-1',
        attempt: 1,
        phase: 'perceive',
        callIndex: call,
      };
      await journal.put({ step, kind: 'model-call', inputKey: `k${call}`, value: { text: 'x'.repeat(400) } });
      await journal.get(step);
    }
    samples.push((performance.now() - started) / steps);
  }
  return median(samples);
}

/**
 * The durable engine's own cost on this machine (issue 16): a journaled step on PostgreSQL against
 * the embedded file journal, and a queued DBOS workflow (enqueue → dequeued → run → result) with a
 * trivial body, on a real PostgreSQL 15 started for the bench. Reported beside the hands-on
 * comparison's 0.5–0.7 ms per step and 16–21 ms per queued child workflow.
 */
export async function benchDbos(rounds = 3): Promise<string> {
  const postgres = await startPostgresServer();
  const directory = await mkdtemp(join(tmpdir(), 'swarmlord-dbos-bench-'));
  const url = await postgres.createDatabase();
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  try {
    await applyDbosMigrations(pool);
    const steps = 200;
    const file = await perStep(
      (round) => createFileJournal({ cwd: directory, missionId: `mi_${round}` }),
      steps,
      rounds,
    );
    const postgresStep = await perStep((round) => createPostgresJournal(pool, `mi_${round}`), steps, rounds);

    DBOS.setConfig({ name: 'swarmlord-bench', systemDatabaseUrl: url, logLevel: 'error' });
    const trivial = DBOS.registerWorkflow(async (index: number) => index + 1, { name: 'benchTrivial' });
    // N checkpointed DBOS steps in one workflow (each step's result committed before the next).
    const stepsWorkflow = DBOS.registerWorkflow(
      async (count: number) => {
        let total = 0;
        for (let index = 0; index < count; index += 1)
          total += await DBOS.runStep(async () => index, { name: `step-${index}` });
        return total;
      },
      { name: 'benchSteps' },
    );
    const workflows = 64;
    let queueName = '';
    // A parent workflow that starts `workflows` children on the queue and awaits them: the lane pattern.
    const parent = DBOS.registerWorkflow(
      async (round: number) => {
        const handles = [];
        for (let index = 0; index < workflows; index += 1)
          handles.push(
            await DBOS.startWorkflow(trivial, { queueName, workflowID: `child-${round}-${index}` })(index),
          );
        let total = 0;
        for (const handle of handles) total += await handle.getResult();
        return total;
      },
      { name: 'benchParent' },
    );
    await DBOS.launch();
    const queue = await DBOS.registerQueue('bench-queue', { workerConcurrency: 8, minPollingIntervalMs: 50 });
    queueName = queue.name;
    const dbosSteps = 100;
    const stepSamples: number[] = [];
    const samples: number[] = [];
    const childSamples: number[] = [];
    try {
      for (let round = 0; round < rounds; round += 1) {
        let started = performance.now();
        await (
          await DBOS.startWorkflow(stepsWorkflow, { workflowID: `steps-${round}` })(dbosSteps)
        ).getResult();
        stepSamples.push((performance.now() - started) / dbosSteps);
        started = performance.now();
        const handles = [];
        for (let index = 0; index < workflows; index += 1) {
          handles.push(
            await DBOS.startWorkflow(trivial, {
              queueName: queue.name,
              workflowID: `bench-${round}-${index}`,
            })(index),
          );
        }
        await Promise.all(handles.map((handle) => handle.getResult()));
        samples.push((performance.now() - started) / workflows);
        started = performance.now();
        await (await DBOS.startWorkflow(parent, { workflowID: `parent-${round}` })(round)).getResult();
        childSamples.push((performance.now() - started) / workflows);
      }
    } finally {
      await DBOS.shutdown();
    }
    const queued = median(samples);
    return [
      '| what | ours (median) | hands-on comparison |',
      '| --- | --- | --- |',
      `| journaled step, embedded file journal (put + get, fsync) | ${file.toFixed(2)} ms | — |`,
      `| journaled step, PostgreSQL journal (put + get, committed): what a mission step costs here | ${postgresStep.toFixed(2)} ms | 0.5–0.7 ms per step |`,
      `| DBOS step (\`DBOS.runStep\`, ${dbosSteps} in one workflow) | ${median(stepSamples).toFixed(2)} ms | 0.5–0.7 ms per step |`,
      `| queued child workflow, ${workflows} started by one parent workflow (start → result) | ${median(childSamples).toFixed(1)} ms | 16–21 ms per queued child workflow |`,
      `| queued workflow, ${workflows} enqueued from outside, one process (enqueue → result) | ${queued.toFixed(1)} ms | 16–21 ms per queued child workflow |`,
    ].join('\n');
  } finally {
    await pool.end();
    await postgres.stop();
    await rm(directory, { recursive: true, force: true });
  }
}

const run = promisify(execFile);
const cli = fileURLToPath(new URL('../cli/main.js', import.meta.url));
const sample = fileURLToPath(new URL('../../examples/sample-service', import.meta.url));

async function laneMission(lanes: number): Promise<{ cwd: string; path: string }> {
  const cwd = await mkdtemp(join(tmpdir(), 'swarmlord-dbos-lanes-'));
  await cp(sample, join(cwd, 'ws'), { recursive: true });
  const env = { ...process.env, SWARMLORD_MODEL: '', SWARMLORD_STORE: 'off' };
  const created = await run(
    process.execPath,
    [
      cli,
      'mission',
      'new',
      'Map the architecture and risks',
      '--workspace',
      'ws',
      '--lanes',
      String(lanes),
      '--yes',
      '--json',
    ],
    { cwd, env },
  );
  return { cwd, path: (JSON.parse(created.stdout) as { path: string }).path };
}

function startWorker(cwd: string, env: NodeJS.ProcessEnv, concurrency: number): Promise<ChildProcess> {
  return new Promise((resolveWorker, reject) => {
    const child = spawn(process.execPath, [cli, 'worker', '--concurrency', String(concurrency)], {
      cwd,
      env,
    });
    let stderr = '';
    child.stdout.resume();
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      if (stderr.includes('(version')) resolveWorker(child);
    });
    child.on('exit', (code) => reject(new Error(`worker exited (${code}): ${stderr}`)));
  });
}

async function stopWorker(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolveExit) => child.once('exit', resolveExit));
  child.kill('SIGTERM');
  await exited;
}

/**
 * One mission of `lanes` lanes on the offline engine (deterministic, CPU and I/O only): the
 * embedded runtime in one process against the DBOS runtime with 1, 2 and 4 worker processes on
 * this machine (each lane attempt a child workflow on the lane queue), submit → digest.
 */
export async function benchDbosLanes(
  workerCounts: readonly number[] = [1, 2, 4],
  lanes = 64,
): Promise<string> {
  const postgres = await startPostgresServer();
  const directories: string[] = [];
  const rows: string[] = [
    '| runtime | workers | wall (s) | lanes/s | vs embedded | extra per lane |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  const load = loadavg()[0] ?? 0;
  try {
    const embedded = await laneMission(lanes);
    directories.push(embedded.cwd);
    const env = { ...process.env, SWARMLORD_MODEL: '', SWARMLORD_STORE: 'off', NO_COLOR: '1' };
    let started = performance.now();
    await run(process.execPath, [cli, 'mission', 'run', embedded.path, '--no-record', '--json'], {
      cwd: embedded.cwd,
      env,
      maxBuffer: 64 * 2 ** 20,
    }).catch((error: { code?: number }) => {
      if (error.code !== 1) throw error;
    });
    const baseline = (performance.now() - started) / 1000;
    rows.push(`| embedded | — | ${baseline.toFixed(1)} | ${(lanes / baseline).toFixed(1)} | 1.00× | — |`);
    for (const count of workerCounts) {
      const mission = await laneMission(lanes);
      directories.push(mission.cwd);
      const workerEnv = { ...env, DATABASE_URL: await postgres.createDatabase() };
      const workers: ChildProcess[] = [];
      try {
        for (let index = 0; index < count; index += 1)
          workers.push(await startWorker(mission.cwd, workerEnv, 16));
        started = performance.now();
        await run(
          process.execPath,
          [cli, 'mission', 'run', mission.path, '--engine', 'dbos', '--no-record', '--json'],
          {
            cwd: mission.cwd,
            env: workerEnv,
            maxBuffer: 64 * 2 ** 20,
          },
        ).catch((error: { code?: number }) => {
          if (error.code !== 1) throw error;
        });
        const wall = (performance.now() - started) / 1000;
        rows.push(
          `| DBOS | ${count} | ${wall.toFixed(1)} | ${(lanes / wall).toFixed(1)} | ${(baseline / wall).toFixed(2)}× | ${(((wall - baseline) * 1000) / lanes).toFixed(0)} ms |`,
        );
      } finally {
        await Promise.all(workers.map(stopWorker));
      }
    }
    const cpus = availableParallelism();
    rows.push(
      '',
      `Machine: ${cpus} core${cpus === 1 ? '' : 's'} (${cpuModel()}), load ${load.toFixed(1)} at the start, Node ${process.version}; PostgreSQL 15, the workers and the submitter all on this machine. One wall-clock run per row (noisy under load); "extra per lane" is (wall − embedded wall) ÷ ${lanes} lanes.`,
    );
    return rows.join('\n');
  } finally {
    await postgres.stop();
    await Promise.all(directories.map((path) => rm(path, { recursive: true, force: true })));
  }
}
