import type { ModelPrice } from '../../contracts/mission-intent.js';
import type { ModelUsage } from '../model-port.js';

/**
 * Built-in list prices in USD per million tokens, keyed by spec. Prices change: a mission's intent
 * overrides them with `prices` (same keys). `<provider>:*` prices every model of a provider (local
 * models cost nothing per token).
 */
export const BUILT_IN_PRICES: Readonly<Record<string, ModelPrice>> = {
  'openai:gpt-4o': { input_per_mtok: 2.5, output_per_mtok: 10, cached_input_per_mtok: 1.25 },
  'openai:gpt-4o-mini': { input_per_mtok: 0.15, output_per_mtok: 0.6, cached_input_per_mtok: 0.075 },
  'openai:gpt-4.1': { input_per_mtok: 2, output_per_mtok: 8, cached_input_per_mtok: 0.5 },
  'openai:gpt-4.1-mini': { input_per_mtok: 0.4, output_per_mtok: 1.6, cached_input_per_mtok: 0.1 },
  'anthropic:claude-sonnet-4-5': { input_per_mtok: 3, output_per_mtok: 15, cached_input_per_mtok: 0.3 },
  'anthropic:claude-haiku-4-5': { input_per_mtok: 1, output_per_mtok: 5, cached_input_per_mtok: 0.1 },
  'anthropic:claude-opus-4-1': { input_per_mtok: 15, output_per_mtok: 75, cached_input_per_mtok: 1.5 },
  'deepseek:deepseek-chat': { input_per_mtok: 0.27, output_per_mtok: 1.1, cached_input_per_mtok: 0.07 },
  'openrouter:deepseek/deepseek-chat': { input_per_mtok: 0.3, output_per_mtok: 1.2 },
  'ollama:*': { input_per_mtok: 0, output_per_mtok: 0 },
};

/** The price of a spec: the override's, else the built-in table's (exact spec, then `<provider>:*`). */
export function findModelPrice(
  spec: string,
  overrides: Readonly<Record<string, ModelPrice>> = {},
): ModelPrice | undefined {
  const wildcard = `${spec.slice(0, spec.indexOf(':'))}:*`;
  return overrides[spec] ?? BUILT_IN_PRICES[spec] ?? overrides[wildcard] ?? BUILT_IN_PRICES[wildcard];
}

/** Cost of one call in USD; cached prompt tokens at the cached price (default: the input price). */
export function costOfUsage(usage: ModelUsage, price: ModelPrice): number {
  const cached = Math.min(usage.cachedInputTokens ?? 0, usage.inputTokens);
  const fresh = usage.inputTokens - cached;
  const cachedPrice = price.cached_input_per_mtok ?? price.input_per_mtok;
  return (
    (fresh * price.input_per_mtok + cached * cachedPrice + usage.outputTokens * price.output_per_mtok) / 1e6
  );
}
