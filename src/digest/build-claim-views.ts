import type { EvidenceRef } from '../contracts/evidence-ref.js';
import type { AggregateBundle, Claim } from '../contracts/phase-outputs.js';
import type { ClaimGrounding, VerifyReport } from '../contracts/verify-report.js';

/** How a final claim stands: the grounding status, or `not-verified` when Verify never judged it (a partial run). */
export type ClaimStatus = ClaimGrounding['status'] | 'not-verified';

/** One final claim with what the digest needs to say about it. */
export interface ClaimView {
  claim: Claim;
  status: ClaimStatus;
  /** Why the evidence failed, from the grounding resolver. */
  problems: string[];
  /** Every lane that asserted this claim (its own lane plus lanes of merged duplicates), sorted. */
  lanes: string[];
  /** Independent voices among `lanes` (differing model or persona, own evidence); `lanes.length` when unknown. */
  independentLanes: number;
  evidenceRefs: EvidenceRef[];
}

/**
 * Joins the final claims with the last report's grounding and with the lanes whose duplicates
 * Aggregate merged into them: agreement across lanes is a decision signal, so it is made explicit.
 */
export function buildClaimViews(aggregate: AggregateBundle, report: VerifyReport | undefined): ClaimView[] {
  const laneOfClaim = new Map<string, string>();
  for (const bundle of aggregate.bundles) {
    for (const claim of bundle.claims) laneOfClaim.set(claim.id, claim.lane_id);
  }
  const grounding = new Map(
    report?.grounding.map((entry) => [`${entry.lane_id}\u0000${entry.claim_id}`, entry]),
  );
  return aggregate.claims.map((claim) => {
    const lanes = new Set([claim.lane_id]);
    for (const id of claim.merged_from ?? []) {
      const lane = laneOfClaim.get(id);
      if (lane !== undefined) lanes.add(lane);
    }
    const entry = grounding.get(`${claim.lane_id}\u0000${claim.id}`);
    return {
      claim,
      status: entry?.status ?? 'not-verified',
      problems: entry?.problems ?? [],
      lanes: [...lanes].sort(),
      independentLanes: entry?.independent_lanes ?? lanes.size,
      evidenceRefs: claim.evidence_refs,
    };
  });
}

/**
 * The claims worth leading with: grounded first, then by how many lanes agree, then by how much
 * evidence they cite; ties keep Aggregate's order so the result is deterministic.
 */
export function rankClaimViews(views: readonly ClaimView[]): ClaimView[] {
  const weight = (view: ClaimView): number => (view.status === 'grounded' ? 1 : 0);
  return views
    .map((view, index) => ({ view, index }))
    .sort(
      (left, right) =>
        weight(right.view) - weight(left.view) ||
        right.view.independentLanes - left.view.independentLanes ||
        right.view.lanes.length - left.view.lanes.length ||
        right.view.evidenceRefs.length - left.view.evidenceRefs.length ||
        left.index - right.index,
    )
    .map((entry) => entry.view);
}
