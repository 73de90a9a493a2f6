import { createHash } from 'node:crypto';

/** sha256 (hex) of exact bytes, or of a string's UTF-8 bytes. */
export function hashBytes(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}
