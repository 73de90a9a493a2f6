import { randomUUID } from 'node:crypto';
import { readdir, readFile, unlink, utimes } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { BlackboardError } from './blackboard-error.js';
import { breakStaleLock } from './break-stale-lock.js';
import { createCompleteFile } from './create-complete-file.js';
import { errorCode } from './error-code.js';
import { faultPoint } from './fault-point.js';
import { isLockStale, observeLockFile } from './observe-lock-file.js';
import { currentProcessIdentity, isLocalProcessAlive } from './process-identity.js';

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
 * Takes `<file>.lock` (decision 0006, revised in 0017). The lock is created complete
 * (`createCompleteFile`: written aside, then hard-linked into place, which fails if it exists), so
 * no kill can leave an empty lock. A lock held by a live process is waited for, up to `waitMs`; a
 * stale one (`isLockStale`: dead pid on this host, reused pid, another boot, or a remote heartbeat
 * older than a bound) is removed by `breakStaleLock`, whose check-then-remove cannot remove a lock
 * taken in between, after which everyone retries the exclusive create and exactly one wins.
 * The blackboard takes this lock per write batch, not per open, so several missions share a file.
 */
export async function acquireBlackboardLock(
  filePath: string,
  options: AcquireLockOptions = {},
): Promise<BlackboardLock> {
  const lockPath = `${filePath}.lock`;
  const token = randomUUID();
  const text = JSON.stringify({ ...currentProcessIdentity(), token, at: new Date().toISOString() });
  const started = Date.now();
  const waitMs = options.waitMs ?? DEFAULT_WAIT_MS;
  let noticed = false;
  let delay = 1;
  for (;;) {
    if (await createCompleteFile(lockPath, text)) {
      faultPoint('lock-held');
      return heldLock(lockPath, token);
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
}

function heldLock(lockPath: string, token: string): BlackboardLock {
  const heartbeat = setInterval(() => {
    const now = new Date();
    utimes(lockPath, now, now).catch(() => undefined);
  }, HEARTBEAT_MS);
  heartbeat.unref();
  let released = false;
  return {
    path: lockPath,
    async release() {
      if (released) return;
      released = true;
      clearInterval(heartbeat);
      // Only remove the lock if it is still ours: never someone else's after a takeover.
      const raw = await readFile(lockPath, 'utf8').catch(() => undefined);
      if (raw?.includes(`"token":"${token}"`)) {
        await unlink(lockPath).catch((error: unknown) => {
          if (errorCode(error) !== 'ENOENT') throw error;
        });
      }
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
  const names = await readdir(directory).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const match = /\.tmp-(\d+)-[0-9a-f-]{36}$/.exec(name);
    if (!match) continue;
    const pid = Number(match[1]);
    if (isLocalProcessAlive({ pid, host: '' })) continue;
    await unlink(join(directory, name)).then(
      () => removed.push(name),
      () => undefined,
    );
  }
  return removed;
}
