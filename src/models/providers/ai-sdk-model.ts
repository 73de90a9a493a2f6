import type { ModelMessage } from 'ai';
import type { ModelPrice } from '../../contracts/mission-intent.js';
import { ModelError } from '../model-error.js';
import type { ModelPort, ModelRequest, ModelResult, ModelUsage } from '../model-port.js';
import { createEndpointLimiters, type EndpointLimiters } from './endpoint-limiters.js';
import type { LanguageModelSettings } from './language-model.js';
import { costOfUsage } from './price-table.js';
import { renderMessages, renderSystem } from './render-messages.js';
import { type CallTransport, createResilientFetch } from './resilient-fetch.js';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy.js';
import type { TurnOutcome } from './structured-turn.js';

/** Settings of an AI SDK adapter: the endpoint (see `resolveProviderSettings`) and how to call it. */
export interface AiSdkModelOptions extends Omit<LanguageModelSettings, 'structuredOutputs'> {
  /** False: the endpoint takes JSON mode only, so the schema goes into the system text (default true). */
  structuredOutputs?: boolean;
  /** The HTTP client (default: the global `fetch`). */
  fetch?: typeof globalThis.fetch;
  /** Shared per-endpoint concurrency limits (default: a registry of this adapter's own). */
  limiters?: EndpointLimiters;
  /** Per-attempt timeout in ms (default 120 000). */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Price of this model; undefined: `costUsd` stays undefined. */
  price?: ModelPrice;
  /** Tool-loop steps when a request sets none (default 8). */
  defaultMaxSteps?: number;
  /** Human label (default `<provider>:<model-id> via AI SDK`). */
  label?: string;
}

const DEFAULT_TIMEOUT_MS = 120_000;

let sdkModules: Promise<typeof import('./sdk-modules.js')> | undefined;

/** The AI SDK side of the adapter, loaded by the first call of any adapter (then shared). */
function loadSdkModules(): Promise<typeof import('./sdk-modules.js')> {
  sdkModules ??= import('./sdk-modules.js');
  return sdkModules;
}

function addUsage(left: ModelUsage, right: ModelUsage): ModelUsage {
  const cached = (left.cachedInputTokens ?? 0) + (right.cachedInputTokens ?? 0);
  return {
    inputTokens: left.inputTokens + right.inputTokens,
    outputTokens: left.outputTokens + right.outputTokens,
    ...(left.cachedInputTokens === undefined && right.cachedInputTokens === undefined
      ? {}
      : { cachedInputTokens: cached }),
  };
}

/** The error for an outcome that cannot be repaired, or undefined when a repair may help. */
function unrepairable(outcome: TurnOutcome<unknown>, spec: string, task: string): ModelError | undefined {
  const last = outcome.finishReasons.at(-1);
  if (last === 'length') {
    return new ModelError(
      'MODEL_OUTPUT_TRUNCATED',
      `${spec} answer to ${task} was cut at the output token limit`,
    );
  }
  if (last === 'content-filter') {
    const said = outcome.text.trim().slice(0, 200);
    return new ModelError('MODEL_REFUSED', `${spec} refused ${task}${said === '' ? '' : `: ${said}`}`);
  }
  if (outcome.object === undefined && outcome.text.trim() === '') {
    return new ModelError('MODEL_OUTPUT_EMPTY', `${spec} gave an empty answer to ${task}`);
  }
  return undefined;
}

/**
 * A model port on the Vercel AI SDK (OpenAI, Anthropic, any OpenAI-compatible endpoint): structured
 * output against `request.schema`, the tool loop with `request.tools`, one repair attempt for an
 * invalid answer, retries with backoff, a per-attempt timeout and a per-endpoint concurrency limit.
 */
export function createAiSdkModel(options: AiSdkModelOptions): ModelPort {
  const spec = `${options.provider}:${options.modelId}`;
  const endpoint = `${options.provider} endpoint ${options.baseURL ?? '(default URL)'}`;
  const settings: LanguageModelSettings = {
    ...options,
    structuredOutputs: options.structuredOutputs ?? true,
  };
  const limiter = (options.limiters ?? createEndpointLimiters()).forEndpoint(
    options.provider,
    options.baseURL,
  );
  const retry: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const baseFetch = options.fetch ?? globalThis.fetch;

  return {
    provider: options.provider,
    modelId: options.modelId,
    label: options.label ?? `${spec} via AI SDK`,
    supportsTools: true,
    async generate<T>(request: ModelRequest<T>): Promise<ModelResult<T>> {
      const { createLanguageModel, mapCallError, runStructuredTurn, toSdkTools } = await loadSdkModules();
      const transport: CallTransport = { attempts: 0 };
      const fetch = createResilientFetch({
        fetch: baseFetch,
        limiter,
        retry,
        timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        endpoint,
        transport,
      });
      const model = createLanguageModel(settings, fetch);
      const tools =
        request.tools !== undefined && request.tools.length > 0 ? toSdkTools(request.tools) : undefined;
      const turn = (messages: ModelMessage[], repair: boolean) =>
        runStructuredTurn({
          model,
          system: renderSystem(request, !settings.structuredOutputs),
          messages,
          schema: request.schema,
          tools,
          maxSteps: tools === undefined || repair ? 1 : (request.maxSteps ?? options.defaultMaxSteps ?? 8),
          noTools: repair,
          maxOutputTokens: request.maxOutputTokens,
          signal: request.signal,
        });
      try {
        const messages = renderMessages(request);
        let outcome = await turn(messages, false);
        let usage = outcome.usage;
        let finishReasons = outcome.finishReasons;
        const first = unrepairable(outcome, spec, request.task);
        if (first !== undefined) throw first;
        if (outcome.object === undefined) {
          // Exactly one repair: the model sees its own answer and what is wrong with it.
          const problem = outcome.problem ?? 'no answer';
          outcome = await turn(
            [
              ...messages,
              ...outcome.responseMessages,
              {
                role: 'user',
                content: `Your answer cannot be used: ${problem}. Reply with only the corrected JSON object.`,
              },
            ],
            true,
          );
          usage = addUsage(usage, outcome.usage);
          finishReasons = [...finishReasons, ...outcome.finishReasons];
          const second = unrepairable(outcome, spec, request.task);
          if (second !== undefined) throw second;
          if (outcome.object === undefined) {
            throw new ModelError(
              'MODEL_OUTPUT_INVALID',
              `${spec} answer to ${request.task} is invalid after one repair attempt (first: ${problem}; then: ${outcome.problem ?? 'no answer'})`,
            );
          }
        }
        return {
          object: outcome.object,
          usage,
          ...(options.price === undefined ? {} : { costUsd: costOfUsage(usage, options.price) }),
          response: {
            ...(outcome.responseId === undefined ? {} : { id: outcome.responseId }),
            ...(outcome.responseModelId === undefined ? {} : { modelId: outcome.responseModelId }),
            finishReasons,
            attempts: transport.attempts,
          },
        };
      } catch (error) {
        throw mapCallError(error, { transport, signal: request.signal, endpoint, spec });
      }
    },
  };
}
