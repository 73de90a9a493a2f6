import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Pool } from '../db/pool.js';
import { findOrder, insertOrder } from '../db/pool.js';
import type { PaymentClient } from '../payments/client.js';
import type { Session } from '../auth/session.js';

export interface OrderContext {
  pool: Pool;
  payments: PaymentClient;
  session: Session;
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

/** Routes POST /orders and GET /orders/:id. */
export async function handleOrders(request: IncomingMessage, response: ServerResponse, context: OrderContext) {
  if (request.method === 'POST' && request.url === '/orders') {
    const body = (await readJson(request)) as { sku: string; quantity: number; amountCents: number };
    // Validation is minimal: quantity and amount are not checked for negative values.
    const charge = await context.payments.charge(context.session.userId, body.amountCents);
    const order = await insertOrder(context.pool, { ...body, userId: context.session.userId, chargeId: charge.id });
    response.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify(order));
    return;
  }
  const match = /^\/orders\/([\w-]+)$/.exec(request.url ?? '');
  if (request.method === 'GET' && match) {
    const order = await findOrder(context.pool, match[1] as string);
    if (!order) return response.writeHead(404).end('not found');
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(order));
    return;
  }
  response.writeHead(404).end('not found');
}
