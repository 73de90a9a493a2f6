import type { Verdict, VerifyReport } from '../contracts/verify-report.js';
import type { ClaimView } from './build-claim-views.js';

/** Caps by verdict: a failed or cautioned gate must never read as a confident answer. */
export const CONFIDENCE_CAPS: Readonly<Record<Verdict, number>> = { PASS: 1, CAUTION: 0.6, FAIL: 0.25 };
/** Cap for a digest cut short: it covers only part of the mission. */
export const PARTIAL_CONFIDENCE_CAP = 0.5;

/** The signals behind the confidence, each 0–1, kept for the notes. */
export interface ConfidenceFactors {
  /** Share of the checkable claims whose evidence resolved and supports them. */
  grounded: number;
  /** Share of validators that passed the bundle. */
  quorum: number;
  /** Share of the final claims asserted by more than one independent lane (other model or persona). */
  agreement: number;
  /** How far language-model judges covered the quorum: judging validators ÷ threshold, at most 1. */
  judged: number;
}

function clamp(value: number): number {
  return Math.min(1, Math.max(0, value));
}

/** The factors from the last report and the claim views; no report means nothing was verified. */
export function confidenceFactors(
  report: VerifyReport | undefined,
  views: readonly ClaimView[],
): ConfidenceFactors {
  if (report === undefined) return { grounded: 0, quorum: 0, agreement: 0, judged: 0 };
  const checkable = report.claims_total - (report.claims_unverifiable ?? 0);
  const grounded = checkable <= 0 ? 0 : report.claims_grounded / checkable;
  const voters = report.validators.length;
  const quorum = voters === 0 ? 0 : report.quorum.passed / voters;
  const agreement =
    views.length === 0 ? 0 : views.filter((view) => view.independentLanes > 1).length / views.length;
  const threshold = report.quorum.threshold;
  const judged = threshold <= 0 ? 0 : (report.support_judges ?? 0) / threshold;
  return {
    grounded: clamp(grounded),
    quorum: clamp(quorum),
    agreement: clamp(agreement),
    judged: clamp(judged),
  };
}

/**
 * How far to trust the BLUF, 0–1, two decimals:
 *
 *   confidence = min(cap, 0.5 · grounded + 0.2 · quorum + 0.15 · agreement + 0.15 · judged)
 *
 * Grounding weighs most because an unsupported claim is the failure the product exists to stop;
 * the validators' vote comes next; agreement counts only independent lanes (duplicated deterministic
 * lanes are one voice) and judges only when models judged support — so the deterministic checks
 * alone reach at most 0.85. The cap is 1 for PASS, 0.6 for CAUTION, 0.25 for FAIL, at most 0.5 partial.
 */
export function computeConfidence(verdict: Verdict, factors: ConfidenceFactors, partial: boolean): number {
  const raw =
    0.5 * factors.grounded + 0.2 * factors.quorum + 0.15 * factors.agreement + 0.15 * factors.judged;
  const cap = Math.min(CONFIDENCE_CAPS[verdict], partial ? PARTIAL_CONFIDENCE_CAP : 1);
  return Math.round(clamp(Math.min(raw, cap)) * 100) / 100;
}
