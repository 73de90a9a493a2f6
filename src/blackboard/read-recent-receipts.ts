import type { FileHandle } from 'node:fs/promises';
import { open } from 'node:fs/promises';
import type { Receipt } from '../contracts/index.js';
import { errorCode } from './error-code.js';
import { parseReceiptLine } from './parse-receipt-line.js';
import { loadReceiptIndex, type ReceiptIndex, saveReceiptIndex } from './receipt-index.js';
import { streamBlackboardLines } from './stream-blackboard-lines.js';

export interface ReadRecentOptions {
  /** Most receipts to return (default 5,000): the case index's window onto the history. */
  limit?: number;
  /** Stop at this mission's first receipt: a re-run sees the cases its first run saw. */
  beforeMission?: string;
}

/** The receipts, and what reading them cost (tests and the bench check it does not grow with the file). */
export interface RecentReceipts {
  receipts: Receipt[];
  /** Bytes read from the blackboard: the tail past the index, then the window backwards. */
  bytesRead: number;
  /** Byte offset the incremental index was read from (0: the whole file was indexed this time). */
  indexedFrom: number;
}

const CHUNK_BYTES = 256 * 1024;

/**
 * The last `limit` receipts (before `beforeMission`'s first one), for the case index, at a cost
 * bounded by the window, not the history. A small incremental index beside the blackboard
 * (`<file>.index.json`: each mission's first line offset, and how far it has read) is brought up
 * to date by reading only the lines appended since, then the window is read backwards from the
 * cut. The index is trusted only while the line it ended at is still there with the same hash
 * (otherwise it is rebuilt from the start); it is a cache, not a check — `audit` verifies the chain.
 * Lines that are not receipts are skipped: damage is `audit`'s to report, not a reason to refuse a
 * mission's case search.
 */
export async function readRecentReceiptsWithStats(
  path: string,
  options: ReadRecentOptions = {},
): Promise<RecentReceipts> {
  const { lines, bytesRead, indexedFrom } = await readRecentLines(path, options);
  const receipts: Receipt[] = [];
  for (const text of lines) {
    const parsed = parseReceiptLine(text);
    if (parsed.kind === 'receipt') receipts.push(parsed.receipt);
  }
  return { receipts, bytesRead, indexedFrom };
}

/** The window's lines, not parsed, and what reading them cost. */
export interface RecentLines {
  /** The complete lines of the window, oldest first, without their newlines. */
  lines: string[];
  bytesRead: number;
  indexedFrom: number;
}

/**
 * The lines `readRecentReceiptsWithStats` parses (the last `limit` complete lines before
 * `beforeMission`'s first one), unparsed: the case index's cache is keyed by their bytes.
 */
export async function readRecentLines(path: string, options: ReadRecentOptions = {}): Promise<RecentLines> {
  const limit = options.limit ?? 5_000;
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return { lines: [], bytesRead: 0, indexedFrom: 0 };
    throw error;
  }
  try {
    const size = (await handle.stat()).size;
    const loaded = await loadReceiptIndex(path, handle, size);
    const index: ReceiptIndex = loaded ?? { end: 0, missions: {} };
    const indexedFrom = index.end;
    let bytesRead = 0;
    if (index.end < size) {
      for await (const line of streamBlackboardLines(path, index.end)) {
        if (!line.complete) break;
        bytesRead += Buffer.byteLength(line.text, 'utf8') + 1;
        const receipt = quickParse(line.text);
        if (receipt !== undefined) {
          index.missions[receipt.mission_id] ??= line.offset;
          index.last = { offset: line.offset, hash: receipt.hash };
        }
        index.end = line.offset + Buffer.byteLength(line.text, 'utf8') + 1;
      }
      if (index.end !== indexedFrom) await saveReceiptIndex(path, index);
    }
    const cut =
      options.beforeMission === undefined ? index.end : (index.missions[options.beforeMission] ?? index.end);
    const window = await readLinesBefore(handle, cut, limit);
    return { lines: window.lines, bytesRead: bytesRead + window.bytes, indexedFrom };
  } finally {
    await handle.close();
  }
}

/** The last `limit` receipts (before `beforeMission`'s first one); see {@link readRecentReceiptsWithStats}. */
export async function readRecentReceipts(path: string, options: ReadRecentOptions = {}): Promise<Receipt[]> {
  return (await readRecentReceiptsWithStats(path, options)).receipts;
}

/** The mission id and hash of a line, without the schema (the window's lines get the full parse). */
function quickParse(text: string): { mission_id: string; hash: string } | undefined {
  try {
    const value = JSON.parse(text) as { mission_id?: unknown; hash?: unknown };
    return typeof value.mission_id === 'string' && typeof value.hash === 'string'
      ? { mission_id: value.mission_id, hash: value.hash }
      : undefined;
  } catch {
    return undefined;
  }
}

/** Up to `limit` complete lines ending at byte `end` (a line start), read backwards in chunks. */
async function readLinesBefore(
  handle: FileHandle,
  end: number,
  limit: number,
): Promise<{ lines: string[]; bytes: number }> {
  const lines: string[] = [];
  let position = end;
  let carry: Buffer = Buffer.alloc(0);
  let bytes = 0;
  let first = true;
  while (position > 0 && lines.length < limit) {
    const length = Math.min(CHUNK_BYTES, position);
    position -= length;
    const chunk = Buffer.alloc(length);
    const { bytesRead } = await handle.read(chunk, 0, length, position);
    if (bytesRead !== length) throw new Error(`short read at offset ${position}`);
    bytes += length;
    let buffer = carry.length > 0 ? Buffer.concat([chunk, carry]) : chunk;
    // The bytes before `end` end with the newline of the last line; drop it once.
    if (first && buffer[buffer.length - 1] === 0x0a) buffer = buffer.subarray(0, buffer.length - 1);
    first = false;
    let newline = buffer.lastIndexOf(0x0a);
    while (newline >= 0 && lines.length < limit) {
      lines.push(buffer.subarray(newline + 1).toString('utf8'));
      buffer = buffer.subarray(0, newline);
      newline = buffer.lastIndexOf(0x0a);
    }
    carry = Buffer.from(buffer);
  }
  if (position === 0 && carry.length > 0 && lines.length < limit) lines.push(carry.toString('utf8'));
  return { lines: lines.reverse(), bytes };
}
