import type pg from 'pg';

/** The schema of swarmlord's own tables beside DBOS's `dbos` schema. */
export const DBOS_SCHEMA = 'swarmlord_dbos';

/** Versioned, additive migrations of the DBOS runtime's tables; applied in order, each once. */
const MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'journal, receipts, anchors, workers',
    sql: `
      CREATE TABLE ${DBOS_SCHEMA}.journal_meta (
        mission_id text PRIMARY KEY,
        meta json NOT NULL
      );
      CREATE TABLE ${DBOS_SCHEMA}.journal_steps (
        mission_id text NOT NULL,
        step_id text NOT NULL,
        record json NOT NULL,
        PRIMARY KEY (mission_id, step_id)
      );
      CREATE TABLE ${DBOS_SCHEMA}.receipts (
        mission_id text NOT NULL,
        seq integer NOT NULL,
        hash text NOT NULL,
        byte_offset bigint NOT NULL,
        line text NOT NULL,
        PRIMARY KEY (mission_id, seq)
      );
      CREATE TABLE ${DBOS_SCHEMA}.anchors (
        mission_id text PRIMARY KEY,
        seq integer NOT NULL,
        hash text NOT NULL,
        byte_offset bigint NOT NULL,
        files json NOT NULL,
        at timestamptz NOT NULL
      );
      CREATE TABLE ${DBOS_SCHEMA}.workers (
        executor_id text PRIMARY KEY,
        app_version text NOT NULL,
        host text NOT NULL,
        pid integer NOT NULL,
        started_at timestamptz NOT NULL DEFAULT now(),
        heartbeat_at timestamptz NOT NULL DEFAULT now()
      );
    `,
  },
];

/**
 * Applies the runtime's migrations once per database, under a transaction-scoped advisory lock so
 * workers starting together do not race.
 */
export async function applyDbosMigrations(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('${DBOS_SCHEMA}.migrations'))`);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${DBOS_SCHEMA}`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${DBOS_SCHEMA}.migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const applied = await client.query<{ version: number }>(`SELECT version FROM ${DBOS_SCHEMA}.migrations`);
    const done = new Set(applied.rows.map((row) => row.version));
    for (const migration of MIGRATIONS) {
      if (done.has(migration.version)) continue;
      await client.query(migration.sql);
      await client.query(`INSERT INTO ${DBOS_SCHEMA}.migrations (version, name) VALUES ($1, $2)`, [
        migration.version,
        migration.name,
      ]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
