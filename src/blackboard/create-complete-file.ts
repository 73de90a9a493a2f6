import { randomUUID } from 'node:crypto';
import { errorCode } from './error-code.js';
import type { FaultPoint } from './fault-point.js';
import { faultPoint } from './fault-point.js';
import { closeFd, linkPath, openFd, unlinkPath, writeAllFd } from './fd-calls.js';

/**
 * Creates `path` holding `text` only if it does not exist, such that the file is complete the
 * moment it exists: the text goes into a unique temporary file first, which is then hard-linked to
 * `path` (`link` fails with EEXIST exactly like an O_EXCL create). A kill at any step leaves either
 * no `path` or a complete one, never an empty lock; the temporary name carries the pid so
 * `sweepOrphanTempFiles` can clean it up. Returns false when `path` already exists.
 */
export async function createCompleteFile(
  path: string,
  text: string,
  points: { written: FaultPoint; linked: FaultPoint } = {
    written: 'lock-temp-written',
    linked: 'lock-linked',
  },
): Promise<boolean> {
  const temporary = `${path}.tmp-${process.pid}-${randomUUID()}`;
  try {
    const fd = await openFd(temporary, 'wx');
    try {
      await writeAllFd(fd, Buffer.from(text, 'utf8'));
    } finally {
      await closeFd(fd);
    }
  } catch (error) {
    // Disk full while writing the lock: no temp left behind, and the error names the lock and the cause.
    await unlinkPath(temporary).catch(() => undefined);
    throw namedWriteError(path, error);
  }
  faultPoint(points.written);
  try {
    await linkPath(temporary, path);
    faultPoint(points.linked);
    return true;
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw error;
  } finally {
    await unlinkPath(temporary).catch(() => undefined);
  }
}

/** The system error with the file it was creating in its message; `code` and `cause` stay the system error's. */
export function namedWriteError(path: string, error: unknown): Error {
  const code = (error as NodeJS.ErrnoException).code;
  const message = error instanceof Error ? error.message : String(error);
  const named = new Error(`could not write ${path}: ${message}`, { cause: error }) as NodeJS.ErrnoException;
  if (code !== undefined) named.code = code;
  named.path = path;
  return named;
}
