import { z } from 'zod';
import type { EvidenceRef, MetricEvidenceRef, RunEvent } from '../contracts/index.js';
import type { ModelTool } from '../models/index.js';
import { isToolAuthorized } from '../policy/authorize-tool.js';
import type { EngageRuntime } from './engage-runtime.js';

/** Who is calling, for receipts. */
export interface ToolCallBase {
  mission_id: string;
  lane_id: string;
  attempt: number;
  phase: string;
  role: string;
}

/** Settings of {@link createGuardedTools}. */
export interface GuardedToolsOptions {
  runtime: EngageRuntime;
  emit: (event: RunEvent) => Promise<void>;
  now: () => Date;
  base: ToolCallBase;
  /** Receives each command's metric evidence. */
  onMetrics: (metrics: MetricEvidenceRef[]) => void;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function schemaFromJson(schema: Record<string, unknown>): z.ZodType<unknown> {
  try {
    return z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0]);
  } catch {
    // A schema zod cannot express: the server validates its own arguments.
    return z.record(z.string(), z.unknown());
  }
}

/**
 * Wraps a tool so the authority matrix is checked on every call, not only when tools are offered:
 * a call the role is not authorised for is refused, told to the model, and recorded as a
 * `safety-refusal` with capability `tool:<name>`.
 */
export function guardTool(
  tool: ModelTool,
  qualifiedName: string,
  options: Omit<GuardedToolsOptions, 'onMetrics'>,
): ModelTool {
  const { runtime, emit, now, base } = options;
  return {
    ...tool,
    async execute(input, callOptions) {
      if (!isToolAuthorized(runtime.policy, base.role, qualifiedName)) {
        const reason = `the authority matrix does not let ${base.role} call ${qualifiedName}`;
        await emit({
          ...base,
          type: 'safety-refusal',
          at: now().toISOString(),
          target: qualifiedName,
          capability: `tool:${qualifiedName}`,
          reason,
        });
        return `error: refused: ${reason}`;
      }
      return tool.execute(input, callOptions);
    },
  };
}

/**
 * The Shaper's own tools, each guarded by the authority matrix: `run_command` (the allowlisted
 * command tool; its exit code and run time become metric evidence) and the trusted MCP tools.
 * Only tools the role is authorised for are returned, so the model is never shown the others.
 */
export function createGuardedTools(options: GuardedToolsOptions): ModelTool[] {
  const { runtime, emit, now, base, onMetrics } = options;
  const at = () => now().toISOString();
  const tools: { tool: ModelTool; qualifiedName: string }[] = [];
  const commandTool = runtime.commandTool;
  if (commandTool !== undefined) {
    tools.push({
      qualifiedName: 'run_command',
      tool: {
        name: 'run_command',
        description: commandTool.description,
        inputSchema: commandTool.inputSchema as z.ZodType<unknown>,
        async execute(input, { signal }) {
          const started = performance.now();
          const outcome = await commandTool.run(input, { signal });
          if (outcome.status === 'refused') {
            await emit({
              ...base,
              type: 'safety-refusal',
              at: at(),
              target: outcome.name,
              capability: outcome.capability,
              reason: outcome.reason,
            });
            return `error: refused: ${outcome.reason}`;
          }
          onMetrics(outcome.metrics);
          const state = outcome.timedOut
            ? 'killed at the time limit'
            : outcome.truncated
              ? 'killed at the output limit'
              : `exit ${outcome.exitCode}`;
          const evidence: EvidenceRef[] = outcome.metrics;
          await emit({
            ...base,
            type: 'tool-call-end',
            at: at(),
            tool: 'run_command',
            input: { name: outcome.name, argv: outcome.argv, isolation: outcome.isolation },
            evidence_refs: evidence,
            summary: `run_command ${outcome.name}: ${state} in ${outcome.durationMs} ms (${outcome.isolation})`,
            duration_ms: performance.now() - started,
          });
          return `${outcome.argv.join(' ')}: ${state}\n${outcome.output}`;
        },
      },
    });
  }
  for (const mcpTool of runtime.mcpTools) {
    tools.push({
      qualifiedName: mcpTool.qualifiedName,
      tool: {
        name: mcpTool.modelName,
        description: `${mcpTool.description} (MCP server ${mcpTool.server})`,
        inputSchema: schemaFromJson(mcpTool.inputSchema),
        async execute(input, { signal }) {
          const started = performance.now();
          const record = (summary: string, error?: string) =>
            emit({
              ...base,
              type: 'tool-call-end',
              at: at(),
              tool: mcpTool.qualifiedName,
              input,
              evidence_refs: [],
              summary,
              duration_ms: performance.now() - started,
              ...(error === undefined ? {} : { error }),
            });
          try {
            const text = await mcpTool.call(input, { signal });
            await record(`${mcpTool.qualifiedName}: ${text.length} characters`);
            return text;
          } catch (error) {
            if (signal?.aborted) throw error;
            await record(`${mcpTool.qualifiedName} failed`, describe(error));
            return `error: ${describe(error)}`;
          }
        },
      },
    });
  }
  return tools
    .filter(({ qualifiedName }) => isToolAuthorized(runtime.policy, base.role, qualifiedName))
    .map(({ tool, qualifiedName }) => guardTool(tool, qualifiedName, { runtime, emit, now, base }));
}
