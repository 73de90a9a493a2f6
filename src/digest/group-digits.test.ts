import { describe, expect, it } from 'vitest';
import { groupDigits } from './group-digits.js';

describe('groupDigits', () => {
  it('writes what Intl.NumberFormat en-US writes, integers and not', () => {
    const format = new Intl.NumberFormat('en-US');
    const values = [0, -0, 1, 12, 123, 999, 1000, 1001, 12_345, 999_999, 1_000_000, -1, -1234, -999_999_999];
    for (let seed = 1; seed < 2000; seed += 1)
      values.push(Math.floor((seed * 7_919) ** 1.7) * (seed % 3 === 0 ? -1 : 1));
    values.push(
      Number.MAX_SAFE_INTEGER,
      Number.MIN_SAFE_INTEGER,
      2 ** 60,
      1.5,
      1234.5678,
      -0.25,
      Number.NaN,
      Infinity,
    );
    for (const value of values) expect(groupDigits(value), String(value)).toBe(format.format(value));
  });
});
