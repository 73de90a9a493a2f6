export { applyOwnMigrations, ownMigrationName } from './apply-own-migrations.js';
export { catchUpStore } from './catch-up-store.js';
export { createMissionStore } from './create-mission-store.js';
export type { PgliteClientOptions } from './create-pglite-client.js';
export { createPgliteClient } from './create-pglite-client.js';
export type { PostgresClientOptions } from './create-postgres-client.js';
export { createPostgresClient, describePostgresUrl } from './create-postgres-client.js';
export type { StoreListenerOptions } from './create-store-listener.js';
export { createStoreListener } from './create-store-listener.js';
export { enrichMission } from './enrich-mission.js';
export type { AppliedMigration, MigrationScope } from './migrations-table.js';
export { appliedMigrations, MIGRATIONS_TABLE } from './migrations-table.js';
export type { IndexableReceipt, MissionIndexer, MissionIndexerOptions } from './mission-indexer.js';
export { createMissionIndexer } from './mission-indexer.js';
export type {
  BlackboardPointer,
  LaneAttemptRecord,
  MissionDetails,
  MissionRecord,
  VerifyRoundRecord,
} from './mission-records.js';
export type {
  MissionLiveness,
  MissionRuntime,
  MissionStatus,
  MissionStatusView,
  StoredMissionStatus,
} from './mission-status.js';
export {
  DBOS_CONTINUE_COMMAND,
  deriveMissionStatus,
  endedMissionStatus,
  MISSION_STATUSES,
  STORED_MISSION_STATUSES,
} from './mission-status.js';
export type { ListMissionsOptions, MissionStore } from './mission-store.js';
export type { MissionIndex, OpenMissionIndexOptions } from './open-mission-index.js';
export { openMissionIndex } from './open-mission-index.js';
export type { OpenStoreOptions, Store } from './open-store.js';
export { openStore, openStoreOn, PGLITE_DATA_DIR } from './open-store.js';
export type { OwnMigration } from './own-migrations.js';
export { OWN_MIGRATIONS, OWN_TABLES } from './own-migrations.js';
export type { RebuildStoreOptions, RebuildStoreResult } from './rebuild-store.js';
export { rebuildStore } from './rebuild-store.js';
export type { MissionStatusRecord, ResolveStatusOptions } from './resolve-mission-status.js';
export { resolveMissionStatus, withResolvedStatus } from './resolve-mission-status.js';
export type { DerivedSchema } from './schema/derive-relational-schema.js';
export { deriveRelationalSchema, parseMultiplicity, snakeCase } from './schema/derive-relational-schema.js';
export type { SchemaChange } from './schema/diff-relational-schema.js';
export { describeChange, diffRelationalSchema, isDestructive } from './schema/diff-relational-schema.js';
export type { MigrationFile } from './schema/migration-files.js';
export { MIGRATIONS_DIR, readMigrationFiles } from './schema/migration-files.js';
export type { ColumnSpec, ColumnType, RelationalSchema, TableSpec } from './schema/relational-schema.js';
export { renderMigrationSql } from './schema/render-migration-sql.js';
export type { SsotSchemaStatus } from './schema/ssot-schema-status.js';
export { ssotSchemaStatus } from './schema/ssot-schema-status.js';
export type { SyncSsotSchemaOptions, SyncSsotSchemaResult } from './schema/sync-ssot-schema.js';
export { syncSsotSchema } from './schema/sync-ssot-schema.js';
export type { SqlClient, SqlExecutor, StoreAdapterName } from './sql-client.js';
export type { StoreErrorCode } from './store-error.js';
export { StoreError } from './store-error.js';
