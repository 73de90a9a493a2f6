import type { DefinitionInfo, FeatureInfo, SysmlModel } from '../../sysml/model-types.js';
import { MIGRATIONS_TABLE } from '../migrations-table.js';
import { OWN_TABLES } from '../own-migrations.js';
import { StoreError } from '../store-error.js';
import type { ColumnSpec, ColumnType, RelationalSchema, TableSpec } from './relational-schema.js';

/** ScalarValues types and their columns; the four the issue names plus the numeric refinements. */
const SCALAR_TYPES: Record<string, ColumnType> = {
  String: 'text',
  Integer: 'bigint',
  Natural: 'bigint',
  Positive: 'bigint',
  Real: 'double precision',
  Rational: 'double precision',
  Number: 'double precision',
  Boolean: 'boolean',
};

const TABLE_KINDS = new Set(['item', 'attribute', 'part']);
const DATA_FEATURE_KINDS = new Set(['attribute', 'item', 'part', 'ref']);

export interface DerivedSchema {
  schema: RelationalSchema;
  /** Features left out or mapped loosely, with their location. */
  warnings: string[];
}

/** `EvidenceRef` → `evidence_ref`, `missionId` → `mission_id`. */
export function snakeCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toLowerCase();
}

/** `[0..1]` → at most one, optional; none or `[1]` → exactly one; an upper bound above 1 or `*` → many. */
export function parseMultiplicity(text: string | undefined): { lower: number; many: boolean } {
  if (text === undefined) return { lower: 1, many: false };
  const inner = text.replace(/[[\]\s]/g, '');
  const [lowerText, upperText] = inner.includes('..') ? inner.split('..') : [inner, inner];
  const lower = lowerText === '*' ? 0 : Number(lowerText ?? '1');
  const upper = upperText === '*' ? Number.POSITIVE_INFINITY : Number(upperText ?? '1');
  return { lower: Number.isFinite(lower) ? lower : 0, many: !(upper <= 1) };
}

function location(feature: { location: { file: string; line: number; column: number } }): string {
  return `${feature.location.file}:${feature.location.line}:${feature.location.column}`;
}

/** Own features first, then inherited ones a subtype does not redefine (flattened specialization). */
function dataFeatures(
  model: SysmlModel,
  definition: DefinitionInfo,
  seen = new Set<string>(),
): FeatureInfo[] {
  if (seen.has(definition.qualifiedName)) return [];
  seen.add(definition.qualifiedName);
  const own = definition.features.filter(
    (feature) => DATA_FEATURE_KINDS.has(feature.kind) && feature.name !== '',
  );
  const names = new Set(
    own.flatMap((feature) => [
      feature.name,
      ...feature.redefines.map((name) => name.split('::').at(-1) ?? name),
    ]),
  );
  const inherited: FeatureInfo[] = [];
  for (const name of definition.specializes) {
    const parent = model.findDefinition(name);
    if (parent === undefined) continue;
    for (const feature of dataFeatures(model, parent, seen)) {
      if (!names.has(feature.name)) {
        names.add(feature.name);
        inherited.push(feature);
      }
    }
  }
  return [...own, ...inherited];
}

function scalarType(typeName: string): ColumnType | undefined {
  const simple = typeName.split('::').at(-1) ?? typeName;
  const scoped = typeName.includes('::') ? typeName.startsWith('ScalarValues::') : true;
  return scoped ? SCALAR_TYPES[simple] : undefined;
}

/**
 * SysML → relational schema (`db sync`, decision 0013). Every concrete `item def`, `attribute def`
 * and `part def` with data features is a table named after it in snake case, with an `id bigint`
 * key. Attributes typed by ScalarValues are columns (String text, Integer bigint, Real double
 * precision, Boolean boolean); enum-typed ones are text with a CHECK of the values. Features typed
 * by another table's definition are `<name>_id` foreign keys. Multiplicity `[0..1]` is nullable,
 * none or `[1]` is NOT NULL, anything that can be more than one is a child table
 * `<table>_<feature>` (`owner_id`, `position`, `value` or `value_id`). Specialization is flattened:
 * a definition's table holds its inherited attributes too; abstract definitions have no table.
 *
 * @throws StoreError `DB_SCHEMA_INVALID` when two definitions map to one table name, a table would
 * take one of swarmlord's own names, or a feature is named `id`.
 */
export function deriveRelationalSchema(model: SysmlModel): DerivedSchema {
  const warnings: string[] = [];
  const candidates = model
    .definitions()
    .filter((definition) => TABLE_KINDS.has(definition.kind) && !definition.isAbstract)
    .map((definition) => ({ definition, features: dataFeatures(model, definition) }))
    .filter((candidate) => candidate.features.length > 0);
  const tableOf = new Map<string, string>();
  const owners = new Map<string, DefinitionInfo>();
  const reserved = new Set<string>([...OWN_TABLES, MIGRATIONS_TABLE]);
  for (const { definition } of candidates) {
    const name = snakeCase(definition.name);
    const clash = owners.get(name);
    if (clash !== undefined) {
      throw new StoreError(
        'DB_SCHEMA_INVALID',
        `${location(definition)}: ${definition.qualifiedName} and ${clash.qualifiedName} (${location(clash)}) both map to table ${name}; rename one`,
      );
    }
    if (reserved.has(name)) {
      throw new StoreError(
        'DB_SCHEMA_INVALID',
        `${location(definition)}: ${definition.qualifiedName} maps to table ${name}, one of swarmlord's own; rename it`,
      );
    }
    owners.set(name, definition);
    tableOf.set(definition.qualifiedName, name);
  }

  const tables: TableSpec[] = [];
  for (const { definition, features } of candidates) {
    const table = snakeCase(definition.name);
    const columns: ColumnSpec[] = [];
    const children: TableSpec[] = [];
    for (const feature of features) {
      const from = `${definition.qualifiedName}::${feature.name}`;
      const column = snakeCase(feature.name);
      if (column === 'id') {
        throw new StoreError(
          'DB_SCHEMA_INVALID',
          `${location(feature)}: ${from}: 'id' is the key column of every table; rename the feature`,
        );
      }
      const typeName = feature.types[0];
      const target = typeName === undefined ? undefined : model.findDefinition(typeName);
      const scalar = typeName === undefined ? undefined : scalarType(typeName);
      const referenced = target === undefined ? undefined : tableOf.get(target.qualifiedName);
      let value: Omit<ColumnSpec, 'name' | 'notNull' | 'from'>;
      if (scalar !== undefined) value = { type: scalar };
      else if (target?.kind === 'enum') value = { type: 'text', enumValues: [...(target.enumValues ?? [])] };
      else if (referenced !== undefined) value = { type: 'bigint', references: referenced };
      else {
        warnings.push(
          `${location(feature)}: ${from}: type ${typeName ?? '(none)'} is neither a ScalarValues type, an enum nor a table; stored as text`,
        );
        value = { type: 'text' };
      }
      const { lower, many } = parseMultiplicity(feature.multiplicity);
      const suffix = value.references === undefined ? '' : '_id';
      if (!many) {
        columns.push({ name: `${column}${suffix}`, ...value, notNull: lower >= 1, from });
        continue;
      }
      children.push({
        name: `${table}_${column}`,
        from,
        columns: [
          { name: 'owner_id', type: 'bigint', notNull: true, references: table, cascade: true, from },
          { name: 'position', type: 'bigint', notNull: true, from },
          { name: `value${suffix}`, ...value, notNull: true, from },
        ],
      });
    }
    tables.push({ name: table, from: definition.qualifiedName, columns }, ...children);
  }
  const names = new Set<string>();
  for (const table of tables) {
    if (names.has(table.name)) {
      throw new StoreError(
        'DB_SCHEMA_INVALID',
        `two tables would be named ${table.name} (${table.from}); rename a definition or feature`,
      );
    }
    names.add(table.name);
  }
  return { schema: { tables }, warnings };
}
