import type { AggregateBundle, Claim, ClaimGrounding, Finding, ValidatorReport } from '../contracts/index.js';
import { createClaimOwners, sortedUnique } from './claim-owners.js';
import { findContradictions } from './find-contradictions.js';
import { createGroundingIndex } from './grounding-index.js';
import type { Validator, ValidatorInput } from './validator.js';

const NAME = 'verifier_aux';

/**
 * The independent third validator: consistency rather than grounding. It checks that each bundle
 * is internally sound (`lane-mismatch`, `duplicate-claim-id`), that no two claims cite the same
 * exact file range with different hashes (`inconsistent-evidence`, blaming the side whose hash does
 * not resolve), and that no claim plainly negates another about the same evidence (`contradiction`:
 * an error when both are grounded — the lanes disagree on checked facts — else a warning).
 * It looks at every lane's own claims, not only the aggregate's, because Aggregate merges claims
 * with identical evidence and could hide a contradiction inside `merged_from`.
 */
export function createVerifierAux(): Validator {
  return { name: NAME, validate };
}

async function validate(input: ValidatorInput): Promise<ValidatorReport> {
  const claims = allClaims(input.aggregate);
  const findings: Finding[] = [
    ...checkBundles(input.aggregate),
    ...(await checkEvidenceHashes(claims, input)),
    ...(await checkContradictions(claims, input)),
  ];
  const errors = findings.filter((finding) => finding.severity === 'error');
  return {
    validator: NAME,
    passed: errors.length === 0,
    findings,
    failing_lanes: sortedUnique(errors.flatMap((finding) => finding.lane_id ?? [])),
    summary: `${errors.length} consistency error(s), ${findings.length - errors.length} warning(s) over ${claims.length} claims`,
  };
}

function allClaims(aggregate: AggregateBundle): Claim[] {
  const byKey = new Map<string, Claim>();
  for (const claim of [...aggregate.claims, ...aggregate.bundles.flatMap((bundle) => bundle.claims)]) {
    const key = `${claim.lane_id}\u0000${claim.id}`;
    if (!byKey.has(key)) byKey.set(key, claim);
  }
  return [...byKey.values()];
}

function checkBundles(aggregate: AggregateBundle): Finding[] {
  const findings: Finding[] = [];
  for (const bundle of aggregate.bundles) {
    const seen = new Set<string>();
    for (const claim of bundle.claims) {
      if (claim.lane_id !== bundle.lane_id) {
        findings.push({
          code: 'lane-mismatch',
          severity: 'error',
          claim_id: claim.id,
          lane_id: bundle.lane_id,
          message: `claim ${claim.id} in the bundle of ${bundle.lane_id} says it belongs to ${claim.lane_id}`,
        });
      }
      if (seen.has(claim.id)) {
        findings.push({
          code: 'duplicate-claim-id',
          severity: 'error',
          claim_id: claim.id,
          lane_id: bundle.lane_id,
          message: `claim id ${claim.id} appears more than once in the bundle of ${bundle.lane_id}`,
        });
      }
      seen.add(claim.id);
    }
  }
  return findings;
}

async function checkEvidenceHashes(claims: readonly Claim[], input: ValidatorInput): Promise<Finding[]> {
  const ownersOf = createClaimOwners(input.aggregate);
  const byRange = new Map<string, Map<string, Claim[]>>();
  for (const claim of claims) {
    for (const ref of claim.evidence_refs) {
      if (ref.kind !== 'file') continue;
      const range = `${ref.path}:${ref.lines[0]}-${ref.lines[1]}`;
      let byHash = byRange.get(range);
      if (byHash === undefined) {
        byHash = new Map<string, Claim[]>();
        byRange.set(range, byHash);
      }
      const citing = byHash.get(ref.sha256);
      if (citing === undefined) byHash.set(ref.sha256, [claim]);
      else citing.push(claim);
    }
  }
  const findings: Finding[] = [];
  for (const [range, byHash] of byRange) {
    if (byHash.size < 2) continue;
    const citing = [...byHash.values()].flat();
    const wrong: Claim[] = [];
    for (const [sha256, hashClaims] of byHash) {
      const ref = hashClaims[0]?.evidence_refs.find(
        (candidate) => candidate.kind === 'file' && candidate.sha256 === sha256,
      );
      if (ref !== undefined && (await input.resolver.resolveRef(ref)).status !== 'resolved') {
        wrong.push(...hashClaims);
      }
    }
    // When the resolver cannot tell which hash is right, every side is suspect.
    const blamed = wrong.length > 0 ? wrong : citing;
    const who = citing.map((claim) => `${claim.id} (${claim.lane_id})`).join(', ');
    for (const lane of sortedUnique(blamed.flatMap(ownersOf))) {
      findings.push({
        code: 'inconsistent-evidence',
        severity: 'error',
        lane_id: lane,
        message: `${range} is cited with ${byHash.size} different sha256 values by ${who}`,
      });
    }
  }
  return findings;
}

async function checkContradictions(claims: readonly Claim[], input: ValidatorInput): Promise<Finding[]> {
  const groundingOf = createGroundingIndex(input.grounding);
  // Claims merged away by Aggregate have no grounding entry: ground them (from the resolver's cache).
  const statusOf = async (claim: Claim): Promise<ClaimGrounding['status']> =>
    (groundingOf(claim) ?? (await input.resolver.groundClaim(claim))).status;
  const findings: Finding[] = [];
  for (const [first, second] of findContradictions(claims)) {
    const bothGrounded = (await statusOf(first)) === 'grounded' && (await statusOf(second)) === 'grounded';
    const message = `claims ${first.id} (${first.lane_id}) and ${second.id} (${second.lane_id}) contradict each other: "${first.text}" vs "${second.text}"`;
    for (const claim of [first, second]) {
      findings.push({
        code: 'contradiction',
        severity: bothGrounded ? 'error' : 'warning',
        claim_id: claim.id,
        lane_id: claim.lane_id,
        message,
      });
    }
  }
  return findings;
}
