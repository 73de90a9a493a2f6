import { ModelError } from '../model-error.js';

/** The providers a spec may name; `openrouter`, `deepseek` and `ollama` are openai-compatible presets. */
export const MODEL_PROVIDERS = [
  'offline',
  'openai',
  'anthropic',
  'openai-compatible',
  'openrouter',
  'deepseek',
  'ollama',
] as const;

export type ModelProvider = (typeof MODEL_PROVIDERS)[number];

/** The provider of a bare model id such as `deepseek/deepseek-chat` (OpenRouter's naming). */
export const DEFAULT_PROVIDER = 'openrouter' satisfies ModelProvider;

/** A model spec split into its parts. */
export interface ModelSpec {
  provider: ModelProvider;
  /** The provider's own model id, e.g. `qwen2.5-coder:7b`, `deepseek/deepseek-chat`. */
  modelId: string;
}

function isProvider(name: string): name is ModelProvider {
  return (MODEL_PROVIDERS as readonly string[]).includes(name);
}

/**
 * Splits `<provider>:<model-id>` at the first colon (model ids may contain colons, e.g.
 * `ollama:qwen2.5-coder:7b`), `offline`, or a bare id (no known provider prefix) for
 * {@link DEFAULT_PROVIDER}.
 *
 * @example
 * parseModelSpec('ollama:qwen2.5-coder:7b'); // { provider: 'ollama', modelId: 'qwen2.5-coder:7b' }
 * parseModelSpec('deepseek/deepseek-chat'); // { provider: 'openrouter', modelId: 'deepseek/deepseek-chat' }
 */
export function parseModelSpec(spec: string): ModelSpec {
  const trimmed = spec.trim();
  if (trimmed === '')
    throw new ModelError('MODEL_CONFIG_INVALID', 'empty model spec: use <provider>:<model-id>');
  if (trimmed === 'offline') return { provider: 'offline', modelId: 'offline-extractive-v1' };
  const colon = trimmed.indexOf(':');
  const prefix = colon < 0 ? '' : trimmed.slice(0, colon);
  if (!isProvider(prefix)) return { provider: DEFAULT_PROVIDER, modelId: trimmed };
  const modelId = trimmed.slice(colon + 1);
  if (modelId === '') {
    throw new ModelError(
      'MODEL_CONFIG_INVALID',
      `model spec "${spec}" names no model: use ${prefix}:<model-id>`,
    );
  }
  return { provider: prefix, modelId };
}

/** The canonical spec string, e.g. `openrouter:deepseek/deepseek-chat` (the key of price tables). */
export function formatModelSpec(spec: ModelSpec): string {
  return spec.provider === 'offline' ? 'offline' : `${spec.provider}:${spec.modelId}`;
}
