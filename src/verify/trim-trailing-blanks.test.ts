import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { trimTrailingBlanks } from './trim-trailing-blanks.js';

describe('trimTrailingBlanks', () => {
  it('answers exactly what the regex /[ \\t]+$/ replaced with nothing answers', () => {
    const piece = fc.constantFrom(
      ' ',
      '\t',
      'a',
      '\r',
      '\n',
      '\u00a0',
      '\u3000',
      'é',
      '\uFEFF',
      '  ',
      '\t\t',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const line = pieces.join('');
        expect(trimTrailingBlanks(line)).toBe(line.replace(/[ \t]+$/, ''));
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps a line without trailing blanks and empties a blank one', () => {
    expect(trimTrailingBlanks('')).toBe('');
    expect(trimTrailingBlanks(' \t ')).toBe('');
    expect(trimTrailingBlanks('  x = 1;')).toBe('  x = 1;');
    expect(trimTrailingBlanks('x \t')).toBe('x');
    expect(trimTrailingBlanks('x\u00a0 ')).toBe('x\u00a0');
  });

  it('is linear in a run of blanks inside a line (the regex is quadratic there)', () => {
    const line = `a${' '.repeat(50_000)}b${' '.repeat(5)}`;
    const started = performance.now();
    expect(trimTrailingBlanks(line)).toBe(`a${' '.repeat(50_000)}b`);
    // The regex takes about a second on this line; one scan from the end takes microseconds.
    expect(performance.now() - started).toBeLessThan(50);
  });
});
