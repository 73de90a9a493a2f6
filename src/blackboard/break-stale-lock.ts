import { createHash, randomUUID } from 'node:crypto';
import { unlink } from 'node:fs/promises';
import { createCompleteFile } from './create-complete-file.js';
import { errorCode } from './error-code.js';
import { faultPoint } from './fault-point.js';
import type { LockObservation } from './observe-lock-file.js';
import { isLockStale, isSameObservation, observeLockFile } from './observe-lock-file.js';
import { currentProcessIdentity } from './process-identity.js';

/** Break files of break files: a chain this long means something else is wrong; give up and retry. */
const MAX_DEPTH = 8;

/**
 * Removes `target` if it still is exactly the stale file observed, such that two processes racing
 * to break the same stale lock cannot remove a lock taken in between (the bug of rename-aside and
 * link-back). The right to remove one particular observed file is itself an exclusive file,
 * `<lock>.break-<id of that observation>`, created complete (`createCompleteFile`): only its
 * creator re-reads `target` and unlinks it if unchanged. While that break file exists nobody else
 * can remove `target`, and the stale holder is dead, so between the re-read and the unlink
 * `target` cannot change — the check-then-remove is safe. A breaker killed inside leaves a break
 * file whose holder is dead; it is broken the same way, one level up (`depth`). Returns when it
 * removed the file or found it changed; the caller then retries its own exclusive create.
 */
export async function breakStaleLock(
  lockPath: string,
  target: string,
  observed: LockObservation,
  depth = 0,
): Promise<void> {
  const breakPath = `${lockPath}.break-${observationId(observed)}`;
  const text = JSON.stringify({ ...currentProcessIdentity(), token: randomUUID(), breaking: target });
  if (!(await createCompleteFile(breakPath, text))) {
    // Someone else is breaking this very file, or died doing so.
    const other = await observeLockFile(breakPath);
    if (other !== undefined && depth < MAX_DEPTH && isLockStale(other)) {
      await breakStaleLock(lockPath, breakPath, other, depth + 1);
    } else if (other !== undefined) {
      // A live breaker finishes in a few system calls.
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    return;
  }
  faultPoint('break-file-created');
  try {
    const current = await observeLockFile(target);
    if (current !== undefined && isSameObservation(current, observed)) {
      await unlink(target).catch((error: unknown) => {
        if (errorCode(error) !== 'ENOENT') throw error;
      });
    }
  } finally {
    await unlink(breakPath).catch(() => undefined);
  }
}

/** Names one observed file: its token when it has one (never reused), else its inode and heartbeat. */
function observationId(observed: LockObservation): string {
  return createHash('sha256')
    .update(`${observed.holder?.token ?? ''}\0${observed.ino}\0${observed.mtimeMs}\0${observed.raw}`)
    .digest('hex')
    .slice(0, 32);
}
