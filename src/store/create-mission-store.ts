import type { BlackboardPointer, MissionDetails } from './mission-records.js';
import {
  insertSql,
  LANE_COLUMNS,
  laneFromRow,
  laneValues,
  MISSION_COLUMNS,
  missionFromRow,
  missionValues,
  ROUND_COLUMNS,
  roundFromRow,
  roundValues,
} from './mission-rows.js';
import type { MissionStore } from './mission-store.js';
import type { SqlClient, SqlExecutor } from './sql-client.js';

const upsertMission = `${insertSql('missions', MISSION_COLUMNS)}
  ON CONFLICT (id) DO UPDATE SET ${MISSION_COLUMNS.filter((column) => column !== 'id')
    .map((column) => `${column} = EXCLUDED.${column}`)
    .join(', ')}`;

async function writeMission(executor: SqlExecutor, details: MissionDetails): Promise<void> {
  const { mission } = details;
  await executor.query(upsertMission, missionValues(mission));
  await executor.query('DELETE FROM lane_attempts WHERE mission_id = $1', [mission.id]);
  await executor.query('DELETE FROM verify_rounds WHERE mission_id = $1', [mission.id]);
  for (const lane of details.laneAttempts)
    await executor.query(insertSql('lane_attempts', LANE_COLUMNS), laneValues(lane));
  for (const round of details.verifyRounds) {
    await executor.query(insertSql('verify_rounds', ROUND_COLUMNS), roundValues(round));
  }
}

async function writePointer(
  executor: SqlExecutor,
  pointer: Omit<BlackboardPointer, 'updatedAt'>,
): Promise<void> {
  await executor.query(
    `INSERT INTO blackboard_pointer (blackboard_path, seq, hash, updated_at) VALUES ($1, $2, $3, now())
     ON CONFLICT (blackboard_path) DO UPDATE SET seq = EXCLUDED.seq, hash = EXCLUDED.hash, updated_at = now()`,
    [pointer.blackboardPath, pointer.seq, pointer.hash],
  );
}

/**
 * The missions domain over any `SqlClient` (PGlite or PostgreSQL speak the same SQL). The tables
 * must exist: `openStore` applies the own migrations first.
 */
export function createMissionStore(client: SqlClient): MissionStore {
  return {
    saveMission: (details) => client.transaction((executor) => writeMission(executor, details)),
    replaceAll: (missions, pointer) =>
      client.transaction(async (executor) => {
        await executor.exec(
          'DELETE FROM lane_attempts; DELETE FROM verify_rounds; DELETE FROM missions; DELETE FROM blackboard_pointer;',
        );
        for (const details of missions) await writeMission(executor, details);
        if (pointer !== undefined) await writePointer(executor, pointer);
      }),
    setBlackboardPointer: (pointer) => writePointer(client, pointer),
    async blackboardPointer(blackboardPath) {
      const rows = await client.query<Record<string, unknown>>(
        'SELECT blackboard_path, seq, hash, updated_at FROM blackboard_pointer WHERE blackboard_path = $1',
        [blackboardPath],
      );
      const row = rows[0];
      if (row === undefined) return undefined;
      const updated = row.updated_at;
      return {
        blackboardPath: String(row.blackboard_path),
        seq: Number(row.seq),
        hash: String(row.hash),
        updatedAt: updated instanceof Date ? updated.toISOString() : String(updated),
      };
    },
    async listMissions(options = {}) {
      const limit = options.limit ?? 100;
      // `interrupted` is a `running` row whose process is gone: decided when read, never stored.
      const stored = options.status === 'interrupted' ? 'running' : options.status;
      const rows =
        stored === undefined
          ? await client.query('SELECT * FROM missions ORDER BY started_at DESC, id DESC LIMIT $1', [limit])
          : await client.query(
              'SELECT * FROM missions WHERE status = $1 ORDER BY started_at DESC, id DESC LIMIT $2',
              [stored, limit],
            );
      return rows.map(missionFromRow);
    },
    async getMission(id) {
      const rows = await client.query('SELECT * FROM missions WHERE id = $1', [id]);
      const row = rows[0];
      if (row === undefined) return undefined;
      const lanes = await client.query(
        'SELECT * FROM lane_attempts WHERE mission_id = $1 ORDER BY lane_id, attempt',
        [id],
      );
      const rounds = await client.query(
        'SELECT * FROM verify_rounds WHERE mission_id = $1 ORDER BY attempt',
        [id],
      );
      return {
        mission: missionFromRow(row),
        laneAttempts: lanes.map(laneFromRow),
        verifyRounds: rounds.map(roundFromRow),
      };
    },
  };
}
