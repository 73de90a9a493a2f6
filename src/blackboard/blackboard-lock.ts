import { randomUUID } from 'node:crypto';
import { link, open, readFile, rename, unlink } from 'node:fs/promises';
import { BlackboardError } from './blackboard-error.js';

/** An exclusive writer lock on one blackboard file, held while the blackboard is open. */
export interface BlackboardLock {
  readonly path: string;
  release(): Promise<void>;
}

interface LockHolder {
  pid: number;
  token: string;
}

/**
 * Takes `<file>.lock` by creating it with O_EXCL and writing our pid and a random token.
 *
 * Why a lock held while open (rather than re-reading the tail before each batch): it keeps the
 * group-commit path free of extra reads and makes "one writer per file" a fact the writer can rely
 * on when it assigns seq and prev_hash in memory. A lock whose pid is no longer alive is stale (its
 * owner crashed) and is taken over: it is first renamed to a unique name so that of two processes
 * racing for the same stale lock only one removes it. Readers and audit never take the lock.
 * Limits: pid reuse after a crash can make a stale lock look alive (remove it by hand), and the
 * lock is advisory — it only binds programs that use this module.
 */
export async function acquireBlackboardLock(filePath: string): Promise<BlackboardLock> {
  const lockPath = `${filePath}.lock`;
  const token = randomUUID();
  for (let attempt = 0; attempt < 5; attempt += 1) {
    if (await tryCreate(lockPath, token)) {
      return { path: lockPath, release: () => releaseLock(lockPath, token) };
    }
    const raw = await readLockText(lockPath);
    if (raw === undefined) continue;
    const holder = parseHolder(raw);
    if (holder === undefined || isAlive(holder.pid)) {
      throw new BlackboardError(
        'BLACKBOARD_LOCKED',
        filePath,
        `${filePath} is open for writing by ${holder ? `process ${holder.pid}` : 'another process'} (lock ${lockPath}; delete it if no swarmlord process uses this blackboard)`,
      );
    }
    await takeOverStaleLock(lockPath, raw);
  }
  throw new BlackboardError('BLACKBOARD_LOCKED', filePath, `could not take the lock ${lockPath}`);
}

async function tryCreate(lockPath: string, token: string): Promise<boolean> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(lockPath, 'wx');
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw error;
  }
  try {
    await handle.writeFile(JSON.stringify({ pid: process.pid, token } satisfies LockHolder));
  } finally {
    await handle.close();
  }
  return true;
}

async function takeOverStaleLock(lockPath: string, staleText: string): Promise<void> {
  const aside = `${lockPath}.stale-${process.pid}-${randomUUID()}`;
  try {
    await rename(lockPath, aside);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return;
    throw error;
  }
  const moved = await readFile(aside, 'utf8');
  if (moved !== staleText) {
    // Another process took the stale lock over between our read and our rename: give it back.
    await link(aside, lockPath).catch((error: unknown) => {
      if (errorCode(error) !== 'EEXIST') throw error;
    });
  }
  await unlink(aside);
}

async function releaseLock(lockPath: string, token: string): Promise<void> {
  const raw = await readLockText(lockPath);
  // Only remove the lock if it is still ours; a stale-lock takeover may have replaced it.
  if (raw !== undefined && parseHolder(raw)?.token === token) {
    await unlink(lockPath).catch((error: unknown) => {
      if (errorCode(error) !== 'ENOENT') throw error;
    });
  }
}

async function readLockText(lockPath: string): Promise<string | undefined> {
  try {
    return await readFile(lockPath, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw error;
  }
}

function parseHolder(raw: string): LockHolder | undefined {
  try {
    const value = JSON.parse(raw) as Partial<LockHolder>;
    if (typeof value.pid === 'number' && typeof value.token === 'string') {
      return { pid: value.pid, token: value.token };
    }
  } catch {
    // An empty or half-written lock belongs to a process still writing it: treated as held.
  }
  return undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return errorCode(error) === 'EPERM';
  }
}

/** The `code` of a Node system error, if any. */
export function errorCode(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error ? String((error as { code: unknown }).code) : undefined;
}
