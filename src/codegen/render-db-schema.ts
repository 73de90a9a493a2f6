import { deriveRelationalSchema } from '../store/schema/derive-relational-schema.js';
import { diffRelationalSchema } from '../store/schema/diff-relational-schema.js';
import { EMPTY_SCHEMA } from '../store/schema/relational-schema.js';
import { renderMigrationSql } from '../store/schema/render-migration-sql.js';
import type { GenerationContext } from './generation-context.js';

/** Where the model's full relational schema goes. */
export const DB_SCHEMA_PATH = 'db/schema.sql';

/**
 * The model's relational schema as one SQL file, by the store's own derivation (decision 0013), so
 * it is exactly what `db sync` would create on an empty database; `db sync` writes the migrations.
 * Warnings name source paths (machine-specific for the packaged model), so they go to the receipt.
 */
export function renderDbSchema(context: GenerationContext): { body: string; warnings: string[] } {
  const derived = deriveRelationalSchema(context.ssot.model);
  const sql = renderMigrationSql(diffRelationalSchema(EMPTY_SCHEMA, derived.schema));
  const body = [
    '-- The SSOT tables on an empty database; `swarmlord db sync` migrates a live one to this.',
    sql.trimEnd(),
    '',
  ].join('\n');
  return { body, warnings: derived.warnings };
}
