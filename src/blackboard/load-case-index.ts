import { createHash } from 'node:crypto';
import { caseIndexOfParts } from './case-search.js';
import { caseColumnsOf, emptySegment, rowsOf, segmentOf } from './case-segment.js';
import { buildCaseTerms } from './case-terms.js';
import { windowTerms } from './case-terms-merge.js';
import type { CaseWindow } from './case-window-file.js';
import { concatColumns, keepCaseWindow, packColumns, readCaseWindow } from './case-window-file.js';
import type { CaseDocument, CaseIndex } from './create-case-index.js';
import { caseDocuments } from './create-case-index.js';
import { parseReceiptLine } from './parse-receipt-line.js';
import type { ReadRecentOptions } from './read-recent-receipts.js';
import { lowerBound, readRecentWindow, splitLines } from './read-recent-receipts.js';

export interface LoadCaseIndexOptions extends ReadRecentOptions {
  /** Where the window's case index is kept by the bytes it was made from (`hfo_cache/case_index`); absent: not kept. */
  cacheDir?: string;
}

/** The case index, and how many of the window's lines were read back rather than parsed. */
export interface LoadedCaseIndex {
  cases: CaseIndex;
  /** Lines of the window whose documents came from the cache (0 without `cacheDir`). */
  reused: number;
  /** Lines of the window. */
  lines: number;
}

/**
 * Lines parsed since the kept window before it is written again: each mission appends a few dozen,
 * so the file (about 1.3 MB for 5,000 receipts) is rewritten every few missions, not by each.
 */
const REWRITE_AFTER_LINES = 128;

/**
 * The case index over the history's recent window (see `readRecentReceiptsWithStats`), answering
 * as `createCaseIndex(await readRecentReceipts(path, options))`. With `cacheDir`, the index of an
 * earlier window is kept with the blackboard byte range it was made from, that range's sha256 and
 * its line offsets: the next mission checks the range's bytes still hash the same, keeps the
 * documents still in its window, and parses and indexes only the lines appended since; the search
 * reads the kept documents where the file holds them and the new ones beside them
 * (`createWindowSearch`, answering as a search over the merged terms would), and the merge
 * (`windowTerms`) is made only when the file is rewritten. A range whose bytes changed, a torn or
 * edited cache file, or a window reaching before the kept range is built afresh.
 */
export async function loadCaseIndex(
  path: string,
  options: LoadCaseIndexOptions = {},
): Promise<LoadedCaseIndex> {
  const dir = options.cacheDir;
  const stored = dir === undefined ? undefined : readCaseWindow(dir);
  const window = await readRecentWindow(path, options, stored);
  // Documents are numbered on from window to window: far from 2^32 the numbering starts again.
  const kept = window.keptMatches && (stored?.segment.firstDocument ?? 0) < 2 ** 31 ? stored : undefined;
  const at = (offset: number) => offset - window.from;
  // The kept documents still in the window, and where the lines to parse begin.
  let first = 0;
  let last = 0;
  let parseFrom = window.start;
  if (kept !== undefined) {
    first = lowerBound(kept.documentStarts, window.start);
    last = lowerBound(kept.documentStarts, Math.min(kept.end, window.end));
    parseFrom = Math.min(Math.max(kept.end, window.start), window.end);
  }
  const parsed = splitLines(window.bytes, at(parseFrom), at(window.end));
  const fresh = parsed.flatMap((line) => {
    const document = documentOf(line.text);
    return document === undefined ? [] : [{ ...document, lineStart: line.at + window.from }];
  });
  // New documents are numbered on from the kept ones, whose postings are then read as they are.
  const freshTerms = buildCaseTerms(
    fresh.length,
    (document, field) => {
      const item = fresh[document] as Omit<CaseDocument, 'id'>;
      return field === 0 ? item.summary : field === 1 ? item.phase : item.details;
    },
    kept === undefined ? 0 : kept.segment.firstDocument + last,
  );
  const freshColumns = caseColumnsOf(fresh);
  const freshSegment = segmentOf(freshTerms);
  // The search reads the kept documents where the file holds them and the new ones beside them
  // (`createWindowSearch`): nothing is merged or decoded unless the file is written again.
  const cases = caseIndexOfParts(
    {
      base: kept?.segment ?? emptySegment(freshTerms.firstDocument),
      first,
      last,
      extra: freshSegment,
    },
    kept?.rows ?? rowsOf(caseColumnsOf([])),
    rowsOf(freshColumns),
  );
  // Every line's offset: counted from the kept range, or (none kept: every line was parsed) split.
  const lines = window.lineStarts ?? Float64Array.from(parsed, (line) => line.at + window.from);
  const reused = kept === undefined ? 0 : lowerBound(lines, parseFrom);
  // A kept window is replaced when none matched, or when the lines parsed since it add up (never by
  // a resumed mission's earlier cut, which would keep less), and there is history to keep.
  const write =
    dir !== undefined &&
    (kept === undefined
      ? window.end > window.start || stored !== undefined
      : window.end >= kept.end && parsed.length >= REWRITE_AFTER_LINES);
  if (write) {
    // The kept documents' columns are copied as the file holds them, the new ones packed.
    const packedFresh = packColumns(freshColumns);
    const columns = kept === undefined ? packedFresh : concatColumns(kept.columns(first, last), packedFresh);
    const documentStarts = new Float64Array(columns.seqs.length);
    if (kept !== undefined) documentStarts.set(kept.documentStarts.subarray(first, last));
    for (const [index, document] of fresh.entries())
      documentStarts[last - first + index] = document.lineStart;
    const next: CaseWindow = {
      start: window.start,
      end: window.end,
      sha256: createHash('sha256')
        .update(window.bytes.subarray(at(window.start), at(window.end)))
        .digest('hex'),
      lines,
      documentStarts,
      columns,
      terms: kept === undefined ? freshTerms : windowTerms(kept.terms(), first, last, freshTerms),
      // None kept: the terms are the search's own, whose fuzzy tables are made once for both.
      ...(kept === undefined
        ? {
            fuzzy: {
              byLength: freshSegment.vocabulary.byLength(),
              lengthStarts: freshSegment.vocabulary.lengthStarts(),
              masks: freshSegment.vocabulary.masks(),
            },
          }
        : {}),
    };
    keepCaseWindow(dir, next);
  }
  return { cases, reused, lines: window.lineCount };
}

/** What `caseDocuments` makes of one line (parsed and checked as a receipt), without the id. */
function documentOf(line: string): Omit<CaseDocument, 'id'> | undefined {
  const parsed = parseReceiptLine(line);
  if (parsed.kind !== 'receipt') return undefined;
  const [document] = caseDocuments([parsed.receipt]);
  if (document === undefined) return undefined;
  const { id: _position, ...rest } = document;
  return rest;
}
