import { describe, expect, it } from 'vitest';
import { ModelError } from '../model-error.js';
import { parseModelSpec } from './parse-model-spec.js';
import { resolveProviderSettings } from './resolve-provider-settings.js';

const resolve = (spec: string, env: Record<string, string>) =>
  resolveProviderSettings(parseModelSpec(spec), env);

function configError(run: () => unknown): ModelError {
  try {
    run();
  } catch (error) {
    if (ModelError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a ModelError');
}

describe('resolveProviderSettings', () => {
  it('names the spec and the variable to set when a key is missing', () => {
    const error = configError(() => resolve('anthropic:claude-sonnet-4-5', {}));
    expect(error.code).toBe('MODEL_CONFIG_INVALID');
    expect(error.message).toContain('anthropic:claude-sonnet-4-5');
    expect(error.message).toContain('ANTHROPIC_API_KEY');
    expect(configError(() => resolve('deepseek/deepseek-chat', {})).message).toContain('OPENROUTER_API_KEY');
    expect(configError(() => resolve('openai-compatible:m', {})).message).toContain('OPENAI_BASE_URL');
  });

  it('uses presets and the usual variables', () => {
    expect(resolve('ollama:qwen2.5-coder:7b', {})).toMatchObject({
      kind: 'openai-compatible',
      baseURL: 'http://127.0.0.1:11434/v1',
      modelId: 'qwen2.5-coder:7b',
    });
    expect(resolve('ollama:x', { OLLAMA_BASE_URL: 'http://gpu:11434/v1/' }).baseURL).toBe(
      'http://gpu:11434/v1',
    );
    expect(resolve('deepseek:deepseek-chat', { DEEPSEEK_API_KEY: 'k' })).toMatchObject({
      apiKey: 'k',
      structuredOutputs: false,
    });
    expect(
      resolve('openai-compatible:m', { OPENAI_BASE_URL: 'http://127.0.0.1:8000/v1', OPENAI_API_KEY: 'k' }),
    ).toMatchObject({
      baseURL: 'http://127.0.0.1:8000/v1',
      apiKey: 'k',
    });
    expect(resolve('openai:gpt-4o', { OPENAI_API_KEY: 'k' }).baseURL).toBeUndefined();
  });
});
