import { type Tool, tool } from 'ai';
import type { ModelTool } from '../model-port.js';

/** The port's tools as AI SDK tools; a tool that throws becomes an error result the model reads. */
export function toSdkTools(tools: readonly ModelTool[]): Record<string, Tool> {
  const entries = tools.map((modelTool): [string, Tool] => [
    modelTool.name,
    tool({
      description: modelTool.description,
      inputSchema: modelTool.inputSchema,
      execute: (input: unknown, { abortSignal }) => modelTool.execute(input, { signal: abortSignal }),
    }),
  ]);
  return Object.fromEntries(entries);
}
