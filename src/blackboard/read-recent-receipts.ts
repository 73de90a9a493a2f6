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
 * `beforeMission`'s first one), unparsed.
 */
export async function readRecentLines(path: string, options: ReadRecentOptions = {}): Promise<RecentLines> {
  const window = await readRecentWindow(path, options);
  const lines = splitLines(window.bytes, window.start - window.from, window.end - window.from);
  return {
    lines: lines.map((line) => line.text),
    bytesRead: window.bytesRead,
    indexedFrom: window.indexedFrom,
  };
}

/** The window's place in the file and its bytes (with what else the caller asked to see). */
export interface RecentWindow {
  /** Byte offset of the window's first line, and the end of its last line's newline. */
  start: number;
  end: number;
  /** Complete lines in the window. */
  lineCount: number;
  /** The file's bytes in `[from, from + bytes.length)`: the window, and the range asked for around it. */
  bytes: Buffer;
  from: number;
  bytesRead: number;
  indexedFrom: number;
}

/**
 * Where the last `limit` complete lines before `beforeMission`'s first one are, and their bytes;
 * with `around`, also the bytes of that range of complete lines when it lies within the indexed file
 * and reaches at most one window's length further (the case cache checks the range it was made
 * from), else only the window's.
 */
export async function readRecentWindow(
  path: string,
  options: ReadRecentOptions = {},
  around?: { start: number; end: number },
): Promise<RecentWindow> {
  const limit = options.limit ?? 5_000;
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    if (errorCode(error) === 'ENOENT')
      return {
        start: 0,
        end: 0,
        lineCount: 0,
        bytes: Buffer.alloc(0),
        from: 0,
        bytesRead: 0,
        indexedFrom: 0,
      };
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
    const back = await scanBack(handle, cut, limit);
    bytesRead += back.bytes.length;
    let { bytes } = back;
    let from = back.from;
    const reach = cut - back.start;
    if (around !== undefined && around.start >= 0 && around.end <= index.end && around.start <= around.end) {
      if (around.start < from && from - around.start <= reach + CHUNK_BYTES) {
        const before = await readRange(handle, around.start, from);
        bytes = Buffer.concat([before, bytes]);
        bytesRead += before.length;
        from = around.start;
      }
      if (around.end > cut && around.end - cut <= reach + CHUNK_BYTES) {
        const after = await readRange(handle, cut, around.end);
        bytes = Buffer.concat([bytes, after]);
        bytesRead += after.length;
      }
    }
    return { start: back.start, end: cut, lineCount: back.lineCount, bytes, from, bytesRead, indexedFrom };
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

async function readRange(handle: FileHandle, from: number, to: number): Promise<Buffer> {
  const buffer = Buffer.allocUnsafe(to - from);
  const { bytesRead } = await handle.read(buffer, 0, buffer.length, from);
  if (bytesRead !== buffer.length) throw new Error(`short read at offset ${from}`);
  return buffer;
}

/**
 * The start of the last `limit` complete lines ending at byte `end` (a line start), found by reading
 * backwards in chunks and counting newlines; the bytes read, from `from` (a chunk start) to `end`.
 */
async function scanBack(
  handle: FileHandle,
  end: number,
  limit: number,
): Promise<{ start: number; lineCount: number; bytes: Buffer; from: number }> {
  if (end === 0 || limit <= 0) return { start: end, lineCount: 0, bytes: Buffer.alloc(0), from: end };
  const chunks: Buffer[] = [];
  let position = end;
  // Newlines before the last line's own (at end - 1) each start a line.
  let searchEnd = end - 1;
  let found = 0;
  let start = 0;
  while (position > 0) {
    const length = Math.min(CHUNK_BYTES, position);
    position -= length;
    const chunk = await readRange(handle, position, position + length);
    chunks.push(chunk);
    let at = searchEnd - position - 1;
    while (at >= 0) {
      const newline = chunk.lastIndexOf(0x0a, at);
      if (newline < 0) break;
      found += 1;
      if (found === limit) {
        start = position + newline + 1;
        break;
      }
      at = newline - 1;
    }
    if (found === limit) break;
    searchEnd = position;
  }
  chunks.reverse();
  return {
    start,
    lineCount: found === limit ? limit : found + 1,
    bytes: chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks),
    from: position,
  };
}

/** The lines of `bytes[start, end)` (complete lines: `end` follows a newline), with their offsets in `bytes`. */
export function splitLines(bytes: Buffer, start: number, end: number): Array<{ at: number; text: string }> {
  const lines: Array<{ at: number; text: string }> = [];
  let at = start;
  while (at < end) {
    let newline = bytes.indexOf(0x0a, at);
    if (newline < 0 || newline >= end) newline = end;
    lines.push({ at, text: bytes.toString('utf8', at, newline) });
    at = newline + 1;
  }
  return lines;
}
