export { aggregateBundles } from './aggregate-bundles.js';
export type { CaseSearch, LaneContext, LaneOutputs } from './lane-context.js';
export { MissionError } from './mission-error.js';
export type { RunEventBus } from './run-event-bus.js';
export { createRunEventBus } from './run-event-bus.js';
export { runLane } from './run-lane.js';
export type { MissionResult, RunMissionOptions } from './run-mission.js';
export { runMission } from './run-mission.js';
