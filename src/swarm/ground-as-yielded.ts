import type { ReviewBundle } from '../contracts/index.js';
import type { GroundingResolver } from '../verify/index.js';
import { createGroundingResolver } from '../verify/index.js';

const ignore = () => undefined;

/** A dispatch's resolver, and what grounds a lane's claims as soon as it yielded. */
export interface YieldGrounding {
  /** The round's resolver (one snapshot of the workspace, its groundings kept by content). */
  resolver: GroundingResolver;
  /** `tell`, then the yielded bundle's claims grounded on the next turn, ahead of the round. */
  alongside(tell: (bundle: ReviewBundle) => void): (bundle: ReviewBundle) => void;
}

/**
 * The round's deterministic grounding done while the other lanes still run: a lane's claims are
 * grounded by the round's own resolver on the turn after it yielded (after the lane's receipts
 * were handed on and the next calls went out), so when the last lane yields the round finds the
 * others' groundings decided (the resolver keeps them by content: the same text and refs on the
 * same snapshot decide the same way) and the judges are asked sooner. The gate still grounds every
 * claim of the aggregate itself, in order, through this resolver: a claim grounded ahead is one of
 * those, decided exactly as the round would decide it; a failure here is the round's to meet again.
 */
export function groundAsYielded(workspace: string): YieldGrounding {
  const resolver = createGroundingResolver({ workspace });
  return {
    resolver,
    alongside(tell) {
      return (bundle) => {
        tell(bundle);
        setImmediate(() => {
          for (const claim of bundle.claims) resolver.groundClaim(claim).catch(ignore);
        });
      };
    },
  };
}
