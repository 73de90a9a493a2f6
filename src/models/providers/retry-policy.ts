/** How failed HTTP attempts are retried. */
export interface RetryPolicy {
  /** Retries after the first attempt (default 4). */
  maxRetries: number;
  /** First backoff in ms; doubles per retry (default 500). */
  baseDelayMs: number;
  /** Longest backoff and longest `Retry-After` honoured, in ms (default 30 000). */
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxRetries: 4, baseDelayMs: 500, maxDelayMs: 30_000 };

/**
 * The wait before retry `retry` (1-based): exponential with jitter in [50 %, 100 %] of the step,
 * so lanes that failed together do not retry together, capped at `maxDelayMs`.
 */
export function backoffDelay(retry: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.round(step * (0.5 + random() * 0.5));
}

/** A `Retry-After` header in ms (seconds or HTTP-date), capped; undefined when absent or unreadable. */
export function parseRetryAfter(
  header: string | null,
  maxDelayMs: number,
  now = Date.now(),
): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const trimmed = header.trim();
  const milliseconds = /^\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) * 1000 : Date.parse(trimmed) - now;
  if (!Number.isFinite(milliseconds)) return undefined;
  return Math.min(maxDelayMs, Math.max(0, milliseconds));
}

/** True for statuses worth another attempt: 408, 409 (lock timeouts), 425, 429 and 5xx. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 425 || status === 429 || status >= 500;
}

/** Sleeps `ms`, rejecting with the signal's reason on abort. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
