export type { DecisionMatrix, Digest, DigestEngage, DigestNote, DigestUsage, RunStep } from './digest.js';
export {
  DecisionMatrixSchema,
  DigestEngageSchema,
  DigestNoteSchema,
  DigestSchema,
  DigestUsageSchema,
  RunStepSchema,
} from './digest.js';
export { normalizeEvidencePath } from './evidence-path.js';
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
  MissionCriterion,
  MissionIntent,
  MissionIntentInput,
  MissionScope,
  ModelPrice,
  ResolvedLane,
} from './mission-intent.js';
export {
  BUILT_IN_VALIDATORS,
  BudgetSchema,
  ClarificationSchema,
  IntentParentSchema,
  LaneSpecSchema,
  MISSION_CRITERIA_VALIDATOR,
  MissionCriterionSchema,
  MissionIntentSchema,
  ModelPriceSchema,
  resolveLanes,
  ScopeSchema,
} from './mission-intent.js';
export type {
  AggregateBundle,
  Artifact,
  Claim,
  ClaimStatement,
  CynefinDomain,
  Observation,
  PerceptionSnapshot,
  Proposal,
  ProposedFile,
  ReactReceipt,
  Refusal,
  ReviewBundle,
  SimilarCase,
  WorkPackage,
} from './phase-outputs.js';
export {
  AggregateBundleSchema,
  ArtifactSchema,
  ClaimSchema,
  ClaimStatementSchema,
  CYNEFIN_DOMAINS,
  CynefinDomainSchema,
  MetricSchema,
  ObservationSchema,
  PerceptionSnapshotSchema,
  ProposalSchema,
  ProposedFileSchema,
  ReactReceiptSchema,
  RefusalSchema,
  ReviewBundleSchema,
  SimilarCaseSchema,
  WorkPackageSchema,
} from './phase-outputs.js';
export type { Receipt, ReceiptDraft } from './receipt.js';
export { GENESIS_HASH, ReceiptDraftSchema, ReceiptSchema } from './receipt.js';
export type {
  BundleClaim,
  BundleLane,
  ReviewBundleFile,
  ReviewBundleFileInput,
} from './review-bundle-file.js';
export {
  BundleClaimSchema,
  BundleLaneSchema,
  REVIEW_BUNDLE_FORMAT,
  ReviewBundleFileSchema,
} from './review-bundle-file.js';
export type {
  McpToolDiscovered,
  ModelCallEnd,
  PhaseOutputs,
  PreyPhase,
  RevertPlanWrite,
  RunEvent,
  RunEventListener,
  RunEventOf,
  RunEventType,
  SafetyRefusal,
  ToolCallEnd,
  UsageTotals,
  WorkspaceRestore,
  WriteChunk,
} from './run-event.js';
export { PHASE_ROLES, PREY_PHASES } from './run-event.js';
export type {
  CanaryCatch,
  ClaimGrounding,
  ClaimJudgementRecord,
  Contradiction,
  Finding,
  InstructionLikeEvidence,
  RefCheck,
  RefOutcome,
  ValidatorReport,
  Verdict,
  VerifyReport,
} from './verify-report.js';
export {
  CanaryCatchSchema,
  ClaimGroundingSchema,
  ClaimJudgementRecordSchema,
  ContradictionSchema,
  FindingSchema,
  InstructionLikeEvidenceSchema,
  REF_OUTCOMES,
  RefCheckSchema,
  RefOutcomeSchema,
  ValidatorReportSchema,
  VERDICTS,
  VerdictSchema,
  VerifyReportSchema,
} from './verify-report.js';
