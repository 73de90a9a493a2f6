import type { Receipt } from '../contracts/index.js';
import type { PreparedDraft } from './chain-receipt.js';
import { bodyText, chainedReceipt } from './chain-receipt.js';
import { sha256Hex } from './sha256-hex.js';

/** `,"hash":"` and `"}\n`: what a line adds to its body, around the hash, in place of the closing brace. */
const HASH_KEY = Buffer.from(',"hash":"', 'latin1');
const LINE_END = Buffer.from('"}\n', 'latin1');
/** What a line holds beyond its body's bytes: the hash field less the body's closing brace. */
const SUFFIX_BYTES = HASH_KEY.length + 64 + LINE_END.length - 1;
/** UTF-8 takes at most 3 bytes per UTF-16 code unit (a pair's 4 bytes are 2 units; a lone surrogate is 3). */
const MAX_BYTES_PER_UNIT = 3;
const INITIAL_BYTES = 64 * 1024;
/** A buffer grown past this by one large batch is let go after it, not kept for the next. */
const KEPT_BYTES = 1024 * 1024;

/**
 * The lines of one write batch, written straight from each receipt's body into one buffer that is
 * reused from batch to batch, and hashed there: the digest is taken over exactly the bytes that
 * are written, with no flat copy of the body for the hash, no byte count and no second encoding.
 */
export interface BatchLines {
  /** Chains `prepared` at `seq` after `prevHash`, appends its line and returns its receipt. */
  add(prepared: PreparedDraft, seq: number, prevHash: string): Receipt;
  /** The bytes of the lines added since `reset`: a view of the buffer, valid until the next `reset`. */
  bytes(): Buffer;
  /** Bytes of the last line added. */
  readonly lastLineBytes: number;
  /** Starts the next batch; the previous batch's bytes must have been written (they are overwritten). */
  reset(): void;
}

export function createBatchLines(): BatchLines {
  let buffer = Buffer.allocUnsafe(INITIAL_BYTES);
  let end = 0;
  let lastLineBytes = 0;
  return {
    add(prepared, seq, prevHash) {
      const body = bodyText(prepared, seq, prevHash);
      // Room for the longest encoding of the body, so the write below is never cut short.
      const room = end + body.length * MAX_BYTES_PER_UNIT + SUFFIX_BYTES;
      if (room > buffer.length) {
        const grown = Buffer.allocUnsafe(Math.max(room, buffer.length * 2));
        buffer.copy(grown, 0, 0, end);
        buffer = grown;
      }
      const start = end;
      const bodyEnd = start + buffer.write(body, start, 'utf8');
      const hash = sha256Hex(buffer.subarray(start, bodyEnd));
      // The body's closing brace is overwritten by the hash field.
      let at = bodyEnd - 1;
      at += HASH_KEY.copy(buffer, at);
      at += buffer.write(hash, at, 'latin1');
      end = at + LINE_END.copy(buffer, at);
      lastLineBytes = end - start;
      return chainedReceipt(prepared, seq, prevHash, hash);
    },
    bytes: () => buffer.subarray(0, end),
    get lastLineBytes() {
      return lastLineBytes;
    },
    reset() {
      end = 0;
      lastLineBytes = 0;
      if (buffer.length > KEPT_BYTES) buffer = Buffer.allocUnsafe(INITIAL_BYTES);
    },
  };
}
