import type { SysmlModel } from '../../sysml/model-types.js';
import type { AppliedMigration } from '../migrations-table.js';
import { appliedMigrations, sqlChecksum } from '../migrations-table.js';
import type { SqlExecutor } from '../sql-client.js';
import { StoreError } from '../store-error.js';
import { deriveRelationalSchema } from './derive-relational-schema.js';
import type { SchemaChange } from './diff-relational-schema.js';
import { diffRelationalSchema, isDestructive } from './diff-relational-schema.js';
import type { MigrationFile } from './migration-files.js';
import { readMigrationFiles } from './migration-files.js';
import type { RelationalSchema } from './relational-schema.js';
import { EMPTY_SCHEMA } from './relational-schema.js';

/** Where the database, the migration files and the model stand relative to each other. */
export interface SsotSyncPlan {
  /** The model's schema. */
  target: RelationalSchema;
  /** The schema every migration file together produces (the base of a new migration). */
  base: RelationalSchema;
  files: MigrationFile[];
  applied: AppliedMigration[];
  /** Files not yet applied to this database, in order. */
  pending: MigrationFile[];
  /** Applied migrations whose file is not in the folder (another checkout or branch). */
  missingFiles: string[];
  /** From `base` to `target`: what a new migration would do. */
  changes: SchemaChange[];
  destructive: SchemaChange[];
  warnings: string[];
}

/**
 * Compares the model, the `migrations/` folder and the database's record. An applied file that was
 * edited since is refused (`DB_MIGRATION_INVALID`): the database no longer says what the file does.
 */
export async function planSsotSync(
  executor: SqlExecutor,
  model: SysmlModel,
  migrationsDir: string,
): Promise<SsotSyncPlan> {
  const { schema: target, warnings } = deriveRelationalSchema(model);
  const files = await readMigrationFiles(migrationsDir);
  const applied = await appliedMigrations(executor, 'ssot');
  const byName = new Map(files.map((file) => [file.name, file]));
  for (const migration of applied) {
    const file = byName.get(migration.name);
    if (file !== undefined && sqlChecksum(file.text) !== migration.checksum) {
      throw new StoreError(
        'DB_MIGRATION_INVALID',
        `${migrationsDir}/${migration.name} was edited after it was applied (checksum differs); restore it and change the model instead`,
      );
    }
  }
  const done = new Set(applied.map((migration) => migration.name));
  const pending = files.filter((file) => !done.has(file.name));
  const missingFiles = applied
    .filter((migration) => !byName.has(migration.name))
    .map((migration) => migration.name);
  const lastRecorded = applied.at(-1)?.schemaAfter as RelationalSchema | undefined;
  const base = files.at(-1)?.schemaAfter ?? lastRecorded ?? EMPTY_SCHEMA;
  const changes = diffRelationalSchema(base, target);
  return {
    target,
    base,
    files,
    applied,
    pending,
    missingFiles,
    changes,
    destructive: changes.filter(isDestructive),
    warnings,
  };
}
