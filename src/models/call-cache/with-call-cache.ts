import { ModelError } from '../model-error.js';
import type { ModelCallScope, ModelPort, ModelRequest, ModelResult, ModelTool } from '../model-port.js';
import type { CallCache, CallCacheEntry, RecordedToolCall } from './call-cache.js';
import { callCacheKey } from './call-cache-key.js';

/** `record`: answer from the cache when it can, else call the model and store the answer; `replay`: cache only. */
export type CallCacheMode = 'record' | 'replay' | 'off';

export interface WithCallCacheOptions {
  cache: CallCache;
  mode: CallCacheMode;
}

function describeScope(scope: ModelCallScope | undefined): string {
  if (scope === undefined) return 'no scope';
  return `lane ${scope.lane_id ?? '?'} / phase ${scope.phase ?? '?'} / role ${scope.role ?? '?'}`;
}

function recordingTools(tools: readonly ModelTool[], calls: RecordedToolCall[]): ModelTool[] {
  return tools.map((tool) => ({
    ...tool,
    execute: (input, options) => {
      calls.push({ name: tool.name, input });
      return tool.execute(input, options);
    },
  }));
}

/**
 * Re-runs the recorded tool calls: our tools are local and read-only, and running them again
 * re-enters their excerpts into the lane's provenance ledger, so replayed citations pin as recorded.
 * A tool that throws did so for the model too; its failure is the recorded outcome, not an error here.
 */
async function reenactToolCalls(entry: CallCacheEntry, request: ModelRequest<unknown>): Promise<void> {
  for (const call of entry.toolCalls) {
    const tool = request.tools?.find((candidate) => candidate.name === call.name);
    if (tool === undefined) continue;
    await tool.execute(call.input, { signal: request.signal }).catch(() => undefined);
  }
}

/** A model port that records answers to, or replays them from, a call cache. */
export function withCallCache(port: ModelPort, options: WithCallCacheOptions): ModelPort {
  const { cache, mode } = options;
  return {
    provider: port.provider,
    modelId: port.modelId,
    label: mode === 'off' ? port.label : `${port.label} (${mode} ${cache.dir})`,
    ...(port.supportsTools === undefined ? {} : { supportsTools: port.supportsTools }),
    async generate<T>(request: ModelRequest<T>): Promise<ModelResult<T>> {
      if (mode === 'off') {
        const result = await port.generate(request);
        return { ...result, response: { ...result.response, cache: 'off' } };
      }
      request.signal?.throwIfAborted();
      const key = callCacheKey(port, request as ModelRequest<unknown>);
      const entry = await cache.read(key);
      if (entry !== undefined) {
        await reenactToolCalls(entry, request as ModelRequest<unknown>);
        const parsed = request.schema.safeParse(entry.result.object);
        if (!parsed.success) {
          throw new ModelError(
            'MODEL_OUTPUT_INVALID',
            `cached answer ${key} for ${request.task} no longer fits the schema`,
            {
              cause: parsed.error,
            },
          );
        }
        return { ...entry.result, object: parsed.data, response: { ...entry.result.response, cache: 'hit' } };
      }
      if (mode === 'replay') {
        throw new ModelError(
          'MODEL_REPLAY_MISS',
          `no recorded answer for ${request.task} (${describeScope(request.scope)}), key ${key} in ${cache.dir}`,
        );
      }
      const toolCalls: RecordedToolCall[] = [];
      const result = await port.generate(
        request.tools === undefined
          ? request
          : { ...request, tools: recordingTools(request.tools, toolCalls) },
      );
      await cache.write({
        version: 1,
        key,
        task: request.task,
        provider: port.provider,
        modelId: port.modelId,
        ...(request.scope === undefined ? {} : { scope: request.scope }),
        toolCalls,
        result,
        recordedAt: new Date().toISOString(),
      });
      return { ...result, response: { ...result.response, cache: 'miss' } };
    },
  };
}
