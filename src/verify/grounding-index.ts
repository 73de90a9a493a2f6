import type { Claim, ClaimGrounding } from '../contracts/index.js';

function claimKey(laneId: string, claimId: string): string {
  return `${laneId}\u0000${claimId}`;
}

/**
 * Looks up a claim's grounding by lane and id rather than by position, so a validator cannot pair
 * a claim with another claim's verdict when claim ids repeat across lanes.
 */
export function createGroundingIndex(
  grounding: readonly ClaimGrounding[],
): (claim: Claim) => ClaimGrounding | undefined {
  const byKey = new Map(grounding.map((entry) => [claimKey(entry.lane_id, entry.claim_id), entry]));
  return (claim) => byKey.get(claimKey(claim.lane_id, claim.id));
}
