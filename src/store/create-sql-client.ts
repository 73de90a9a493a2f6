import { createSerialGate } from './serialize-calls.js';
import type { SqlClient, SqlExecutor, StoreAdapterName } from './sql-client.js';

/** What an adapter provides: raw statements on its one connection, and closing it. */
export interface SqlConnection extends SqlExecutor {
  close(): Promise<void>;
}

/** Wraps a single connection as a `SqlClient`: serialized calls and BEGIN/COMMIT/ROLLBACK transactions. */
export function createSqlClient(
  adapter: StoreAdapterName,
  location: string,
  connection: SqlConnection,
): SqlClient {
  const gate = createSerialGate();
  let closed = false;
  return {
    adapter,
    location,
    query: (sql, params) => gate(() => connection.query(sql, params)),
    exec: (sql) => gate(() => connection.exec(sql)),
    transaction: (work) =>
      gate(async () => {
        await connection.exec('BEGIN');
        try {
          const result = await work(connection);
          await connection.exec('COMMIT');
          return result;
        } catch (error) {
          await connection.exec('ROLLBACK').catch(() => undefined);
          throw error;
        }
      }),
    close: () =>
      gate(async () => {
        if (closed) return;
        closed = true;
        await connection.close();
      }),
  };
}
