import { join } from 'node:path';
import type { SysmlModel } from '../../sysml/model-types.js';
import { existingTables, lockMigrations, recordMigration } from '../migrations-table.js';
import type { SqlClient } from '../sql-client.js';
import { StoreError } from '../store-error.js';
import type { SchemaChange } from './diff-relational-schema.js';
import { describeChange, diffRelationalSchema } from './diff-relational-schema.js';
import {
  nextMigrationName,
  removeMigrationFile,
  renderMigrationFile,
  writeMigrationFile,
} from './migration-files.js';
import { planSsotSync } from './plan-ssot-sync.js';
import type { RelationalSchema } from './relational-schema.js';
import { EMPTY_SCHEMA } from './relational-schema.js';

export interface SyncSsotSchemaOptions {
  sql: SqlClient;
  model: SysmlModel;
  /** The project root; migrations go to `<cwd>/<migrationsDir>`. */
  cwd: string;
  /** Default `migrations`. */
  migrationsDir?: string;
  /** The model's files, named in the migration header. */
  sources: readonly string[];
  /** Print, write nothing, apply nothing. */
  dryRun?: boolean;
  /** Allow drops and narrowing changes. */
  allowDestructive?: boolean;
  now?: () => Date;
}

export interface SyncSsotSchemaResult {
  /** Files that existed and were applied now (committed by someone else, or left by a failed run). */
  applied: string[];
  /** The new migration file, relative to `cwd`, when the model changed. */
  created?: string;
  changes: SchemaChange[];
  /** The SQL applied (or, with `dryRun`, that would be), pending files first. */
  sql: string;
  warnings: string[];
  /** Nothing to write and nothing to apply. */
  upToDate: boolean;
}

/**
 * `db sync`: model → relational schema → a timestamped migration file under `migrations/` → applied
 * with every pending file in ONE transaction and recorded in `swarmlord_migrations`. A second run
 * with the same model does nothing. A failed apply rolls everything back and removes the new file,
 * so nothing is half-applied and the next run starts from the same place.
 *
 * @throws StoreError `DB_DESTRUCTIVE_CHANGE` (drops or narrowing without `allowDestructive`),
 * `STORE_FOREIGN_TABLE` (a table to create already exists, not made by `db sync`),
 * `DB_MIGRATION_FAILED`, `DB_MIGRATION_INVALID`, `DB_SCHEMA_INVALID`.
 */
export async function syncSsotSchema(options: SyncSsotSchemaOptions): Promise<SyncSsotSchemaResult> {
  const dirName = options.migrationsDir ?? 'migrations';
  const dir = join(options.cwd, dirName);
  const plan = await planSsotSync(options.sql, options.model, dir);
  if (plan.destructive.length > 0 && options.allowDestructive !== true) {
    throw new StoreError(
      'DB_DESTRUCTIVE_CHANGE',
      `the model change would drop or narrow data (${plan.destructive.map(describeChange).join('; ')}); run again with --allow-destructive to apply it`,
    );
  }
  const name =
    plan.changes.length === 0
      ? undefined
      : nextMigrationName(
          plan.files.map((file) => file.name),
          plan.changes,
          (options.now ?? (() => new Date()))(),
        );
  const text =
    name === undefined
      ? undefined
      : renderMigrationFile({
          name,
          changes: plan.changes,
          schemaAfter: plan.target,
          sources: options.sources,
        });
  const sql = [...plan.pending.map((file) => file.text), ...(text === undefined ? [] : [text])].join('\n');
  const result = {
    applied: plan.pending.map((file) => file.name),
    changes: plan.changes,
    sql,
    warnings: plan.warnings,
    upToDate: plan.pending.length === 0 && name === undefined,
  };
  if (options.dryRun === true || result.upToDate) return result;

  const created =
    name === undefined || text === undefined ? undefined : await writeMigrationFile(dir, name, text);
  const steps = [
    ...plan.pending,
    ...(name === undefined || text === undefined ? [] : [{ name, text, schemaAfter: plan.target }]),
  ];
  try {
    await options.sql.transaction(async (executor) => {
      await lockMigrations(executor);
      let previous = (plan.applied.at(-1)?.schemaAfter as RelationalSchema | undefined) ?? EMPTY_SCHEMA;
      for (const step of steps) {
        const creates = diffRelationalSchema(previous, step.schemaAfter).flatMap((change) =>
          change.kind === 'create-table' ? [change.table.name] : [],
        );
        const foreign = await existingTables(executor, creates);
        if (foreign.length > 0) {
          throw new StoreError(
            'STORE_FOREIGN_TABLE',
            `the database (${options.sql.location}) already has ${foreign.join(', ')}, not created by swarmlord db sync; drop or rename ${foreign.length === 1 ? 'it' : 'them'}, or use another database`,
          );
        }
        previous = step.schemaAfter;
        try {
          await executor.exec(step.text);
        } catch (error) {
          throw new StoreError(
            'DB_MIGRATION_FAILED',
            `${dirName}/${step.name} failed, nothing was applied: ${error instanceof Error ? error.message : String(error)}`,
            { cause: error },
          );
        }
        await recordMigration(executor, {
          scope: 'ssot',
          name: step.name,
          sql: step.text,
          schemaAfter: step.schemaAfter,
        });
      }
    });
  } catch (error) {
    if (created !== undefined) await removeMigrationFile(created);
    throw error;
  }
  return { ...result, ...(name === undefined ? {} : { created: `${dirName}/${name}` }) };
}
