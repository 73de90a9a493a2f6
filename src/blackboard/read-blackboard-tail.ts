import type { Receipt } from '../contracts/index.js';
import { BlackboardError } from './blackboard-error.js';
import { readFd, sizeOfFd } from './fd-calls.js';
import { hashMatches, parseReceiptLine } from './parse-receipt-line.js';

/** The first read from the end: the last two lines of a blackboard fit in it almost always. */
const FIRST_CHUNK_BYTES = 16 * 1024;
const CHUNK_BYTES = 64 * 1024;
const NEWLINE = 0x0a;

/** The end of a blackboard file as the writer needs it. */
export interface BlackboardTail {
  /** The last complete receipt, if any. */
  last?: Receipt;
  /** Byte offset where the last complete line starts. */
  lastOffset?: number;
  /** Byte length of the file up to and including the last complete line's newline. */
  goodLength: number;
  /** Bytes after `goodLength`: a last line torn by a crash (no newline, or not JSON). */
  torn?: Buffer;
}

/**
 * Reads the file backwards in chunks until it holds the last two lines, so opening a blackboard of
 * any size costs a few reads. The last complete line must be a valid receipt whose hash recomputes:
 * chaining onto a damaged line would hide the damage, so that is an error (run the audit).
 */
export async function readBlackboardTail(
  handle: { readonly fd: number },
  filePath: string,
  knownSize?: number,
): Promise<BlackboardTail> {
  // The caller that just took the size (under the lock) passes it: one stat, not two.
  const size = knownSize ?? (await sizeOfFd(handle.fd));
  if (size === 0) return { goodLength: 0 };
  const { buffer, start } = await readUntilNewlines(handle.fd, size, 3);
  const at = (offset: number) => offset - start;
  const hasNewlineAtEnd = buffer[buffer.length - 1] === NEWLINE;
  // End (exclusive, file offset) of the last line that ends with a newline, without the newline.
  let lineEnd = hasNewlineAtEnd ? size - 1 : lastNewlineBefore(buffer, buffer.length, start);
  let tornFrom = hasNewlineAtEnd ? size : lineEnd + 1;
  if (lineEnd < 0) return { goodLength: 0, torn: buffer.subarray(at(0)) };

  let lineStart = lastNewlineBefore(buffer, at(lineEnd), start) + 1;
  let parsed = parseReceiptLine(buffer.subarray(at(lineStart), at(lineEnd)).toString('utf8'));
  if (parsed.kind === 'not-json' && hasNewlineAtEnd) {
    // A complete-looking last line that is not JSON is what a crash leaves on some file systems.
    tornFrom = lineStart;
    lineEnd = lineStart - 1;
    if (lineEnd < 0) return { goodLength: 0, torn: buffer.subarray(at(0)) };
    lineStart = lastNewlineBefore(buffer, at(lineEnd), start) + 1;
    parsed = parseReceiptLine(buffer.subarray(at(lineStart), at(lineEnd)).toString('utf8'));
  }
  const torn = tornFrom < size ? buffer.subarray(at(tornFrom)) : undefined;
  if (parsed.kind !== 'receipt') {
    const why = parsed.kind === 'not-json' ? 'is not JSON' : `is not a receipt (${parsed.reason})`;
    throw corrupt(filePath, `the last complete line of ${filePath} ${why}`);
  }
  if (!hashMatches(parsed.raw)) {
    throw corrupt(
      filePath,
      `the last complete line of ${filePath} (seq ${parsed.receipt.seq}) fails its hash check`,
    );
  }
  return { last: parsed.receipt, lastOffset: lineStart, goodLength: lineEnd + 1, ...(torn ? { torn } : {}) };
}

function corrupt(filePath: string, message: string): BlackboardError {
  return new BlackboardError(
    'BLACKBOARD_CORRUPT',
    filePath,
    `${message}; run \`swarmlord audit ${filePath}\` to see why (nothing is appended to a broken chain)`,
  );
}

/**
 * File offset of the last newline strictly before buffer index `end`, or -1 (the file start). The
 * buffer holds enough newlines (or starts at the file start) for every line the caller looks at.
 */
function lastNewlineBefore(buffer: Buffer, end: number, start: number): number {
  const index = end > 0 ? buffer.lastIndexOf(NEWLINE, end - 1) : -1;
  return index < 0 ? -1 : index + start;
}

/**
 * The file's last bytes, growing backwards until they hold `count` newlines or the whole file.
 * The first read is small (the last lines of a blackboard are a few KiB at most, usually), later
 * ones grow to 64 KiB; newlines are found with `lastIndexOf` from the end, not byte by byte.
 */
async function readUntilNewlines(
  fd: number,
  size: number,
  count: number,
): Promise<{ buffer: Buffer; start: number }> {
  let start = size;
  let buffer = Buffer.alloc(0);
  let newlines = 0;
  let length = FIRST_CHUNK_BYTES;
  while (start > 0 && newlines < count) {
    const take = Math.min(length, start);
    // Every byte is overwritten by the read (a short read throws), so no zero fill is needed.
    const chunk = Buffer.allocUnsafe(take);
    start -= take;
    const bytesRead = await readFd(fd, chunk, 0, take, start);
    if (bytesRead !== take) throw new Error(`short read at offset ${start}`);
    for (let at = chunk.lastIndexOf(NEWLINE); at !== -1 && newlines < count; ) {
      newlines += 1;
      // `lastIndexOf(value, -1)` would search from the end again: stop at the chunk's first byte.
      at = at === 0 ? -1 : chunk.lastIndexOf(NEWLINE, at - 1);
    }
    buffer = buffer.length === 0 ? chunk : Buffer.concat([chunk, buffer]);
    length = CHUNK_BYTES;
  }
  return { buffer, start };
}
