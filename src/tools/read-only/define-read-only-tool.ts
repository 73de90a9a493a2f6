import type { z } from 'zod';
import type { ReadOnlyTool, ToolOutput } from '../read-only-tool.js';
import { ToolError } from '../tool-error.js';

/** One tool's definition before the shared checks are wrapped around it. */
export interface ReadOnlyToolDefinition<I> {
  name: string;
  description: string;
  inputSchema: z.ZodType<I>;
  run(input: I, signal: AbortSignal | undefined): Promise<ToolOutput>;
}

function combineSignals(signals: readonly (AbortSignal | undefined)[]): AbortSignal | undefined {
  const present = signals.filter((signal): signal is AbortSignal => signal !== undefined);
  return present.length <= 1 ? present[0] : AbortSignal.any(present);
}

/**
 * Wraps a definition with what every read-only tool must do: stop when either the tools' or the
 * call's signal is aborted, and parse its input itself (defaults applied, bad input reported as a
 * {@link ToolError}) so a caller that skipped validation still cannot pass garbage to git.
 */
export function defineReadOnlyTool<I>(
  definition: ReadOnlyToolDefinition<I>,
  toolsSignal: AbortSignal | undefined,
): ReadOnlyTool<I> {
  return {
    name: definition.name,
    description: definition.description,
    inputSchema: definition.inputSchema,
    async run(input, options) {
      const signal = combineSignals([toolsSignal, options.signal]);
      signal?.throwIfAborted();
      const parsed = definition.inputSchema.safeParse(input);
      if (!parsed.success) {
        const problems = parsed.error.issues.map(
          (issue) => `${issue.path.join('.') || 'input'}: ${issue.message}`,
        );
        throw new ToolError('TOOL_INPUT_INVALID', `${definition.name}: ${problems.join('; ')}`);
      }
      const output = await definition.run(parsed.data, signal);
      // A call that finished while being aborted is still an aborted call.
      signal?.throwIfAborted();
      return output;
    },
  };
}
