import { createHash } from 'node:crypto';

/** `sha256:<hex>` of a text or bytes: the form headers, manifests and molt archives record. */
export function contentHash(content: string | Uint8Array): string {
  return `sha256:${createHash('sha256').update(content).digest('hex')}`;
}
