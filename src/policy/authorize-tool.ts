import type { ExecutionPolicy } from './execution-policy.js';

function patternToRegex(pattern: string): RegExp {
  const body = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replaceAll('*', '.*');
  return new RegExp(`^${body}$`);
}

/**
 * Whether the authority matrix lets `role` call `tool` (a built-in name such as `read_lines`, or
 * `mcp:<server>/<tool>`). A role the matrix does not name may call nothing.
 */
export function isToolAuthorized(
  policy: Pick<ExecutionPolicy, 'authority'>,
  role: string,
  tool: string,
): boolean {
  const allowed = policy.authority[role] ?? [];
  return allowed.some((pattern) => patternToRegex(pattern).test(tool));
}
