import type { ColumnSpec, ColumnType, RelationalSchema, TableSpec } from './relational-schema.js';

/** One step from the recorded schema to the model's. */
export type SchemaChange =
  | { kind: 'create-table'; table: TableSpec }
  | { kind: 'drop-table'; table: string }
  | { kind: 'add-column'; table: string; column: ColumnSpec }
  | { kind: 'drop-column'; table: string; column: string }
  | { kind: 'alter-type'; table: string; column: ColumnSpec; from: ColumnType }
  | { kind: 'set-not-null'; table: string; column: string }
  | { kind: 'drop-not-null'; table: string; column: string }
  | { kind: 'set-enum'; table: string; column: string; from?: string[]; to?: string[] }
  | { kind: 'set-reference'; table: string; column: ColumnSpec; from?: string };

/** Types a value of `from` converts to without loss. */
const WIDENS_TO: Record<ColumnType, ColumnType[]> = {
  bigint: ['double precision', 'text'],
  'double precision': ['text'],
  boolean: ['text'],
  text: [],
};

/**
 * Whether applying the change can lose data or fail on data already stored: drops, narrowing type
 * changes, NOT NULL added, enum values removed, a foreign key added or retargeted.
 */
export function isDestructive(change: SchemaChange): boolean {
  switch (change.kind) {
    case 'drop-table':
    case 'drop-column':
    case 'set-not-null':
      return true;
    case 'alter-type':
      return !WIDENS_TO[change.from].includes(change.column.type);
    case 'set-enum':
      return (
        change.to !== undefined &&
        (change.from === undefined || change.from.some((value) => !change.to?.includes(value)))
      );
    case 'set-reference':
      return change.column.references !== undefined;
    default:
      return false;
  }
}

function sameValues(left: string[] | undefined, right: string[] | undefined): boolean {
  return JSON.stringify(left ?? null) === JSON.stringify(right ?? null);
}

function columnChanges(table: string, before: ColumnSpec, after: ColumnSpec): SchemaChange[] {
  const changes: SchemaChange[] = [];
  if (before.type !== after.type)
    changes.push({ kind: 'alter-type', table, column: after, from: before.type });
  if (before.notNull !== after.notNull) {
    changes.push({ kind: after.notNull ? 'set-not-null' : 'drop-not-null', table, column: after.name });
  }
  if (!sameValues(before.enumValues, after.enumValues)) {
    changes.push({
      kind: 'set-enum',
      table,
      column: after.name,
      ...(before.enumValues === undefined ? {} : { from: before.enumValues }),
      ...(after.enumValues === undefined ? {} : { to: after.enumValues }),
    });
  }
  if (before.references !== after.references || (before.cascade ?? false) !== (after.cascade ?? false)) {
    changes.push({
      kind: 'set-reference',
      table,
      column: after,
      ...(before.references === undefined ? {} : { from: before.references }),
    });
  }
  return changes;
}

/**
 * The changes that turn `before` (what the migrations so far produce) into `after` (the model), in
 * the order they can be applied. Columns are matched by name: a rename is a drop and an add.
 */
export function diffRelationalSchema(before: RelationalSchema, after: RelationalSchema): SchemaChange[] {
  const old = new Map(before.tables.map((table) => [table.name, table]));
  const next = new Map(after.tables.map((table) => [table.name, table]));
  const changes: SchemaChange[] = [];
  for (const table of after.tables) {
    const existing = old.get(table.name);
    if (existing === undefined) {
      changes.push({ kind: 'create-table', table });
      continue;
    }
    const oldColumns = new Map(existing.columns.map((column) => [column.name, column]));
    const newColumns = new Set(table.columns.map((column) => column.name));
    for (const column of table.columns) {
      const was = oldColumns.get(column.name);
      if (was === undefined) changes.push({ kind: 'add-column', table: table.name, column });
      else changes.push(...columnChanges(table.name, was, column));
    }
    for (const column of existing.columns) {
      if (!newColumns.has(column.name))
        changes.push({ kind: 'drop-column', table: table.name, column: column.name });
    }
  }
  for (const table of before.tables) {
    if (!next.has(table.name)) changes.push({ kind: 'drop-table', table: table.name });
  }
  return changes;
}

/** One line per change for the migration header and the terminal. */
export function describeChange(change: SchemaChange): string {
  switch (change.kind) {
    case 'create-table':
      return `+ table ${change.table.name} (${change.table.from})`;
    case 'drop-table':
      return `- table ${change.table}`;
    case 'add-column':
      return `+ column ${change.table}.${change.column.name} ${change.column.type}${change.column.notNull ? ' NOT NULL' : ''}`;
    case 'drop-column':
      return `- column ${change.table}.${change.column}`;
    case 'alter-type':
      return `~ column ${change.table}.${change.column.name}: ${change.from} → ${change.column.type}`;
    case 'set-not-null':
      return `~ column ${change.table}.${change.column}: NOT NULL`;
    case 'drop-not-null':
      return `~ column ${change.table}.${change.column}: nullable`;
    case 'set-enum':
      return `~ column ${change.table}.${change.column}: values ${change.to?.join(', ') ?? '(any)'}`;
    case 'set-reference':
      return `~ column ${change.table}.${change.column.name}: references ${change.column.references ?? '(none)'}`;
  }
}
