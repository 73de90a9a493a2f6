import type { ExecutionPolicy } from './execution-policy.js';

/** The read-only tools the Observers get. */
const READ_TOOLS = ['list_files', 'read_lines', 'search', 'git_log', 'git_show', 'git_blame'];

/**
 * The shipped policy: Observers read, Shapers read, propose writes (`workspace_write`) and run
 * allowlisted commands (the allowlist is empty until the charter names one); no MCP server is
 * trusted; limits sized for a laptop and a single paid endpoint.
 */
export function defaultExecutionPolicy(): ExecutionPolicy {
  return {
    authority: {
      observer: [...READ_TOOLS],
      bridger: [],
      shaper: ['list_files', 'read_lines', 'search', 'run_command', 'workspace_write'],
      assimilator: [],
    },
    commands: [],
    mcp: { servers: [] },
    guardrails: {
      max_concurrency: 8,
      max_minutes: 30,
      command_timeout_seconds: 120,
      command_output_bytes: 65_536,
      max_file_bytes: 1_048_576,
      max_changed_lines: 2_000,
    },
  };
}
