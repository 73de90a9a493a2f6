import { readFile, stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import { errorCode } from './error-code.js';
import type { ProcessIdentity } from './process-identity.js';
import { isLocalProcessAlive, isThisHost } from './process-identity.js';

/** What a lock file (or a break file) held when it was looked at. */
export interface LockObservation {
  /** The exact text, compared again before the file is removed. */
  raw: string;
  holder?: ProcessIdentity & { token: string };
  ino: number;
  mtimeMs: number;
}

/** A holder on another machine is stale once its heartbeat (the file's mtime) is this old. */
export const REMOTE_STALE_MS = 30_000;
/**
 * A file that does not parse was left by a version that created the lock before writing it (or by
 * a power loss); no current writer exposes one, so after this long nobody is still writing it.
 */
export const UNPARSED_STALE_MS = 5_000;

/** Reads a lock file and its inode; undefined when there is none. */
export async function observeLockFile(path: string): Promise<LockObservation | undefined> {
  try {
    const [raw, info] = await Promise.all([readFile(path, 'utf8'), stat(path)]);
    const holder = parseHolder(raw);
    return { raw, ino: info.ino, mtimeMs: info.mtimeMs, ...(holder ? { holder } : {}) };
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Stale means provably abandoned: its holder on this host is dead (another boot, no such pid, or
 * the pid reused by a later process), or — for a holder on another host, or a file that does not
 * parse — it has not been touched for a bound. A live local holder is never stale, however long
 * it holds: taking over from a live process is how two writers come to exist.
 */
export function isLockStale(observation: LockObservation, now = Date.now()): boolean {
  const age = now - observation.mtimeMs;
  const holder = observation.holder;
  if (holder === undefined) return age > UNPARSED_STALE_MS;
  if (!isThisHost(holder)) return age > REMOTE_STALE_MS;
  return !isLocalProcessAlive(holder);
}

/** Same file, same content, same heartbeat: nothing happened to it since it was observed. */
export function isSameObservation(a: LockObservation, b: LockObservation): boolean {
  return a.raw === b.raw && a.ino === b.ino && a.mtimeMs === b.mtimeMs;
}

function parseHolder(raw: string): (ProcessIdentity & { token: string }) | undefined {
  try {
    const value = JSON.parse(raw) as Partial<ProcessIdentity & { token: string }>;
    if (typeof value.pid !== 'number' || typeof value.token !== 'string') return undefined;
    return {
      pid: value.pid,
      token: value.token,
      // Locks written by earlier versions carry no host: they were written on this machine.
      host: typeof value.host === 'string' ? value.host : hostname(),
      ...(typeof value.boot === 'string' ? { boot: value.boot } : {}),
      ...(typeof value.start === 'string' ? { start: value.start } : {}),
    };
  } catch {
    return undefined;
  }
}
