import type { ModelPrice } from '../../contracts/mission-intent.js';
import type { ModelPort } from '../model-port.js';
import { createOfflineEngine } from '../offline-engine.js';
import { createAiSdkModel } from './ai-sdk-model.js';
import type { EndpointLimiters } from './endpoint-limiters.js';
import { formatModelSpec, parseModelSpec } from './parse-model-spec.js';
import { findModelPrice } from './price-table.js';
import { resolveProviderSettings } from './resolve-provider-settings.js';
import type { RetryPolicy } from './retry-policy.js';

export interface ModelFromSpecOptions {
  /** Where keys and base URLs are read (pass `process.env` in the CLI). */
  env: Readonly<Record<string, string | undefined>>;
  /** The intent's price overrides, keyed by spec. */
  prices?: Readonly<Record<string, ModelPrice>>;
  /** The process's shared endpoint limiters; pass one registry to every adapter. */
  limiters?: EndpointLimiters;
  /** Per-attempt timeout in ms (default 120 000). */
  timeoutMs?: number;
  /** Retries after the first attempt (default 4). */
  maxRetries?: number;
  /** Backoff settings (tests shorten them). */
  retry?: Partial<RetryPolicy>;
  fetch?: typeof globalThis.fetch;
}

/**
 * The model port for a spec (`offline`, `<provider>:<model-id>` or a bare OpenRouter id). Keys and
 * base URLs are checked here, so a missing one fails as `MODEL_CONFIG_INVALID` before any lane runs.
 */
export function createModelFromSpec(spec: string, options: ModelFromSpecOptions): ModelPort {
  const parsed = parseModelSpec(spec);
  if (parsed.provider === 'offline') return createOfflineEngine();
  const settings = resolveProviderSettings(parsed, options.env);
  const price = findModelPrice(formatModelSpec(parsed), options.prices);
  return createAiSdkModel({
    ...settings,
    ...(price === undefined ? {} : { price }),
    ...(options.limiters === undefined ? {} : { limiters: options.limiters }),
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
    retry: {
      ...options.retry,
      ...(options.maxRetries === undefined ? {} : { maxRetries: options.maxRetries }),
    },
  });
}
