import { describe, expect, it, vi } from 'vitest';

const hashed = vi.hoisted(() => ({ count: 0 }));

vi.mock('node:crypto', async (importOriginal) => {
  const crypto = await importOriginal<typeof import('node:crypto')>();
  const hash = (algorithm: string, data: string, encoding: 'hex') => {
    hashed.count += 1;
    return crypto.hash(algorithm, data, encoding);
  };
  return { ...crypto, default: { ...crypto, hash }, hash };
});

const { sha256Hex } = await import('../contracts/index.js');
const { locateCitedLines } = await import('./locate-cited-lines.js');

function hashesOf(run: () => void): number {
  const before = hashed.count;
  run();
  return hashed.count - before;
}

describe('locateCitedLines window hashes', () => {
  const text = ['export const a = 1;', 'export const b = 2;', '', 'function c() {', '  return a + b;', '}'];

  it('hashes a cited window of a frozen lines array once, however often it is checked', () => {
    const lines = Object.freeze([...text]);
    const sha = sha256Hex(text.slice(3, 6).join('\n'));
    expect(hashesOf(() => locateCitedLines(lines, [4, 6], sha))).toBe(1);
    expect(hashesOf(() => locateCitedLines(lines, [4, 6], sha))).toBe(0);
    expect(locateCitedLines(lines, [4, 6], sha)).toEqual({
      lines: [4, 6],
      whitespaceOnly: false,
      text: text.slice(3, 6).join('\n'),
    });
  });

  it('remembers the spellings of a forged ref too, and still answers that nothing matches', () => {
    const lines = Object.freeze([...text]);
    const forged = sha256Hex('forged');
    const first = hashesOf(() => expect(locateCitedLines(lines, [4, 6], forged)).toBeUndefined());
    expect(first).toBeGreaterThan(1);
    const again = hashesOf(() => expect(locateCitedLines(lines, [4, 6], forged)).toBeUndefined());
    expect(again).toBeLessThan(first);
  });

  it('never remembers for an array that can change: a changed line is checked against its new text', () => {
    const lines = [...text];
    const sha = sha256Hex(text.slice(0, 2).join('\n'));
    expect(locateCitedLines(lines, [1, 2], sha)?.lines).toEqual([1, 2]);
    lines[1] = 'export const b = 3;';
    expect(hashesOf(() => expect(locateCitedLines(lines, [1, 2], sha)).toBeUndefined())).toBeGreaterThan(0);
  });
});
