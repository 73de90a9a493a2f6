import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { StoreError } from '../store-error.js';
import type { SchemaChange } from './diff-relational-schema.js';
import { describeChange } from './diff-relational-schema.js';
import type { RelationalSchema } from './relational-schema.js';
import { renderMigrationSql } from './render-migration-sql.js';

/** Where `db sync` writes migrations, relative to the project root. */
export const MIGRATIONS_DIR = 'migrations';

const SCHEMA_MARKER = '-- swarmlord:schema-after ';

/** A migration file: its SQL, and the schema it leaves (the base of the next `db sync`). */
export interface MigrationFile {
  name: string;
  text: string;
  schemaAfter: RelationalSchema;
}

/** `20261122T101500Z`: sorts by time; the name is the migration's identity in `swarmlord_migrations`. */
function stamp(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}

function slug(changes: readonly SchemaChange[]): string {
  const [first] = changes;
  if (first === undefined) return 'empty';
  const word = {
    'create-table': 'create',
    'drop-table': 'drop',
    'add-column': 'add',
    'drop-column': 'drop',
    'alter-type': 'alter',
    'set-not-null': 'alter',
    'drop-not-null': 'alter',
    'set-enum': 'alter',
    'set-reference': 'alter',
  }[first.kind];
  const subject =
    first.kind === 'create-table'
      ? first.table.name
      : first.kind === 'drop-table'
        ? first.table
        : `${first.table}_${typeof first.column === 'string' ? first.column : first.column.name}`;
  const more = changes.length > 1 ? `_and_${changes.length - 1}_more` : '';
  return `${word}_${subject}${more}`.slice(0, 80);
}

/** The text of a new migration: a reviewable header, the SQL, and the schema after it. */
export function renderMigrationFile(options: {
  name: string;
  changes: readonly SchemaChange[];
  schemaAfter: RelationalSchema;
  sources: readonly string[];
}): string {
  return [
    `-- swarmlord db sync migration ${options.name}`,
    `-- From the SSOT model: ${options.sources.join(', ')}.`,
    '-- Review and commit it with the model; `swarmlord db sync` applies it in one transaction and',
    '-- records it in swarmlord_migrations. Do not edit it once applied: change the model and sync again.',
    '-- Changes:',
    ...options.changes.map((change) => `--   ${describeChange(change)}`),
    '',
    renderMigrationSql(options.changes),
    '',
    `${SCHEMA_MARKER}${JSON.stringify(options.schemaAfter)}`,
    '',
  ].join('\n');
}

/** A name for a new migration that sorts after every existing one. */
export function nextMigrationName(
  existing: readonly string[],
  changes: readonly SchemaChange[],
  now: Date,
): string {
  const last = [...existing].sort().at(-1);
  let time = now.getTime();
  let name = `${stamp(new Date(time))}_${slug(changes)}.sql`;
  while (last !== undefined && name <= last) {
    time += 1000;
    name = `${stamp(new Date(time))}_${slug(changes)}.sql`;
  }
  return name;
}

/** The `.sql` files of `dir` in name order; a missing folder has none. */
export async function readMigrationFiles(dir: string): Promise<MigrationFile[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => name.endsWith('.sql')).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const files: MigrationFile[] = [];
  for (const name of names) {
    const text = await readFile(join(dir, name), 'utf8');
    const line = text.split('\n').find((candidate) => candidate.startsWith(SCHEMA_MARKER));
    let schemaAfter: RelationalSchema | undefined;
    try {
      schemaAfter =
        line === undefined ? undefined : (JSON.parse(line.slice(SCHEMA_MARKER.length)) as RelationalSchema);
    } catch {
      schemaAfter = undefined;
    }
    if (schemaAfter === undefined || !Array.isArray(schemaAfter.tables)) {
      throw new StoreError(
        'DB_MIGRATION_INVALID',
        `${join(dir, name)}: no valid '${SCHEMA_MARKER.trim()}' line (was it written by swarmlord db sync?)`,
      );
    }
    files.push({ name, text, schemaAfter });
  }
  return files;
}

export async function writeMigrationFile(dir: string, name: string, text: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, name);
  await writeFile(path, text, { flag: 'wx' });
  return path;
}

export async function removeMigrationFile(path: string): Promise<void> {
  await rm(path, { force: true });
}
