import { createFileJournal } from '../durable/index.js';
import type { RunningMission } from './create-mission-runner.js';

/**
 * Where a mission's process stands, as the dashboard can tell: `running` (this dashboard runs it),
 * `interrupted` (its journal says a run began and never ended, and no process of this dashboard
 * runs it: killed, crashed, or running in another terminal), `stopped` (it ended with a partial
 * digest: Ctrl-C, a soft cap, a budget), `finished`, or `unknown` (no journal: started before
 * journals, or only clarified so far).
 */
export type RunState = 'running' | 'interrupted' | 'stopped' | 'finished' | 'unknown';

export interface RunStateView {
  state: RunState;
  /** `swarmlord mission resume <id>` would continue it: interrupted or stopped, and not running here. */
  resumable: boolean;
  /** Ctrl-C can be sent: this dashboard runs its process. */
  cancellable: boolean;
  /** The journal's run number (1, then +1 per resume), when there is a journal. */
  run?: number;
}

/**
 * Reads the mission's durable journal (`hfo_journal/<id>/journal.json`, decision 0015) and the
 * dashboard's own process for it. The journal's header is written `running` when a run starts,
 * `stopped` after a partial digest and `finished` after a full one, durably each time; so a header
 * still `running` with no process here is a run that did not end.
 */
export async function readRunState(
  cwd: string,
  missionId: string,
  process: RunningMission | undefined,
): Promise<RunStateView> {
  const running = process !== undefined && process.exitCode === undefined;
  const meta = await createFileJournal({ cwd, missionId })
    .readMeta()
    .catch(() => undefined);
  const run = meta === undefined ? {} : { run: meta.run };
  if (running) return { state: 'running', resumable: false, cancellable: true, ...run };
  if (meta === undefined) return { state: 'unknown', resumable: false, cancellable: false };
  const state: RunState =
    meta.status === 'running' ? 'interrupted' : meta.status === 'stopped' ? 'stopped' : 'finished';
  return { state, resumable: state !== 'finished', cancellable: false, ...run };
}
