import type { CaseTerms } from './case-terms.js';
import { CASE_FIELD_COUNT } from './case-terms.js';
import type { CaseRows, CaseVocabulary } from './case-vocabulary.js';
import { vocabularyOf } from './case-vocabulary.js';

/**
 * The parts a case search reads: documents as segments (`CaseTerms` whose terms sit behind a
 * `CaseVocabulary`), their rows, and the helpers that walk them in term order.
 */

/** What a hit shows of its document, one entry per document. */
export interface CaseColumns {
  missionIds: readonly string[];
  seqs: readonly number[];
  summaries: readonly string[];
}

/** The columns of documents given as objects. */
export function caseColumnsOf(
  documents: ReadonlyArray<{ mission_id: string; seq: number; summary: string }>,
): CaseColumns {
  return {
    missionIds: documents.map((document) => document.mission_id),
    seqs: documents.map((document) => document.seq),
    summaries: documents.map((document) => document.summary),
  };
}

/** Columns read as rows. */
export function rowsOf(columns: CaseColumns): CaseRows {
  return {
    count: columns.missionIds.length,
    missionId: (document) => columns.missionIds[document] as string,
    seq: (document) => columns.seqs[document] as number,
    summary: (document) => columns.summaries[document] as string,
  };
}

/**
 * A run of indexed documents: `CaseTerms` with its terms behind a `CaseVocabulary` (read back from
 * a file, a term is decoded when the search compares it).
 */
export interface CaseSegment {
  documentCount: number;
  firstDocument: number;
  fieldLengthTotals: readonly number[];
  vocabulary: CaseVocabulary;
  offsets: Uint32Array;
  postings: Uint32Array;
  fieldLengths: Uint32Array;
}

export function segmentOf(terms: CaseTerms): CaseSegment {
  return {
    documentCount: terms.documentCount,
    firstDocument: terms.firstDocument,
    fieldLengthTotals: terms.fieldLengthTotals,
    vocabulary: vocabularyOf(terms.terms),
    offsets: terms.offsets,
    postings: terms.postings,
    fieldLengths: terms.fieldLengths,
  };
}

/** The documents a case search covers: `[first, last)` of `base`, then every document of `extra`. */
export interface CaseWindowParts {
  base: CaseSegment;
  first: number;
  last: number;
  /** Numbered on from `base`'s kept documents: its first is `base.firstDocument + last`. */
  extra: CaseSegment;
}

/** The first posting pair in `[from, to)` whose document is `>= document` (pairs are document-ascending). */
export function firstAtLeast(postings: Uint32Array, from: number, to: number, document: number): number {
  let low = from;
  let high = to;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((postings[middle * 2] as number) < document) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The first term `>= text` of a sorted vocabulary. */
export function lowerBoundTerm(vocabulary: CaseVocabulary, text: string): number {
  let low = 0;
  let high = vocabulary.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (vocabulary.at(middle) < text) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Visits the union of two sorted lists of terms (numbers into `left` and `right`) in sorted order,
 * a term in both once with both numbers (-1: not in that one).
 */
export function visitMerged(
  left: CaseVocabulary,
  leftTerms: readonly number[],
  right: CaseVocabulary,
  rightTerms: readonly number[],
  visit: (leftTerm: number, rightTerm: number, text: string, at: number, side: 0 | 1 | 2) => void,
): void {
  let l = 0;
  let r = 0;
  while (l < leftTerms.length || r < rightTerms.length) {
    const leftText = l < leftTerms.length ? left.at(leftTerms[l] as number) : undefined;
    const rightText = r < rightTerms.length ? right.at(rightTerms[r] as number) : undefined;
    if (rightText === undefined || (leftText !== undefined && leftText < rightText)) {
      visit(leftTerms[l] as number, -1, leftText as string, l, 0);
      l += 1;
    } else if (leftText === undefined || rightText < leftText) {
      visit(-1, rightTerms[r] as number, rightText, r, 1);
      r += 1;
    } else {
      visit(leftTerms[l] as number, rightTerms[r] as number, leftText, l, 2);
      l += 1;
      r += 1;
    }
  }
}

/** A segment without documents, numbered from `firstDocument`. */
export function emptySegment(firstDocument: number): CaseSegment {
  return {
    documentCount: 0,
    firstDocument,
    fieldLengthTotals: new Array<number>(CASE_FIELD_COUNT).fill(0),
    vocabulary: vocabularyOf([]),
    offsets: new Uint32Array(1),
    postings: new Uint32Array(0),
    fieldLengths: new Uint32Array(0),
  };
}
