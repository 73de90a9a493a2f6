import { createAnthropic } from '@ai-sdk/anthropic';
import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type { LanguageModel } from 'ai';
import type { ProviderKind } from './resolve-provider-settings.js';

/** What an SDK language model is built from. */
export interface LanguageModelSettings {
  provider: string;
  kind: ProviderKind;
  modelId: string;
  baseURL?: string | undefined;
  apiKey?: string | undefined;
  structuredOutputs: boolean;
}

/**
 * The SDK model for one call, on a call's own `fetch` (which carries its attempt count). OpenAI
 * goes through chat completions, the protocol every OpenAI-compatible server also speaks.
 */
export function createLanguageModel(
  settings: LanguageModelSettings,
  fetch: typeof globalThis.fetch,
): LanguageModel {
  const connection = {
    ...(settings.baseURL === undefined ? {} : { baseURL: settings.baseURL }),
    ...(settings.apiKey === undefined ? {} : { apiKey: settings.apiKey }),
    fetch,
  };
  switch (settings.kind) {
    case 'openai':
      return createOpenAI(connection).chat(settings.modelId);
    case 'anthropic':
      return createAnthropic(connection)(settings.modelId);
    case 'openai-compatible':
      return createOpenAICompatible({
        ...connection,
        baseURL: settings.baseURL ?? '',
        name: settings.provider,
        supportsStructuredOutputs: settings.structuredOutputs,
        includeUsage: true,
      }).chatModel(settings.modelId);
  }
}

/**
 * Our schemas have optional fields, which strict JSON-schema modes reject (they demand every
 * property be required), so strict mode is off for every OpenAI-style provider.
 */
export const LENIENT_PROVIDER_OPTIONS = {
  openai: { strictJsonSchema: false },
  openaiCompatible: { strictJsonSchema: false },
};
