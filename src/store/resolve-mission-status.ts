import { judgeMissionOwner, readMissionOwner } from '../durable/index.js';
import type { MissionRecord } from './mission-records.js';
import type { MissionLiveness, MissionRuntime, MissionStatus, MissionStatusView } from './mission-status.js';
import { deriveMissionStatus } from './mission-status.js';

/** A mission row as `mission ls` / `show` print it: its status decided now. */
export type MissionStatusRecord = Omit<MissionRecord, 'status'> & {
  status: MissionStatus;
  /** Why `running` or `interrupted`. */
  statusReason?: string;
  /** How to continue it (`swarmlord mission resume <id>`, or `swarmlord worker` on DBOS). */
  resumeCommand?: string;
};

export interface ResolveStatusOptions {
  /** The working directory whose `hfo_journal/<id>/owner.json` names each mission's process. */
  cwd: string;
  now?: Date;
  /** Another runtime's proof of life for this mission (a DBOS workflow and its worker's heartbeat); default the owner file. */
  liveness?: () => Promise<MissionLiveness>;
  /** The runtime that ran it, for the advice (`mission resume` or a worker); default embedded. */
  runtime?: MissionRuntime;
}

/**
 * `deriveMissionStatus` with the embedded runtime's owner file as the proof of life: a mission
 * stored `running` is `running` only when the process in `hfo_journal/<id>/owner.json` provably
 * still works on it.
 */
export async function resolveMissionStatus(
  mission: Pick<MissionRecord, 'id' | 'status'>,
  options: ResolveStatusOptions,
): Promise<MissionStatusView> {
  return deriveMissionStatus(
    mission,
    async () => {
      if (options.liveness !== undefined) return options.liveness();
      const owner = await readMissionOwner({ cwd: options.cwd, missionId: mission.id }).catch(
        () => undefined,
      );
      return judgeMissionOwner(owner, options.now === undefined ? {} : { now: options.now });
    },
    options.runtime,
  );
}

/** The record with its status resolved now (`status`, and `statusReason` / `resumeCommand` when they apply). */
export async function withResolvedStatus(
  mission: MissionRecord,
  options: ResolveStatusOptions,
): Promise<MissionStatusRecord> {
  const view = await resolveMissionStatus(mission, options);
  return {
    ...mission,
    status: view.status,
    ...(view.reason === undefined ? {} : { statusReason: view.reason }),
    ...(view.resumeCommand === undefined ? {} : { resumeCommand: view.resumeCommand }),
  };
}
