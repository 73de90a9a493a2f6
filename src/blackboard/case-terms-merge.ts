import { firstAtLeast } from './case-segment.js';
import type { CaseTerms } from './case-terms.js';
import { averageOf, CASE_FIELD_COUNT } from './case-terms.js';

/** Copies postings pairs `[from, to)` of `source` into `target` at pair `at`; a long run natively. */
function copyPairs(target: Uint32Array, at: number, source: Uint32Array, from: number, to: number): void {
  if (to - from > 8) target.set(source.subarray(from * 2, to * 2), at * 2);
  else
    for (let pair = from * 2, into = at * 2; pair < to * 2; pair += 1, into += 1)
      target[into] = source[pair] as number;
}

/**
 * The terms of documents `[first, end)` of `base` followed by every document of `extra`, exactly as
 * `buildCaseTerms` (from `base.firstDocument + first`) would make them from those documents'
 * fields: same sorted terms, postings, field lengths and totals; a term left with no posting is
 * gone. `extra` numbers its documents on from `base`'s kept ones (`base.firstDocument + end`), so
 * postings are copied as they are, without tokenizing or renumbering.
 */
export function windowTerms(base: CaseTerms, first: number, end: number, extra: CaseTerms): CaseTerms {
  if (extra.firstDocument !== base.firstDocument + end)
    throw new Error('windowTerms: extra documents misnumbered');
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
  // Per base term and field, the range of its postings inside the kept documents.
  const low = base.firstDocument + first;
  const high = base.firstDocument + end;
  const baseTerms = base.terms.length;
  const ranges = new Uint32Array(baseTerms * CASE_FIELD_COUNT * 2);
  let total = extra.postings.length / 2;
  for (let slot = 0; slot < baseTerms * CASE_FIELD_COUNT; slot += 1) {
    const from = base.offsets[slot] as number;
    const to = base.offsets[slot + 1] as number;
    const start =
      from === to || (base.postings[from * 2] as number) >= low
        ? from
        : firstAtLeast(base.postings, from, to, low);
    const stop =
      start === to || (base.postings[to * 2 - 2] as number) < high
        ? to
        : firstAtLeast(base.postings, start, to, high);
    ranges[slot * 2] = start;
    ranges[slot * 2 + 1] = stop;
    total += stop - start;
  }
  const terms: string[] = [];
  const offsets = new Uint32Array(total === 0 ? 1 : baseTerms * CASE_FIELD_COUNT + extra.offsets.length);
  const postings = new Uint32Array(total * 2);
  let at = 0;
  let slots = 0;
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
      offsets[slots] = at;
      slots += 1;
      // Documents ascending: the kept base documents come before the extra ones.
      if (takeLeft) {
        const slot = (left * CASE_FIELD_COUNT + field) * 2;
        const from = ranges[slot] as number;
        const to = ranges[slot + 1] as number;
        copyPairs(postings, at, base.postings, from, to);
        at += to - from;
      }
      if (takeRight) {
        const slot = right * CASE_FIELD_COUNT + field;
        const from = extra.offsets[slot] as number;
        const to = extra.offsets[slot + 1] as number;
        copyPairs(postings, at, extra.postings, from, to);
        at += to - from;
      }
    }
    if (takeLeft) left += 1;
    if (takeRight) right += 1;
  }
  offsets[slots] = at;
  return {
    documentCount,
    firstDocument: low,
    fieldLengthTotals,
    averageFieldLength: averageOf(fieldLengthTotals, documentCount),
    terms,
    offsets: offsets.slice(0, slots + 1),
    postings,
    fieldLengths,
  };
}
