import { join } from 'node:path';
import type { SysmlModel } from '../../sysml/model-types.js';
import type { SqlExecutor } from '../sql-client.js';
import { describeChange } from './diff-relational-schema.js';
import { compareDatabaseToSchema } from './introspect-schema.js';
import { planSsotSync } from './plan-ssot-sync.js';
import type { RelationalSchema } from './relational-schema.js';

export interface SsotSchemaStatus {
  /** The database has every migration applied and they describe the model, and its tables match them. */
  matches: boolean;
  tables: number;
  lastApplied?: string;
  /** Migration files not yet applied. */
  pending: string[];
  /** What a `db sync` would put in a new migration. */
  modelChanges: string[];
  /** Where the tables differ from what the applied migrations say. */
  drift: string[];
  missingFiles: string[];
  warnings: string[];
}

/** `db status`: does the database match the model? Reads only; writes nothing. */
export async function ssotSchemaStatus(
  executor: SqlExecutor,
  model: SysmlModel,
  cwd: string,
  migrationsDir = 'migrations',
): Promise<SsotSchemaStatus> {
  const plan = await planSsotSync(executor, model, join(cwd, migrationsDir));
  const recorded = plan.applied.at(-1)?.schemaAfter as RelationalSchema | undefined;
  const drift = recorded === undefined ? [] : await compareDatabaseToSchema(executor, recorded);
  const pending = plan.pending.map((file) => file.name);
  const modelChanges = plan.changes.map(describeChange);
  const lastApplied = plan.applied.at(-1)?.name;
  return {
    matches: pending.length === 0 && modelChanges.length === 0 && drift.length === 0,
    tables: recorded?.tables.length ?? 0,
    ...(lastApplied === undefined ? {} : { lastApplied }),
    pending,
    modelChanges,
    drift,
    missingFiles: plan.missingFiles,
    warnings: plan.warnings,
  };
}
