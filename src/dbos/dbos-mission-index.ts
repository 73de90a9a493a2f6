import pg from 'pg';
import type { MissionLiveness, MissionStore } from '../store/index.js';
import { createMissionIndexer, enrichMission } from '../store/index.js';
import { DBOS_SCHEMA } from './migrations.js';
import { missionWorkflowId } from './workflow-names.js';

/** `missions.blackboard_path` of a mission run on DBOS workers: its chain in the receipts table. */
export const DBOS_BLACKBOARD_PREFIX = `${DBOS_SCHEMA}.receipts/`;

/** A worker whose heartbeat is older than this is dead (the watchdog's default). */
const STALE_MS = 5000;

export interface DbosMissionIndex {
  /**
   * Folds the receipts table into the missions store (the same indexer as the live listener and
   * `db rebuild`): every mission of the table, or only `missionId`. A mission whose stored row
   * already ends at the chain's head is left as it is.
   * @returns how many missions were folded again.
   */
  catchUp(store: MissionStore, options: { cwd: string; missionId?: string }): Promise<number>;
  /** Whether the mission's workflow is live now: PENDING on a worker that beats, or ENQUEUED with a live worker of its build. */
  liveness(missionId: string): Promise<MissionLiveness>;
  close(): Promise<void>;
}

function ago(ms: number): string {
  return ms < 1000 ? `${Math.max(0, Math.round(ms))} ms ago` : `${(ms / 1000).toFixed(1)} s ago`;
}

/**
 * The missions index of the DBOS runtime, read from the database the workers share: the receipts
 * table is the record (as the blackboard file is for the embedded runtime), so `mission ls` /
 * `show` catch the store up from it before reading, and a stored `running` is judged against DBOS's
 * workflow status and the watchdog's heartbeats, never believed.
 */
export async function openDbosMissionIndex(databaseUrl: string): Promise<DbosMissionIndex> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  pool.on('error', () => undefined);
  const exists = async (table: string): Promise<boolean> => {
    const found = await pool.query<{ oid: string | null }>('SELECT to_regclass($1)::text AS oid', [table]);
    return found.rows[0]?.oid !== null && found.rows[0]?.oid !== undefined;
  };
  const hasReceipts = await exists(`${DBOS_SCHEMA}.receipts`);
  return {
    async catchUp(store, options) {
      if (!hasReceipts) return 0;
      const heads = await pool.query<{ mission_id: string; hash: string }>(
        `SELECT DISTINCT ON (mission_id) mission_id, hash FROM ${DBOS_SCHEMA}.receipts
         ${options.missionId === undefined ? '' : 'WHERE mission_id = $1'}
         ORDER BY mission_id, seq DESC`,
        options.missionId === undefined ? [] : [options.missionId],
      );
      let folded = 0;
      for (const head of heads.rows) {
        const stored = await store.getMission(head.mission_id);
        if (stored !== undefined && stored.mission.lastHash === head.hash) continue;
        const lines = await pool.query<{ line: string }>(
          `SELECT line FROM ${DBOS_SCHEMA}.receipts WHERE mission_id = $1 ORDER BY seq`,
          [head.mission_id],
        );
        const indexer = createMissionIndexer({
          cwd: options.cwd,
          blackboardPath: `${DBOS_BLACKBOARD_PREFIX}${head.mission_id}`,
        });
        for (const row of lines.rows) indexer.apply(JSON.parse(row.line));
        const details = indexer.missions().find((entry) => entry.mission.id === head.mission_id);
        if (details === undefined) continue;
        await enrichMission(details, options.cwd);
        await store.saveMission(details);
        folded += 1;
      }
      return folded;
    },
    async liveness(missionId) {
      const workflowId = missionWorkflowId(missionId);
      if (!(await exists('dbos.workflow_status')))
        return {
          alive: false,
          reason: `no DBOS workflow ${workflowId} in this database`,
          recoverable: false,
        };
      const found = await pool.query<{
        status: string;
        executor_id: string | null;
        application_version: string | null;
      }>(
        'SELECT status, executor_id, application_version FROM dbos.workflow_status WHERE workflow_uuid = $1',
        [workflowId],
      );
      const workflow = found.rows[0];
      if (workflow === undefined)
        return { alive: false, reason: `no DBOS workflow ${workflowId}`, recoverable: false };
      if (workflow.status !== 'PENDING' && workflow.status !== 'ENQUEUED')
        return {
          alive: false,
          reason: `workflow ${workflowId} is ${workflow.status} without the mission's final receipt; no worker recovers an ended workflow`,
          recoverable: false,
        };
      const workers = await pool.query<{ executor_id: string; age_ms: number }>(
        `SELECT executor_id, EXTRACT(EPOCH FROM (now() - heartbeat_at)) * 1000 AS age_ms
         FROM ${DBOS_SCHEMA}.workers
         WHERE ${workflow.status === 'PENDING' ? 'executor_id = $1' : 'app_version = $1'}
         ORDER BY heartbeat_at DESC LIMIT 1`,
        [workflow.status === 'PENDING' ? workflow.executor_id : workflow.application_version],
      );
      const worker = workers.rows[0];
      const age = worker === undefined ? undefined : Number(worker.age_ms);
      if (workflow.status === 'PENDING') {
        if (age !== undefined && age <= STALE_MS)
          return {
            alive: true,
            reason: `workflow ${workflowId} runs on worker ${workflow.executor_id} (heartbeat ${ago(age)})`,
          };
        return {
          alive: false,
          reason: `workflow ${workflowId} was running on worker ${workflow.executor_id}, whose heartbeat ${age === undefined ? 'is gone' : `stopped ${ago(age)}`}; a live worker of its build (${workflow.application_version ?? 'unknown'}) takes it over`,
        };
      }
      if (age !== undefined && age <= STALE_MS)
        return {
          alive: true,
          reason: `workflow ${workflowId} is queued; worker ${worker?.executor_id} of its build is live (heartbeat ${ago(age)})`,
        };
      return {
        alive: false,
        reason: `workflow ${workflowId} is queued and no worker of its build (${workflow.application_version ?? 'unknown'}) is live`,
      };
    },
    async close() {
      await pool.end();
    },
  };
}
