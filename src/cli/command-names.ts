/** The top-level commands, in help order (their modules: `create-program.ts`). */
export const COMMAND_NAMES = [
  'run',
  'mission',
  'audit',
  'schema',
  'verify',
  'ssot',
  'db',
  'models',
  'trace',
  'policy',
  'serve',
  'generate',
  'validate',
  'molt',
  'todo',
  'worker',
  'blackboard',
] as const;

export type CommandName = (typeof COMMAND_NAMES)[number];

/** The command `args` (argv without node and the script) names by its first operand, if any. */
export function namedCommand(args: readonly string[]): CommandName | undefined {
  const operand = args.find((arg) => !arg.startsWith('-'));
  return (COMMAND_NAMES as readonly string[]).includes(operand ?? '') ? (operand as CommandName) : undefined;
}
