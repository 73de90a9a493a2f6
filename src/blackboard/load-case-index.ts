import { createHash } from 'node:crypto';
import type { CaseStored } from './case-search.js';
import { caseIndexOf } from './case-search.js';
import { buildCaseTerms } from './case-terms.js';
import { windowTerms } from './case-terms-merge.js';
import type { CaseWindow } from './case-window-file.js';
import { keepCaseWindow, readCaseWindow } from './case-window-file.js';
import type { CaseDocument, CaseIndex } from './create-case-index.js';
import { caseDocuments } from './create-case-index.js';
import { parseReceiptLine } from './parse-receipt-line.js';
import type { ReadRecentOptions } from './read-recent-receipts.js';
import { readRecentWindow, splitLines } from './read-recent-receipts.js';

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

/** A document of the window: what the search shows, and the fields it indexes. */
type WindowDocument = Omit<CaseDocument, 'id'> & { lineStart: number };

/**
 * The case index over the history's recent window (see `readRecentReceiptsWithStats`), answering
 * as `createCaseIndex(await readRecentReceipts(path, options))`. With `cacheDir`, the index of the
 * last window is kept with the byte range of the blackboard it was made from and that range's
 * sha256: the next mission checks the range's bytes still hash the same, keeps the documents still in
 * its window, and parses and indexes only the lines appended since (the same terms and postings a
 * fresh build gives: `windowTerms`). A range whose bytes changed, a torn or edited cache file, or a
 * window past the kept range is built afresh.
 */
export async function loadCaseIndex(
  path: string,
  options: LoadCaseIndexOptions = {},
): Promise<LoadedCaseIndex> {
  const dir = options.cacheDir;
  const kept = dir === undefined ? undefined : readCaseWindow(dir);
  const window = await readRecentWindow(path, options, kept);
  const at = (offset: number) => offset - window.from;
  const usable =
    kept !== undefined &&
    kept.start <= window.start &&
    window.start <= kept.end &&
    kept.start >= window.from &&
    kept.end <= window.from + window.bytes.length &&
    sha256Hex(window.bytes.subarray(at(kept.start), at(kept.end))) === kept.sha256;
  // The kept documents still in the window, and where the lines to parse begin.
  let first = 0;
  let last = 0;
  let parseFrom = window.start;
  if (usable) {
    first = lowerBound(kept.lineStarts, window.start);
    last = lowerBound(kept.lineStarts, Math.min(kept.end, window.end));
    parseFrom = Math.min(Math.max(kept.end, window.start), window.end);
  }
  const fresh = splitLines(window.bytes, at(parseFrom), at(window.end)).flatMap((line) => {
    const document = documentOf(line.text);
    return document === undefined ? [] : [{ ...document, lineStart: line.at + window.from }];
  });
  const freshTerms = buildCaseTerms(fresh.length, (document, field) => fieldOf(fresh[document], field));
  const base = usable ? kept : undefined;
  const terms =
    base === undefined
      ? freshTerms
      : first === 0 && last === base.stored.length && fresh.length === 0
        ? base.terms
        : windowTerms(base.terms, first, last, freshTerms);
  const stored: CaseStored[] = [...(base?.stored.slice(first, last) ?? []), ...fresh.map(storedOf)];
  const lineStarts = new Float64Array(stored.length);
  if (base !== undefined) lineStarts.set(base.lineStarts.subarray(first, last));
  for (const [index, document] of fresh.entries()) lineStarts[last - first + index] = document.lineStart;
  const reused = usable ? countLines(window.bytes, at(window.start), at(parseFrom)) : 0;
  if (dir !== undefined && (!usable || parseFrom < window.end || window.start !== kept.start)) {
    // The window moved (or nothing usable was kept): keep this one, keyed by its own bytes.
    const next: CaseWindow = {
      start: window.start,
      end: window.end,
      sha256: sha256Hex(window.bytes.subarray(at(window.start), at(window.end))),
      lineStarts,
      stored,
      terms,
    };
    // Not over a kept window that reaches further (a resumed mission's earlier cut), nor for no history.
    if (usable ? window.end >= kept.end : stored.length > 0 || kept !== undefined) keepCaseWindow(dir, next);
  }
  return {
    cases: caseIndexOf(terms, stored),
    reused,
    lines: window.lineCount,
  };
}

const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** The first index whose value is `>= value` (values ascending). */
function lowerBound(values: Float64Array, value: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((values[middle] as number) < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

function countLines(bytes: Buffer, from: number, to: number): number {
  let count = 0;
  for (let at = bytes.indexOf(0x0a, from); at >= 0 && at < to; at = bytes.indexOf(0x0a, at + 1)) count += 1;
  return count;
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

function fieldOf(document: WindowDocument | undefined, field: number): string {
  if (document === undefined) return '';
  return field === 0 ? document.summary : field === 1 ? document.phase : document.details;
}

function storedOf(document: WindowDocument): CaseStored {
  return { mission_id: document.mission_id, seq: document.seq, summary: document.summary };
}
