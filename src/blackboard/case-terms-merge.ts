import type { CaseTerms } from './case-terms.js';
import { averageOf, CASE_FIELD_COUNT } from './case-terms.js';

/** The first posting pair in `[from, to)` whose document is `>= document` (pairs are document-ascending). */
function firstAtLeast(postings: Uint32Array, from: number, to: number, document: number): number {
  let low = from;
  let high = to;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((postings[middle * 2] as number) < document) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * The terms of documents `[first, end)` of `base` followed by every document of `extra`, exactly as
 * `buildCaseTerms` would make them from those documents' fields (same sorted terms, postings,
 * field lengths and totals; a term left with no posting is gone), without tokenizing again: the
 * work is in the postings copied and the documents dropped, not in the text.
 */
export function windowTerms(base: CaseTerms, first: number, end: number, extra: CaseTerms): CaseTerms {
  const kept = end - first;
  const documentCount = kept + extra.documentCount;
  const fieldLengths = new Uint32Array(documentCount * CASE_FIELD_COUNT);
  fieldLengths.set(base.fieldLengths.subarray(first * CASE_FIELD_COUNT, end * CASE_FIELD_COUNT));
  fieldLengths.set(extra.fieldLengths, kept * CASE_FIELD_COUNT);
  const fieldLengthTotals = base.fieldLengthTotals.map(
    (total, field) => total + (extra.fieldLengthTotals[field] as number),
  );
  for (const [from, to] of [
    [0, first],
    [end, base.documentCount],
  ] as const)
    for (let document = from; document < to; document += 1)
      for (let field = 0; field < CASE_FIELD_COUNT; field += 1)
        fieldLengthTotals[field] =
          (fieldLengthTotals[field] as number) -
          (base.fieldLengths[document * CASE_FIELD_COUNT + field] as number);
  // Per base term and field, the range of its postings inside [first, end).
  const baseTerms = base.terms.length;
  const ranges = new Uint32Array(baseTerms * CASE_FIELD_COUNT * 2);
  let total = extra.postings.length / 2;
  for (let slot = 0; slot < baseTerms * CASE_FIELD_COUNT; slot += 1) {
    const from = base.offsets[slot] as number;
    const to = base.offsets[slot + 1] as number;
    const low = first === 0 ? from : firstAtLeast(base.postings, from, to, first);
    const high = end === base.documentCount ? to : firstAtLeast(base.postings, low, to, end);
    ranges[slot * 2] = low;
    ranges[slot * 2 + 1] = high;
    total += high - low;
  }
  const terms: string[] = [];
  const offsets: number[] = [];
  const postings = new Uint32Array(total * 2);
  let at = 0;
  const copyBase = (term: number, field: number) => {
    const slot = term * CASE_FIELD_COUNT + field;
    for (let pair = ranges[slot * 2] as number; pair < (ranges[slot * 2 + 1] as number); pair += 1) {
      postings[at] = (base.postings[pair * 2] as number) - first;
      postings[at + 1] = base.postings[pair * 2 + 1] as number;
      at += 2;
    }
  };
  const copyExtra = (term: number, field: number) => {
    const slot = term * CASE_FIELD_COUNT + field;
    for (let pair = extra.offsets[slot] as number; pair < (extra.offsets[slot + 1] as number); pair += 1) {
      postings[at] = (extra.postings[pair * 2] as number) + kept;
      postings[at + 1] = extra.postings[pair * 2 + 1] as number;
      at += 2;
    }
  };
  const baseHas = (term: number) => {
    for (let field = 0; field < CASE_FIELD_COUNT; field += 1) {
      const slot = (term * CASE_FIELD_COUNT + field) * 2;
      if ((ranges[slot + 1] as number) > (ranges[slot] as number)) return true;
    }
    return false;
  };
  let left = 0;
  let right = 0;
  while (left < baseTerms || right < extra.terms.length) {
    const leftTerm = base.terms[left];
    const rightTerm = extra.terms[right];
    const takeLeft = leftTerm !== undefined && (rightTerm === undefined || leftTerm <= rightTerm);
    const takeRight = rightTerm !== undefined && (leftTerm === undefined || rightTerm <= leftTerm);
    if (takeLeft && !takeRight && !baseHas(left)) {
      left += 1;
      continue;
    }
    terms.push((takeLeft ? leftTerm : rightTerm) as string);
    for (let field = 0; field < CASE_FIELD_COUNT; field += 1) {
      offsets.push(at / 2);
      // Documents ascending: the kept base documents come before the extra ones.
      if (takeLeft) copyBase(left, field);
      if (takeRight) copyExtra(right, field);
    }
    if (takeLeft) left += 1;
    if (takeRight) right += 1;
  }
  offsets.push(at / 2);
  return {
    documentCount,
    fieldLengthTotals,
    averageFieldLength: averageOf(fieldLengthTotals, documentCount),
    terms,
    offsets: Uint32Array.from(offsets),
    postings: at === postings.length ? postings : postings.slice(0, at),
    fieldLengths,
  };
}
