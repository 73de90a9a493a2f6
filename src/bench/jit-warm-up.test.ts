import { describe, expect, it } from 'vitest';
import { formatJitWarmUp, untilSettled } from './jit-warm-up.js';

function batches(values: number[]): () => Promise<number> {
  let index = 0;
  return async () => {
    const value = values[index];
    index += 1;
    if (value === undefined) throw new Error('asked for more batches than scripted');
    return value;
  };
}

describe('untilSettled', () => {
  it('stops at the first two consecutive batches within the tolerance, not before minBatches', async () => {
    const result = await untilSettled(batches([60, 40, 39, 30, 29.5]), {
      minBatches: 4,
      maxBatches: 10,
      tolerance: 0.05,
    });
    expect(result).toEqual({ medians: [60, 40, 39, 30, 29.5], settled: true });
  });

  it('keeps going while the medians still fall', async () => {
    const result = await untilSettled(batches([60, 50, 40, 38.5]), {
      minBatches: 2,
      maxBatches: 10,
      tolerance: 0.05,
    });
    expect(result.medians).toHaveLength(4);
    expect(result.settled).toBe(true);
  });

  it('says not settled when maxBatches runs out', async () => {
    const result = await untilSettled(batches([60, 50, 40]), {
      minBatches: 2,
      maxBatches: 3,
      tolerance: 0.05,
    });
    expect(result).toEqual({ medians: [60, 50, 40], settled: false });
    expect(
      formatJitWarmUp({ missions: 30, firstBatchCpuMs: 60, lastBatchCpuMs: 40, settled: false }),
    ).toContain('not settled');
  });
});
