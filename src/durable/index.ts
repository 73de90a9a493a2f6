export type { FileJournalOptions } from './create-file-journal.js';
export {
  createFileJournal,
  DEFAULT_JOURNAL_DIR,
  journalDirectory,
  OWNER_FILE,
  removeJournalLeftovers,
} from './create-file-journal.js';
export { createMemoryJournal } from './create-memory-journal.js';
export type { DurableJournal, JournalMeta, JournalStatus, StepKind, StepRecord } from './durable-journal.js';
export type {
  MissionOwner,
  MissionOwnerClaim,
  OwnerLiveness,
  OwnerLivenessOptions,
} from './mission-owner.js';
export {
  claimMissionOwner,
  judgeMissionOwner,
  OWNER_HEARTBEAT_MS,
  OWNER_STALE_MS,
  readMissionOwner,
} from './mission-owner.js';
export type { StepId } from './step-id.js';
export { formatStepId } from './step-id.js';
export { writeFileDurably } from './write-file-durably.js';
