import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { McpServerPolicy } from '../../policy/index.js';
import { scrubEnvironment } from '../command/index.js';
import { ToolError } from '../tool-error.js';
import type { McpServerOutcome, McpTool } from './mcp-tool.js';

/** Settings of {@link connectMcpServers}. */
export interface ConnectMcpServersOptions {
  servers: readonly McpServerPolicy[];
  /** `tooling.discovery_allowed` of the intent: false starts no server at all. */
  discoveryAllowed: boolean;
  /** The environment stdio servers get, scrubbed (no keys). */
  env: NodeJS.ProcessEnv;
  /** Working directory of stdio servers. */
  cwd: string;
  /** Longest wait for a server to connect and list its tools (default 10 s). */
  timeoutMs?: number;
}

/** The connected servers' offered tools, what happened to each server, and how to stop them. */
export interface McpConnections {
  tools: McpTool[];
  outcomes: McpServerOutcome[];
  close(): Promise<void>;
}

/** The MCP SDK's client and transports, loaded once a server is to be started (not at import: issue 19). */
async function loadMcpSdk() {
  const [{ Client: McpClient }, { StdioClientTransport }, { StreamableHTTPClientTransport }] =
    await Promise.all([
      import('@modelcontextprotocol/sdk/client/index.js'),
      import('@modelcontextprotocol/sdk/client/stdio.js'),
      import('@modelcontextprotocol/sdk/client/streamableHttp.js'),
    ]);
  return { McpClient, StdioClientTransport, StreamableHTTPClientTransport };
}

function matches(patterns: readonly string[], name: string): boolean {
  return patterns.some((pattern) =>
    new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replaceAll('*', '.*')}$`).test(name),
  );
}

function modelName(server: string, tool: string): string {
  return `mcp__${server}__${tool}`.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 64);
}

function textOf(result: unknown): string {
  const content = (result as { content?: unknown }).content;
  if (!Array.isArray(content))
    return JSON.stringify((result as { structuredContent?: unknown }).structuredContent ?? result);
  return content
    .map((part: { type?: string; text?: string }) =>
      part.type === 'text' ? (part.text ?? '') : `[${part.type ?? 'content'}]`,
    )
    .join('\n');
}

/**
 * Starts (stdio) or connects to (streamable HTTP) the MCP servers of the trust policy — only those
 * marked `trusted`, and none when discovery is off — and lists their tools. A listed tool is
 * offered only when the server's `tools` patterns name it. Untrusted servers are never started:
 * their command is not run and their URL is not contacted. A server that fails to connect is
 * reported, not thrown: the mission runs without it.
 */
export async function connectMcpServers(options: ConnectMcpServersOptions): Promise<McpConnections> {
  const clients: Client[] = [];
  const tools: McpTool[] = [];
  const outcomes: McpServerOutcome[] = [];
  let sdk: Awaited<ReturnType<typeof loadMcpSdk>> | undefined;
  for (const server of options.servers) {
    if (!server.trusted) {
      outcomes.push({
        server: server.name,
        status: 'untrusted',
        detail: 'not trusted by the policy: never started',
        tools: [],
      });
      continue;
    }
    if (!options.discoveryAllowed) {
      outcomes.push({
        server: server.name,
        status: 'discovery_off',
        detail: 'tooling.discovery_allowed is false: not started',
        tools: [],
      });
      continue;
    }
    sdk ??= await loadMcpSdk();
    const { McpClient, StdioClientTransport, StreamableHTTPClientTransport } = sdk;
    const client = new McpClient({ name: 'swarmlord', version: '1.0.0' });
    try {
      const transport =
        server.transport === 'stdio'
          ? new StdioClientTransport({
              command: server.command as string,
              args: server.args,
              env: scrubEnvironment(options.env) as Record<string, string>,
              cwd: options.cwd,
              stderr: 'ignore',
            })
          : new StreamableHTTPClientTransport(new URL(server.url as string));
      const signal = AbortSignal.timeout(options.timeoutMs ?? 10_000);
      await client.connect(transport, { signal });
      clients.push(client);
      const listed = await client.listTools(undefined, { signal });
      const outcome: McpServerOutcome = {
        server: server.name,
        status: 'connected',
        detail: server.transport === 'stdio' ? `stdio ${server.command}` : `http ${server.url}`,
        tools: [],
      };
      for (const listedTool of listed.tools) {
        const qualifiedName = `mcp:${server.name}/${listedTool.name}`;
        const trusted = matches(server.tools, listedTool.name);
        outcome.tools.push({
          tool: listedTool.name,
          qualifiedName,
          trusted,
          description: listedTool.description ?? '',
        });
        if (!trusted) continue;
        tools.push({
          server: server.name,
          tool: listedTool.name,
          qualifiedName,
          modelName: modelName(server.name, listedTool.name),
          description: listedTool.description ?? `${listedTool.name} of MCP server ${server.name}`,
          inputSchema: listedTool.inputSchema as Record<string, unknown>,
          async call(input, { signal: callSignal }) {
            const result = await client.callTool(
              { name: listedTool.name, arguments: (input ?? {}) as Record<string, unknown> },
              undefined,
              callSignal === undefined ? {} : { signal: callSignal },
            );
            const text = textOf(result);
            if (result.isError === true) throw new ToolError('TOOL_FAILED', `${qualifiedName}: ${text}`);
            return text;
          },
        });
      }
      outcomes.push(outcome);
    } catch (error) {
      await client.close().catch(() => undefined);
      outcomes.push({
        server: server.name,
        status: 'failed',
        detail: error instanceof Error ? error.message : String(error),
        tools: [],
      });
    }
  }
  return {
    tools,
    outcomes,
    close: async () => {
      await Promise.all(clients.map((client) => client.close().catch(() => undefined)));
    },
  };
}
