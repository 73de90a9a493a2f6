export type { PostgresBinaries } from './postgres-binaries.js';
export { DEFAULT_POSTGRES_BIN_DIR, findPostgresBinaries } from './postgres-binaries.js';
export type { PostgresServer, StartPostgresServerOptions } from './start-postgres-server.js';
export { startPostgresServer } from './start-postgres-server.js';
