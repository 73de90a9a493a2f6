import { randomBytes } from 'node:crypto';

/** `bytes` random bytes as lowercase hex, never all zero (all-zero ids are invalid in W3C trace context). */
export function randomHex(bytes: number): string {
  for (;;) {
    const hex = randomBytes(bytes).toString('hex');
    if (/[^0]/.test(hex)) return hex;
  }
}

/** A fresh W3C trace id (32 lowercase hex characters). */
export function createTraceId(): string {
  return randomHex(16);
}
