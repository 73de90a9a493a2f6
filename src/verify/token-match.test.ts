import { describe, expect, it } from 'vitest';
import { boundaryMatcher, containsOnBoundary } from './token-match.js';

const HAYSTACK = 'export const port =\n    3000;\n// delay(100) then  retry\tnow';
const NEEDLES = [
  'port',
  'export',
  'expo',
  'port = 3000',
  'delay(10',
  'delay(100)',
  'retry now',
  '',
  '   ',
  'ort',
];

describe('boundaryMatcher', () => {
  it('answers every needle as containsOnBoundary does on the same haystack', () => {
    const has = boundaryMatcher(HAYSTACK);
    for (const needle of NEEDLES) expect(has(needle), needle).toBe(containsOnBoundary(HAYSTACK, needle));
    expect(NEEDLES.map(has)).toEqual([true, true, false, true, false, true, true, true, true, false]);
  });

  it('normalises the haystack on the first question only, never before one is asked', () => {
    let reads = 0;
    // A String object whose replace is observed: normalisation calls it once per matcher.
    const text = new Proxy(new String(HAYSTACK), {
      get(target, key) {
        if (key === 'replace') reads += 1;
        const value = Reflect.get(target, key);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    }) as unknown as string;
    const has = boundaryMatcher(text);
    expect(reads).toBe(0);
    expect(has('port')).toBe(true);
    expect(has('retry now')).toBe(true);
    expect(has('export')).toBe(true);
    expect(reads).toBe(1);
  });
});

describe('word boundaries', () => {
  it('treat every character below U+0800 as the Unicode word-character rule does (letters, digits, _ and $)', () => {
    const rule = /[\p{L}\p{N}_$]/u;
    for (let code = 0; code < 0x800; code += 1) {
      const character = String.fromCharCode(code);
      const word = rule.test(character);
      // A character before or after the needle blocks the match exactly when it is a word character.
      expect(containsOnBoundary(`${character}port`, 'port'), `U+${code.toString(16)} before`).toBe(
        !word || /\s/.test(character),
      );
      expect(containsOnBoundary(`port${character}`, 'port'), `U+${code.toString(16)} after`).toBe(
        !word || /\s/.test(character),
      );
    }
  });
});
