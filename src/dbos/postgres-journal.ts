import type pg from 'pg';
import type { DurableJournal, JournalMeta, StepRecord } from '../durable/index.js';
import { formatStepId } from '../durable/index.js';
import { DBOS_SCHEMA } from './migrations.js';

/**
 * The durable-step port (decision 0015) on PostgreSQL: one row per completed step, keyed by its
 * deterministic id, committed before `put` resolves. Any worker sharing the database answers the
 * same steps, so a mission workflow recovered on another machine does not run them again.
 */
export function createPostgresJournal(pool: pg.Pool, missionId: string): DurableJournal {
  return {
    location: `table ${DBOS_SCHEMA}.journal_steps (mission ${missionId})`,
    async readMeta() {
      const found = await pool.query<{ meta: JournalMeta }>(
        `SELECT meta FROM ${DBOS_SCHEMA}.journal_meta WHERE mission_id = $1`,
        [missionId],
      );
      return found.rows[0]?.meta;
    },
    async writeMeta(meta) {
      await pool.query(
        `INSERT INTO ${DBOS_SCHEMA}.journal_meta (mission_id, meta) VALUES ($1, $2)
         ON CONFLICT (mission_id) DO UPDATE SET meta = EXCLUDED.meta`,
        [missionId, JSON.stringify(meta)],
      );
    },
    async get(step) {
      const found = await pool.query<{ record: StepRecord }>(
        `SELECT record FROM ${DBOS_SCHEMA}.journal_steps WHERE mission_id = $1 AND step_id = $2`,
        [missionId, formatStepId(step)],
      );
      return found.rows[0]?.record;
    },
    async put(record) {
      const full: StepRecord = {
        ...record,
        id: formatStepId(record.step),
        recordedAt: new Date().toISOString(),
      };
      // JSON round trip: what is read back is what a new process would read.
      const text = JSON.stringify(full);
      await pool.query(
        `INSERT INTO ${DBOS_SCHEMA}.journal_steps (mission_id, step_id, record) VALUES ($1, $2, $3)
         ON CONFLICT (mission_id, step_id) DO UPDATE SET record = EXCLUDED.record`,
        [missionId, full.id, text],
      );
      return JSON.parse(text) as StepRecord;
    },
    async steps() {
      const found = await pool.query<{ record: StepRecord }>(
        `SELECT record FROM ${DBOS_SCHEMA}.journal_steps WHERE mission_id = $1 ORDER BY step_id COLLATE "C"`,
        [missionId],
      );
      return found.rows.map((row) => row.record);
    },
    async reset() {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query(`DELETE FROM ${DBOS_SCHEMA}.journal_steps WHERE mission_id = $1`, [missionId]);
        await client.query(`DELETE FROM ${DBOS_SCHEMA}.journal_meta WHERE mission_id = $1`, [missionId]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
  };
}
