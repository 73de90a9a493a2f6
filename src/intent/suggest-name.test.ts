import { describe, expect, it } from 'vitest';
import { editDistance, suggestName } from './suggest-name.js';

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and adjacent swaps', () => {
    expect(editDistance('quorum', 'quorum')).toBe(0);
    expect(editDistance('qourum', 'quorum')).toBe(1);
    expect(editDistance('lane', 'lanes')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });
});

describe('suggestName', () => {
  const known = ['quorum', 'verify', 'lanes', 'max_reruns', 'model'];
  it('suggests the closest plausible field', () => {
    expect(suggestName('qourum', known)).toBe('quorum');
    expect(suggestName('lane', known)).toBe('lanes');
    expect(suggestName('max_rerun', known)).toBe('max_reruns');
    expect(suggestName('Verify', known)).toBe('verify');
  });
  it('suggests nothing for an unrelated name', () => {
    expect(suggestName('colour', known)).toBeUndefined();
    expect(suggestName('x', known)).toBeUndefined();
  });
});
