import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ClaimGrounding } from '../contracts/index.js';
import { bandFor, computeHallucinationRate } from './hallucination-rate.js';
import { makeIntent } from './test-workspace.js';

function groundings(bad: number, total: number): ClaimGrounding[] {
  return Array.from({ length: total }, (_, index) => ({
    claim_id: `c${index}`,
    lane_id: 'lane-1',
    status: index < bad ? (index % 2 === 0 ? 'unresolved' : 'ungrounded') : 'grounded',
    problems: [],
  }));
}

describe('computeHallucinationRate', () => {
  it('counts ungrounded and unresolved claims over all claims', () => {
    expect(computeHallucinationRate(groundings(3, 20))).toBe(0.15);
    expect(computeHallucinationRate(groundings(0, 4))).toBe(0);
    expect(computeHallucinationRate(groundings(4, 4))).toBe(1);
  });

  it('is 0 for no claims (the gate, not the rate, refuses empty bundles)', () => {
    expect(computeHallucinationRate([])).toBe(0);
  });
});

describe('bandFor', () => {
  const { verify } = makeIntent();

  it.each([
    [0, 'PASS'],
    [0.1, 'PASS'],
    [0.15, 'CAUTION'],
    [0.2, 'CAUTION'],
    [0.21, 'FAIL'],
    [1, 'FAIL'],
  ] as const)('rate %f → %s with the default intent', (rate, verdict) => {
    expect(bandFor(rate, verify)).toBe(verdict);
  });

  it('puts exact integer ratios on the boundary in the lower band', () => {
    expect(bandFor(computeHallucinationRate(groundings(1, 10)), verify)).toBe('PASS');
    expect(bandFor(computeHallucinationRate(groundings(2, 10)), verify)).toBe('CAUTION');
    expect(bandFor(computeHallucinationRate(groundings(3, 10)), verify)).toBe('FAIL');
  });

  it('follows the thresholds of the intent', () => {
    const strict = makeIntent({
      verify: { hallucination_rate_target: 0, hallucination_rate_fail: 0.05 },
    }).verify;
    expect(bandFor(0, strict)).toBe('PASS');
    expect(bandFor(0.05, strict)).toBe('CAUTION');
    expect(bandFor(0.06, strict)).toBe('FAIL');
  });

  it('never gets better as the rate grows', () => {
    const order = { PASS: 0, CAUTION: 1, FAIL: 2 };
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (a, b) => {
          const [low, high] = a <= b ? [a, b] : [b, a];
          expect(order[bandFor(low, verify)]).toBeLessThanOrEqual(order[bandFor(high, verify)]);
        },
      ),
    );
  });
});
