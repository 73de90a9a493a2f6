import type { Finding, ValidatorReport } from '../contracts/index.js';
import { createClaimOwners, sortedUnique } from './claim-owners.js';
import { createGroundingIndex } from './grounding-index.js';
import { computeHallucinationRate } from './hallucination-rate.js';
import type { Validator, ValidatorInput } from './validator.js';

const NAME = 'immunizer';

/**
 * The blue validator: checks grounding. It fails when the hallucination rate exceeds
 * `intent.verify.hallucination_rate_target`, or when there are no claims at all (nothing was
 * shown to be true). Each bad claim gets findings coded after its ref problems (`sha256-mismatch`,
 * `range-invalid`, `outside-workspace`, `quote-not-found`, `file-missing`, …) or `ungrounded-claim`.
 */
export function createImmunizer(): Validator {
  return { name: NAME, validate };
}

async function validate(input: ValidatorInput): Promise<ValidatorReport> {
  const { aggregate, grounding, resolver, intent } = input;
  if (aggregate.claims.length === 0) {
    return {
      validator: NAME,
      passed: false,
      findings: [{ code: 'no-claims', severity: 'error', message: 'the bundle has no claims to verify' }],
      failing_lanes: [],
      summary: 'no claims: nothing is grounded',
    };
  }
  const rate = computeHallucinationRate(grounding);
  const target = intent.verify.hallucination_rate_target;
  const passed = rate <= target;
  const severity: Finding['severity'] = passed ? 'warning' : 'error';
  const groundingOf = createGroundingIndex(grounding);
  const ownersOf = createClaimOwners(aggregate);
  const findings: Finding[] = [];
  const blamed: string[] = [];
  let bad = 0;
  for (const claim of aggregate.claims) {
    const entry = groundingOf(claim) ?? (await resolver.groundClaim(claim));
    if (entry.status === 'grounded') continue;
    bad += 1;
    blamed.push(...ownersOf(claim));
    const base = { severity, claim_id: claim.id, lane_id: claim.lane_id };
    if (entry.status === 'ungrounded') {
      findings.push({ ...base, code: 'ungrounded-claim', message: `claim ${claim.id} has no evidence refs` });
      continue;
    }
    // The grounding keeps only messages; re-resolving (from the resolver's cache) recovers the codes.
    for (const ref of claim.evidence_refs) {
      const resolution = await resolver.resolveRef(ref);
      for (const problem of resolution.problems) {
        findings.push({ ...base, code: problem.code, message: `claim ${claim.id}: ${problem.message}` });
      }
    }
  }
  const percent = (rate * 100).toFixed(1);
  return {
    validator: NAME,
    passed,
    findings,
    failing_lanes: passed ? [] : sortedUnique(blamed),
    summary: `${bad} of ${aggregate.claims.length} claims not grounded (hallucination rate ${percent} %, target ≤ ${(target * 100).toFixed(1)} %)`,
  };
}
