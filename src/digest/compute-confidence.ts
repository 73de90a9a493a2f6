import type { Verdict, VerifyReport } from '../contracts/verify-report.js';
import type { ClaimView } from './build-claim-views.js';

/** Caps by verdict: a failed or cautioned gate must never read as a confident answer. */
export const CONFIDENCE_CAPS: Readonly<Record<Verdict, number>> = { PASS: 1, CAUTION: 0.6, FAIL: 0.25 };
/** Cap for a digest cut short: it covers only part of the mission. */
export const PARTIAL_CONFIDENCE_CAP = 0.5;

/** The three signals behind the confidence, each 0–1, kept for the notes. */
export interface ConfidenceFactors {
  /** Share of the final claims whose evidence resolved. */
  grounded: number;
  /** Share of validators that passed the bundle. */
  quorum: number;
  /** Share of the final claims asserted by more than one lane. */
  agreement: number;
}

function clamp(value: number): number {
  return Math.min(1, Math.max(0, value));
}

/** The factors from the last report and the claim views; no report means nothing was verified. */
export function confidenceFactors(
  report: VerifyReport | undefined,
  views: readonly ClaimView[],
): ConfidenceFactors {
  if (report === undefined) return { grounded: 0, quorum: 0, agreement: 0 };
  const grounded = report.claims_total === 0 ? 0 : report.claims_grounded / report.claims_total;
  const voters = report.validators.length;
  const quorum = voters === 0 ? 0 : report.quorum.passed / voters;
  const agreement =
    views.length === 0 ? 0 : views.filter((view) => view.lanes.length > 1).length / views.length;
  return { grounded: clamp(grounded), quorum: clamp(quorum), agreement: clamp(agreement) };
}

/**
 * How far to trust the BLUF, 0–1, two decimals:
 *
 *   confidence = min(cap, 0.6 · grounded + 0.25 · quorum + 0.15 · agreement)
 *
 * Grounding weighs most because an ungrounded claim is the failure the product exists to stop;
 * the validators' vote comes next; cross-lane agreement adds a little, because independent lanes
 * finding the same evidence is corroboration but a single lane can still be right. The cap is
 * 1 for PASS, 0.6 for CAUTION, 0.25 for FAIL, and at most 0.5 for a partial digest.
 */
export function computeConfidence(verdict: Verdict, factors: ConfidenceFactors, partial: boolean): number {
  const raw = 0.6 * factors.grounded + 0.25 * factors.quorum + 0.15 * factors.agreement;
  const cap = Math.min(CONFIDENCE_CAPS[verdict], partial ? PARTIAL_CONFIDENCE_CAP : 1);
  return Math.round(clamp(Math.min(raw, cap)) * 100) / 100;
}
