import { describe, expect, it } from 'vitest';
import { kebabCase, tsProperty, tsString, tsStringArray } from './ts-literal.js';

describe('TypeScript literals as Biome prints them', () => {
  it('quotes: single unless the text holds more single than double quotes', () => {
    expect(tsString('a "b"')).toBe(`'a "b"'`);
    expect(tsString("it's")).toBe(`"it's"`);
    expect(tsString('line\nnext \\ end')).toBe(`'line\\nnext \\\\ end'`);
  });

  it('a long property value breaks after the colon unless the key is short', () => {
    const long = tsString('x'.repeat(120));
    expect(tsProperty('  ', 'text', long)).toBe(`  text: ${long},`);
    expect(tsProperty('  ', 'instructions', long)).toBe(`  instructions:\n    ${long},`);
    expect(tsProperty('  ', 'instructions', "'short'")).toBe("  instructions: 'short',");
  });

  it('a string array inline when the line fits, else one element per line', () => {
    expect(tsStringArray(['a', 'b'], '  ', 'x(', ');')).toBe("['a', 'b']");
    expect(tsStringArray(['a'.repeat(60), 'b'.repeat(60)], '  ', 'x(', ');')).toBe(
      `[\n    '${'a'.repeat(60)}',\n    '${'b'.repeat(60)}',\n  ]`,
    );
  });

  it('file names', () => {
    expect(kebabCase('SecurityReviewerAgent')).toBe('security-reviewer-agent');
    expect(kebabCase('VerifierAux')).toBe('verifier-aux');
  });
});
