import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { DBOS } from '@dbos-inc/dbos-sdk';
import pg from 'pg';
import type { Blackboard } from '../blackboard/index.js';
import type { DurableJournal } from '../durable/index.js';
import { recordMissionAnchor } from './export-receipts.js';
import { applyDbosMigrations } from './migrations.js';
import { createPostgresJournal } from './postgres-journal.js';
import { openReceiptsBlackboard } from './receipts-blackboard.js';
import type { Watchdog } from './watchdog.js';
import { startWatchdog } from './watchdog.js';
import type { MissionWorkflowInput, MissionWorkflowResult } from './workflow-names.js';
import { DBOS_APP_NAME, MISSION_QUEUE, MISSION_WORKFLOW } from './workflow-names.js';

/** What the mission code gets from the DBOS runtime: the same ports the embedded runtime fills. */
export interface DbosMissionRuntime {
  journal: DurableJournal;
  blackboard: Blackboard;
  /** Records the end anchor (chain head + digest sha256) in the store. */
  anchor: (input: {
    missionId: string;
    head: { seq: number; hash: string; offset: number };
    files?: readonly string[] | undefined;
  }) => Promise<void>;
  executorId: string;
}

/** Runs one mission (the CLI's composition root) on the runtime's ports. */
export type MissionRunner = (
  input: MissionWorkflowInput,
  runtime: DbosMissionRuntime,
) => Promise<MissionWorkflowResult>;

export interface StartDbosWorkerOptions {
  databaseUrl: string;
  appVersion: string;
  /** Missions this worker runs at once (the queue's per-worker limit; default 1). */
  concurrency?: number;
  runMission: MissionRunner;
  executorId?: string;
  heartbeatMs?: number;
  staleMs?: number;
  log?: (line: string) => void;
}

export interface DbosWorker {
  executorId: string;
  /** Stops taking work and marks this worker gone; missions in flight are taken over by a live worker. */
  stop(): Promise<void>;
}

/**
 * A worker: DBOS launched on the shared PostgreSQL with the pinned application version, the
 * mission workflow registered, the mission queue with this worker's concurrency, and the
 * dead-worker watchdog. The workflow re-runs the mission code on recovery; the PostgreSQL journal
 * answers every step it already completed.
 */
export async function startDbosWorker(options: StartDbosWorkerOptions): Promise<DbosWorker> {
  const executorId = options.executorId ?? `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 8 });
  pool.on('error', () => undefined);
  await applyDbosMigrations(pool);
  const mission = async (input: MissionWorkflowInput): Promise<MissionWorkflowResult> => {
    const missionId = input.intent.mission_id;
    const blackboard = await openReceiptsBlackboard(pool, missionId);
    return options.runMission(input, {
      journal: createPostgresJournal(pool, missionId),
      blackboard,
      anchor: (anchor) => recordMissionAnchor(pool, anchor),
      executorId,
    });
  };
  DBOS.setConfig({
    name: DBOS_APP_NAME,
    systemDatabaseUrl: options.databaseUrl,
    applicationVersion: options.appVersion,
    executorID: executorId,
    logLevel: process.env.SWARMLORD_DBOS_LOG_LEVEL ?? 'error',
  });
  DBOS.registerWorkflow(mission, { name: MISSION_WORKFLOW });
  // The watchdog row exists before any work is dequeued, so a worker killed at once is still found dead.
  let watchdog: Watchdog | undefined;
  try {
    watchdog = await startWatchdog({
      pool,
      executorId,
      appVersion: options.appVersion,
      heartbeatMs: options.heartbeatMs,
      staleMs: options.staleMs,
      recover: (dead) => recoverWorkflowsOf(dead, options.appVersion),
      ...(options.log === undefined ? {} : { log: options.log }),
    });
    await DBOS.launch();
    await DBOS.registerQueue(MISSION_QUEUE, {
      workerConcurrency: Math.max(1, options.concurrency ?? 1),
      minPollingIntervalMs: 200,
      onConflict: 'always_update',
    });
  } catch (error) {
    await watchdog?.stop().catch(() => undefined);
    await DBOS.shutdown().catch(() => undefined);
    await pool.end().catch(() => undefined);
    throw error;
  }
  return {
    executorId,
    async stop() {
      await watchdog?.stop();
      await DBOS.shutdown();
      await pool.end();
    },
  };
}

/**
 * Re-enqueues the dead executor's pending workflows of this build on the mission queue (so the
 * queue's limits still hold); any live worker of the same version dequeues them and the workflow
 * re-runs its mission code against the journal.
 */
async function recoverWorkflowsOf(deadExecutorId: string, appVersion: string): Promise<number> {
  const pending = await DBOS.listWorkflows({
    status: 'PENDING',
    executorId: deadExecutorId,
    applicationVersion: appVersion,
    loadInput: false,
    loadOutput: false,
  });
  const ids = pending.map((workflow) => workflow.workflowID);
  if (ids.length > 0) await DBOS.resumeWorkflows(ids, { queueName: MISSION_QUEUE });
  return ids.length;
}
