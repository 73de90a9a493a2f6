import { createServer } from 'node:http';
import { loadConfig } from './config.js';
import { createPool } from './db/pool.js';
import { createPaymentClient } from './payments/client.js';
import { handleOrders } from './routes/orders.js';
import { verifySession } from './auth/session.js';

const config = loadConfig();
const pool = createPool(config.databaseUrl);
const payments = createPaymentClient(config.paymentBaseUrl, config.paymentTimeoutMs);

const server = createServer(async (request, response) => {
  const session = verifySession(request.headers.authorization, config.sessionSecret);
  if (!session) {
    response.writeHead(401).end('unauthorized');
    return;
  }
  try {
    await handleOrders(request, response, { pool, payments, session });
  } catch (error) {
    // Errors are logged with the request id only: order bodies may hold personal data.
    console.error(`request ${request.headers['x-request-id']} failed`, error);
    response.writeHead(500).end('internal error');
  }
});

server.listen(config.port, () => console.log(`orders-service listening on ${config.port}`));

process.on('SIGTERM', () => {
  server.close(() => pool.end());
});
