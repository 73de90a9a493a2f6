import * as crypto from 'node:crypto';

/** `crypto.hash` (Node 20.12 and later): one native call, no Hash object per digest. */
const oneShot: typeof crypto.hash | undefined = typeof crypto.hash === 'function' ? crypto.hash : undefined;

/**
 * Lowercase hex sha256 of `data` (a string is hashed as its UTF-8 bytes). One call per receipt:
 * the one-shot form where the runtime has it, since a `Hash` object per digest cost more than the
 * digest of a receipt's few hundred bytes.
 */
export function sha256Hex(data: string | Uint8Array): string {
  return oneShot !== undefined
    ? oneShot('sha256', data, 'hex')
    : crypto.createHash('sha256').update(data).digest('hex');
}
