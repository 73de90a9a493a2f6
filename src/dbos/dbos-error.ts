/** A problem of the DBOS runtime written for people; `DB_` codes are bad input (exit 2). */
export class DbosError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'DbosError';
    this.code = code;
  }
}

/** `DATABASE_URL`, required by every DBOS command. */
export function requireDatabaseUrl(env: NodeJS.ProcessEnv, what: string): string {
  const url = env.DATABASE_URL?.trim();
  if (url === undefined || url === '')
    throw new DbosError(
      'DB_URL_MISSING',
      `${what} needs DATABASE_URL (postgresql://user:password@host:port/database): the DBOS runtime keeps its queue, journal and receipts in PostgreSQL`,
    );
  if (!/^postgres(ql)?:\/\//.test(url))
    throw new DbosError('DB_URL_INVALID', 'DATABASE_URL must start with postgresql:// or postgres://');
  return url;
}
