import { describe, expect, it } from 'vitest';
import { splitLines } from '../contracts/index.js';
import { createLineTable } from './line-table.js';

/** What the index cut before: the lines split, trailing empty ones dropped, a window joined. */
function reference(text: string) {
  const lines = splitLines(text);
  while (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

const samples = [
  '',
  'one line',
  'a\nb\nc\n',
  'a\r\nb\r\n\r\n\r\n',
  '\n\n\n',
  'x\r\r\ny\rz\n\r\n  \n',
  '\r\nlead\r\n',
  'tabs\t\n \u00a0\nend',
  // What trim removes beyond ASCII, and what it keeps (zero-width space, Mongolian vowel separator).
  '\u2028\n\ufeff\u3000\n\u200b\n\u180e\n\v\f\u1680\u2000\u200a\u202f\u205f\n\u00a0x\n é \n\u0085\n',
];

describe('line table', () => {
  it('counts and cuts lines exactly as splitLines and join do, CRLF and lone CR included', () => {
    for (const text of samples) {
      const lines = reference(text);
      const table = createLineTable(text);
      expect(table.count, JSON.stringify(text)).toBe(lines.length);
      for (let start = 1; start <= lines.length; start += 1) {
        expect(table.blank(start)).toBe((lines[start - 1] as string).trim() === '');
        for (let end = start; end <= lines.length; end += 1)
          expect(table.slice(start, end), JSON.stringify([text, start, end])).toBe(
            lines.slice(start - 1, end).join('\n'),
          );
      }
    }
  });
});
