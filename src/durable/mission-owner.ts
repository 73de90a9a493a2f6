import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ProcessIdentity } from '../blackboard/process-identity.js';
import { currentProcessIdentity, isLocalProcessAlive, isThisHost } from '../blackboard/process-identity.js';
import type { FileJournalOptions } from './create-file-journal.js';
import { journalDirectory, OWNER_FILE } from './create-file-journal.js';
import { writeFileDurably } from './write-file-durably.js';

/** How often a running mission rewrites its owner file's `heartbeatAt`. */
export const OWNER_HEARTBEAT_MS = 5_000;

/** A heartbeat older than this says the owner stopped working (six missed beats). */
export const OWNER_STALE_MS = 30_000;

/**
 * Who runs a mission: the process (pid, host, boot id, start time, as the blackboard lock records
 * it) and its last heartbeat. Written before the mission's first receipt, so a mission the store
 * shows started always has an owner to judge, and rewritten every `OWNER_HEARTBEAT_MS`.
 */
export interface MissionOwner extends ProcessIdentity {
  format: 'swarmlord.journal-owner/v1';
  missionId: string;
  /** UTC ISO time the process claimed the mission. */
  claimedAt: string;
  /** UTC ISO time of the last heartbeat. */
  heartbeatAt: string;
  /** Set when the process let go of the mission (it ended, or gave up): it runs it no more. */
  releasedAt?: string;
}

/** Whether a mission's owner is provably working on it now, and why (for `mission show`). */
export interface OwnerLiveness {
  alive: boolean;
  reason: string;
}

/** A claimed mission: heartbeats until released. */
export interface MissionOwnerClaim {
  readonly owner: MissionOwner;
  /** Stops the heartbeat and records that this process no longer runs the mission. */
  release(): Promise<void>;
}

function ownerPath(options: FileJournalOptions): string {
  return join(journalDirectory(options), OWNER_FILE);
}

/**
 * Claims a mission for this process before it starts (or resumes): writes the owner file durably
 * and keeps its heartbeat fresh. The timer is unref'd, so it never keeps a process alive; a process
 * killed with SIGKILL leaves the file naming a dead pid, which is how `mission ls` says
 * `interrupted`.
 */
export async function claimMissionOwner(
  options: FileJournalOptions & { now?: () => Date },
): Promise<MissionOwnerClaim> {
  const now = options.now ?? (() => new Date());
  const path = ownerPath(options);
  const claimedAt = now().toISOString();
  let owner: MissionOwner = {
    format: 'swarmlord.journal-owner/v1',
    missionId: options.missionId,
    ...currentProcessIdentity(),
    claimedAt,
    heartbeatAt: claimedAt,
  };
  // Writes are chained: a late heartbeat can never land after the release.
  let writing: Promise<void> = writeFileDurably(path, `${JSON.stringify(owner, null, 2)}\n`);
  await writing;
  let released = false;
  const write = (next: MissionOwner) => {
    owner = next;
    writing = writing
      .catch(() => undefined)
      .then(() => writeFileDurably(path, `${JSON.stringify(next, null, 2)}\n`));
    return writing;
  };
  const heartbeat = setInterval(() => {
    if (!released) write({ ...owner, heartbeatAt: now().toISOString() }).catch(() => undefined);
  }, OWNER_HEARTBEAT_MS);
  heartbeat.unref();
  return {
    get owner() {
      return owner;
    },
    async release() {
      if (released) return;
      released = true;
      clearInterval(heartbeat);
      const at = now().toISOString();
      await write({ ...owner, heartbeatAt: at, releasedAt: at });
    },
  };
}

/** The mission's owner file, or undefined when there is none (or it is not an owner file). */
export async function readMissionOwner(options: FileJournalOptions): Promise<MissionOwner | undefined> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(ownerPath(options), 'utf8'));
  } catch {
    return undefined;
  }
  const owner = parsed as Partial<MissionOwner> | null;
  if (
    owner === null ||
    typeof owner !== 'object' ||
    owner.format !== 'swarmlord.journal-owner/v1' ||
    typeof owner.pid !== 'number' ||
    typeof owner.host !== 'string' ||
    typeof owner.heartbeatAt !== 'string'
  )
    return undefined;
  return owner as MissionOwner;
}

export interface OwnerLivenessOptions {
  now?: Date;
  /** Default `OWNER_STALE_MS`. */
  staleAfterMs?: number;
  /** Whether a process of this host still runs (default: `isLocalProcessAlive`: pid, start time, boot id). */
  isLocalAlive?: (identity: ProcessIdentity) => boolean;
}

/**
 * Judges an owner file. Alive only with proof: on this host the pid still runs as the same process
 * (same start time, same boot) and its heartbeat is fresh; on another host a fresh heartbeat is the
 * only proof there is. Anything else (no owner file, released, dead pid, stale heartbeat) is not alive.
 */
export function judgeMissionOwner(
  owner: MissionOwner | undefined,
  options: OwnerLivenessOptions = {},
): OwnerLiveness {
  if (owner === undefined) return { alive: false, reason: `no process claims it (no ${OWNER_FILE})` };
  const who = `process ${owner.pid} on ${owner.host}`;
  if (owner.releasedAt !== undefined)
    return { alive: false, reason: `${who} let go of it at ${owner.releasedAt}` };
  const now = (options.now ?? new Date()).getTime();
  const age = now - new Date(owner.heartbeatAt).getTime();
  const stale = Number.isNaN(age) || age > (options.staleAfterMs ?? OWNER_STALE_MS);
  const ageText = Number.isNaN(age) ? 'unreadable' : `${Math.max(0, Math.round(age / 1000))} s old`;
  if (isThisHost(owner)) {
    const alive = (options.isLocalAlive ?? isLocalProcessAlive)(owner);
    if (!alive) return { alive: false, reason: `${who} is gone` };
    if (stale) return { alive: false, reason: `${who} runs but its heartbeat is ${ageText}` };
    return { alive: true, reason: `${who} runs it` };
  }
  if (stale) return { alive: false, reason: `the heartbeat of ${who} is ${ageText}` };
  return { alive: true, reason: `${who} runs it (heartbeat ${ageText})` };
}
