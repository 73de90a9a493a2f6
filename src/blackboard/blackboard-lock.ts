import { closeSync, unlinkSync } from 'node:fs';
import { utimes } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { BlackboardError } from './blackboard-error.js';
import { breakStaleLock } from './break-stale-lock.js';
import { errorCode } from './error-code.js';
import { faultPoint } from './fault-point.js';
import { listFolder, unlinkPath } from './fd-calls.js';
import type { LockSource } from './lock-source.js';
import { createLockSource, disposeLockSource, isLockSourceAt, linkLockSource } from './lock-source.js';
import { isLockStale, observeLockFile } from './observe-lock-file.js';
import { isLocalProcessAlive } from './process-identity.js';

export { errorCode } from './error-code.js';

/** An exclusive writer lock on one blackboard file. */
export interface BlackboardLock {
  readonly path: string;
  release(): Promise<void>;
}

/** How long to wait for a lock held by a live process. */
export interface AcquireLockOptions {
  /** Give up with `BLACKBOARD_LOCKED` after this long (default 30 s). */
  waitMs?: number;
  /** Called once when the wait passes `noticeAfterMs`, naming the holder, so a caller can say it waits. */
  onWait?: (holder: { pid?: number; host?: string }) => void;
  /** Default 1 s. */
  noticeAfterMs?: number;
}

/** While held, the lock's mtime is refreshed this often: the heartbeat a remote host judges by. */
const HEARTBEAT_MS = 5_000;
const DEFAULT_WAIT_MS = 30_000;

/**
 * Takes `<file>.lock` once (decision 0006, revised in 0017 and 0038); see `createBlackboardLocker`.
 * Releasing it also removes the lock file's source.
 */
export async function acquireBlackboardLock(
  filePath: string,
  options: AcquireLockOptions = {},
): Promise<BlackboardLock> {
  const locker = createBlackboardLocker(filePath, options);
  try {
    const lock = await locker.acquire();
    return {
      path: lock.path,
      async release() {
        try {
          await lock.release();
        } finally {
          await locker.dispose();
        }
      },
    };
  } catch (error) {
    await locker.dispose();
    throw error;
  }
}

/** Takes and releases one file's lock again and again (one writer: one at a time). */
export interface BlackboardLocker {
  /** Waits for this locker's previous release, then takes the lock. */
  acquire(): Promise<BlackboardLock>;
  /** Removes the lock file's source; call after the last release. */
  dispose(): Promise<void>;
  /** `dispose` in one synchronous step (at process exit); call after the last release. */
  disposeSync(): void;
}

/**
 * Takes `<file>.lock` (decisions 0006, 0017, 0038). The lock is created complete: the holder's
 * identity is written once into `<lock>.tmp-<pid>-<uuid>` (`createLockSource`), which is
 * hard-linked into place each time (`link` fails if a lock exists), so no kill can leave an empty
 * lock; releasing unlinks `<lock>` only while it still is that file (same inode). A lock held by a
 * live process is waited for, up to `waitMs`; a stale one (`isLockStale`: dead pid on this host,
 * reused pid, another boot, or a remote heartbeat older than a bound) is removed by
 * `breakStaleLock`, whose check-then-remove cannot remove a lock taken in between, after which
 * everyone retries the exclusive link and exactly one wins. The blackboard takes this lock per
 * write batch, not per open, so several missions share a file.
 */
export function createBlackboardLocker(filePath: string, options: AcquireLockOptions = {}): BlackboardLocker {
  const lockPath = `${filePath}.lock`;
  let source: LockSource | undefined;
  // A release still running: the next acquisition waits for it, so a release only ever concerns
  // the acquisition it belongs to (the source, hence the inode, is the same for all of them).
  let releasing: Promise<void> | undefined;

  async function linkOnce(): Promise<boolean> {
    for (;;) {
      source ??= await createLockSource(lockPath);
      const linked = await linkLockSource(source, lockPath);
      if (linked !== undefined) return linked;
      // The source was removed under us: make a new one.
      const gone = source;
      source = undefined;
      await disposeLockSource(gone);
    }
  }

  return {
    async acquire() {
      if (releasing) await releasing.catch(() => undefined);
      const started = Date.now();
      const waitMs = options.waitMs ?? DEFAULT_WAIT_MS;
      let noticed = false;
      let delay = 1;
      for (;;) {
        if (await linkOnce()) {
          faultPoint('lock-held');
          return heldLock(lockPath, source as LockSource, (done) => {
            releasing = done;
          });
        }
        const observed = await observeLockFile(lockPath);
        if (observed === undefined) continue;
        if (isLockStale(observed)) {
          await breakStaleLock(lockPath, lockPath, observed);
          continue;
        }
        const waited = Date.now() - started;
        const holder = observed.holder;
        if (waited >= waitMs) {
          throw new BlackboardError(
            'BLACKBOARD_LOCKED',
            filePath,
            `${filePath} stayed locked by ${holder ? `process ${holder.pid} on ${holder.host}` : 'another process'} for ${(waited / 1000).toFixed(1)} s (lock ${lockPath}); if no swarmlord process is running there, delete the lock`,
          );
        }
        if (!noticed && waited >= (options.noticeAfterMs ?? 1_000)) {
          noticed = true;
          options.onWait?.(holder ? { pid: holder.pid, host: holder.host } : {});
        }
        // Jitter keeps racing waiters from retrying in lock step.
        await new Promise((resolve) => setTimeout(resolve, delay * (0.5 + Math.random())));
        delay = Math.min(delay * 2, 25);
      }
    },
    async dispose() {
      if (releasing) await releasing.catch(() => undefined);
      const current = source;
      source = undefined;
      if (current) await disposeLockSource(current);
    },
    disposeSync() {
      const current = source;
      source = undefined;
      if (current === undefined) return;
      try {
        closeSync(current.fd);
      } catch {
        // Already closed.
      }
      try {
        unlinkSync(current.path);
      } catch {
        // Already gone.
      }
    },
  };
}

function heldLock(
  lockPath: string,
  source: LockSource,
  onRelease: (done: Promise<void>) => void,
): BlackboardLock {
  const heartbeat = setInterval(() => {
    const now = new Date();
    utimes(lockPath, now, now).catch(() => undefined);
  }, HEARTBEAT_MS);
  heartbeat.unref();
  let released: Promise<void> | undefined;
  return {
    path: lockPath,
    release() {
      if (released) return released;
      clearInterval(heartbeat);
      // Only remove the lock if it is still ours: never someone else's after a takeover.
      released = (async () => {
        if (await isLockSourceAt(source, lockPath).catch(() => false)) {
          await unlinkPath(lockPath).catch((error: unknown) => {
            if (errorCode(error) !== 'ENOENT') throw error;
          });
        }
      })();
      onRelease(released);
      return released;
    },
  };
}

/**
 * Removes what killed processes left next to a lock: `<lock>.tmp-<pid>-…` files of lock and break
 * files never linked (or linked, then not unlinked), when their pid no longer runs on this host.
 */
export async function sweepOrphanTempFiles(filePath: string): Promise<string[]> {
  const directory = dirname(filePath);
  const prefix = `${basename(filePath)}.lock`;
  const names = await listFolder(directory).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const match = /\.tmp-(\d+)-[0-9a-f-]{36}$/.exec(name);
    if (!match) continue;
    const pid = Number(match[1]);
    if (isLocalProcessAlive({ pid, host: '' })) continue;
    await unlinkPath(join(directory, name)).then(
      () => removed.push(name),
      () => undefined,
    );
  }
  return removed;
}
