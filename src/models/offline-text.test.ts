import { describe, expect, it } from 'vitest';
import { analyzeFile } from '../analysis/index.js';
import { findPlaceholders } from '../verify/placeholder-text.js';
import { containsOnBoundary } from '../verify/token-match.js';
import { cutQuote } from './offline-text.js';

const noSecrets = 'import { alpha, beta } from "./x"';

describe('cutQuote', () => {
  it('keeps a text within the limit whole', () => {
    expect(cutQuote(noSecrets, 200)).toBe(noSecrets);
  });

  it('never ends inside a word, so the Verify gate finds the quote in its line', () => {
    const line =
      'import { DoneFuncWithErrOrRes, HookHandlerDoneFunction, onCloseAsyncHookHandler, onReadyAsyncHookHandler } from "./types/hooks"';
    const quote = cutQuote(line, 90);
    expect(quote).toBe('import { DoneFuncWithErrOrRes, HookHandlerDoneFunction, onCloseAsyncHookHandler,');
    expect(containsOnBoundary(line, quote)).toBe(true);
    // What a plain cut at the limit gives is not found: the check this guards against.
    expect(containsOnBoundary(line, line.slice(0, 90))).toBe(false);
  });

  it('cuts a first word longer than the limit where the limit is', () => {
    expect(cutQuote('a'.repeat(50), 10)).toBe('a'.repeat(10));
  });

  it('holds for every cut of real-looking lines: a prefix, within the limit, found on a boundary', () => {
    const words = [
      'onReady',
      'HookHandler',
      '$scope',
      'x_1',
      'émigré',
      '=>',
      '(',
      ')',
      ',',
      '"./a/b"',
      '{',
      '}',
    ];
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed;
    };
    for (let round = 0; round < 400; round += 1) {
      const parts = Array.from({ length: 5 + (next() % 40) }, () => words[next() % words.length]);
      const line = parts.join(next() % 2 === 0 ? ' ' : '');
      const limit = 1 + (next() % 120);
      const quote = cutQuote(line, limit);
      expect(quote.length).toBeLessThanOrEqual(limit);
      expect(line.startsWith(quote)).toBe(true);
      const wordy = /[\p{L}\p{N}_$]/u;
      const cutInWord = wordy.test(line[quote.length] ?? '') && wordy.test(quote.at(-1) ?? '');
      // Only a first word longer than the limit is cut inside.
      if (cutInWord) expect(/[^\p{L}\p{N}_$]/u.test(quote)).toBe(false);
      else expect(containsOnBoundary(line, quote)).toBe(true);
    }
  });
});

describe("the offline engine's import facts", () => {
  it('name what a long import brings in without a placeholder the Verify gate would reject', () => {
    const text = 'import { a1, b2, c3, d4, e5, f6 } from "./types/hooks";\nexport const x = a1;\n';
    const { facts } = analyzeFile('src/a.ts', text, new Set(['src/a.ts']));
    const imports = facts.find((fact) => fact.kind === 'imports');
    expect(imports?.statement).toBe('src/a.ts imports a1, b2, c3, d4 and others from "./types/hooks"');
    expect(findPlaceholders(imports?.statement ?? '')).toEqual([]);
  });

  it('and their export facts too', () => {
    const text =
      'export { a1, b2, c3, d4, e5, f6 } from "./all";\nexport { a1 as g7, b2 as h8, c3 as i9, d4 as j0, e5 as k1, f6 as l2 };\n';
    const { facts } = analyzeFile('src/a.ts', text, new Set(['src/a.ts']));
    const statements = facts.filter((fact) => fact.kind === 'exports').map((fact) => fact.statement);
    expect(statements).toContain('src/a.ts re-exports a1, b2, c3, d4, e5 and others from "./all"');
    for (const statement of statements) expect(findPlaceholders(statement)).toEqual([]);
  });
});
