import type { ClaimGrounding, MissionIntent, Verdict } from '../contracts/index.js';

/** Whether a claim counts against the hallucination rate: no evidence, or evidence that did not resolve. */
export function isBadGrounding(grounding: ClaimGrounding): boolean {
  return grounding.status !== 'grounded';
}

/**
 * (ungrounded + unresolved claims) ÷ claims. Returns 0 for no claims; the gate does not let that
 * pass (see `runVerify`): an empty bundle proves nothing.
 */
export function computeHallucinationRate(grounding: readonly ClaimGrounding[]): number {
  if (grounding.length === 0) return 0;
  return grounding.filter(isBadGrounding).length / grounding.length;
}

/** The two thresholds of the intent's `verify` block that define the bands. */
export type VerifyBands = Pick<
  MissionIntent['verify'],
  'hallucination_rate_target' | 'hallucination_rate_fail'
>;

/**
 * The band of a hallucination rate: `rate ≤ target` → PASS, `≤ fail` → CAUTION, else FAIL
 * (defaults: PASS ≤ 10 % < CAUTION ≤ 20 % < FAIL).
 */
export function bandFor(rate: number, verify: VerifyBands): Verdict {
  if (rate <= verify.hallucination_rate_target) return 'PASS';
  if (rate <= verify.hallucination_rate_fail) return 'CAUTION';
  return 'FAIL';
}
