import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';

/** Who holds a lock file: enough to decide later, from another process, whether it still runs. */
export interface ProcessIdentity {
  pid: number;
  /** `os.hostname()`: a pid means nothing on another machine (a shared or network folder). */
  host: string;
  /** Linux boot id: after a reboot every old pid is dead, whatever runs under that number now. */
  boot?: string;
  /** Linux process start time (clock ticks since boot): tells a reused pid from the holder. */
  start?: string;
}

let bootId: string | undefined | null = null;

function readBootId(): string | undefined {
  if (bootId === null) bootId = readOptional('/proc/sys/kernel/random/boot_id')?.trim();
  return bootId;
}

function readOptional(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * Field 22 of `/proc/<pid>/stat`. The command name (field 2) may hold spaces and parentheses, so
 * fields are counted from the last `)`. Undefined off Linux or when the process is gone.
 */
export function processStartTime(pid: number): string | undefined {
  const stat = readOptional(`/proc/${pid}/stat`);
  if (stat === undefined) return undefined;
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return fields[19];
}

/** This process, as it writes itself into a lock file. */
let current: ProcessIdentity | undefined;
export function currentProcessIdentity(): ProcessIdentity {
  current ??= readCurrentIdentity();
  return current;
}

function readCurrentIdentity(): ProcessIdentity {
  const boot = readBootId();
  const start = processStartTime(process.pid);
  return {
    pid: process.pid,
    host: hostname(),
    ...(boot === undefined ? {} : { boot }),
    ...(start === undefined ? {} : { start }),
  };
}

/**
 * Whether the process named in a lock on *this* host still runs. Only a proof of death counts:
 * another boot, no such pid, or a pid now belonging to a process started at another time. A pid
 * owned by another user (EPERM) is alive.
 */
export function isLocalProcessAlive(identity: ProcessIdentity): boolean {
  const ourBoot = readBootId();
  if (identity.boot !== undefined && ourBoot !== undefined && identity.boot !== ourBoot) return false;
  try {
    process.kill(identity.pid, 0);
  } catch (error) {
    if (!(error instanceof Error && 'code' in error && error.code === 'EPERM')) return false;
  }
  if (identity.start === undefined) return true;
  const start = processStartTime(identity.pid);
  return start === undefined || start === identity.start;
}

/** True when the identity was written on this machine (same host name). */
export function isThisHost(identity: ProcessIdentity): boolean {
  return identity.host === hostname();
}
