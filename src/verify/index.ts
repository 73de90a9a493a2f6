export type { CanaryClaim, CanaryKind } from './canary-claims.js';
export { CANARY_LANE_ID, plantCanaryClaims } from './canary-claims.js';
export type { BuiltInValidatorName } from './create-validator.js';
export { createValidator, isBuiltInValidatorName } from './create-validator.js';
export type { CriteriaJudgement, CriteriaValidatorOptions, Criterion } from './criteria-validator.js';
export { createCriteriaValidator } from './criteria-validator.js';
export type { DisruptorOptions } from './disruptor.js';
export { createDisruptor } from './disruptor.js';
export type { Statement } from './find-contradictions.js';
export { findContradictions, isNegationOf, parseStatement, refsOverlap } from './find-contradictions.js';
export { createGroundingResolver } from './grounding-resolver.js';
export type { VerifyBands } from './hallucination-rate.js';
export { bandFor, computeHallucinationRate, isBadGrounding } from './hallucination-rate.js';
export { createImmunizer } from './immunizer.js';
export { isKnownMetricSource, KNOWN_METRIC_SOURCES } from './metric-source.js';
export { findPlaceholders } from './placeholder-text.js';
export type { RerunPlan } from './plan-rerun.js';
export { planRerun } from './plan-rerun.js';
export type {
  GroundingResolver,
  GroundingResolverOptions,
  RefProblem,
  RefProblemCode,
  RefResolution,
} from './ref-resolution.js';
export { REF_PROBLEM_CODES } from './ref-resolution.js';
export type { RunVerifyInput } from './run-verify.js';
export { runVerify } from './run-verify.js';
export type { Validator, ValidatorInput } from './validator.js';
export { createVerifierAux } from './verifier-aux.js';
export type { VerifyErrorCode } from './verify-error.js';
export { VerifyError } from './verify-error.js';
