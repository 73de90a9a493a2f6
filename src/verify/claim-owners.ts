import type { AggregateBundle, Claim, MissionIntent } from '../contracts/index.js';
import { resolveLanes } from '../contracts/index.js';

/**
 * Maps a claim to every lane that asserted it: its own lane plus the lanes whose duplicates
 * Aggregate merged into it. A bad merged claim is bad in each of those lanes, so each is blamed.
 */
export function createClaimOwners(aggregate: AggregateBundle): (claim: Claim) => string[] {
  const lanesById = new Map<string, Set<string>>();
  for (const bundle of aggregate.bundles) {
    for (const claim of bundle.claims) {
      const lanes = lanesById.get(claim.id) ?? new Set<string>();
      lanes.add(claim.lane_id);
      lanesById.set(claim.id, lanes);
    }
  }
  return (claim) => {
    const owners = new Set([claim.lane_id]);
    for (const mergedId of claim.merged_from ?? []) {
      for (const lane of lanesById.get(mergedId) ?? []) owners.add(lane);
    }
    return [...owners].sort();
  };
}

/** Every lane the gate knows of: from the bundles and claims, else from the intent. Sorted, unique. */
export function listLaneIds(aggregate: AggregateBundle, intent: Pick<MissionIntent, 'lanes'>): string[] {
  const lanes = new Set<string>();
  for (const bundle of aggregate.bundles) lanes.add(bundle.lane_id);
  for (const claim of aggregate.claims) lanes.add(claim.lane_id);
  if (lanes.size === 0) for (const lane of resolveLanes(intent)) lanes.add(lane.id);
  return [...lanes].sort();
}

/** Sorted unique strings. */
export function sortedUnique(values: Iterable<string>): string[] {
  return [...new Set(values)].sort();
}
