/** A tool a trusted MCP server offers, ready to be called. */
export interface McpTool {
  server: string;
  /** The tool's name on its server. */
  tool: string;
  /** `mcp:<server>/<tool>`: how the authority matrix and receipts name it. */
  qualifiedName: string;
  /** `mcp__<server>__<tool>`: a name every model API accepts. */
  modelName: string;
  description: string;
  /** The server's JSON Schema of the arguments. */
  inputSchema: Record<string, unknown>;
  /** Calls the tool; the text parts of its result joined. Throws when the server reports an error. */
  call(input: unknown, options: { signal?: AbortSignal | undefined }): Promise<string>;
}

/** What happened to one server of the trust policy when the mission started. */
export interface McpServerOutcome {
  server: string;
  status: 'connected' | 'untrusted' | 'discovery_off' | 'failed';
  /** Why it was not connected, or where it is. */
  detail: string;
  /** Tools it listed (connected servers only), with whether the policy lets them be offered. */
  tools: { tool: string; qualifiedName: string; trusted: boolean; description: string }[];
}
