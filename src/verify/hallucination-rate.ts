import type { ClaimGrounding, MissionIntent, Verdict } from '../contracts/index.js';

/**
 * Whether a claim counts against the hallucination rate: no evidence, evidence that did not resolve,
 * or evidence that does not support it. `unverifiable` claims are counted apart, never as lies.
 */
export function isBadGrounding(grounding: ClaimGrounding): boolean {
  return grounding.status !== 'grounded' && grounding.status !== 'unverifiable';
}

/**
 * Bad claims ÷ checkable claims (unverifiable ones apart). Returns 0 for none; the gate does not let
 * that pass (see `runVerify`): an empty bundle proves nothing.
 */
export function computeHallucinationRate(grounding: readonly ClaimGrounding[]): number {
  const checkable = grounding.filter((entry) => entry.status !== 'unverifiable');
  if (checkable.length === 0) return 0;
  return checkable.filter(isBadGrounding).length / checkable.length;
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
