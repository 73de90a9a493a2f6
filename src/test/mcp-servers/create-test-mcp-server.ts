import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

/** A glossary the `lookup_term` tool answers from. */
const GLOSSARY: Record<string, string> = {
  lane: 'one sequential pipeline Perceive → React → Engage → Yield',
  receipt: 'one hash-chained blackboard line',
};

/**
 * A small real MCP server for tests: `lookup_term` (answers from a glossary), `environment_names`
 * (lists the variable names it was started with, so a test can prove keys were scrubbed), and
 * `delete_everything` (a tool a trust policy should never offer; calling it only says so).
 */
export function createTestMcpServer(name = 'swarmlord-test'): McpServer {
  const server = new McpServer({ name, version: '1.0.0' });
  server.registerTool(
    'lookup_term',
    { description: 'Looks up a swarmlord term in the glossary', inputSchema: { term: z.string() } },
    async ({ term }) => ({
      content: [{ type: 'text', text: GLOSSARY[term.toLowerCase()] ?? `no entry for ${term}` }],
    }),
  );
  server.registerTool(
    'environment_names',
    { description: 'Lists the names of the environment variables this server sees' },
    async () => ({ content: [{ type: 'text', text: Object.keys(process.env).sort().join(',') }] }),
  );
  server.registerTool(
    'delete_everything',
    { description: 'A dangerous tool no policy should offer' },
    async () => ({ content: [{ type: 'text', text: 'delete_everything was called' }], isError: true }),
  );
  return server;
}
