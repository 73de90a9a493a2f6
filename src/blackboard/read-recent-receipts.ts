import { createHash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { open } from 'node:fs/promises';
import type { Receipt } from '../contracts/index.js';
import { errorCode } from './error-code.js';
import { parseReceiptLine } from './parse-receipt-line.js';
import { emptyReceiptIndex, loadReceiptIndex, type ReceiptIndex, saveReceiptIndex } from './receipt-index.js';

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

/** The window's place in the file and its bytes. */
export interface RecentWindow {
  /** Byte offset of the window's first line, and the end of its last line's newline. */
  start: number;
  end: number;
  /** Complete lines in the window. */
  lineCount: number;
  /** The file's bytes in `[from, from + bytes.length)`: the window, and the kept range when it was read. */
  bytes: Buffer;
  from: number;
  bytesRead: number;
  indexedFrom: number;
  /** Whether the kept range's bytes hash as kept (then `lineStarts` are the window's line offsets). */
  keptMatches: boolean;
  lineStarts?: Float64Array;
}

/** A range of the file seen before: its bytes' sha256 and every line's offset in it. */
export interface KeptRange {
  start: number;
  end: number;
  sha256: string;
  lines: Float64Array;
}

/**
 * Where the last `limit` complete lines before `beforeMission`'s first one are, and their bytes.
 * With `kept`, a range of the file seen before: when its bytes still hash the same, the window's
 * start is counted from its line offsets and the lines appended after it (no backwards scan), and
 * `bytes` hold the kept range too; otherwise the window is found by reading backwards from the cut.
 */
export async function readRecentWindow(
  path: string,
  options: ReadRecentOptions = {},
  kept?: KeptRange,
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
        keptMatches: false,
      };
    throw error;
  }
  try {
    const size = (await handle.stat()).size;
    const loaded = await loadReceiptIndex(path, handle, size);
    const index: ReceiptIndex = loaded ?? emptyReceiptIndex();
    const indexedFrom = index.end;
    let bytesRead = 0;
    if (index.end < size) {
      bytesRead += await indexLines(handle, index, size);
      if (index.end !== indexedFrom) await saveReceiptIndex(path, index);
    }
    const cut =
      options.beforeMission === undefined
        ? index.end
        : (index.missionStart(options.beforeMission) ?? index.end);
    if (kept !== undefined && kept.start <= cut && Math.max(cut, kept.end) <= index.end) {
      const to = Math.max(cut, kept.end);
      // Not when more was appended since than a window holds: the backwards read is shorter.
      if (to - kept.end <= kept.end - kept.start + CHUNK_BYTES) {
        const bytes = await readRange(handle, kept.start, to);
        bytesRead += bytes.length;
        const found = fromKept(kept, bytes, cut, limit);
        if (found !== undefined)
          return { ...found, end: cut, bytes, from: kept.start, bytesRead, indexedFrom, keptMatches: true };
      }
    }
    const back = await scanBack(handle, cut, limit);
    bytesRead += back.bytes.length;
    return {
      start: back.start,
      end: cut,
      lineCount: back.lineCount,
      bytes: back.bytes,
      from: back.from,
      bytesRead,
      indexedFrom,
      keptMatches: false,
    };
  } finally {
    await handle.close();
  }
}

/**
 * The window's start and line offsets counted from a kept range whose bytes (`bytes`, from
 * `kept.start`) still hash the same; undefined when they do not, or when the window reaches before
 * the range (then only reading backwards finds its start).
 */
function fromKept(
  kept: KeptRange,
  bytes: Buffer,
  cut: number,
  limit: number,
): { start: number; lineCount: number; lineStarts: Float64Array } | undefined {
  if (
    createHash('sha256')
      .update(bytes.subarray(0, kept.end - kept.start))
      .digest('hex') !== kept.sha256
  )
    return undefined;
  // Lines before the cut: the kept ones that start before it, then those appended after the range.
  let keptBefore = kept.lines.length;
  const appended: number[] = [];
  if (cut >= kept.end) {
    for (let at = kept.end; at < cut; ) {
      appended.push(at);
      const newline = bytes.indexOf(0x0a, at - kept.start);
      if (newline < 0) return undefined;
      at = newline + kept.start + 1;
    }
  } else {
    keptBefore = lowerBound(kept.lines, cut);
    // A cut inside the range falls on one of its lines (it is a receipt's offset), else it is not this range.
    if (kept.lines[keptBefore] !== cut) return undefined;
  }
  const total = keptBefore + appended.length;
  if (total < limit && kept.start !== 0) return undefined;
  const first = Math.max(0, total - limit);
  const lineStarts = new Float64Array(total - first);
  if (first < keptBefore) lineStarts.set(kept.lines.subarray(first, keptBefore));
  for (let at = Math.max(first, keptBefore); at < total; at += 1)
    lineStarts[at - first] = appended[at - keptBefore] as number;
  const start = lineStarts.length > 0 ? (lineStarts[0] as number) : cut;
  return { start, lineCount: lineStarts.length, lineStarts };
}

/** The first index whose value is `>= value` (values ascending). */
export function lowerBound(values: Float64Array, value: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((values[middle] as number) < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The last `limit` receipts (before `beforeMission`'s first one); see {@link readRecentReceiptsWithStats}. */
export async function readRecentReceipts(path: string, options: ReadRecentOptions = {}): Promise<Receipt[]> {
  return (await readRecentReceiptsWithStats(path, options)).receipts;
}

/** Bytes of the appended lines read at a time while the index is brought up to date. */
const INDEX_CHUNK_BYTES = 4 * 1024 * 1024;

/**
 * Brings `index` up to date with the complete lines in `[index.end, size)`: each mission's first
 * line and the last receipt line, read in large chunks of whole lines (no await or byte count per
 * line: the first mission on a long history reads all of it once). Returns the bytes read.
 */
async function indexLines(handle: FileHandle, index: ReceiptIndex, size: number): Promise<number> {
  let position = index.end;
  let carry = Buffer.alloc(0);
  let read = 0;
  while (position < size) {
    const chunk = await readRange(handle, position, Math.min(size, position + INDEX_CHUNK_BYTES));
    read += chunk.length;
    position += chunk.length;
    const buffer = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
    let from = 0;
    for (let newline = buffer.indexOf(0x0a); newline >= 0; newline = buffer.indexOf(0x0a, from)) {
      const receipt = quickParse(buffer.toString('utf8', from, newline));
      if (receipt !== undefined) {
        index.noteMission(receipt.mission_id, index.end);
        index.last = { offset: index.end, hash: receipt.hash };
      }
      index.end += newline + 1 - from;
      from = newline + 1;
    }
    // A torn last line stays unread until it is complete.
    carry = Buffer.from(buffer.subarray(from));
  }
  return read;
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
