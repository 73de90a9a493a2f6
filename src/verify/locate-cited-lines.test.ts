import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../contracts/index.js';
import { locateCitedLines, whitespaceVariants } from './locate-cited-lines.js';
import { createSeededRandom } from './seeded-random.js';
import { sharedFileLines } from './shared-file-lines.js';

/** The search as it was before the window index: every window re-spelled and re-hashed. */
function scanEveryWindow(lines: readonly string[], range: readonly [number, number], sha256: string) {
  const [start, end] = range;
  const span = end - start;
  const matches = (window: readonly string[]) => {
    if (sha256Hex(window.join('\n')) === sha256) return 'exact';
    return whitespaceVariants(window).some((variant) => sha256Hex(variant) === sha256)
      ? 'whitespace'
      : undefined;
  };
  if (start >= 1 && end <= lines.length) {
    const here = matches(lines.slice(start - 1, end));
    if (here !== undefined) return { lines: [start, end], whitespaceOnly: here === 'whitespace' };
  }
  let best: { lines: [number, number]; whitespaceOnly: boolean } | undefined;
  for (let first = 1; first + span <= lines.length; first += 1) {
    if (first === start) continue;
    const found = matches(lines.slice(first - 1, first + span));
    if (found === undefined) continue;
    if (best === undefined || Math.abs(first - start) < Math.abs(best.lines[0] - start)) {
      best = { lines: [first, first + span], whitespaceOnly: found === 'whitespace' };
    }
  }
  return best;
}

const PIECES = ['const a = 1;', '\treturn a;', '    if (x) {', '  }', '', '}', 'x  ', '\uFEFFimport y;'];

describe('locateCitedLines', () => {
  it('finds what the every-window scan finds: same range, same whitespace verdict, nearest first', () => {
    const random = createSeededRandom(19);
    for (let trial = 0; trial < 300; trial += 1) {
      const original = Array.from(
        { length: 4 + random.nextInt(30) },
        () => PIECES[random.nextInt(8)] as string,
      );
      const start = 1 + random.nextInt(original.length);
      const end = Math.min(original.length, start + random.nextInt(3));
      const sha = sha256Hex(original.slice(start - 1, end).join('\n'));
      // The file since: lines inserted, indentation converted, trailing blanks added.
      const now = original.flatMap((line) => {
        const roll = random.nextInt(10);
        if (roll === 0) return [PIECES[random.nextInt(8)] as string, line];
        if (roll === 1) return [line.replace(/^\t/, '  ')];
        if (roll === 2) return [`${line} `];
        return [line];
      });
      const lines = sharedFileLines(now.join('\n'));
      const found = locateCitedLines(lines, [start, end], sha);
      const where =
        found === undefined ? undefined : { lines: found.lines, whitespaceOnly: found.whitespaceOnly };
      expect(where).toEqual(scanEveryWindow(lines, [start, end], sha));
      if (found?.text !== undefined)
        expect(found.text).toBe(lines.slice(found.lines[0] - 1, found.lines[1]).join('\n'));
      const forged = sha256Hex(`forged ${trial}`);
      expect(locateCitedLines(lines, [start, end], forged)).toBeUndefined();
      // Asked again (the frozen array's windows remembered) and on an unfrozen copy: same answers.
      expect(locateCitedLines(lines, [start, end], sha)).toEqual(found);
      expect(locateCitedLines([...lines], [start, end], sha)).toEqual(found);
      expect(locateCitedLines(lines, [start, end], forged)).toBeUndefined();
    }
  });

  it('finds text that moved, and stops finding it once the file changes (same text, same lines array)', () => {
    const text = ['a', 'b', 'cited line', 'd'].join('\n');
    const sha = sha256Hex('cited line');
    expect(locateCitedLines(sharedFileLines(text), [1, 1], sha)).toEqual({
      lines: [3, 3],
      whitespaceOnly: false,
    });
    expect(sharedFileLines(text)).toBe(sharedFileLines(text));
    const changed = text.replace('cited line', 'other line');
    expect(sharedFileLines(changed)).not.toBe(sharedFileLines(text));
    expect(locateCitedLines(sharedFileLines(changed), [1, 1], sha)).toBeUndefined();
    const reindented = text.replace('cited line', 'cited line  ');
    expect(locateCitedLines(sharedFileLines(reindented), [1, 1], sha)).toEqual({
      lines: [3, 3],
      whitespaceOnly: true,
    });
  });

  it('rejects a reversed range and a sha256 that is not lowercase hex', () => {
    const lines = sharedFileLines('x\ny');
    expect(locateCitedLines(lines, [2, 1], sha256Hex('x'))).toBeUndefined();
    expect(locateCitedLines(lines, [2, 2], sha256Hex('x').toUpperCase())).toBeUndefined();
  });
});
