import { ModelError } from '../model-error.js';
import { formatModelSpec, type ModelSpec } from './parse-model-spec.js';

/** The SDK provider package a spec runs on. */
export type ProviderKind = 'openai' | 'anthropic' | 'openai-compatible';

/** Where and how to reach a model, resolved from the spec and the environment. */
export interface ProviderSettings {
  /** The provider named by the spec (`ollama`, `openai`, …). */
  provider: string;
  kind: ProviderKind;
  modelId: string;
  /** Base URL without a trailing slash; undefined: the SDK's default for `kind`. */
  baseURL?: string;
  apiKey?: string;
  /** True when the endpoint accepts a JSON schema as `response_format` (else: JSON mode + schema in the prompt). */
  structuredOutputs: boolean;
}

type Env = Readonly<Record<string, string | undefined>>;

const PRESETS = {
  openrouter: {
    baseURL: 'https://openrouter.ai/api/v1',
    keyVariable: 'OPENROUTER_API_KEY',
    structuredOutputs: true,
  },
  // DeepSeek's API offers JSON mode but no JSON schema response format.
  deepseek: {
    baseURL: 'https://api.deepseek.com/v1',
    keyVariable: 'DEEPSEEK_API_KEY',
    structuredOutputs: false,
  },
} as const;

/** Ollama's OpenAI-compatible endpoint on the local machine. */
export const DEFAULT_OLLAMA_BASE_URL = 'http://127.0.0.1:11434/v1';

function present(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

function requireVariable(env: Env, spec: ModelSpec, name: string, what: string): string {
  const value = present(env, name);
  if (value === undefined) {
    throw new ModelError(
      'MODEL_CONFIG_INVALID',
      `model "${formatModelSpec(spec)}" needs ${what}: set ${name}`,
    );
  }
  return value;
}

/**
 * Resolves a spec's endpoint and credentials from the usual variables. A missing key or base URL is
 * a `MODEL_CONFIG_INVALID` naming the spec and the variable to set, so a CLI fails before a lane starts.
 */
export function resolveProviderSettings(spec: ModelSpec, env: Env): ProviderSettings {
  const base = { provider: spec.provider, modelId: spec.modelId };
  switch (spec.provider) {
    case 'openai': {
      const baseURL = present(env, 'OPENAI_BASE_URL');
      return {
        ...base,
        kind: 'openai',
        apiKey: requireVariable(env, spec, 'OPENAI_API_KEY', 'an API key'),
        ...(baseURL === undefined ? {} : { baseURL: trimSlash(baseURL) }),
        structuredOutputs: true,
      };
    }
    case 'anthropic': {
      const baseURL = present(env, 'ANTHROPIC_BASE_URL');
      return {
        ...base,
        kind: 'anthropic',
        apiKey: requireVariable(env, spec, 'ANTHROPIC_API_KEY', 'an API key'),
        ...(baseURL === undefined ? {} : { baseURL: trimSlash(baseURL) }),
        structuredOutputs: true,
      };
    }
    case 'openai-compatible': {
      // Local servers (vLLM, llama.cpp, LM Studio) need no key; they document OPENAI_* variables.
      const apiKey = present(env, 'OPENAI_API_KEY');
      return {
        ...base,
        kind: 'openai-compatible',
        baseURL: trimSlash(requireVariable(env, spec, 'OPENAI_BASE_URL', 'a base URL')),
        ...(apiKey === undefined ? {} : { apiKey }),
        structuredOutputs: true,
      };
    }
    case 'openrouter':
    case 'deepseek': {
      const preset = PRESETS[spec.provider];
      return {
        ...base,
        kind: 'openai-compatible',
        baseURL: preset.baseURL,
        apiKey: requireVariable(env, spec, preset.keyVariable, 'an API key'),
        structuredOutputs: preset.structuredOutputs,
      };
    }
    case 'ollama':
      return {
        ...base,
        kind: 'openai-compatible',
        baseURL: trimSlash(present(env, 'OLLAMA_BASE_URL') ?? DEFAULT_OLLAMA_BASE_URL),
        structuredOutputs: true,
      };
    case 'offline':
      throw new ModelError('MODEL_CONFIG_INVALID', 'the offline engine has no provider settings');
  }
}
