/** The DBOS application name: scopes swarmlord's workflows and queues in the system database. */
export const DBOS_APP_NAME = 'swarmlord';
/** The queue mission workflows wait on; every worker dequeues from it. */
export const MISSION_QUEUE = 'swarmlord-missions';
/** The registered name of the mission workflow. */
export const MISSION_WORKFLOW = 'swarmlordMission';
/** The queue lane attempts (child workflows of a mission) wait on. */
export const LANE_QUEUE = 'swarmlord-lanes';
/**
 * The lane queue of missions whose intent sets `lane_concurrency: N`: one database-backed queue per
 * limit value, partitioned by mission id with `partitionConcurrency: N`, so each mission has at
 * most N lane attempts running over all workers. Every worker finds it in `dbos.queues`.
 */
export function limitedLaneQueue(laneConcurrency: number): string {
  return `${LANE_QUEUE}-limit-${laneConcurrency}`;
}
/** The registered name of the lane-attempt workflow. */
export const LANE_WORKFLOW = 'swarmlordLane';

/** Deterministic (mission, lane, attempt): a recovered mission finds its lanes' workflows, finished or not. */
export function laneWorkflowId(missionId: string, laneId: string, attempt: number): string {
  return `lane:${missionId}:${laneId}:a${attempt}`;
}

/** Deterministic: a second submission of the same mission is the same workflow (idempotent). */
export function missionWorkflowId(missionId: string): string {
  return `mission:${missionId}`;
}

import type { RemoteLaneRequest } from '../swarm/index.js';

/** What a submission hands the mission workflow: the frozen intent and where it runs. */
export interface MissionWorkflowInput {
  /** The validated mission intent (JSON). */
  intent: Record<string, unknown> & { mission_id: string };
  /** Absolute working directory (workspace, digests): the same path on every worker machine. */
  cwd: string;
  /** The CLI's model options of the submission (`--model`, `--replay`, `--no-record`, `--apply`). */
  options: {
    model?: string | undefined;
    replay?: boolean | undefined;
    record?: boolean | undefined;
    apply?: boolean | undefined;
  };
}

/** What the mission workflow returns (the workflow's recorded result). */
export interface MissionWorkflowResult {
  missionId: string;
  verdict: string;
  partial: boolean;
  markdownPath: string;
  jsonPath: string;
  /** The executor that finished it. */
  executorId: string;
}

/** What a mission hands one lane attempt's workflow. */
export interface LaneWorkflowInput {
  mission: MissionWorkflowInput;
  request: RemoteLaneRequest;
}
