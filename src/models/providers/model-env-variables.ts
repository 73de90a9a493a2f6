import type { ModelProvider } from './parse-model-spec.js';

/** One environment variable the model providers read. */
export interface ModelEnvVariable {
  name: string;
  provider: ModelProvider;
  meaning: string;
}

/** Every variable the providers read, for README and `swarmlord models`. */
export const MODEL_ENV_VARIABLES: readonly ModelEnvVariable[] = [
  {
    name: 'OPENAI_API_KEY',
    provider: 'openai',
    meaning: 'API key for openai: (and openai-compatible: servers)',
  },
  {
    name: 'OPENAI_BASE_URL',
    provider: 'openai',
    meaning:
      'base URL for openai: (optional) and openai-compatible: (required), e.g. http://127.0.0.1:8000/v1',
  },
  { name: 'ANTHROPIC_API_KEY', provider: 'anthropic', meaning: 'API key for anthropic:' },
  { name: 'ANTHROPIC_BASE_URL', provider: 'anthropic', meaning: 'base URL for anthropic: (optional)' },
  {
    name: 'OPENROUTER_API_KEY',
    provider: 'openrouter',
    meaning: 'API key for openrouter: and bare model ids (deepseek/deepseek-chat)',
  },
  { name: 'DEEPSEEK_API_KEY', provider: 'deepseek', meaning: 'API key for deepseek:' },
  {
    name: 'OLLAMA_BASE_URL',
    provider: 'ollama',
    meaning: 'base URL for ollama: (default http://127.0.0.1:11434/v1; no key needed)',
  },
];
