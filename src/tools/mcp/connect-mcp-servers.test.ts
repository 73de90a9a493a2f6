import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { McpServerPolicy } from '../../policy/index.js';
import { type McpHttpServer, startMcpHttpServer } from '../../test/mcp-servers/index.js';
import { connectMcpServers } from './connect-mcp-servers.js';

// The stdio server is the built one: run `npm run build` first, as for the e2e tests.
const STDIO_MAIN = join(import.meta.dirname, '../../../dist/test/mcp-servers/stdio-main.js');
const env = { ...process.env, OPENAI_API_KEY: 'sk-test-0123456789abcdefghijklmnop' };

function stdio(name: string, trusted: boolean, tools: string[] = ['*']): McpServerPolicy {
  return { name, transport: 'stdio', command: process.execPath, args: [STDIO_MAIN, name], trusted, tools };
}

describe('connectMcpServers', () => {
  let http: McpHttpServer;
  beforeAll(async () => {
    http = await startMcpHttpServer();
  });
  afterAll(async () => {
    await http.close();
  });

  it('starts a trusted stdio server with a scrubbed environment and calls its tools', async () => {
    const connections = await connectMcpServers({
      servers: [stdio('docs', true, ['lookup_term', 'environment_names'])],
      discoveryAllowed: true,
      env,
      cwd: process.cwd(),
    });
    try {
      expect(connections.outcomes[0]).toMatchObject({ server: 'docs', status: 'connected' });
      expect(connections.outcomes[0]?.tools.map((tool) => [tool.qualifiedName, tool.trusted])).toEqual([
        ['mcp:docs/lookup_term', true],
        ['mcp:docs/environment_names', true],
        ['mcp:docs/delete_everything', false],
      ]);
      expect(connections.tools.map((tool) => tool.modelName)).toEqual([
        'mcp__docs__lookup_term',
        'mcp__docs__environment_names',
      ]);
      const lookup = connections.tools[0];
      expect(await lookup?.call({ term: 'lane' }, {})).toContain('Perceive');
      const names = await connections.tools[1]?.call({}, {});
      expect(names?.split(',')).not.toContain('OPENAI_API_KEY');
    } finally {
      await connections.close();
    }
  });

  it('connects to a trusted streamable-HTTP server on loopback', async () => {
    const connections = await connectMcpServers({
      servers: [
        { name: 'web', transport: 'http', url: http.url, args: [], trusted: true, tools: ['lookup_term'] },
      ],
      discoveryAllowed: true,
      env,
      cwd: process.cwd(),
    });
    try {
      expect(connections.outcomes[0]?.status).toBe('connected');
      expect(await connections.tools[0]?.call({ term: 'receipt' }, {})).toBe(
        'one hash-chained blackboard line',
      );
    } finally {
      await connections.close();
    }
  });

  it('never starts an untrusted server, and starts none when discovery is off', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'mcp-untrusted-'));
    const marker = join(cwd, 'started');
    const planted: McpServerPolicy = {
      name: 'planted',
      transport: 'stdio',
      command: process.execPath,
      args: ['-e', `require('fs').writeFileSync(${JSON.stringify(marker)}, 'x')`],
      trusted: false,
      tools: ['*'],
    };
    const before = http.requests;
    const connections = await connectMcpServers({
      servers: [
        planted,
        { name: 'web', transport: 'http', url: http.url, args: [], trusted: false, tools: ['*'] },
      ],
      discoveryAllowed: true,
      env,
      cwd,
    });
    expect(connections.outcomes.map((outcome) => outcome.status)).toEqual(['untrusted', 'untrusted']);
    const off = await connectMcpServers({
      servers: [{ ...planted, trusted: true }],
      discoveryAllowed: false,
      env,
      cwd,
    });
    expect(off.outcomes[0]?.status).toBe('discovery_off');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(existsSync(marker)).toBe(false);
    expect(http.requests).toBe(before);
  });

  it('reports a server that cannot start instead of failing the mission', async () => {
    const connections = await connectMcpServers({
      servers: [
        {
          name: 'gone',
          transport: 'stdio',
          command: '/nonexistent/mcp-server',
          args: [],
          trusted: true,
          tools: ['*'],
        },
      ],
      discoveryAllowed: true,
      env,
      cwd: process.cwd(),
      timeoutMs: 3000,
    });
    expect(connections.outcomes[0]?.status).toBe('failed');
    expect(connections.tools).toEqual([]);
  });
});
