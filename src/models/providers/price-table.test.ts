import { describe, expect, it } from 'vitest';
import { costOfUsage, findModelPrice } from './price-table.js';

describe('price table', () => {
  it('prefers the intent override, then the built-in spec, then the provider wildcard', () => {
    expect(findModelPrice('openai:gpt-4o')?.input_per_mtok).toBe(2.5);
    expect(
      findModelPrice('openai:gpt-4o', { 'openai:gpt-4o': { input_per_mtok: 9, output_per_mtok: 9 } })
        ?.input_per_mtok,
    ).toBe(9);
    expect(findModelPrice('ollama:llama3')?.input_per_mtok).toBe(0);
    expect(findModelPrice('openai:unknown-model')).toBeUndefined();
  });

  it('charges cached tokens at the cached price, defaulting to the input price', () => {
    const usage = { inputTokens: 2_000_000, outputTokens: 1_000_000, cachedInputTokens: 1_000_000 };
    expect(
      costOfUsage(usage, { input_per_mtok: 1, output_per_mtok: 4, cached_input_per_mtok: 0.25 }),
    ).toBeCloseTo(5.25);
    expect(costOfUsage(usage, { input_per_mtok: 1, output_per_mtok: 4 })).toBeCloseTo(6);
  });
});
