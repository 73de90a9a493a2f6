import type { FileHandle } from 'node:fs/promises';
import { readFile, rename, writeFile } from 'node:fs/promises';

/** The incremental index of a blackboard kept beside it (`<file>.index.json`). */
export interface ReceiptIndex {
  /** Bytes indexed: the file up to here was read (a line boundary). */
  end: number;
  /** The last receipt line indexed, checked before the index is trusted. */
  last?: { offset: number; hash: string };
  /** Byte offset of each mission's first receipt. */
  missions: Record<string, number>;
}

const FORMAT = 'swarmlord.receipt-index/v1';

export function receiptIndexPath(blackboardPath: string): string {
  return `${blackboardPath}.index.json`;
}

/**
 * The stored index when it still describes the start of this file: it ends at a line boundary the
 * file still has, and the last line it indexed is still there, whole, with the same hash. Anything
 * else (missing, unreadable, a shorter or rewritten file) is `undefined`: rebuild from the start.
 */
export async function loadReceiptIndex(
  blackboardPath: string,
  handle: FileHandle,
  size: number,
): Promise<ReceiptIndex | undefined> {
  let stored: ReceiptIndex & { format?: unknown };
  try {
    stored = JSON.parse(await readFile(receiptIndexPath(blackboardPath), 'utf8')) as typeof stored;
  } catch {
    return undefined;
  }
  if (stored.format !== FORMAT || typeof stored.end !== 'number' || stored.end > size) return undefined;
  if (typeof stored.missions !== 'object' || stored.missions === null) return undefined;
  if (stored.end === 0) return { end: 0, missions: {} };
  const last = stored.last;
  if (last === undefined || typeof last.offset !== 'number' || last.offset >= stored.end) return undefined;
  const length = stored.end - last.offset;
  if (length > 16 * 2 ** 20) return undefined;
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buffer, 0, length, last.offset);
  if (bytesRead !== length || buffer[length - 1] !== 0x0a) return undefined;
  if (last.offset > 0) {
    const before = Buffer.alloc(1);
    await handle.read(before, 0, 1, last.offset - 1);
    if (before[0] !== 0x0a) return undefined;
  }
  try {
    const line = JSON.parse(buffer.subarray(0, length - 1).toString('utf8')) as { hash?: unknown };
    if (line.hash !== last.hash) return undefined;
  } catch {
    return undefined;
  }
  return { end: stored.end, last, missions: stored.missions };
}

/** Writes the index atomically; a cache that cannot be written costs a longer read next time, nothing else. */
export async function saveReceiptIndex(blackboardPath: string, index: ReceiptIndex): Promise<void> {
  const path = receiptIndexPath(blackboardPath);
  const temp = `${path}.${process.pid}.tmp`;
  try {
    await writeFile(temp, JSON.stringify({ format: FORMAT, ...index }));
    await rename(temp, path);
  } catch {
    // see above
  }
}
