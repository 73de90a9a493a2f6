/** The SQL types SysML ScalarValues map to (decision 0013). */
export type ColumnType = 'text' | 'bigint' | 'double precision' | 'boolean';

/** One column besides the implicit `id bigint` primary key every table has. */
export interface ColumnSpec {
  name: string;
  type: ColumnType;
  notNull: boolean;
  /** An enum def's values: a CHECK constraint. */
  enumValues?: string[];
  /** The table this column's id points to (a foreign key). */
  references?: string;
  /** Child rows go with their owner (`ON DELETE CASCADE`). */
  cascade?: boolean;
  /** Where it comes from, for change lists: `Pkg::Def::attribute`. */
  from: string;
}

export interface TableSpec {
  name: string;
  /** The definition (or definition feature, for child tables) it comes from. */
  from: string;
  columns: ColumnSpec[];
}

/** The tables `db sync` manages, as a migration file records them after it (`-- swarmlord:schema-after`). */
export interface RelationalSchema {
  tables: TableSpec[];
}

export const EMPTY_SCHEMA: RelationalSchema = { tables: [] };
