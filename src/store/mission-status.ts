/**
 * A mission's status as `mission ls` / `mission show` report it. `running` and `interrupted` are
 * decided when read, never stored: a row stored `running` is a mission that started and has not
 * ended, and whether its process still works on it is a fact of now (`deriveMissionStatus`).
 */
export type MissionStatus = 'running' | 'interrupted' | 'partial' | 'failed' | 'passed' | 'caution';

export const MISSION_STATUSES: readonly MissionStatus[] = [
  'running',
  'interrupted',
  'partial',
  'failed',
  'passed',
  'caution',
];

/** What the indexer stores (`missions.status`, migration 2): how the final receipts ended it, or `running`. */
export type StoredMissionStatus = Exclude<MissionStatus, 'interrupted'>;

export const STORED_MISSION_STATUSES: readonly StoredMissionStatus[] = [
  'running',
  'partial',
  'failed',
  'passed',
  'caution',
];

/**
 * The stored status from a mission's final receipt: `mission_error` is `failed`; a `mission_end`
 * with `partial` (soft cap, budget, Ctrl-C) is `partial` whatever its verdict; otherwise the
 * verdict: PASS `passed`, CAUTION `caution`, FAIL `failed`.
 */
export function endedMissionStatus(end: {
  phase: 'mission_end' | 'mission_error';
  verdict?: unknown;
  partial?: unknown;
}): StoredMissionStatus {
  if (end.phase === 'mission_error') return 'failed';
  if (end.partial === true) return 'partial';
  if (end.verdict === 'PASS') return 'passed';
  if (end.verdict === 'CAUTION') return 'caution';
  return 'failed';
}

/** Whether the process that runs a mission provably works on it now (see `judgeMissionOwner`). */
export interface MissionLiveness {
  alive: boolean;
  /** Said in `mission show`: which process, and why it counts as alive or not. */
  reason: string;
  /**
   * DBOS: whether a live worker would take the mission over (its workflow is still pending or
   * queued); `false` when the workflow ended without the mission's final receipt. Default true.
   */
  recoverable?: boolean;
}

/**
 * Which runtime ran the mission, so the advice fits it: the embedded runtime continues from the
 * working directory's journal (`mission resume`); a DBOS mission is a workflow that a worker
 * recovers (its journal is in PostgreSQL), so the advice is to start one.
 */
export type MissionRuntime = 'embedded' | 'dbos';

/** What continues an interrupted DBOS mission: any worker of its build (its watchdog takes the workflow over). */
export const DBOS_CONTINUE_COMMAND = 'swarmlord worker';

/** A status with what explains it. */
export interface MissionStatusView {
  status: MissionStatus;
  /** Why `running` or `interrupted` (the owner process and its heartbeat). */
  reason?: string;
  /** How to continue it: for `interrupted` and `partial`. */
  resumeCommand?: string;
}

/**
 * The one status derivation (the CLI, the dashboard and other runtimes call it so they agree):
 * an ended mission has the status its final receipts gave it; one that started and has not ended
 * is `running` only when its owner is provably alive, otherwise `interrupted`. `liveness` is asked
 * only for a mission stored `running`: pass a function so the owner is read only then. The advice
 * depends on the runtime: `mission resume <id>` on the embedded runtime; on DBOS a worker
 * (`swarmlord worker`, with `DATABASE_URL`, of the mission's build) recovers an interrupted
 * mission, and a partial one's workflow has ended, so nothing continues it yet.
 */
export async function deriveMissionStatus(
  mission: { id: string; status: StoredMissionStatus },
  liveness: () => MissionLiveness | Promise<MissionLiveness>,
  runtime: MissionRuntime = 'embedded',
): Promise<MissionStatusView> {
  const resumeCommand = `swarmlord mission resume ${mission.id}`;
  if (mission.status === 'partial')
    return runtime === 'dbos'
      ? {
          status: 'partial',
          reason: `its DBOS workflow ended with a partial digest; continuing it on workers is not supported yet (mission resume reads a journal in the working directory, and this one is in PostgreSQL)`,
        }
      : { status: 'partial', resumeCommand };
  if (mission.status !== 'running') return { status: mission.status };
  const owner = await liveness();
  if (owner.alive) return { status: 'running', reason: owner.reason };
  if (runtime === 'embedded') return { status: 'interrupted', reason: owner.reason, resumeCommand };
  return owner.recoverable === false
    ? { status: 'interrupted', reason: owner.reason }
    : { status: 'interrupted', reason: owner.reason, resumeCommand: DBOS_CONTINUE_COMMAND };
}
