export { computeAppVersion } from './app-version.js';
export { markContinuedRun, missionStartKind } from './continue-run.js';
export { DbosError, requireDatabaseUrl } from './dbos-error.js';
export type { DbosMissionIndex } from './dbos-mission-index.js';
export { DBOS_BLACKBOARD_PREFIX, openDbosMissionIndex } from './dbos-mission-index.js';
export type { ExportResult } from './export-receipts.js';
export { exportMissionReceipts, recordMissionAnchor } from './export-receipts.js';
export { applyDbosMigrations, DBOS_SCHEMA } from './migrations.js';
export { createPostgresJournal } from './postgres-journal.js';
export { openReceiptsBlackboard } from './receipts-blackboard.js';
export type {
  DbosLaneRuntime,
  DbosMissionRuntime,
  DbosWorker,
  LaneRunner,
  MissionRunner,
  StartDbosWorkerOptions,
} from './start-dbos-worker.js';
export { startDbosWorker } from './start-dbos-worker.js';
export type { MissionSubmission } from './submit-mission.js';
export { openReceiptsPool, submitMission } from './submit-mission.js';
export type { WatchdogOptions } from './watchdog.js';
export type { LaneWorkflowInput, MissionWorkflowInput, MissionWorkflowResult } from './workflow-names.js';
export {
  LANE_QUEUE,
  LANE_WORKFLOW,
  laneWorkflowId,
  limitedLaneQueue,
  MISSION_QUEUE,
  MISSION_WORKFLOW,
  missionWorkflowId,
} from './workflow-names.js';
