import { type Bm25Spanner, createTermCollector, runningAverages, sortPostings } from './bm25-collect.js';
import { frequencyArray } from './bm25-frequencies.js';
import type { Bm25Data } from './bm25-index.js';

/**
 * Why `moved` and `fresh` do not number today's documents exactly once each, with the kept
 * documents in their previous order (then the update cannot be the build's result).
 */
function numberingProblem(
  previous: Bm25Data,
  moved: Int32Array,
  documentCount: number,
  fresh: readonly number[],
): string | undefined {
  if (moved.length !== previous.documentCount) return 'moved does not cover the previous documents';
  const covered = new Uint8Array(documentCount);
  let last = -1;
  for (let old = 0; old < moved.length; old += 1) {
    const to = moved[old] as number;
    if (to === -1) continue;
    if (to <= last || to >= documentCount) return 'kept documents change order';
    covered[to] = 1;
    last = to;
  }
  last = -1;
  for (const document of fresh) {
    if (document <= last || document >= documentCount || covered[document] === 1)
      return 'fresh documents overlap or are out of order';
    covered[document] = 1;
    last = document;
  }
  return covered.includes(0) ? 'a document is neither kept nor fresh' : undefined;
}

/**
 * The data `buildBm25` would build for today's documents, made from the previous data of the
 * documents that did not change and a tokenising of the others only. `moved[old]` is the number
 * today of previous document `old` (whose every field's text is the same as before), or -1 when
 * it is gone; `fresh` lists today's other documents, ascending; `fieldValue` is asked only about
 * those. Kept documents must keep their order (undefined otherwise: build instead).
 *
 * Why it equals the build: a kept document's fields are the same text, so their tokens, lengths
 * and frequencies are the previous ones; the terms are those of some kept or fresh posting, in
 * the same sorted order; each term and field's postings are the kept ones renumbered (still
 * ascending, as the order is kept) merged by document with the fresh ones; the average lengths
 * are the same running mean over the same lengths in document order.
 */
export function updateBm25(
  previous: Bm25Data,
  moved: Int32Array,
  documentCount: number,
  fresh: readonly number[],
  fieldValue: (document: number, field: number) => string,
  spanner: Bm25Spanner,
): Bm25Data | undefined {
  if (numberingProblem(previous, moved, documentCount, fresh) !== undefined) return undefined;
  const fieldCount = previous.fieldCount;
  const fieldLengths = new Uint32Array(documentCount * fieldCount);
  for (let old = 0; old < moved.length; old += 1) {
    const to = moved[old] as number;
    if (to !== -1)
      fieldLengths.set(
        previous.fieldLengths.subarray(old * fieldCount, (old + 1) * fieldCount),
        to * fieldCount,
      );
  }
  const collector = createTermCollector(fieldCount, spanner);
  for (const document of fresh)
    for (let field = 0; field < fieldCount; field += 1)
      fieldLengths[document * fieldCount + field] = collector.add(
        document,
        field,
        fieldValue(document, field),
      );
  const ranked = collector.ranked();
  const added = sortPostings(collector.collected(), ranked.rank, ranked.terms.length, fieldCount);
  collector.release();
  // Previous postings still in use, per term and field.
  const {
    terms: oldTerms,
    offsets: oldOffsets,
    documents: oldDocuments,
    frequencies: oldFrequencies,
  } = previous;
  const kept = new Uint32Array(oldTerms.length * fieldCount);
  // The highest frequency of today's postings (the kept and the fresh): the build's array width.
  let most = 0;
  for (let slot = 0; slot < kept.length; slot += 1) {
    let count = 0;
    for (let posting = oldOffsets[slot] as number; posting < (oldOffsets[slot + 1] as number); posting += 1)
      if (moved[oldDocuments[posting] as number] !== -1) {
        count += 1;
        if ((oldFrequencies[posting] as number) > most) most = oldFrequencies[posting] as number;
      }
    kept[slot] = count;
  }
  for (const frequency of added.frequencies) if (frequency > most) most = frequency;
  const usedOld = (term: number) => {
    for (let field = 0; field < fieldCount; field += 1)
      if (kept[term * fieldCount + field] !== 0) return true;
    return false;
  };
  // Today's terms: the sorted merge of the previous terms still used and the fresh ones.
  const terms: string[] = [];
  const fromOld: number[] = [];
  const fromFresh: number[] = [];
  const freshTerms = ranked.terms;
  let left = 0;
  let right = 0;
  while (left < oldTerms.length || right < freshTerms.length) {
    if (left < oldTerms.length && !usedOld(left)) {
      left += 1;
      continue;
    }
    const old = oldTerms[left];
    const added = freshTerms[right];
    if (added === undefined || (old !== undefined && old < added)) {
      terms.push(old as string);
      fromOld.push(left);
      fromFresh.push(-1);
      left += 1;
    } else if (old === undefined || added < old) {
      terms.push(added);
      fromOld.push(-1);
      fromFresh.push(right);
      right += 1;
    } else {
      terms.push(old);
      fromOld.push(left);
      fromFresh.push(right);
      left += 1;
      right += 1;
    }
  }
  const offsets = new Uint32Array(terms.length * fieldCount + 1);
  for (let term = 0; term < terms.length; term += 1)
    for (let field = 0; field < fieldCount; field += 1) {
      const slot = term * fieldCount + field;
      const old = fromOld[term] as number;
      const fresh = fromFresh[term] as number;
      const freshSlot = fresh * fieldCount + field;
      const count =
        (old === -1 ? 0 : (kept[old * fieldCount + field] as number)) +
        (fresh === -1 ? 0 : (added.offsets[freshSlot + 1] as number) - (added.offsets[freshSlot] as number));
      offsets[slot + 1] = (offsets[slot] as number) + count;
    }
  const total = offsets[offsets.length - 1] as number;
  const documents = new Uint32Array(total);
  const frequencies = frequencyArray(total, most);
  for (let term = 0; term < terms.length; term += 1)
    for (let field = 0; field < fieldCount; field += 1) {
      const old = fromOld[term] as number;
      const fresh = fromFresh[term] as number;
      let out = offsets[term * fieldCount + field] as number;
      let a = old === -1 ? 0 : (oldOffsets[old * fieldCount + field] as number);
      const aEnd = old === -1 ? 0 : (oldOffsets[old * fieldCount + field + 1] as number);
      let b = fresh === -1 ? 0 : (added.offsets[fresh * fieldCount + field] as number);
      const bEnd = fresh === -1 ? 0 : (added.offsets[fresh * fieldCount + field + 1] as number);
      for (;;) {
        while (a < aEnd && moved[oldDocuments[a] as number] === -1) a += 1;
        if (a >= aEnd && b >= bEnd) break;
        const keptDocument = a < aEnd ? (moved[oldDocuments[a] as number] as number) : -1;
        if (b >= bEnd || (keptDocument !== -1 && keptDocument < (added.documents[b] as number))) {
          documents[out] = keptDocument;
          frequencies[out] = oldFrequencies[a] as number;
          a += 1;
        } else {
          documents[out] = added.documents[b] as number;
          frequencies[out] = added.frequencies[b] as number;
          b += 1;
        }
        out += 1;
      }
    }
  const averageFieldLength = runningAverages(fieldLengths, documentCount, fieldCount);
  return {
    documentCount,
    fieldCount,
    averageFieldLength,
    terms,
    offsets,
    documents,
    frequencies,
    fieldLengths,
  };
}
