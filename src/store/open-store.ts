import { resolve } from 'node:path';
import { applyOwnMigrations } from './apply-own-migrations.js';
import { createMissionStore } from './create-mission-store.js';
import { createPgliteClient } from './create-pglite-client.js';
import { createPostgresClient } from './create-postgres-client.js';
import type { MissionStore } from './mission-store.js';
import type { SqlClient, StoreAdapterName } from './sql-client.js';

/** Where the embedded database lives, relative to the working directory. */
export const PGLITE_DATA_DIR = 'hfo_store/pglite';

/** An open store: its SQL connection and the missions domain over it. */
export interface Store {
  readonly adapter: StoreAdapterName;
  /** A directory, or the PostgreSQL URL without its password. */
  readonly location: string;
  readonly sql: SqlClient;
  readonly missions: MissionStore;
  close(): Promise<void>;
}

export interface OpenStoreOptions {
  /** The working directory (the embedded database goes under it). */
  cwd: string;
  /** Reads `DATABASE_URL`; default `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** `memory`: an in-memory PGlite (tests). Default: from `DATABASE_URL`. */
  embedded?: 'memory';
}

/** Opens a client and brings swarmlord's own tables up to date; closes the client if that fails. */
export async function openStoreOn(client: SqlClient): Promise<Store> {
  try {
    await applyOwnMigrations(client);
  } catch (error) {
    await client.close().catch(() => undefined);
    throw error;
  }
  return {
    adapter: client.adapter,
    location: client.location,
    sql: client,
    missions: createMissionStore(client),
    close: () => client.close(),
  };
}

/**
 * Opens the missions store: PostgreSQL when `DATABASE_URL` is set, otherwise PGlite in
 * `hfo_store/pglite` under the working directory. Own migrations are applied on open.
 *
 * @throws StoreError with a one-line message: `STORE_URL_INVALID`, `STORE_UNREACHABLE`,
 * `STORE_AUTH_FAILED`, `STORE_DATABASE_MISSING`, `STORE_BUSY`, `STORE_FOREIGN_TABLE`, `STORE_VERSION_NEWER`.
 * @example
 * const store = await openStore({ cwd: process.cwd() });
 * const recent = await store.missions.listMissions({ status: 'passed' });
 * await store.close();
 */
export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const url = (options.env ?? process.env).DATABASE_URL ?? '';
  const client =
    url !== ''
      ? await createPostgresClient({ url })
      : await createPgliteClient(
          options.embedded === 'memory' ? {} : { dataDir: resolve(options.cwd, PGLITE_DATA_DIR) },
        );
  return openStoreOn(client);
}
