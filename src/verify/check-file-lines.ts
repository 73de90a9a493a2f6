import { redactText } from '../blackboard/index.js';
import type { FileEvidenceRef, RefOutcome } from '../contracts/index.js';
import { formatEvidenceRef, sliceLines } from '../contracts/index.js';
import { isNearEmptyEvidence } from './check-support.js';
import { locateCitedLines } from './locate-cited-lines.js';
import type { RefProblem } from './ref-resolution.js';
import { containsOnBoundary } from './token-match.js';

/** What a file ref's lines say about it. */
export interface FileLinesCheck {
  outcome: RefOutcome;
  problems: RefProblem[];
  /** The cited text where it is now (absent when it was not found). */
  text?: string;
  relocatedLines?: [number, number];
}

function shorten(text: string): string {
  // Redacted before it is cut: a cut secret leaves a fragment no redactor recognises.
  const oneLine = redactText(text).replace(/\s+/g, ' ').trim();
  return oneLine.length > 80 ? `${oneLine.slice(0, 77)}...` : oneLine;
}

/**
 * Checks a file ref against the file's lines: the lines must hash to the ref's sha256 where cited
 * (`VERIFIED`), or after a whitespace-only change (`WHITESPACE_ONLY`), or somewhere else in the file
 * (`RELOCATED`, new range reported). The quote must occur in them on token boundaries, and the text
 * must not be blank or near-empty (`EMPTY_EVIDENCE`).
 */
export function checkFileLines(lines: readonly string[], ref: FileEvidenceRef): FileLinesCheck {
  const label = formatEvidenceRef(ref);
  const location = locateCitedLines(lines, ref.lines, ref.sha256);
  if (location === undefined) {
    if (sliceLines(lines, ref.lines) === undefined) {
      return {
        outcome: 'RANGE_OUT_OF_BOUNDS',
        problems: [
          {
            code: 'range-invalid',
            message: `${label} line range invalid (file has ${lines.length} lines; need 1 ≤ start ≤ end ≤ ${lines.length})`,
          },
        ],
      };
    }
    return {
      outcome: 'HASH_MISMATCH',
      problems: [
        { code: 'sha256-mismatch', message: `${label} sha256 mismatch (lines changed or ref forged)` },
      ],
    };
  }
  const text = location.text ?? sliceLines(lines, location.lines) ?? '';
  const moved = location.lines[0] !== ref.lines[0];
  const relocated = moved ? { relocatedLines: location.lines } : {};
  if (ref.quote !== undefined && !containsOnBoundary(text, ref.quote)) {
    return {
      outcome: 'QUOTE_NOT_FOUND',
      problems: [
        {
          code: 'quote-not-found',
          message: `${label} quote not found in those lines: "${shorten(ref.quote)}"`,
        },
      ],
      text,
      ...relocated,
    };
  }
  if (isNearEmptyEvidence(text)) {
    return {
      outcome: 'EMPTY_EVIDENCE',
      problems: [{ code: 'empty-evidence', message: `${label} is blank or near-empty: it supports nothing` }],
      text,
      ...relocated,
    };
  }
  const outcome: RefOutcome = moved ? 'RELOCATED' : location.whitespaceOnly ? 'WHITESPACE_ONLY' : 'VERIFIED';
  return { outcome, problems: [], text, ...relocated };
}
