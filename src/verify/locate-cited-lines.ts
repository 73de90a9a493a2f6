import { sha256Hex } from '../contracts/index.js';

/** Where the cited text is found now, and whether only its whitespace differs. */
export interface CitedLinesLocation {
  lines: [number, number];
  whitespaceOnly: boolean;
}

/** Most line windows hashed when looking for moved text; beyond it a mismatch stays a mismatch. */
const MAX_WINDOW_LINES = 2_000_000;

/**
 * Spellings the original lines may have had when only whitespace changed since: trailing blanks
 * added, indentation converted between tabs and 2 or 4 spaces. The ref holds only a hash, so the
 * current text is re-spelled and re-hashed; whitespace removed from the original cannot be undone.
 */
export function whitespaceVariants(lines: readonly string[]): string[] {
  const trimmed = lines.map((line) => line.replace(/[ \t]+$/, ''));
  const indent = (from: RegExp, to: string) =>
    trimmed.map((line) => line.replace(/^[ \t]+/, (lead) => lead.replace(from, to)));
  const variants = [
    trimmed,
    indent(/\t/g, '  '),
    indent(/\t/g, '    '),
    indent(/ {4}/g, '\t'),
    indent(/ {2}/g, '\t'),
    indent(/ {2}/g, '    '),
    indent(/ {4}/g, '  '),
    lines.map((line) => line.replace(/^\uFEFF/, '')),
  ];
  return [...new Set(variants.map((variant) => variant.join('\n')))];
}

function matches(window: readonly string[], sha256: string): 'exact' | 'whitespace' | undefined {
  if (sha256Hex(window.join('\n')) === sha256) return 'exact';
  return whitespaceVariants(window).some((variant) => sha256Hex(variant) === sha256)
    ? 'whitespace'
    : undefined;
}

/**
 * Finds the cited text: at the cited range first (exact, else whitespace-only), else anywhere in
 * the file with the same number of lines, nearest to where it was cited. `undefined`: the text
 * is not in the file any more (or the range is reversed).
 */
export function locateCitedLines(
  lines: readonly string[],
  range: readonly [number, number],
  sha256: string,
): CitedLinesLocation | undefined {
  const [start, end] = range;
  const span = end - start;
  if (!Number.isInteger(start) || !Number.isInteger(end) || span < 0) return undefined;
  if (start >= 1 && end <= lines.length) {
    const here = matches(lines.slice(start - 1, end), sha256);
    if (here !== undefined) return { lines: [start, end], whitespaceOnly: here === 'whitespace' };
  }
  if ((span + 1) * lines.length > MAX_WINDOW_LINES) return undefined;
  let best: CitedLinesLocation | undefined;
  for (let first = 1; first + span <= lines.length; first += 1) {
    if (first === start) continue;
    const found = matches(lines.slice(first - 1, first + span), sha256);
    if (found === undefined) continue;
    if (best === undefined || Math.abs(first - start) < Math.abs(best.lines[0] - start)) {
      best = { lines: [first, first + span], whitespaceOnly: found === 'whitespace' };
    }
  }
  return best;
}
