import type { AggregateBundle, Claim, ClaimGrounding } from '../contracts/index.js';
import { claimKey } from './collect-claims.js';
import { isBadGrounding } from './hallucination-rate.js';
import { countIndependentLanes, type LaneProfile } from './lane-profile.js';
import { wilsonInterval } from './wilson-interval.js';

/** The rate and per-lane tallies over every lane's own claims. */
export interface LaneClaimSummary {
  /** Final claims first (with lanes and independent voices), then merged-away lane claims. */
  grounding: ClaimGrounding[];
  total: number;
  checkable: number;
  rate: number;
  interval: [number, number];
  /** Lanes whose own claims are worse than `target`. */
  lanesAboveTarget(target: number): string[];
}

/**
 * Counts the hallucination rate over the lanes' own claims: a claim Aggregate merged into another
 * is still its lane's claim, so merging honest agreement cannot raise the rate and merging a lie
 * into an honest claim cannot hide it. Unverifiable claims are counted apart.
 */
export function summarizeLaneClaims(options: {
  aggregate: AggregateBundle;
  claims: readonly Claim[];
  byKey: ReadonlyMap<string, ClaimGrounding>;
  ownersOf: (claim: Claim) => string[];
  profiles: ReadonlyMap<string, LaneProfile>;
}): LaneClaimSummary {
  const { aggregate, claims, byKey } = options;
  const claimByLaneId = new Map<string, Claim>();
  for (const bundle of aggregate.bundles)
    for (const claim of bundle.claims) claimByLaneId.set(claim.id, claim);
  const finalKeys = new Set(aggregate.claims.map(claimKey));
  const grounding = claims.map((claim) => {
    const entry = byKey.get(claimKey(claim)) as ClaimGrounding;
    if (!finalKeys.has(claimKey(claim))) return entry;
    const asserting = [claim, ...(claim.merged_from ?? []).flatMap((id) => claimByLaneId.get(id) ?? [])];
    return {
      ...entry,
      lanes: options.ownersOf(claim),
      independent_lanes: countIndependentLanes(asserting, options.profiles),
    };
  });
  const checkable = grounding.filter((entry) => entry.status !== 'unverifiable');
  const bad = checkable.filter(isBadGrounding).length;
  const rate = checkable.length === 0 ? 0 : bad / checkable.length;
  return {
    grounding,
    total: grounding.length,
    checkable: checkable.length,
    rate,
    interval: wilsonInterval(bad, checkable.length),
    lanesAboveTarget(target) {
      const tally = new Map<string, { bad: number; total: number }>();
      for (const entry of checkable) {
        const counts = tally.get(entry.lane_id) ?? { bad: 0, total: 0 };
        counts.total += 1;
        if (isBadGrounding(entry)) counts.bad += 1;
        tally.set(entry.lane_id, counts);
      }
      return [...tally].filter(([, counts]) => counts.bad / counts.total > target).map(([lane]) => lane);
    },
  };
}
