export type { BlufFacts } from './build-bluf.js';
export { buildBluf } from './build-bluf.js';
export type { ClaimStatus, ClaimView } from './build-claim-views.js';
export { buildClaimViews, rankClaimViews } from './build-claim-views.js';
export { buildDecisionMatrix, DECISION_MATRIX_COLUMNS } from './build-decision-matrix.js';
export { buildDigest, buildDigestInTurns } from './build-digest.js';
export { buildDigestNotes } from './build-digest-notes.js';
export { buildModuleMap, moduleOf } from './build-module-map.js';
export type { RunDiagramInput } from './build-run-diagram.js';
export { buildRunDiagram } from './build-run-diagram.js';
export type { ConfidenceFactors } from './compute-confidence.js';
export {
  CONFIDENCE_CAPS,
  computeConfidence,
  confidenceFactors,
  PARTIAL_CONFIDENCE_CAP,
} from './compute-confidence.js';
export type { ParseCoverage } from './describe-coverage.js';
export { describeCoverage } from './describe-coverage.js';
export { collectBlockers, describeOperatingMode, describeSafety } from './describe-run.js';
export { DigestError } from './digest-error.js';
export type { DigestExtras } from './digest-extras.js';
export type { DigestInput } from './digest-input.js';
export { isOfflineEngine } from './digest-input.js';
export { groupDigits } from './group-digits.js';
export { escapeTableCell, renderDigestMarkdown } from './render-digest-markdown.js';
export type { ReviewBundleDraft, ReviewBundleDraftOptions } from './review-bundle-draft.js';
export { draftReviewBundleText, finishReviewBundleText } from './review-bundle-draft.js';
export type { WriteDigestOptions } from './write-digest.js';
export { DEFAULT_DIGEST_DIR, writeDigest } from './write-digest.js';
export { isDigestPairComplete, removeOrphanTemps, writeFilesTogether } from './write-files-together.js';
export type { WriteReviewBundleOptions } from './write-review-bundle.js';
export {
  REVIEW_BUNDLE_FILE_NAME,
  reviewBundleText,
  toReviewBundleFile,
  writeReviewBundle,
} from './write-review-bundle.js';
export type { PreparedDigestText, RunDigestPaths, RunDigestReservation } from './write-run-digest.js';
export {
  claimRunDirectory,
  prepareDigestText,
  reserveRunDigest,
  writeRunDigest,
} from './write-run-digest.js';
