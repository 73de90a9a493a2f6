import { DBOSClient } from '@dbos-inc/dbos-sdk';
import pg from 'pg';
import type { Receipt } from '../contracts/index.js';
import { applyDbosMigrations, DBOS_SCHEMA } from './migrations.js';
import type { MissionWorkflowInput, MissionWorkflowResult } from './workflow-names.js';
import { DBOS_APP_NAME, MISSION_QUEUE, MISSION_WORKFLOW, missionWorkflowId } from './workflow-names.js';

export interface MissionSubmission {
  missionId: string;
  workflowId: string;
  /** Polls the mission's receipts (each new one to `onReceipt`) until the workflow ends; its result. */
  follow(onReceipt?: (receipt: Receipt) => void, pollMs?: number): Promise<MissionWorkflowResult>;
  close(): Promise<void>;
}

/**
 * Enqueues the mission workflow for workers of this build (`appVersion`): the workflow id is the
 * mission's, so submitting the same mission again returns the workflow already there.
 */
export async function submitMission(options: {
  databaseUrl: string;
  appVersion: string;
  input: MissionWorkflowInput;
}): Promise<MissionSubmission> {
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 2 });
  pool.on('error', () => undefined);
  let client: DBOSClient | undefined;
  try {
    await applyDbosMigrations(pool);
    client = await DBOSClient.create({
      systemDatabaseUrl: options.databaseUrl,
      applicationName: DBOS_APP_NAME,
    });
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }
  const dbos = client;
  const missionId = options.input.intent.mission_id;
  const workflowId = missionWorkflowId(missionId);
  const handle = await dbos.enqueue(
    {
      workflowName: MISSION_WORKFLOW,
      queueName: MISSION_QUEUE,
      workflowID: workflowId,
      appVersion: options.appVersion,
      applicationName: DBOS_APP_NAME,
    },
    options.input,
  );
  return {
    missionId,
    workflowId,
    async follow(onReceipt, pollMs = 300) {
      let next = 0;
      const drain = async () => {
        const rows = await pool.query<{ seq: number; line: string }>(
          `SELECT seq, line FROM ${DBOS_SCHEMA}.receipts WHERE mission_id = $1 AND seq >= $2 ORDER BY seq`,
          [missionId, next],
        );
        for (const row of rows.rows) {
          next = row.seq + 1;
          onReceipt?.(JSON.parse(row.line) as Receipt);
        }
      };
      for (;;) {
        await drain();
        const status = await handle.getStatus();
        if (status?.status === 'SUCCESS' || status?.status === 'ERROR' || status?.status === 'CANCELLED') {
          await drain();
          return (await handle.getResult()) as MissionWorkflowResult;
        }
        await new Promise((resolveWait) => setTimeout(resolveWait, pollMs));
      }
    },
    async close() {
      await dbos.destroy();
      await pool.end();
    },
  };
}

/** The mission's receipts as a pool for `blackboard export` (closed by the caller). */
export function openReceiptsPool(databaseUrl: string): pg.Pool {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  pool.on('error', () => undefined);
  return pool;
}
