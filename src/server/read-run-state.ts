import { createFileJournal } from '../durable/index.js';
import { resolveMissionStatus } from '../store/index.js';
import type { RunningMission } from './create-mission-runner.js';

/**
 * Where a mission's process stands: `running` (a process provably works on it: this dashboard's,
 * or one in another terminal), `interrupted` (its run began and never ended, and the process that
 * owned it is gone: killed, crashed), `stopped` (it ended with a partial digest: Ctrl-C, a soft
 * cap, a budget), `finished`, or `unknown` (no journal: only clarified so far, or run before journals).
 */
export type RunState = 'running' | 'interrupted' | 'stopped' | 'finished' | 'unknown';

export interface RunStateView {
  state: RunState;
  /** `swarmlord mission resume <id>` would continue it: interrupted or stopped. */
  resumable: boolean;
  /** Ctrl-C can be sent: this dashboard runs its process. */
  cancellable: boolean;
  /** Why running or interrupted (the owner process and its heartbeat), from the store's derivation. */
  reason?: string;
  /** The journal's run number (1, then +1 per resume), when there is a journal. */
  run?: number;
}

/**
 * Reads the mission's durable journal (`hfo_journal/<id>/journal.json`, decision 0015) and, for a
 * run that has not ended, asks the store's one status derivation (`resolveMissionStatus`: the
 * owner file's process and heartbeat) whether it still runs. The dashboard's own process for it
 * counts first: it may not have claimed the mission yet.
 */
export async function readRunState(
  cwd: string,
  missionId: string,
  process: RunningMission | undefined,
): Promise<RunStateView> {
  const meta = await createFileJournal({ cwd, missionId })
    .readMeta()
    .catch(() => undefined);
  const run = meta === undefined ? {} : { run: meta.run };
  if (process !== undefined && process.exitCode === undefined)
    return { state: 'running', resumable: false, cancellable: true, ...run };
  if (meta === undefined) return { state: 'unknown', resumable: false, cancellable: false };
  if (meta.status === 'finished') return { state: 'finished', resumable: false, cancellable: false, ...run };
  if (meta.status === 'stopped') return { state: 'stopped', resumable: true, cancellable: false, ...run };
  const view = await resolveMissionStatus({ id: missionId, status: 'running' }, { cwd });
  const reason = view.reason === undefined ? {} : { reason: view.reason };
  return view.status === 'running'
    ? { state: 'running', resumable: false, cancellable: false, ...reason, ...run }
    : { state: 'interrupted', resumable: true, cancellable: false, ...reason, ...run };
}
