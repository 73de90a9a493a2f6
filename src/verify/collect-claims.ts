import type { AggregateBundle, Claim } from '../contracts/index.js';
import { inspectClaim } from './inspect-claim.js';

/** The aggregate made safe to hand to validators, and every lane claim once. */
export interface CollectedClaims {
  /** Malformed fields replaced and malformed refs dropped; the problems stay with the raw claims. */
  aggregate: AggregateBundle;
  /** The raw final claims, in the aggregate's order (what the resolver grounds, problems and all). */
  finalClaims: unknown[];
  /** Raw lane claims Aggregate merged away (present in a bundle, absent from `claims`). */
  mergedAway: unknown[];
}

/** A claim's identity across the gate: its lane and id (ids may repeat across lanes). */
export function claimKey(claim: Pick<Claim, 'lane_id' | 'id'>): string {
  return `${claim.lane_id}\u0000${claim.id}`;
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/**
 * Collects the claims of an aggregate without trusting its shape: missing lists are empty, each
 * claim is inspected. The hallucination rate is counted over every lane's own claims, so lane
 * claims that Aggregate merged into another are collected too.
 */
export function collectClaims(raw: AggregateBundle): CollectedClaims {
  const finalClaims = list((raw as { claims?: unknown }).claims);
  const bundles = list((raw as { bundles?: unknown }).bundles).filter(
    (bundle): bundle is AggregateBundle['bundles'][number] => typeof bundle === 'object' && bundle !== null,
  );
  const clean = (claims: unknown[]) => claims.map((claim, index) => inspectClaim(claim, index).claim);
  const finals = clean(finalClaims);
  const seen = new Set(finals.map(claimKey));
  const mergedAway: unknown[] = [];
  const cleanBundles = bundles.map((bundle) => {
    const rawClaims = list(bundle.claims);
    rawClaims.forEach((claim, index) => {
      const key = claimKey(inspectClaim(claim, index).claim);
      if (seen.has(key)) return;
      seen.add(key);
      mergedAway.push(claim);
    });
    return {
      ...bundle,
      claims: clean(rawClaims),
      artifacts: list(bundle.artifacts) as AggregateBundle['bundles'][number]['artifacts'],
    };
  });
  const duplicates = (raw as { duplicates_merged?: unknown }).duplicates_merged;
  return {
    aggregate: {
      bundles: cleanBundles,
      claims: finals,
      duplicates_merged: typeof duplicates === 'number' ? duplicates : 0,
    },
    finalClaims,
    mergedAway,
  };
}
