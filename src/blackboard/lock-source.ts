import { randomUUID } from 'node:crypto';
import { namedWriteError } from './create-complete-file.js';
import { errorCode } from './error-code.js';
import { faultPoint } from './fault-point.js';
import { closeFd, linkPath, openFd, statFd, statPath, touchFd, unlinkPath, writeAllFd } from './fd-calls.js';
import { currentProcessIdentity } from './process-identity.js';

/**
 * The complete lock file one writer links to `<lock>` each time it takes it (decision 0038): a
 * `<lock>.tmp-<pid>-<uuid>` written once, whole, before it is ever linked, and kept open so its
 * inode cannot be freed and reused while the writer lives. Taking the lock is then `futimes` +
 * `link` and releasing it `stat` + `unlink`, instead of creating and deleting a file each time.
 */
export interface LockSource {
  readonly path: string;
  readonly fd: number;
  readonly dev: bigint;
  readonly ino: bigint;
}

/** Writes the holder's identity into a new temporary file next to the lock and keeps it open. */
export async function createLockSource(lockPath: string): Promise<LockSource> {
  const path = `${lockPath}.tmp-${process.pid}-${randomUUID()}`;
  const text = JSON.stringify({
    ...currentProcessIdentity(),
    token: randomUUID(),
    at: new Date().toISOString(),
  });
  let fd: number | undefined;
  try {
    fd = await openFd(path, 'wx');
    await writeAllFd(fd, Buffer.from(text, 'utf8'));
    const info = await statFd(fd);
    faultPoint('lock-temp-written');
    return { path, fd, dev: info.dev, ino: info.ino };
  } catch (error) {
    // Disk full while writing the lock: no temp left behind, and the error names the lock and the cause.
    if (fd !== undefined) await closeFd(fd).catch(() => undefined);
    await unlinkPath(path).catch(() => undefined);
    throw namedWriteError(lockPath, error);
  }
}

/**
 * Links the source to `lockPath` if nothing is there (`link` fails with EEXIST like O_EXCL): true
 * when it did. Its mtime is set to now first, so a holder on another host is never judged by an
 * old heartbeat (the mtime is what `isLockStale` reads). Undefined when the source itself is gone
 * (removed by someone else): the caller makes a new one.
 */
export async function linkLockSource(source: LockSource, lockPath: string): Promise<boolean | undefined> {
  await touchFd(source.fd, new Date());
  try {
    await linkPath(source.path, lockPath);
    faultPoint('lock-linked');
    return true;
  } catch (error) {
    const code = errorCode(error);
    if (code === 'EEXIST') return false;
    if (code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Whether `lockPath` is this source (same device and inode). The source is open, so its inode
 * number belongs to no other file meanwhile: a lock someone else took after breaking ours never
 * matches.
 */
export async function isLockSourceAt(source: LockSource, lockPath: string): Promise<boolean> {
  try {
    const info = await statPath(lockPath);
    return info.ino === source.ino && info.dev === source.dev;
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return false;
    throw error;
  }
}

/** Closes and removes the source (never linked to the lock at that point). */
export async function disposeLockSource(source: LockSource): Promise<void> {
  await closeFd(source.fd).catch(() => undefined);
  await unlinkPath(source.path).catch(() => undefined);
}
