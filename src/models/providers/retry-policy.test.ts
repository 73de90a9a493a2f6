import { describe, expect, it } from 'vitest';
import { backoffDelay, isRetryableStatus, parseRetryAfter } from './retry-policy.js';

describe('retry policy', () => {
  const policy = { maxRetries: 4, baseDelayMs: 100, maxDelayMs: 1_000 };

  it('backs off exponentially with jitter, capped', () => {
    expect(backoffDelay(1, policy, () => 1)).toBe(100);
    expect(backoffDelay(3, policy, () => 1)).toBe(400);
    expect(backoffDelay(3, policy, () => 0)).toBe(200);
    expect(backoffDelay(10, policy, () => 1)).toBe(1_000);
  });

  it('reads Retry-After as seconds or an HTTP-date, capped', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfter('2', 10_000, now)).toBe(2_000);
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:03 GMT', 10_000, now)).toBe(3_000);
    expect(parseRetryAfter('120', 10_000, now)).toBe(10_000);
    expect(parseRetryAfter('Tue, 31 Dec 2024 23:00:00 GMT', 10_000, now)).toBe(0);
    expect(parseRetryAfter('soon', 10_000, now)).toBeUndefined();
    expect(parseRetryAfter(null, 10_000, now)).toBeUndefined();
  });

  it('retries 429 and 5xx, not other 4xx', () => {
    expect([429, 500, 503, 408].every(isRetryableStatus)).toBe(true);
    expect([400, 401, 403, 404, 422].some(isRetryableStatus)).toBe(false);
  });
});
