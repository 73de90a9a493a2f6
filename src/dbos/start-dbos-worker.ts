import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { DBOS, DBOSClient } from '@dbos-inc/dbos-sdk';
import pg from 'pg';
import type { Blackboard } from '../blackboard/index.js';
import type { DurableJournal } from '../durable/index.js';
import type { LaneExecutor, RemoteLaneResult } from '../swarm/index.js';
import { recordMissionAnchor } from './export-receipts.js';
import { applyDbosMigrations } from './migrations.js';
import { createPostgresJournal } from './postgres-journal.js';
import { openReceiptsBlackboard } from './receipts-blackboard.js';
import type { Watchdog } from './watchdog.js';
import { startWatchdog } from './watchdog.js';
import type { LaneWorkflowInput, MissionWorkflowInput, MissionWorkflowResult } from './workflow-names.js';
import {
  DBOS_APP_NAME,
  LANE_QUEUE,
  LANE_WORKFLOW,
  laneWorkflowId,
  limitedLaneQueue,
  MISSION_QUEUE,
  MISSION_WORKFLOW,
} from './workflow-names.js';

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
  /** Runs each lane attempt as a child workflow on the lane queue (any worker takes it). */
  laneExecutor: LaneExecutor;
}

/** What a lane attempt's workflow gets: the mission's journal and receipts. */
export type DbosLaneRuntime = Pick<DbosMissionRuntime, 'journal' | 'blackboard' | 'executorId'>;

/** Runs one lane attempt (the CLI's lane composition) on the runtime's ports. */
export type LaneRunner = (input: LaneWorkflowInput, runtime: DbosLaneRuntime) => Promise<RemoteLaneResult>;

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
  runLane: LaneRunner;
  executorId?: string;
  heartbeatMs?: number;
  staleMs?: number;
  /** This worker may have been declared dead while alive (see the watchdog): it must stop working at once. */
  onLost?: (reason: string) => void;
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
  // Lane results are awaited through a client: a wait is not a workflow step, so the order in
  // which concurrent lanes finish never enters the mission workflow's recorded history.
  let results: DBOSClient | undefined;
  const lane = async (input: LaneWorkflowInput): Promise<RemoteLaneResult> => {
    const missionId = input.mission.intent.mission_id;
    const blackboard = await openReceiptsBlackboard(pool, missionId);
    try {
      return await options.runLane(input, {
        journal: createPostgresJournal(pool, missionId),
        blackboard,
        executorId,
      });
    } finally {
      await blackboard.close();
    }
  };
  const laneWorkflow = DBOS.registerWorkflow(lane, { name: LANE_WORKFLOW });
  const workerConcurrency = Math.max(1, options.concurrency ?? 1);
  // The partitioned lane queue of a limit, registered once per worker before its first child.
  const limitedQueues = new Map<string, Promise<unknown>>();
  const laneQueueOf = async (missionInput: MissionWorkflowInput): Promise<string> => {
    const limit = missionInput.intent.lane_concurrency;
    if (typeof limit !== 'number') return LANE_QUEUE;
    const name = limitedLaneQueue(limit);
    let registered = limitedQueues.get(name);
    if (registered === undefined) {
      registered = DBOS.registerQueue(name, {
        workerConcurrency,
        partitionConcurrency: limit,
        minPollingIntervalMs: 100,
        onConflict: 'always_update',
      });
      registered.catch(() => limitedQueues.delete(name));
      limitedQueues.set(name, registered);
    }
    await registered;
    return name;
  };
  const mission = async (input: MissionWorkflowInput): Promise<MissionWorkflowResult> => {
    const missionId = input.intent.mission_id;
    const blackboard = await openReceiptsBlackboard(pool, missionId);
    // Child workflows are started one after another in the run loop's call order (deterministic:
    // a recovered mission starts, or finds, the same children at the same steps).
    let starts: Promise<unknown> = Promise.resolve();
    const laneExecutor: LaneExecutor = (request) => {
      const workflowID = laneWorkflowId(missionId, request.laneId, request.attempt);
      // With lane_concurrency the mission is its own partition of a limited queue: at most N of its
      // lane attempts run at once, whichever workers take them.
      const started = starts.then(async () =>
        DBOS.startWorkflow(laneWorkflow, {
          workflowID,
          queueName: await laneQueueOf(input),
          ...(typeof input.intent.lane_concurrency === 'number'
            ? { enqueueOptions: { queuePartitionKey: missionId } }
            : {}),
        })({ mission: input, request }),
      );
      starts = started.catch(() => undefined);
      return started.then(() => {
        if (results === undefined) throw new Error('the worker is stopping');
        return results.retrieveWorkflow<RemoteLaneResult>(workflowID).getResult({ pollingIntervalMs: 100 });
      });
    };
    return options.runMission(input, {
      journal: createPostgresJournal(pool, missionId),
      blackboard,
      anchor: (anchor) => recordMissionAnchor(pool, anchor),
      executorId,
      laneExecutor,
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
      ...(options.onLost === undefined ? {} : { onLost: options.onLost }),
      ...(options.log === undefined ? {} : { log: options.log }),
    });
    results = await DBOSClient.create({
      systemDatabaseUrl: options.databaseUrl,
      applicationName: DBOS_APP_NAME,
    });
    await DBOS.launch();
    const queue = { workerConcurrency, minPollingIntervalMs: 100 };
    await DBOS.registerQueue(MISSION_QUEUE, { ...queue, onConflict: 'always_update' });
    await DBOS.registerQueue(LANE_QUEUE, { ...queue, onConflict: 'always_update' });
  } catch (error) {
    await watchdog?.stop().catch(() => undefined);
    await DBOS.shutdown().catch(() => undefined);
    await results?.destroy().catch(() => undefined);
    await pool.end().catch(() => undefined);
    throw error;
  }
  return {
    executorId,
    async stop() {
      await watchdog?.stop();
      await DBOS.shutdown();
      await results?.destroy();
      results = undefined;
      await pool.end();
    },
  };
}

/**
 * Re-enqueues the dead executor's pending workflows of this build; any live worker of the same version dequeues them and the workflow
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
  // Each back on its own queue (missions, lanes), so the queue's limits still hold.
  for (const workflow of pending)
    await DBOS.resumeWorkflow(workflow.workflowID, { queueName: workflow.queueName ?? MISSION_QUEUE });
  return pending.length;
}
