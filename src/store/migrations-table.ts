import { createHash } from 'node:crypto';
import type { SqlExecutor } from './sql-client.js';
import { StoreError } from './store-error.js';

/** Scope of a recorded migration: swarmlord's own tables, or the tables `db sync` derives from the SSOT. */
export type MigrationScope = 'swarmlord' | 'ssot';

/** One row of `swarmlord_migrations`. */
export interface AppliedMigration {
  scope: MigrationScope;
  /** `0001_missions` (own) or the migration file's name (ssot). */
  name: string;
  /** sha256 of the SQL as applied: an applied file edited afterwards is caught. */
  checksum: string;
  /** ssot: the managed schema after this migration (`RelationalSchema`). */
  schemaAfter?: unknown;
  appliedAt: string;
}

export const MIGRATIONS_TABLE = 'swarmlord_migrations';

export const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS ${MIGRATIONS_TABLE} (
  scope text NOT NULL,
  name text NOT NULL,
  checksum text NOT NULL,
  schema_after jsonb,
  applied_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (scope, name)
)`;

const EXPECTED_COLUMNS = ['scope', 'name', 'checksum', 'schema_after', 'applied_at'];

export function sqlChecksum(sql: string): string {
  return createHash('sha256').update(sql).digest('hex');
}

/** Tables of the current schema among `names`. */
export async function existingTables(executor: SqlExecutor, names: readonly string[]): Promise<string[]> {
  const rows = await executor.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables
      WHERE table_schema = current_schema() AND table_name = ANY($1::text[]) ORDER BY table_name`,
    [names],
  );
  return rows.map((row) => row.table_name);
}

/**
 * Creates `swarmlord_migrations` if missing; refuses one that exists with other columns (another
 * program's table of that name), since recording into it would corrupt both.
 */
export async function ensureMigrationsTable(executor: SqlExecutor): Promise<void> {
  const columns = await executor.query<{ column_name: string }>(
    `SELECT column_name FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = $1`,
    [MIGRATIONS_TABLE],
  );
  if (columns.length > 0) {
    const have = new Set(columns.map((column) => column.column_name));
    const missing = EXPECTED_COLUMNS.filter((name) => !have.has(name));
    if (missing.length > 0) {
      throw new StoreError(
        'STORE_FOREIGN_TABLE',
        `table ${MIGRATIONS_TABLE} exists but was not created by swarmlord (no ${missing.join(', ')} column); use another database or schema`,
      );
    }
    return;
  }
  await executor.exec(CREATE_MIGRATIONS_TABLE);
}

function iso(value: unknown): string {
  return value instanceof Date ? value.toISOString() : String(value);
}

/** The recorded migrations of a scope, in name order. */
export async function appliedMigrations(
  executor: SqlExecutor,
  scope: MigrationScope,
): Promise<AppliedMigration[]> {
  const rows = await executor.query<{
    scope: MigrationScope;
    name: string;
    checksum: string;
    schema_after: unknown;
    applied_at: unknown;
  }>(
    `SELECT scope, name, checksum, schema_after, applied_at FROM ${MIGRATIONS_TABLE} WHERE scope = $1 ORDER BY name`,
    [scope],
  );
  return rows.map((row) => ({
    scope: row.scope,
    name: row.name,
    checksum: row.checksum,
    ...(row.schema_after === null || row.schema_after === undefined ? {} : { schemaAfter: row.schema_after }),
    appliedAt: iso(row.applied_at),
  }));
}

export async function recordMigration(
  executor: SqlExecutor,
  migration: { scope: MigrationScope; name: string; sql: string; schemaAfter?: unknown },
): Promise<void> {
  await executor.query(
    `INSERT INTO ${MIGRATIONS_TABLE} (scope, name, checksum, schema_after) VALUES ($1, $2, $3, $4::jsonb)`,
    [
      migration.scope,
      migration.name,
      sqlChecksum(migration.sql),
      migration.schemaAfter === undefined ? null : JSON.stringify(migration.schemaAfter),
    ],
  );
}

/** Serializes migrations between processes sharing one PostgreSQL database (held until the transaction ends). */
export async function lockMigrations(executor: SqlExecutor): Promise<void> {
  await executor.query(`SELECT pg_advisory_xact_lock(hashtext('${MIGRATIONS_TABLE}'))`);
}
