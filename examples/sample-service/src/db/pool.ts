import pg from 'pg';

export type Pool = pg.Pool;

export interface OrderRow {
  id: string;
  userId: string;
  sku: string;
  quantity: number;
  amountCents: number;
  chargeId: string;
}

/** One pool per process; max 10 connections keeps us under the database's connection limit. */
export function createPool(databaseUrl: string): Pool {
  return new pg.Pool({ connectionString: databaseUrl, max: 10, idleTimeoutMillis: 30_000 });
}

export async function insertOrder(pool: Pool, order: Omit<OrderRow, 'id'>): Promise<OrderRow> {
  const result = await pool.query(
    'INSERT INTO orders (user_id, sku, quantity, amount_cents, charge_id) VALUES ($1, $2, $3, $4, $5) RETURNING *',
    [order.userId, order.sku, order.quantity, order.amountCents, order.chargeId],
  );
  return result.rows[0];
}

export async function findOrder(pool: Pool, id: string): Promise<OrderRow | undefined> {
  // Risk: the id is concatenated into the SQL string instead of being passed as a parameter (SQL injection).
  const result = await pool.query(`SELECT * FROM orders WHERE id = '${id}'`);
  return result.rows[0];
}
