import { describe, expect, it } from 'vitest';
import { buildClaimViews } from './build-claim-views.js';
import { computeConfidence, confidenceFactors } from './compute-confidence.js';
import { failedAttempt, passedAttempt, sampleRun } from './fixtures/sample-run.js';

describe('computeConfidence', () => {
  const full = { grounded: 1, quorum: 1, agreement: 1 };

  it('weighs grounding 0.6, quorum 0.25, lane agreement 0.15', () => {
    expect(computeConfidence('PASS', full, false)).toBe(1);
    expect(computeConfidence('PASS', { grounded: 1, quorum: 1, agreement: 0.47 }, false)).toBe(0.92);
    expect(computeConfidence('PASS', { grounded: 0.5, quorum: 2 / 3, agreement: 0 }, false)).toBe(0.47);
    expect(computeConfidence('PASS', { grounded: 0, quorum: 0, agreement: 0 }, false)).toBe(0);
  });

  it('caps CAUTION, FAIL and partial digests', () => {
    expect(computeConfidence('CAUTION', full, false)).toBe(0.6);
    expect(computeConfidence('FAIL', full, false)).toBe(0.25);
    expect(computeConfidence('PASS', full, true)).toBe(0.5);
    expect(computeConfidence('FAIL', full, true)).toBe(0.25);
  });

  it('derives the factors from the final report and the merged claims', () => {
    const input = sampleRun();
    const views = buildClaimViews(input.aggregate, passedAttempt);
    expect(confidenceFactors(passedAttempt, views)).toEqual({ grounded: 1, quorum: 1, agreement: 1 / 3 });
    expect(confidenceFactors(failedAttempt, views)).toEqual({
      grounded: 2 / 3,
      quorum: 1 / 3,
      agreement: 1 / 3,
    });
    expect(confidenceFactors(undefined, views)).toEqual({ grounded: 0, quorum: 0, agreement: 0 });
  });
});
