import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { FdHandle } from '../blackboard/fd-calls.js';
import { datasyncFd, openFdHandle, sizeOfFd, writeFd } from '../blackboard/fd-calls.js';
import { sha256Hex } from '../blackboard/sha256-hex.js';
import { namedWriteError, syncDirectory } from './write-file-durably.js';

/** One line of the log: the sha256 of the JSON, a space, the JSON. */
export function lineOf(json: string): string {
  return `${sha256Hex(json)} ${json}\n`;
}

/** UTF-8 takes at most 3 bytes per UTF-16 unit (a pair's 4 bytes are 2 units). */
const MAX_BYTES_PER_UNIT = 3;
const INITIAL_BATCH_BYTES = 64 * 1024;
/** A batch buffer grown past this by one large batch is let go after it. */
const KEPT_BATCH_BYTES = 4 * 1024 * 1024;
const SPACE = 0x20;
const NEWLINE = 0x0a;
/** How long the log's descriptor stays open after its last batch, for the next one. */
export const STEP_LOG_IDLE_MS = 1_000;

/**
 * The lines of the next batch, written straight into a buffer as they are appended: each line's
 * JSON is encoded once, at its place, and its sha256 is taken over those very bytes (no line
 * string, no batch string, no second encoding). Two buffers take turns: appends fill one while
 * the other's batch is written, and a buffer is filled again only after its batch was written.
 */
interface BatchBytes {
  add(json: string): void;
  /** The lines added since the last `take`, and a fresh buffer for the next ones. */
  take(): Buffer;
}

function createBatchBytes(): BatchBytes {
  let filling: Buffer = Buffer.allocUnsafe(INITIAL_BATCH_BYTES);
  let spare: Buffer | undefined;
  let end = 0;
  return {
    add(json) {
      const room = end + 66 + json.length * MAX_BYTES_PER_UNIT;
      if (room > filling.length) {
        const grown = Buffer.allocUnsafe(Math.max(room, filling.length * 2));
        filling.copy(grown, 0, 0, end);
        filling = grown;
      }
      const start = end;
      const jsonEnd = start + 65 + filling.write(json, start + 65, 'utf8');
      filling.write(sha256Hex(filling.subarray(start + 65, jsonEnd)), start, 'latin1');
      filling[start + 64] = SPACE;
      filling[jsonEnd] = NEWLINE;
      end = jsonEnd + 1;
    },
    take() {
      const batch = filling.subarray(0, end);
      // The buffer taken before this one was written (one batch at a time): it is filled next.
      const next =
        spare !== undefined && spare.length <= KEPT_BATCH_BYTES
          ? spare
          : Buffer.allocUnsafe(INITIAL_BATCH_BYTES);
      spare = filling;
      filling = next;
      end = 0;
      return batch;
    },
  };
}

/**
 * The values of a log's text in order, up to the first line that is not whole and intact (a
 * write a crash cut, never acknowledged: every acknowledged line was fsynced with all before it),
 * and the length of that valid prefix in bytes.
 */
export function parseStepLog(text: string): { values: unknown[]; validBytes: number } {
  const values: unknown[] = [];
  let offset = 0;
  let validBytes = 0;
  for (;;) {
    const end = text.indexOf('\n', offset);
    if (end < 0) break;
    const line = text.slice(offset, end);
    const json = line.slice(65);
    if (line[64] !== ' ' || sha256Hex(json) !== line.slice(0, 64)) break;
    values.push(JSON.parse(json) as unknown);
    validBytes += Buffer.byteLength(line, 'utf8') + 1;
    offset = end + 1;
  }
  return { values, validBytes };
}

/** Reads a log (empty when missing): its values and the byte length of its valid prefix. */
export async function readStepLog(path: string): Promise<{ values: unknown[]; validBytes: number }> {
  const text = await readFile(path, 'utf8').catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw error;
  });
  return parseStepLog(text);
}

export interface StepLog {
  /** The values of the log's valid prefix, in order (also learns where the next append goes). */
  read(): Promise<unknown[]>;
  /** Appends one value; settles once it (and every line before it) is on disk (fdatasync). */
  append(json: string): Promise<void>;
  /** The file was removed: the next append starts a new one and syncs its folder entry again. */
  forgetFile(): void;
  /** How many batches (one write + one fdatasync each) this log has written. */
  batches(): number;
  /** How many times the file was opened for writing (its descriptor is kept between batches). */
  opens(): number;
}

/**
 * An append-only log written by one process with group commit: the lines appended while a write
 * is on its way to disk go out together in the next one (one write, one fdatasync for the batch).
 * Before the first write, and after a failed one, the file is cut back to its valid prefix (a
 * tail a crash or a full disk left), so no acknowledged line ever follows a broken one. The first
 * write also fsyncs the folder, so a new file's name is as durable as its lines.
 */
export function createStepLog(path: string): StepLog {
  let pending: ((error?: unknown) => void)[] = [];
  const lines = createBatchBytes();
  let writing = false;
  let scheduled = false;
  let batchCount = 0;
  let openCount = 0;
  /** Bytes of the file known valid; undefined until read. */
  let validBytes: number | undefined;
  /** The file may hold bytes past `validBytes` (never written yet, or a write failed). */
  let suspect = true;
  let folderSynced = false;
  // One descriptor for the batches that follow each other (a mission's), closed once the log has
  // been idle for STEP_LOG_IDLE_MS, after a failed batch, or when the file is forgotten.
  let open: FdHandle | undefined;
  let idle: NodeJS.Timeout | undefined;

  function closeOpen(): void {
    if (idle !== undefined) clearTimeout(idle);
    idle = undefined;
    const handle = open;
    open = undefined;
    handle?.close().catch(() => undefined);
  }

  async function read(): Promise<unknown[]> {
    const log = await readStepLog(path);
    validBytes ??= log.validBytes;
    return log.values;
  }

  async function writeBatch(bytes: Buffer): Promise<void> {
    try {
      await writeLines(bytes);
    } catch (error) {
      // The file and the cause in one message; the system code (`ENOSPC`, …) kept for the exit code.
      throw namedWriteError(path, error);
    }
  }

  async function writeLines(bytes: Buffer): Promise<void> {
    if (validBytes === undefined) await read();
    if (!folderSynced) await mkdir(dirname(path), { recursive: true });
    // The small calls go through the blackboard's call mode (decision 0041: synchronous while the
    // disk answers fast, the pool once it does not); the fdatasync always waits in the pool.
    if (idle !== undefined) clearTimeout(idle);
    idle = undefined;
    if (open === undefined) {
      open = await openFdHandle(path, 'a');
      openCount += 1;
    }
    const handle = open;
    try {
      if (suspect) {
        const size = await sizeOfFd(handle.fd);
        if (size > (validBytes ?? 0)) await handle.truncate(validBytes ?? 0);
      }
      suspect = true;
      // A short write (a disk filling up) is followed by the rest, whose write then fails with
      // the system's error (ENOSPC); a failed batch is cut off by the next one first.
      let written = 0;
      while (written < bytes.length) {
        const bytesWritten = await writeFd(handle.fd, bytes, written);
        if (bytesWritten === 0) {
          const stalled = new Error(`wrote ${written} of ${bytes.length} bytes`) as NodeJS.ErrnoException;
          stalled.code = 'EIO';
          throw stalled;
        }
        written += bytesWritten;
      }
      await datasyncFd(handle.fd);
      validBytes = (validBytes ?? 0) + bytes.length;
      suspect = false;
      batchCount += 1;
    } catch (error) {
      // The next batch opens the file again (and cuts it back to its valid prefix first).
      if (open === handle) closeOpen();
      throw error;
    }
    if (open === handle) {
      idle = setTimeout(closeOpen, STEP_LOG_IDLE_MS);
      idle.unref();
    }
    if (!folderSynced) await syncDirectory(dirname(path));
    folderSynced = true;
  }

  async function drain(): Promise<void> {
    writing = true;
    while (pending.length > 0) {
      const batch = pending;
      pending = [];
      const error = await writeBatch(lines.take()).then(
        () => undefined,
        (failure: unknown) => failure ?? new Error('step log write failed'),
      );
      for (const settle of batch) settle(error);
    }
    writing = false;
  }

  return {
    read,
    append(json) {
      return new Promise<void>((resolve, reject) => {
        lines.add(json);
        pending.push((error) => (error === undefined ? resolve() : reject(error)));
        if (!writing && !scheduled) {
          // The first line waits for the turn's check phase, so the steps of every lane whose answer
          // came in the same turn go out in one write instead of the first alone.
          scheduled = true;
          setImmediate(() => {
            scheduled = false;
            if (!writing) void drain();
          });
        }
      });
    },
    batches: () => batchCount,
    opens: () => openCount,
    forgetFile() {
      validBytes = 0;
      suspect = true;
      folderSynced = false;
      closeOpen();
    },
  };
}
