export type { ConnectMcpServersOptions, McpConnections } from './connect-mcp-servers.js';
export { connectMcpServers } from './connect-mcp-servers.js';
export type { McpServerOutcome, McpTool } from './mcp-tool.js';
