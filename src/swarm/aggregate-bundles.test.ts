import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ReviewBundle } from '../contracts/index.js';
import { aggregateBundles, normalizeClaimText } from './aggregate-bundles.js';

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
  it('merges claims resting on the same evidence and saying the same thing, recording where they came from', () => {
    const result = aggregateBundles([
      bundle('lane-1', [
        { id: 'l1-c1', lane_id: 'lane-1', text: 'The pool holds 10 connections.', evidence_refs: [ref('a')] },
      ]),
      bundle('lane-2', [
        { id: 'l2-c1', lane_id: 'lane-2', text: 'the pool  holds 10 connections', evidence_refs: [ref('a')] },
        { id: 'l2-c2', lane_id: 'lane-2', text: 'y', evidence_refs: [ref('b')] },
      ]),
    ]);
    expect(result.claims.map((claim) => claim.id)).toEqual(['l1-c1', 'l2-c2']);
    expect(result.claims[0]?.merged_from).toEqual(['l2-c1']);
    expect(result.duplicates_merged).toBe(1);
    expect(result.bundles).toHaveLength(2);
  });

  it('never merges a false claim citing another lane’s honest ref into it', () => {
    const result = aggregateBundles([
      bundle('lane-1', [
        {
          id: 'honest',
          lane_id: 'lane-1',
          text: 'The pool holds 10 connections.',
          evidence_refs: [ref('a')],
        },
      ]),
      bundle('lane-2', [
        { id: 'lie', lane_id: 'lane-2', text: 'The pool holds 100 connections.', evidence_refs: [ref('a')] },
      ]),
    ]);
    expect(result.claims.map((claim) => claim.id)).toEqual(['honest', 'lie']);
    expect(result.claims[0]?.merged_from).toBeUndefined();
    expect(result.duplicates_merged).toBe(0);
  });

  it('keeps claims with different hashes apart, so a forged ref is never hidden behind an honest one', () => {
    const result = aggregateBundles([
      bundle('lane-1', [{ id: 'a', lane_id: 'lane-1', text: 'x', evidence_refs: [ref('a')] }]),
      bundle('lane-2', [{ id: 'b', lane_id: 'lane-2', text: 'x', evidence_refs: [ref('f')] }]),
    ]);
    expect(result.claims).toHaveLength(2);
  });

  it('does not merge a lane with itself: repeating a claim is not agreement', () => {
    const result = aggregateBundles([
      bundle('lane-1', [
        { id: 'a', lane_id: 'lane-1', text: 'x', evidence_refs: [ref('a')] },
        { id: 'b', lane_id: 'lane-1', text: 'x', evidence_refs: [ref('a')] },
      ]),
    ]);
    expect(result.claims).toHaveLength(2);
    expect(result.duplicates_merged).toBe(0);
  });

  it('normalises case, spacing, curly quotes and final punctuation only', () => {
    expect(normalizeClaimText('  Uses “strict”  mode. ')).toBe('uses "strict" mode');
    expect(normalizeClaimText('Uses strict mode')).not.toBe(normalizeClaimText('Uses lax mode'));
  });
});

describe('normalizeClaimText', () => {
  /** The definition it had: the final run of blanks and punctuation dropped by a regex. */
  const byRegex = (text: string) =>
    text
      .normalize('NFC')
      .toLowerCase()
      .replace(/[“”]/g, '"')
      .replace(/[‘’]/g, "'")
      .replace(/\s+/g, ' ')
      .replace(/[\s.;:!]+$/, '')
      .trim();

  it('answers what the regex answered', () => {
    const piece = fc.constantFrom(
      ' ',
      '.',
      ';',
      ':',
      '!',
      '?',
      'a',
      'É',
      '\t',
      '\n',
      '\u00a0',
      '\u2029',
      '“',
      '’',
      'x.',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const text = pieces.join('');
        expect(normalizeClaimText(text)).toBe(byRegex(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('is linear in a run of punctuation inside a claim', () => {
    const text = `a${' .'.repeat(20_000)}b`;
    const started = performance.now();
    expect(normalizeClaimText(text)).toBe(text);
    // The regex took over a second here.
    expect(performance.now() - started).toBeLessThan(100);
  });
});
