/** Stable codes of store and `db` failures; the CLI treats every one as bad input or configuration (exit 2). */
export type StoreErrorCode =
  /** `DATABASE_URL` is not a PostgreSQL URL. */
  | 'STORE_URL_INVALID'
  /** Nothing answered at the URL's host and port (refused, unknown host, timeout). */
  | 'STORE_UNREACHABLE'
  /** The server refused the user or password. */
  | 'STORE_AUTH_FAILED'
  /** The server answered but the URL's database does not exist. */
  | 'STORE_DATABASE_MISSING'
  /** The embedded database directory is held by another live process. */
  | 'STORE_BUSY'
  /** The database already has a table of one of swarmlord's names that swarmlord did not create. */
  | 'STORE_FOREIGN_TABLE'
  /** The database was migrated by a newer swarmlord than this one. */
  | 'STORE_VERSION_NEWER'
  /** `mission show` of an id the store does not have. */
  | 'STORE_MISSION_NOT_FOUND'
  /** Opening or querying failed for another reason (the message says which). */
  | 'STORE_FAILED'
  /** `db sync` would drop or narrow something and `--allow-destructive` was not given. */
  | 'DB_DESTRUCTIVE_CHANGE'
  /** The model cannot be mapped to tables (a name clash, a reserved column name). */
  | 'DB_SCHEMA_INVALID'
  /** A migration file already applied was edited, or one is unreadable. */
  | 'DB_MIGRATION_INVALID'
  /** Applying a migration failed; the transaction was rolled back, nothing was applied. */
  | 'DB_MIGRATION_FAILED';

/** A store failure with a message written for people: one line, never a password. */
export class StoreError extends Error {
  override readonly name = 'StoreError';
  readonly code: StoreErrorCode;

  constructor(code: StoreErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }

  static isInstance(error: unknown): error is StoreError {
    return error instanceof StoreError;
  }
}
