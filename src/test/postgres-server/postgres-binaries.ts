import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Where Debian's `postgresql-15` package puts the server binaries. */
export const DEFAULT_POSTGRES_BIN_DIR = '/usr/lib/postgresql/15/bin';

/** Whether a real PostgreSQL server can be started for tests, and why not. */
export type PostgresBinaries = { available: true; binDir: string } | { available: false; reason: string };

/**
 * Finds `initdb` and `postgres` (`SWARMLORD_POSTGRES_BIN_DIR`, else the Debian path). Tests skip the
 * real-server half of a suite when they are absent — but never in CI (`CI=true`): there a missing
 * server would silently turn the PostgreSQL adapter's suite green, so this throws instead.
 */
export function findPostgresBinaries(env: NodeJS.ProcessEnv = process.env): PostgresBinaries {
  const binDir = env.SWARMLORD_POSTGRES_BIN_DIR ?? DEFAULT_POSTGRES_BIN_DIR;
  const missing = ['initdb', 'postgres'].filter((name) => !existsSync(join(binDir, name)));
  if (missing.length === 0) return { available: true, binDir };
  const reason = `PostgreSQL 15 binaries not found (${missing.join(', ')} missing in ${binDir}; install postgresql-15 or set SWARMLORD_POSTGRES_BIN_DIR)`;
  if (env.CI === 'true')
    throw new Error(`${reason}; CI=true, so the real-server tests fail instead of skipping`);
  return { available: false, reason };
}
