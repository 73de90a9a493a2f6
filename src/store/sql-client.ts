/** Runs SQL: the part of a connection that statements inside and outside a transaction share. */
export interface SqlExecutor {
  /** One statement with `$1`-style parameters; resolves to its rows. */
  query<Row extends object = Record<string, unknown>>(
    sql: string,
    params?: readonly unknown[],
  ): Promise<Row[]>;
  /** A script of statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

/** Which adapter a store runs on. */
export type StoreAdapterName = 'pglite' | 'postgres';

/**
 * The SQL port both adapters implement. Both speak PostgreSQL, so the mission store and the schema
 * pipeline are written once over this port. Calls are serialized: a transaction holds the connection
 * until it ends, so a concurrent call (lanes emit events in parallel) cannot land inside it.
 */
export interface SqlClient extends SqlExecutor {
  readonly adapter: StoreAdapterName;
  /** Where the data lives, for messages: a directory, or the URL without its password. */
  readonly location: string;
  /** Runs `work` in BEGIN … COMMIT; anything thrown rolls the whole transaction back and rethrows. */
  transaction<T>(work: (executor: SqlExecutor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
