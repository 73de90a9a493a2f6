import { describe, expect, it } from 'vitest';
import type { ReviewBundle } from '../contracts/index.js';
import { aggregateBundles } from './aggregate-bundles.js';

const ref = (sha: string) => ({
  kind: 'file' as const,
  path: 'a.ts',
  lines: [1, 2] as [number, number],
  sha256: sha.repeat(64),
});

function bundle(laneId: string, claims: ReviewBundle['claims']): ReviewBundle {
  return { lane_id: laneId, attempt: 1, summary: 's', claims, artifacts: [] };
}

describe('aggregateBundles', () => {
  it('merges claims resting on the same evidence and records where they came from', () => {
    const result = aggregateBundles([
      bundle('lane-1', [{ id: 'l1-c1', lane_id: 'lane-1', text: 'x', evidence_refs: [ref('a')] }]),
      bundle('lane-2', [
        { id: 'l2-c1', lane_id: 'lane-2', text: 'x said differently', evidence_refs: [ref('a')] },
        { id: 'l2-c2', lane_id: 'lane-2', text: 'y', evidence_refs: [ref('b')] },
      ]),
    ]);
    expect(result.claims.map((claim) => claim.id)).toEqual(['l1-c1', 'l2-c2']);
    expect(result.claims[0]?.merged_from).toEqual(['l2-c1']);
    expect(result.duplicates_merged).toBe(1);
    expect(result.bundles).toHaveLength(2);
  });

  it('keeps claims with different hashes apart, so a forged ref is never hidden behind an honest one', () => {
    const result = aggregateBundles([
      bundle('lane-1', [{ id: 'a', lane_id: 'lane-1', text: 'x', evidence_refs: [ref('a')] }]),
      bundle('lane-2', [{ id: 'b', lane_id: 'lane-2', text: 'x', evidence_refs: [ref('f')] }]),
    ]);
    expect(result.claims).toHaveLength(2);
  });
});
