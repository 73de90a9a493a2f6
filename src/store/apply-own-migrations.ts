import {
  appliedMigrations,
  ensureMigrationsTable,
  existingTables,
  lockMigrations,
  MIGRATIONS_TABLE,
  recordMigration,
} from './migrations-table.js';
import type { OwnMigration } from './own-migrations.js';
import { OWN_MIGRATIONS, OWN_TABLES } from './own-migrations.js';
import type { SqlClient } from './sql-client.js';
import { StoreError } from './store-error.js';

export function ownMigrationName(migration: OwnMigration): string {
  return `${String(migration.version).padStart(4, '0')}_${migration.name}`;
}

/**
 * Brings swarmlord's own tables to the newest version, in one transaction (all or nothing), so a
 * store created by an older swarmlord opens in a newer one. Refuses a database whose tables of our
 * names were not created by swarmlord, and one migrated by a newer swarmlord (its columns could mean
 * things this version does not know).
 *
 * @returns the names of the migrations applied now (empty when the store was current).
 */
export async function applyOwnMigrations(
  client: SqlClient,
  migrations: readonly OwnMigration[] = OWN_MIGRATIONS,
): Promise<string[]> {
  return client.transaction(async (executor) => {
    await lockMigrations(executor);
    const hadRecord = (await existingTables(executor, [MIGRATIONS_TABLE])).length > 0;
    await ensureMigrationsTable(executor);
    const applied = await appliedMigrations(executor, 'swarmlord');
    if (!hadRecord || applied.length === 0) {
      const foreign = await existingTables(executor, OWN_TABLES);
      if (foreign.length > 0) {
        throw new StoreError(
          'STORE_FOREIGN_TABLE',
          `the database (${client.location}) already has ${foreign.length === 1 ? 'a table' : 'tables'} ${foreign.join(', ')} that swarmlord did not create; use another database or schema`,
        );
      }
    }
    const known = new Set(migrations.map(ownMigrationName));
    const unknown = applied.filter((migration) => !known.has(migration.name));
    if (unknown.length > 0) {
      throw new StoreError(
        'STORE_VERSION_NEWER',
        `the database (${client.location}) was migrated by a newer swarmlord (${unknown.map((migration) => migration.name).join(', ')}); upgrade swarmlord`,
      );
    }
    const done = new Set(applied.map((migration) => migration.name));
    const now: string[] = [];
    for (const migration of migrations) {
      const name = ownMigrationName(migration);
      if (done.has(name)) continue;
      await executor.exec(migration.sql);
      await recordMigration(executor, { scope: 'swarmlord', name, sql: migration.sql });
      now.push(name);
    }
    return now;
  });
}
