import { closeSync } from 'node:fs';
import { resolve } from 'node:path';
import type { BatchLines } from './batch-lines.js';
import type { AcquireLockOptions, BlackboardLocker } from './blackboard-lock.js';
import type { FdHandle } from './fd-calls.js';
import { readFd, statFd, statPath } from './fd-calls.js';
import { hashMatches, parseReceiptLine } from './parse-receipt-line.js';

/**
 * What a closed blackboard leaves for the next `openBlackboard` of the same file in this process
 * (decision 0068): its open descriptor, its lock source, its batch buffer, and where it left the
 * file's head (a hint, never trusted: the next open takes the lock, and when the file still ends
 * where it was left it reads that last line and checks it, schema and hash, as a fresh open checks
 * the last line; otherwise it reads the tail as a fresh open does).
 */
export interface ParkedBlackboard {
  readonly handle: FdHandle;
  readonly locker: BlackboardLocker;
  /** The locker reads its options from this object at each acquisition: the next open sets them. */
  readonly lockOptions: AcquireLockOptions;
  readonly durable: boolean;
  /** Its batches were all written: the buffer is free for the next blackboard's. */
  readonly lines: BatchLines;
  /** The file's size and last line when it was closed (undefined when it wrote nothing it knew). */
  readonly left: { size: number; seq: number; hash: string; offset: number } | undefined;
}

/** How long a closed blackboard stays parked before its descriptor and lock source are let go. */
export const PARK_MS = 1_000;

interface Parked extends ParkedBlackboard {
  timer: NodeJS.Timeout;
}

/** One parked blackboard per file (its absolute path), the most recently closed. */
const parked = new Map<string, Parked>();
/** Files a blackboard of this process was closed on: only a file opened again is parked. */
const closedBefore = new Set<string>();
let exitHookSet = false;

/**
 * Whether a blackboard closed on `filePath` now is parked: from the second close of the file in
 * this process on. A process that opens a file once (the CLI: one mission) leaves nothing behind
 * at close, as before; one that opens it again (a server, the bench) keeps it for the next time.
 */
export function parksOnClose(filePath: string): boolean {
  const key = resolve(filePath);
  if (closedBefore.has(key)) return true;
  closedBefore.add(key);
  return false;
}

/** Closes the descriptor and removes the lock source, in the background (errors ignored). */
function letGo(board: ParkedBlackboard): Promise<void> {
  return board.locker
    .dispose()
    .catch(() => undefined)
    .then(() => board.handle.close())
    .catch(() => undefined);
}

/** At exit the parked lock sources are removed synchronously (a kill leaves them to the orphan sweep). */
function removeAllAtExit(): void {
  for (const board of parked.values()) {
    board.locker.disposeSync();
    try {
      closeSync(board.handle.fd);
    } catch {
      // Already closed.
    }
  }
  parked.clear();
}

/**
 * Keeps a closed blackboard's descriptor and lock source for the next open of `filePath`, for at
 * most `PARK_MS`; one parked before for the same file is let go.
 */
export function parkBlackboard(filePath: string, board: ParkedBlackboard): void {
  const key = resolve(filePath);
  const before = parked.get(key);
  if (before !== undefined) {
    clearTimeout(before.timer);
    parked.delete(key);
    void letGo(before);
  }
  const timer = setTimeout(() => {
    if (parked.get(key)?.timer === timer) parked.delete(key);
    void letGo(board);
  }, PARK_MS);
  timer.unref();
  parked.set(key, { ...board, timer });
  if (!exitHookSet) {
    exitHookSet = true;
    process.on('exit', removeAllAtExit);
  }
}

/**
 * The blackboard parked for `filePath`, taken out of the park, when it was opened the same way
 * (`durable`) and `filePath` still names the very file its descriptor holds (same device and
 * inode: a file removed or replaced since is opened afresh). Otherwise undefined (and a parked
 * one that does not fit is let go).
 */
export async function takeParkedBlackboard(
  filePath: string,
  durable: boolean,
): Promise<ParkedBlackboard | undefined> {
  const key = resolve(filePath);
  const board = parked.get(key);
  if (board === undefined) return undefined;
  parked.delete(key);
  clearTimeout(board.timer);
  if (board.durable === durable && (await namesSameFile(filePath, board.handle))) return board;
  await letGo(board);
  return undefined;
}

async function namesSameFile(filePath: string, handle: FdHandle): Promise<boolean> {
  try {
    const [named, held] = await Promise.all([statPath(filePath), statFd(handle.fd)]);
    return named.ino === held.ino && named.dev === held.dev && held.nlink > 0n;
  } catch {
    return false;
  }
}

/** Lets every parked blackboard go now (tests, or a caller that wants its descriptors back). */
export async function closeParkedBlackboards(): Promise<void> {
  const boards = [...parked.values()];
  parked.clear();
  for (const board of boards) clearTimeout(board.timer);
  await Promise.all(boards.map(letGo));
}

/** `"hash":"<64 hex>"}\n`: how every line a blackboard writes ends. */
const HASH_SUFFIX_BYTES = 75;
const NEWLINE = 0x0a;

/**
 * Whether the file (of `fd`, whose size is `at.size`) still ends with the receipt a parked
 * blackboard left there: the bytes from `at.offset` to the end are one whole line after a newline
 * (or at the file's start), a receipt by the schema whose hash recomputes, with that seq and hash.
 * This is the check `readBlackboardTail` makes of the last line, made on exactly that line.
 */
export async function isLeftHead(fd: number, at: NonNullable<ParkedBlackboard['left']>): Promise<boolean> {
  const length = at.size - at.offset;
  if (length <= HASH_SUFFIX_BYTES) return false;
  // The byte before the line too: it must be the previous line's newline.
  const from = at.offset > 0 ? at.offset - 1 : 0;
  const bytes = Buffer.allocUnsafe(at.size - from);
  if ((await readFd(fd, bytes, 0, bytes.length, from)) !== bytes.length) return false;
  if (bytes[bytes.length - 1] !== NEWLINE || (at.offset > 0 && bytes[0] !== NEWLINE)) return false;
  if (bytes.indexOf(NEWLINE, at.offset - from) !== bytes.length - 1) return false;
  const parsed = parseReceiptLine(bytes.toString('utf8', at.offset - from, bytes.length - 1));
  return (
    parsed.kind === 'receipt' &&
    parsed.receipt.seq === at.seq &&
    parsed.receipt.hash === at.hash &&
    hashMatches(parsed.raw)
  );
}
