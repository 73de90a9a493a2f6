import type { FileEvidenceRef } from '../contracts/index.js';
import { formatEvidenceRef, sha256Hex, sliceLines } from '../contracts/index.js';
import { containsQuote } from './quote-match.js';
import type { RefProblem } from './ref-resolution.js';

/**
 * Checks a file ref against the file's lines: the range exists, the lines hash to the ref's
 * sha256 (the same hashing the evidence producers use), and the quote occurs in them.
 */
export function checkFileLines(lines: readonly string[], ref: FileEvidenceRef): RefProblem[] {
  const label = formatEvidenceRef(ref);
  const text = sliceLines(lines, ref.lines);
  if (text === undefined) {
    return [
      {
        code: 'range-invalid',
        message: `${label} line range invalid (file has ${lines.length} lines; need 1 ≤ start ≤ end ≤ ${lines.length})`,
      },
    ];
  }
  const problems: RefProblem[] = [];
  if (sha256Hex(text) !== ref.sha256) {
    problems.push({
      code: 'sha256-mismatch',
      message: `${label} sha256 mismatch (lines changed or ref forged)`,
    });
  }
  if (ref.quote !== undefined && !containsQuote(text, ref.quote)) {
    problems.push({
      code: 'quote-not-found',
      message: `${label} quote not found in those lines: "${truncate(ref.quote)}"`,
    });
  }
  return problems;
}

function truncate(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > 80 ? `${oneLine.slice(0, 77)}...` : oneLine;
}
