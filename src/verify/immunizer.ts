import type { Claim, ClaimGrounding, Finding, ValidatorReport } from '../contracts/index.js';
import { createClaimOwners, sortedUnique } from './claim-owners.js';
import { claimKey } from './collect-claims.js';
import { createGroundingIndex } from './grounding-index.js';
import { computeHallucinationRate } from './hallucination-rate.js';
import type { Validator, ValidatorInput } from './validator.js';

const NAME = 'immunizer';

/** Every lane claim once: the final claims, then those Aggregate merged into them. */
function laneClaims(input: ValidatorInput): Claim[] {
  const seen = new Set(input.aggregate.claims.map(claimKey));
  const merged = input.aggregate.bundles
    .flatMap((bundle) => bundle.claims)
    .filter((claim) => !seen.has(claimKey(claim)));
  return [...input.aggregate.claims, ...merged];
}

/**
 * The blue validator: checks grounding and support. It fails when the hallucination rate over the
 * lanes' own claims exceeds `intent.verify.hallucination_rate_target`, or when there are no claims
 * at all. Each bad claim gets findings coded after its ref problems (`sha256-mismatch`,
 * `range-invalid`, `quote-not-found`, `empty-evidence`, …), `unsupported-claim` (a token of its text
 * missing from the evidence, a malformed or unpinned claim) or `ungrounded-claim`.
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
  const groundingOf = createGroundingIndex(grounding);
  const claims = laneClaims(input);
  const entries: ClaimGrounding[] = [];
  for (const claim of claims) entries.push(groundingOf(claim) ?? (await resolver.groundClaim(claim)));
  const rate = computeHallucinationRate(entries);
  const target = intent.verify.hallucination_rate_target;
  const passed = rate <= target;
  const severity: Finding['severity'] = passed ? 'warning' : 'error';
  const ownersOf = createClaimOwners(aggregate);
  const findings: Finding[] = [];
  const blamed: string[] = [];
  let bad = 0;
  for (const [index, claim] of claims.entries()) {
    const entry = entries[index];
    if (entry === undefined || entry.status === 'grounded' || entry.status === 'unverifiable') continue;
    bad += 1;
    blamed.push(...ownersOf(claim));
    const base = { severity, claim_id: claim.id, lane_id: claim.lane_id };
    if (entry.status === 'ungrounded') {
      findings.push({ ...base, code: 'ungrounded-claim', message: `claim ${claim.id} has no evidence refs` });
      continue;
    }
    // The grounding keeps only messages; re-resolving (from the resolver's cache) recovers the codes.
    let coded = false;
    for (const ref of claim.evidence_refs) {
      const resolution = await resolver.resolveRef(ref);
      for (const problem of resolution.problems) {
        if (resolution.status === 'unverifiable') continue;
        coded = true;
        findings.push({ ...base, code: problem.code, message: `claim ${claim.id}: ${problem.message}` });
      }
    }
    if (!coded) {
      findings.push({
        ...base,
        code: entry.status === 'contradicted' ? 'contradicted-claim' : 'unsupported-claim',
        message: `claim ${claim.id}: ${entry.problems[0] ?? entry.status}`,
      });
    }
  }
  const percent = (rate * 100).toFixed(1);
  return {
    validator: NAME,
    passed,
    findings,
    failing_lanes: passed ? [] : sortedUnique(blamed),
    summary: `${bad} of ${claims.length} lane claims not grounded or not supported (hallucination rate ${percent} %, target ≤ ${(target * 100).toFixed(1)} %)`,
  };
}
