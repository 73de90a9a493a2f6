import { afterAll, beforeAll } from 'vitest';
import type { PostgresServer } from '../test/postgres-server/index.js';
import { findPostgresBinaries, startPostgresServer } from '../test/postgres-server/index.js';
import { createPgliteClient } from './create-pglite-client.js';
import { createPostgresClient } from './create-postgres-client.js';
import type { SqlClient } from './sql-client.js';
import { describeStoreContract } from './test-store-contract.js';
import { describeStoreStatusContract } from './test-store-status-contract.js';

// PGlite: one in-process instance for the file (its start is the costly part), a fresh schema per test.
let pglite: SqlClient | undefined;
let schemas = 0;
async function openPgliteSchema(): Promise<SqlClient> {
  pglite ??= await createPgliteClient();
  const base = pglite;
  schemas += 1;
  const schema = `contract_${schemas}`;
  await base.exec(`CREATE SCHEMA ${schema}; SET search_path TO ${schema}`);
  return { ...base, close: async () => undefined };
}
describeStoreContract('PGlite (in-process)', openPgliteSchema);
describeStoreStatusContract('PGlite (in-process)', openPgliteSchema);

// PostgreSQL 15: one throwaway cluster for the file, a fresh database per test.
const binaries = findPostgresBinaries();
let server: PostgresServer | undefined;
if (binaries.available) {
  beforeAll(async () => {
    server = await startPostgresServer({ binDir: binaries.binDir });
  });
  afterAll(async () => {
    await server?.stop();
    await pglite?.close();
  });
  const openDatabase = async (): Promise<SqlClient> => {
    if (server === undefined) throw new Error('the PostgreSQL test server did not start');
    return createPostgresClient({ url: await server.createDatabase() });
  };
  describeStoreContract('PostgreSQL 15 (real server)', openDatabase);
  describeStoreStatusContract('PostgreSQL 15 (real server)', openDatabase);
} else {
  process.stderr.write(`skipping the PostgreSQL half of the store contract: ${binaries.reason}\n`);
  afterAll(async () => {
    await pglite?.close();
  });
}
