import { APICallError, RetryError } from 'ai';
import { ModelError } from '../model-error.js';
import type { CallTransport } from './resilient-fetch.js';

/**
 * Turns whatever a call threw into a `ModelError`: our transport's own failure first (retries
 * exhausted), then the caller's abort, then the SDK's HTTP errors.
 */
export function mapCallError(
  error: unknown,
  context: { transport: CallTransport; signal: AbortSignal | undefined; endpoint: string; spec: string },
): ModelError {
  if (context.transport.failure !== undefined) return context.transport.failure;
  if (context.signal?.aborted) {
    return new ModelError('MODEL_ABORTED', `call to ${context.spec} aborted`, {
      cause: context.signal.reason,
    });
  }
  if (ModelError.isInstance(error)) return error;
  const apiError = RetryError.isInstance(error) ? error.lastError : error;
  if (APICallError.isInstance(apiError)) {
    const status = apiError.statusCode;
    const body = (apiError.responseBody ?? '').slice(0, 300);
    if (status !== undefined && status >= 400 && status < 500) {
      const hint = status === 401 || status === 403 ? ' (check the API key)' : '';
      return new ModelError(
        'MODEL_REQUEST_REJECTED',
        `${context.endpoint} rejected the request for ${context.spec} with ${status}${hint}: ${body}`,
        { cause: error },
      );
    }
    return new ModelError(
      'MODEL_UNAVAILABLE',
      `${context.endpoint} failed for ${context.spec}: ${apiError.message}`,
      {
        cause: error,
        isRetryable: apiError.isRetryable,
      },
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ModelError('MODEL_UNAVAILABLE', `call to ${context.spec} failed: ${message}`, { cause: error });
}
