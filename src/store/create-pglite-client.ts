import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { createSqlClient } from './create-sql-client.js';
import { acquireDirectoryLock } from './directory-lock.js';
import type { SqlClient } from './sql-client.js';
import { StoreError } from './store-error.js';

export interface PgliteClientOptions {
  /** The data directory; omitted: in memory (tests). */
  dataDir?: string;
}

/**
 * The embedded adapter: PostgreSQL compiled to WebAssembly, in-process, no server. A data directory
 * is locked for this process while open (see `acquireDirectoryLock`).
 */
export async function createPgliteClient(options: PgliteClientOptions = {}): Promise<SqlClient> {
  const { dataDir } = options;
  let release: (() => Promise<void>) | undefined;
  if (dataDir !== undefined) {
    await mkdir(dirname(dataDir), { recursive: true });
    release = await acquireDirectoryLock(`${dataDir}.lock`);
  }
  let database: PGlite;
  try {
    // Loaded here, not at import: PGlite's WebAssembly build is only for commands that open the store.
    const { PGlite: Embedded } = await import('@electric-sql/pglite');
    database = new Embedded(dataDir);
    await database.waitReady;
  } catch (error) {
    await release?.();
    throw new StoreError(
      'STORE_FAILED',
      `cannot open the embedded database at ${dataDir ?? 'memory'}: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  return createSqlClient('pglite', dataDir ?? 'memory', {
    async query<Row extends object>(sql: string, params?: readonly unknown[]) {
      const result = await database.query<Row>(sql, params === undefined ? undefined : [...params]);
      return result.rows;
    },
    async exec(sql) {
      await database.exec(sql);
    },
    async close() {
      try {
        await database.close();
      } finally {
        await release?.();
      }
    },
  });
}
