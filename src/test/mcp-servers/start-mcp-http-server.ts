import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { createTestMcpServer } from './create-test-mcp-server.js';

/** A running streamable-HTTP MCP test server. */
export interface McpHttpServer {
  /** e.g. `http://127.0.0.1:41234/mcp`. */
  url: string;
  /** How many HTTP requests reached it (0 proves it was never contacted). */
  readonly requests: number;
  close(): Promise<void>;
}

/**
 * Starts the test MCP server over streamable HTTP on 127.0.0.1 (a free port), stateless: one
 * server and transport per request, as the SDK's stateless example does.
 */
export async function startMcpHttpServer(name = 'swarmlord-http-test'): Promise<McpHttpServer> {
  let requests = 0;
  const http: Server = createServer((request, response) => {
    requests += 1;
    if (request.url !== '/mcp') {
      response.writeHead(404).end();
      return;
    }
    const server = createTestMcpServer(name);
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    response.on('close', () => {
      void transport.close();
      void server.close();
    });
    server
      .connect(transport)
      .then(() => transport.handleRequest(request, response))
      .catch(() => {
        if (!response.headersSent) response.writeHead(500).end();
      });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    get requests() {
      return requests;
    },
    close: () =>
      new Promise((resolve) => {
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  };
}
