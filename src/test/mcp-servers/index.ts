export { createTestMcpServer } from './create-test-mcp-server.js';
export type { McpHttpServer } from './start-mcp-http-server.js';
export { startMcpHttpServer } from './start-mcp-http-server.js';
