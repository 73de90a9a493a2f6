import { ModelError } from '../model-error.js';
import type { ConcurrencyLimiter } from './endpoint-limiters.js';
import { backoffDelay, isRetryableStatus, parseRetryAfter, type RetryPolicy, sleep } from './retry-policy.js';

/** What one model call's HTTP requests went through; read by the adapter after the SDK returns or throws. */
export interface CallTransport {
  /** HTTP attempts over every request of the call (1 + retries per request). */
  attempts: number;
  /** The error that ended the call at the HTTP level (retries exhausted), if any. */
  failure?: ModelError;
}

export interface ResilientFetchOptions {
  fetch: typeof globalThis.fetch;
  limiter: ConcurrencyLimiter;
  retry: RetryPolicy;
  /** Per-attempt timeout in ms. */
  timeoutMs: number;
  /** Names the endpoint in error messages (never with credentials). */
  endpoint: string;
  transport: CallTransport;
}

async function describeBody(response: Response): Promise<string> {
  const text = await response.text().catch(() => '');
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

function failure(transport: CallTransport, error: ModelError): never {
  transport.failure = error;
  throw error;
}

/**
 * A `fetch` for one model call that holds an endpoint slot per attempt, times each attempt out and
 * retries 429 (after `Retry-After` when given), 5xx, resets and timeouts with backoff. Retrying per
 * HTTP request, below the SDK, keeps a tool loop's finished steps: only the failed turn is re-sent.
 */
export function createResilientFetch(options: ResilientFetchOptions): typeof globalThis.fetch {
  const { limiter, retry, transport } = options;
  return async (input, init) => {
    const callerSignal = init?.signal ?? undefined;
    for (let retryNumber = 0; ; retryNumber += 1) {
      transport.attempts += 1;
      const release = await limiter.acquire(callerSignal);
      const timeout = AbortSignal.timeout(options.timeoutMs);
      const signal = callerSignal === undefined ? timeout : AbortSignal.any([callerSignal, timeout]);
      let waitMs: number | undefined;
      let lastError: ModelError;
      try {
        const response = await options.fetch(input, { ...init, signal });
        if (response.ok || !isRetryableStatus(response.status)) {
          // Read the body inside the slot: the endpoint is busy until the answer has been sent whole.
          const body = await response.arrayBuffer();
          return new Response(body, {
            status: response.status,
            statusText: response.statusText,
            headers: response.headers,
          });
        }
        const body = await describeBody(response);
        const limited = response.status === 429;
        lastError = new ModelError(
          limited ? 'MODEL_RATE_LIMITED' : 'MODEL_UNAVAILABLE',
          `${options.endpoint} answered ${response.status} on ${retryNumber + 1} attempts: ${body}`,
          { isRetryable: true },
        );
        waitMs = parseRetryAfter(response.headers.get('retry-after'), retry.maxDelayMs);
      } catch (error) {
        if (callerSignal?.aborted) throw error;
        lastError = timeout.aborted
          ? new ModelError(
              'MODEL_TIMEOUT',
              `${options.endpoint} gave no answer within ${options.timeoutMs} ms on ${retryNumber + 1} attempts`,
              { cause: error, isRetryable: true },
            )
          : new ModelError(
              'MODEL_UNAVAILABLE',
              `${options.endpoint} could not be reached on ${retryNumber + 1} attempts: ${(error as Error).message}`,
              { cause: error, isRetryable: true },
            );
      } finally {
        release();
      }
      if (retryNumber >= retry.maxRetries) failure(transport, lastError);
      await sleep(waitMs ?? backoffDelay(retryNumber + 1, retry), callerSignal);
    }
  };
}
