import type { SqlExecutor } from '../sql-client.js';
import type { RelationalSchema } from './relational-schema.js';

/**
 * How the database differs from a recorded schema: missing tables and columns, extra columns, and
 * other types or nullability (hand edits, or a migration applied elsewhere). Empty when it matches.
 */
export async function compareDatabaseToSchema(
  executor: SqlExecutor,
  schema: RelationalSchema,
): Promise<string[]> {
  if (schema.tables.length === 0) return [];
  const rows = await executor.query<{
    table_name: string;
    column_name: string;
    data_type: string;
    is_nullable: string;
  }>(
    `SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = ANY($1::text[])`,
    [schema.tables.map((table) => table.name)],
  );
  const actual = new Map<string, Map<string, { type: string; notNull: boolean }>>();
  for (const row of rows) {
    const columns = actual.get(row.table_name) ?? new Map<string, { type: string; notNull: boolean }>();
    columns.set(row.column_name, { type: row.data_type, notNull: row.is_nullable === 'NO' });
    actual.set(row.table_name, columns);
  }
  const differences: string[] = [];
  for (const table of schema.tables) {
    const columns = actual.get(table.name);
    if (columns === undefined) {
      differences.push(`table ${table.name} is missing`);
      continue;
    }
    const expected = new Set(['id', ...table.columns.map((column) => column.name)]);
    for (const column of table.columns) {
      const found = columns.get(column.name);
      if (found === undefined) differences.push(`column ${table.name}.${column.name} is missing`);
      else if (found.type !== column.type)
        differences.push(
          `column ${table.name}.${column.name} is ${found.type}, the model says ${column.type}`,
        );
      else if (found.notNull !== column.notNull) {
        differences.push(
          `column ${table.name}.${column.name} is ${found.notNull ? 'NOT NULL' : 'nullable'}, the model says ${column.notNull ? 'NOT NULL' : 'nullable'}`,
        );
      }
    }
    for (const name of columns.keys())
      if (!expected.has(name)) differences.push(`column ${table.name}.${name} is not in the model`);
  }
  return differences;
}
