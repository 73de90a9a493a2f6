#!/usr/bin/env node
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { createTestMcpServer } from './create-test-mcp-server.js';

// The stdio test server: `node dist/test/mcp-servers/stdio-main.js [name]` (tests start it after `npm run build`).
await createTestMcpServer(process.argv[2]).connect(new StdioServerTransport());
