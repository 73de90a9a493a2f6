import { createSqlClient } from './create-sql-client.js';
import type { SqlClient } from './sql-client.js';
import { StoreError } from './store-error.js';

export interface PostgresClientOptions {
  /** `postgres://` or `postgresql://` URL (`DATABASE_URL`). */
  url: string;
  /** How long to wait for the server to answer; default 5 s. */
  connectTimeoutMs?: number;
}

/** The URL as messages show it: user, host, port and database, never the password. */
export function describePostgresUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const user = parsed.username === '' ? '' : `${decodeURIComponent(parsed.username)}@`;
    return `${parsed.protocol}//${user}${parsed.host}${parsed.pathname}`;
  } catch {
    return '(unparseable DATABASE_URL)';
  }
}

function parsePostgresUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new StoreError(
      'STORE_URL_INVALID',
      'DATABASE_URL is not a URL (expected postgresql://user:password@host:port/database)',
    );
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new StoreError(
      'STORE_URL_INVALID',
      `DATABASE_URL must start with postgresql:// or postgres:// (got ${parsed.protocol}//…)`,
    );
  }
  return parsed;
}

/** Turns a failed connect into one line naming what to fix. */
export function connectionError(error: unknown, where: string): StoreError {
  const code = (error as { code?: unknown }).code;
  const detail = error instanceof Error ? error.message : String(error);
  if (code === '28P01' || code === '28000') {
    return new StoreError(
      'STORE_AUTH_FAILED',
      `PostgreSQL at ${where} refused the credentials in DATABASE_URL (${detail})`,
      {
        cause: error,
      },
    );
  }
  if (code === '3D000') {
    return new StoreError(
      'STORE_DATABASE_MISSING',
      `PostgreSQL at ${where}: ${detail}; create it first (createdb)`,
      {
        cause: error,
      },
    );
  }
  if (
    code === 'ECONNREFUSED' ||
    code === 'ENOTFOUND' ||
    code === 'EAI_AGAIN' ||
    code === 'ETIMEDOUT' ||
    code === 'EHOSTUNREACH' ||
    /timeout|terminated/i.test(detail)
  ) {
    return new StoreError(
      'STORE_UNREACHABLE',
      `no PostgreSQL server answers at ${where} (${code ?? detail}); check DATABASE_URL`,
      {
        cause: error,
      },
    );
  }
  return new StoreError('STORE_FAILED', `cannot connect to PostgreSQL at ${where}: ${detail}`, {
    cause: error,
  });
}

/** The PostgreSQL adapter: one `pg` connection to the server `DATABASE_URL` names. */
export async function createPostgresClient(options: PostgresClientOptions): Promise<SqlClient> {
  parsePostgresUrl(options.url);
  const where = describePostgresUrl(options.url);
  // Loaded here, not at import: only a store on a PostgreSQL server needs the driver.
  const { default: pg } = await import('pg');
  const client = new pg.Client({
    connectionString: options.url,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
  });
  // A dropped connection is reported by the next query; without a listener it would crash the process.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw connectionError(error, where);
  }
  return createSqlClient('postgres', where, {
    async query<Row extends object>(sql: string, params?: readonly unknown[]) {
      const result = await client.query<Row>(sql, params === undefined ? undefined : [...params]);
      return result.rows;
    },
    async exec(sql) {
      await client.query(sql);
    },
    async close() {
      await client.end();
    },
  });
}
