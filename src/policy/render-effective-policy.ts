import type { EffectivePolicy } from './execution-policy.js';

function formatValue(value: unknown): string {
  if (Array.isArray(value))
    return value.length === 0
      ? '(none)'
      : value.map((item) => (typeof item === 'string' ? item : JSON.stringify(item))).join(', ');
  if (value === undefined) return '(no limit)';
  return String(value);
}

/** The effective policy for a terminal: one line per value, with where it came from. */
export function renderEffectivePolicy(effective: EffectivePolicy): string {
  const { policy, sources } = effective;
  const lines: string[] = [`Execution policy (${effective.file ?? 'no charter file'})`];
  if (effective.note !== undefined) lines.push(`  note: ${effective.note}`);
  lines.push('', 'Tool authority matrix (role → tools):');
  for (const [role, tools] of Object.entries(policy.authority)) {
    lines.push(`  ${role}: ${formatValue(tools)}  [${sources[`authority.${role}`] ?? 'default'}]`);
  }
  lines.push('', `Allowed commands  [${sources.commands ?? 'default'}]:`);
  if (policy.commands.length === 0) lines.push('  (none: run_command refuses every call)');
  for (const command of policy.commands) {
    const limits = [
      command.timeout_seconds === undefined ? undefined : `timeout ${command.timeout_seconds}s`,
      command.max_output_bytes === undefined ? undefined : `output ≤ ${command.max_output_bytes} B`,
    ].filter((part) => part !== undefined);
    lines.push(
      `  ${command.name}: ${JSON.stringify(command.argv)}${limits.length > 0 ? ` (${limits.join(', ')})` : ''}`,
    );
  }
  lines.push('', `MCP servers  [${sources['mcp.servers'] ?? 'default'}]:`);
  if (policy.mcp.servers.length === 0) lines.push('  (none)');
  for (const server of policy.mcp.servers) {
    const target = server.transport === 'stdio' ? [server.command, ...server.args].join(' ') : server.url;
    lines.push(
      `  ${server.name} (${server.transport} ${target}): ${server.trusted ? `trusted, tools ${formatValue(server.tools)}` : 'untrusted, never started'}`,
    );
  }
  lines.push('', 'Resource guardrails:');
  for (const [key, value] of Object.entries(policy.guardrails)) {
    lines.push(`  ${key}: ${formatValue(value)}  [${sources[`guardrails.${key}`] ?? 'default'}]`);
  }
  for (const key of ['max_tokens', 'max_cost_usd'] as const) {
    if (policy.guardrails[key] === undefined) lines.push(`  ${key}: (no limit)  [default]`);
  }
  return `${lines.join('\n')}\n`;
}
