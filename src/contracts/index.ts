export type { DecisionMatrix, Digest, DigestNote, DigestUsage, RunStep } from './digest.js';
export { DecisionMatrixSchema, DigestNoteSchema, DigestSchema, DigestUsageSchema, RunStepSchema } from './digest.js';
export type { EvidenceRef, FileEvidenceRef, MetricEvidenceRef, UrlEvidenceRef } from './evidence-ref.js';
export {
  EvidenceRefSchema,
  FileEvidenceRefSchema,
  formatEvidenceRef,
  MetricEvidenceRefSchema,
  Sha256Schema,
  UrlEvidenceRefSchema,
} from './evidence-ref.js';
export { hashLineRange, sha256Hex, sliceLines, splitLines } from './line-hash.js';
export type {
  Budget,
  Clarification,
  LaneSpec,
  MissionIntent,
  MissionIntentInput,
  ModelPrice,
  ResolvedLane,
} from './mission-intent.js';
export {
  BudgetSchema,
  BUILT_IN_VALIDATORS,
  ClarificationSchema,
  LaneSpecSchema,
  ModelPriceSchema,
  MissionIntentSchema,
  resolveLanes,
} from './mission-intent.js';
export type {
  AggregateBundle,
  Artifact,
  Claim,
  CynefinDomain,
  Observation,
  PerceptionSnapshot,
  ReactReceipt,
  ReviewBundle,
  SimilarCase,
  WorkPackage,
} from './phase-outputs.js';
export {
  AggregateBundleSchema,
  ArtifactSchema,
  ClaimSchema,
  CYNEFIN_DOMAINS,
  CynefinDomainSchema,
  MetricSchema,
  ObservationSchema,
  PerceptionSnapshotSchema,
  ReactReceiptSchema,
  ReviewBundleSchema,
  SimilarCaseSchema,
  WorkPackageSchema,
} from './phase-outputs.js';
export type { Receipt, ReceiptDraft } from './receipt.js';
export { GENESIS_HASH, ReceiptDraftSchema, ReceiptSchema } from './receipt.js';
export type {
  ModelCallEnd,
  PhaseOutputs,
  PreyPhase,
  ToolCallEnd,
  UsageTotals,
  RunEvent,
  RunEventListener,
  RunEventOf,
  RunEventType,
} from './run-event.js';
export { PHASE_ROLES, PREY_PHASES } from './run-event.js';
export type { ClaimGrounding, Finding, ValidatorReport, Verdict, VerifyReport } from './verify-report.js';
export {
  ClaimGroundingSchema,
  FindingSchema,
  ValidatorReportSchema,
  VERDICTS,
  VerdictSchema,
  VerifyReportSchema,
} from './verify-report.js';
