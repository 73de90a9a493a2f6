import { describe, expect, it } from 'vitest';
import { buildClaimViews } from './build-claim-views.js';
import { computeConfidence, confidenceFactors } from './compute-confidence.js';
import { failedAttempt, passedAttempt, sampleRun } from './fixtures/sample-run.js';

describe('computeConfidence', () => {
  const full = { grounded: 1, quorum: 1, agreement: 1, judged: 1 };

  it('weighs grounding 0.5, quorum 0.2, independent agreement 0.15, judges 0.15', () => {
    expect(computeConfidence('PASS', full, false)).toBe(1);
    expect(computeConfidence('PASS', { grounded: 1, quorum: 1, agreement: 0.4, judged: 1 }, false)).toBe(
      0.91,
    );
    expect(computeConfidence('PASS', { grounded: 0.5, quorum: 0.5, agreement: 0, judged: 0 }, false)).toBe(
      0.35,
    );
    expect(computeConfidence('PASS', { grounded: 0, quorum: 0, agreement: 0, judged: 0 }, false)).toBe(0);
  });

  it('cannot reach its maximum without judges, nor from duplicated deterministic lanes', () => {
    expect(computeConfidence('PASS', { ...full, judged: 0 }, false)).toBe(0.85);
    expect(computeConfidence('PASS', { ...full, agreement: 0, judged: 0 }, false)).toBe(0.7);
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
    expect(confidenceFactors(passedAttempt, views)).toEqual({
      grounded: 1,
      quorum: 1,
      agreement: 1 / 3,
      judged: 0,
    });
    expect(confidenceFactors(failedAttempt, views)).toEqual({
      grounded: 2 / 3,
      quorum: 1 / 3,
      agreement: 1 / 3,
      judged: 0,
    });
    expect(confidenceFactors(undefined, views)).toEqual({ grounded: 0, quorum: 0, agreement: 0, judged: 0 });
    const judged = { ...passedAttempt, support_judges: 3 };
    expect(confidenceFactors(judged, views).judged).toBe(1);
  });
});
