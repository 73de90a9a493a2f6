import { ModelError } from '../model-error.js';
import { formatModelSpec, parseModelSpec } from './parse-model-spec.js';
import { resolveProviderSettings } from './resolve-provider-settings.js';

/** Whether a spec's endpoint answers, and what was seen. */
export interface EndpointCheck {
  ok: boolean;
  detail: string;
}

const DEFAULT_BASE_URLS = { openai: 'https://api.openai.com/v1', anthropic: 'https://api.anthropic.com/v1' };

/**
 * Asks a spec's endpoint for its model list (`GET <base>/models`) with a short timeout: enough to
 * tell a wrong URL, a stopped server or a rejected key from a working endpoint, without spending tokens.
 */
export async function checkModelEndpoint(
  spec: string,
  env: Readonly<Record<string, string | undefined>>,
  options: { timeoutMs?: number; fetch?: typeof globalThis.fetch } = {},
): Promise<EndpointCheck> {
  let settings: ReturnType<typeof resolveProviderSettings>;
  try {
    const parsed = parseModelSpec(spec);
    if (parsed.provider === 'offline') return { ok: true, detail: 'offline engine (no endpoint)' };
    settings = resolveProviderSettings(parsed, env);
  } catch (error) {
    if (ModelError.isInstance(error)) return { ok: false, detail: error.message };
    throw error;
  }
  const base = settings.baseURL ?? DEFAULT_BASE_URLS[settings.kind as keyof typeof DEFAULT_BASE_URLS];
  const headers: Record<string, string> = {};
  if (settings.apiKey !== undefined) {
    if (settings.kind === 'anthropic') {
      headers['x-api-key'] = settings.apiKey;
      headers['anthropic-version'] = '2023-06-01';
    } else headers.authorization = `Bearer ${settings.apiKey}`;
  }
  const started = performance.now();
  try {
    const response = await (options.fetch ?? globalThis.fetch)(`${base}/models`, {
      headers,
      signal: AbortSignal.timeout(options.timeoutMs ?? 5_000),
    });
    await response.body?.cancel();
    const elapsed = `${Math.round(performance.now() - started)} ms`;
    const name = formatModelSpec({ provider: settings.provider as never, modelId: settings.modelId });
    return response.ok
      ? { ok: true, detail: `${name}: ${base} answered ${response.status} in ${elapsed}` }
      : {
          ok: false,
          detail: `${name}: ${base} answered ${response.status} ${response.statusText} in ${elapsed}`,
        };
  } catch (error) {
    const reason =
      error instanceof Error
        ? error.cause instanceof Error
          ? error.cause.message
          : error.message
        : String(error);
    return { ok: false, detail: `${spec}: ${base} did not answer: ${reason}` };
  }
}
