export { BUNDLE_JSON_SCHEMA_ID, bundleJsonSchema } from './bundle-json-schema.js';
export type { CanaryClaim, CanaryKind, RefCanaryKind, TextCanaryKind } from './canary-claims.js';
export { CANARY_LANE_ID, plantCanaryClaims } from './canary-claims.js';
export type { SupportEvidence, SupportResult } from './check-support.js';
export { checkSupport, isNearEmptyEvidence } from './check-support.js';
export type { ClaimToken, ClaimTokenKind } from './claim-tokens.js';
export { extractClaimTokens } from './claim-tokens.js';
export type { BuiltInValidatorName } from './create-validator.js';
export { createValidator, isBuiltInValidatorName } from './create-validator.js';
export type { CriteriaJudgement, CriteriaValidatorOptions, Criterion } from './criteria-validator.js';
export { createCriteriaValidator } from './criteria-validator.js';
export { describeChecks, judgedByQuorum, OFFLINE_CHECKS } from './describe-checks.js';
export type { DisruptorOptions } from './disruptor.js';
export { createDisruptor, plantAllCanaries } from './disruptor.js';
export type { Statement } from './find-contradictions.js';
export {
  contradictionKind,
  findContradictions,
  isNegationOf,
  listContradictions,
  parseStatement,
  refsOverlap,
} from './find-contradictions.js';
export { readFileAtCommit, readHeadCommit } from './git-file-at-commit.js';
export { createGroundingResolver } from './grounding-resolver.js';
export type { VerifyBands } from './hallucination-rate.js';
export { bandFor, computeHallucinationRate, isBadGrounding } from './hallucination-rate.js';
export { createImmunizer } from './immunizer.js';
export type { InspectedClaim, StatedClaim } from './inspect-claim.js';
export { inspectClaim, statementOf } from './inspect-claim.js';
export { findInstructionLikeText } from './instruction-like-text.js';
export type { LaneProfile } from './lane-profile.js';
export { countIndependentLanes, laneProfilesFromIntent } from './lane-profile.js';
export type { BundleFileProblem, LoadedBundleFile } from './load-bundle-file.js';
export { BundleFileError, loadBundleFile, parseBundleFile } from './load-bundle-file.js';
export type { MetricSource, Tolerance } from './metric-source.js';
export { parseMetricSource } from './metric-source.js';
export { findPlaceholders } from './placeholder-text.js';
export type { RerunPlan } from './plan-rerun.js';
export { planRerun } from './plan-rerun.js';
export type {
  GroundingResolver,
  GroundingResolverOptions,
  RecordedCommand,
  RecordedSpan,
  RefProblem,
  RefProblemCode,
  RefResolution,
} from './ref-resolution.js';
export { REF_PROBLEM_CODES, SUPPORTING_OUTCOMES } from './ref-resolution.js';
export type { RunVerifyInput } from './run-verify.js';
export { runVerify, type StartedVerify, startVerify } from './run-verify.js';
export { containsOnBoundary } from './token-match.js';
export type { UrlSnapshotStore } from './url-snapshot-store.js';
export { createUrlSnapshotStore } from './url-snapshot-store.js';
export type { Validator, ValidatorInput } from './validator.js';
export { createVerifierAux } from './verifier-aux.js';
export type { VerifyErrorCode } from './verify-error.js';
export { VerifyError } from './verify-error.js';
export { wilsonInterval } from './wilson-interval.js';
