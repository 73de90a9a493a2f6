import type { RunEvent } from '../contracts/index.js';
import type { ModelCallScope, ModelPort, ModelRequest, ModelResult } from '../models/index.js';
import { MissionError } from './mission-error.js';
import type { MeteredCall, UsageMeter } from './usage-meter.js';

export interface MeteredModelOptions {
  missionId: string;
  scope: Required<Pick<ModelCallScope, 'lane_id' | 'role'>> & ModelCallScope;
  meter: UsageMeter;
  emit: (event: RunEvent) => Promise<void>;
  now: () => Date;
  /** Shared call counter of the lane attempt (or the orchestrator step), for deterministic call ids. */
  counter: { calls: number };
  /** Told every finished call as the meter counted it (the durable phase keeps them to restore the meter on resume). */
  onCall?: (call: MeteredCall) => void;
}

/**
 * Wraps a model so every call is counted against the mission's budget and becomes a
 * `model-call-end` event (a receipt, a span). Once the budget is reached it refuses new calls with
 * `BUDGET_EXHAUSTED`, so the Swarmlord dispatches nothing more and digests what exists.
 */
export function createMeteredModel(model: ModelPort, options: MeteredModelOptions): ModelPort {
  const { scope, meter, emit, now, counter } = options;
  return {
    provider: model.provider,
    modelId: model.modelId,
    label: model.label,
    ...(model.supportsTools === undefined ? {} : { supportsTools: model.supportsTools }),
    async generate<T>(request: ModelRequest<T>): Promise<ModelResult<T>> {
      const reason = meter.exhausted();
      if (reason !== undefined) throw new MissionError('BUDGET_EXHAUSTED', reason);
      counter.calls += 1;
      const callIndex = counter.calls;
      const started = performance.now();
      const base = {
        type: 'model-call-end' as const,
        mission_id: options.missionId,
        lane_id: scope.lane_id,
        ...(scope.attempt === undefined ? {} : { attempt: scope.attempt }),
        ...(scope.phase === undefined ? {} : { phase: scope.phase }),
        role: scope.role,
        task: request.task,
        call_index: callIndex,
        provider: model.provider,
        model: model.modelId,
      };
      try {
        const result = await model.generate({ ...request, scope: { ...scope, ...request.scope } });
        const cached = result.response?.cache === 'hit';
        const call = {
          input_tokens: result.usage.inputTokens,
          output_tokens: result.usage.outputTokens,
          cached_input_tokens: result.usage.cachedInputTokens ?? 0,
          cost_usd: cached ? 0 : result.costUsd,
        };
        const metered = { lane_id: scope.lane_id, cached, ...call };
        meter.add(metered);
        options.onCall?.(metered);
        const { response } = result;
        await emit({
          ...base,
          at: now().toISOString(),
          input_tokens: call.input_tokens,
          output_tokens: call.output_tokens,
          cached_input_tokens: call.cached_input_tokens,
          ...(call.cost_usd === undefined ? {} : { cost_usd: call.cost_usd }),
          ...(response?.modelId === undefined ? {} : { response_model: response.modelId }),
          ...(response?.id === undefined ? {} : { response_id: response.id }),
          ...(response?.finishReasons === undefined ? {} : { finish_reasons: response.finishReasons }),
          cache: response?.cache ?? 'off',
          duration_ms: performance.now() - started,
        });
        return result;
      } catch (error) {
        await emit({
          ...base,
          at: now().toISOString(),
          input_tokens: 0,
          output_tokens: 0,
          cached_input_tokens: 0,
          cache: 'off',
          duration_ms: performance.now() - started,
          error: error instanceof Error ? error.message : String(error),
        });
        throw error;
      }
    },
  };
}
