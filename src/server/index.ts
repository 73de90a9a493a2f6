export type { BlackboardFeed, BlackboardFeedOptions, ReceiptSubscriber } from './blackboard-feed.js';
export { createBlackboardFeed } from './blackboard-feed.js';
export type { ClaimRefView, ClaimView, MissionView, VerifyRoundView } from './build-mission-view.js';
export { buildMissionView } from './build-mission-view.js';
export type {
  ClarificationSession,
  ClarificationState,
  StartClarificationOptions,
} from './create-clarification-session.js';
export { startClarificationSession } from './create-clarification-session.js';
export type { DashboardOptions } from './create-dashboard-app.js';
export { createDashboardApp } from './create-dashboard-app.js';
export type { MissionCatalog, MissionCatalogOptions } from './create-mission-catalog.js';
export { createMissionCatalog } from './create-mission-catalog.js';
export type { MissionRunner, MissionRunnerOptions, RunningMission } from './create-mission-runner.js';
export { createMissionRunner } from './create-mission-runner.js';
export { isLoopbackHost } from './is-loopback-host.js';
export type { EvidenceExcerpt, EvidenceLine } from './read-evidence-lines.js';
export { readEvidenceLines } from './read-evidence-lines.js';
export { requireToken, TOKEN_COOKIE } from './require-token.js';
export type { DashboardServer, DashboardServerOptions } from './start-dashboard-server.js';
export { startDashboardServer } from './start-dashboard-server.js';
export type { TimelineEntry } from './timeline-entry.js';
