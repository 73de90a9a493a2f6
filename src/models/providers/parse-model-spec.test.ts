import { describe, expect, it } from 'vitest';
import { ModelError } from '../model-error.js';
import { DEFAULT_PROVIDER, formatModelSpec, parseModelSpec } from './parse-model-spec.js';

describe('parseModelSpec', () => {
  it('splits at the first colon', () => {
    expect(parseModelSpec('ollama:qwen2.5-coder:7b')).toEqual({
      provider: 'ollama',
      modelId: 'qwen2.5-coder:7b',
    });
    expect(parseModelSpec('anthropic:claude-sonnet-4-5')).toEqual({
      provider: 'anthropic',
      modelId: 'claude-sonnet-4-5',
    });
    expect(parseModelSpec('openai-compatible:my/model')).toEqual({
      provider: 'openai-compatible',
      modelId: 'my/model',
    });
  });

  it('reads offline and sends bare ids to the default provider', () => {
    expect(parseModelSpec('offline').provider).toBe('offline');
    expect(DEFAULT_PROVIDER).toBe('openrouter');
    expect(parseModelSpec('deepseek/deepseek-chat')).toEqual({
      provider: 'openrouter',
      modelId: 'deepseek/deepseek-chat',
    });
    // An unknown prefix is part of an OpenRouter id, not a provider.
    expect(parseModelSpec('qwen/qwen3:free')).toEqual({ provider: 'openrouter', modelId: 'qwen/qwen3:free' });
    expect(formatModelSpec(parseModelSpec('deepseek/deepseek-chat'))).toBe(
      'openrouter:deepseek/deepseek-chat',
    );
  });

  it('rejects empty specs and missing model ids', () => {
    for (const spec of ['', 'openai:']) {
      expect(() => parseModelSpec(spec)).toThrow(ModelError);
    }
  });
});
