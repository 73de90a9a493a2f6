import type { SimilarCase } from '../contracts/index.js';
import type { KeptSpec, KernelInput, SearchKernel } from './case-search-kernel.js';
import { createSearchKernel } from './case-search-kernel.js';
import type { CaseColumns, CaseWindowParts } from './case-segment.js';
import {
  emptySegment,
  firstAtLeast,
  lowerBoundTerm,
  rowsOf,
  segmentOf,
  visitMerged,
} from './case-segment.js';
import type { CaseTerms } from './case-terms.js';
import { averageOf, boundedDistance, CASE_FIELD_COUNT, CASE_TOKEN_SEPARATOR } from './case-terms.js';
import type { CaseRows, CaseVocabulary } from './case-vocabulary.js';
import { characterMask, concatRows } from './case-vocabulary.js';
import type { CaseIndex } from './create-case-index.js';

export type { CaseColumns } from './case-segment.js';

export type CaseSearchFn = (text: string, limit: number, excludeMissionId?: string) => SimilarCase[];
export { caseColumnsOf } from './case-segment.js';

/** Field boosts in field order: the summary says what the step concluded. */
const BOOSTS = [2, 1, 1] as const;
/** MiniSearch's weights for a prefix and a fuzzy match, and its `fuzzy: 0.1`, `maxFuzzy: 6`. */
const PREFIX_WEIGHT = 0.375;
const FUZZY_WEIGHT = 0.45;
const FUZZY = 0.1;
const MAX_FUZZY = 6;

/**
 * The case search over `terms`, scored as MiniSearch 7 scores `search(text, { boost: { summary: 2 },
 * prefix: true, fuzzy: 0.1 })` with the default OR: per query term the exact term (weight 1), every
 * longer term it prefixes (`0.375·len/(len + 0.3·extra)`) and every other term within
 * `round(0.1·length)` edits (`0.45·len/(len + distance)`); BM25+ per field with the field's boost;
 * the sum times the number of distinct query terms matched. Hits tie in the order first reached.
 * The only difference from MiniSearch: derived terms are visited in sorted order (its tree order
 * may differ), so a score can differ in its last bits, and equal scores may be reached in another
 * order.
 */
export function createCaseSearch(terms: CaseTerms, columns: CaseColumns): CaseSearchFn {
  const extra = segmentOf(terms);
  const none = emptySegment(terms.firstDocument);
  return createWindowSearch({ base: none, first: 0, last: 0, extra }, rowsOf(columns));
}

/**
 * The case search over `parts`, answering exactly as `createCaseSearch` over the terms `windowTerms`
 * makes of them (same hits, order and scores): a term of both segments is one term whose postings
 * are the base's kept ones then the extra's, a term left without kept postings adds nothing, the
 * field lengths and their totals are those of the covered documents. Nothing is merged or decoded
 * up front: a query reads the terms it compares and the postings of the terms it matches.
 */
export function createWindowSearch(
  parts: CaseWindowParts,
  rows: CaseRows,
  makeKernel: (input: KernelInput) => SearchKernel = createSearchKernel,
): CaseSearchFn {
  const { base, first, last, extra } = parts;
  if (extra.documentCount > 0 && extra.firstDocument !== base.firstDocument + last)
    throw new Error('createWindowSearch: extra documents misnumbered');
  const kept = last - first;
  const documentCount = kept + extra.documentCount;
  const low = base.firstDocument + first;
  const high = base.firstDocument + last;
  const allKept = first === 0 && last === base.documentCount;
  const totals = base.fieldLengthTotals.map(
    (total, field) => total + (extra.fieldLengthTotals[field] as number),
  );
  for (const [from, to] of [
    [0, first],
    [last, base.documentCount],
  ] as const)
    for (let document = from; document < to; document += 1)
      for (let field = 0; field < CASE_FIELD_COUNT; field += 1)
        totals[field] =
          (totals[field] as number) - (base.fieldLengths[document * CASE_FIELD_COUNT + field] as number);
  const averageFieldLength = averageOf(totals, documentCount);
  let fieldLengths: Uint32Array;
  if (allKept && extra.documentCount === 0) fieldLengths = base.fieldLengths;
  else if (kept === 0) fieldLengths = extra.fieldLengths;
  else {
    fieldLengths = new Uint32Array(documentCount * CASE_FIELD_COUNT);
    fieldLengths.set(base.fieldLengths.subarray(first * CASE_FIELD_COUNT, last * CASE_FIELD_COUNT));
    fieldLengths.set(extra.fieldLengths, kept * CASE_FIELD_COUNT);
  }
  // The per-document loops, made on the first search (`case-search-kernel.ts`).
  let made: SearchKernel | undefined;
  const kernelOf = () => {
    made ??= makeKernel({
      basePostings: kept > 0 ? base.postings : new Uint32Array(0),
      extraPostings: extra.postings,
      fieldLengths,
      documentCount,
      low,
      termsOf: (segment) => {
        const vocabulary =
          segment === 0 && kept > 0 ? base.vocabulary : segment === 1 ? extra.vocabulary : undefined;
        return vocabulary === undefined
          ? { byLength: new Uint32Array(0), masks: new Uint32Array(0) }
          : { byLength: vocabulary.byLength(), masks: vocabulary.masks() };
      },
    });
    return made;
  };
  let kernel: SearchKernel;
  let row = new Int32Array(64);

  /** One term (its number in the base and in the extra, -1 where it is not) with `weight`. */
  const addTerm = (baseTerm: number, extraTerm: number, weight: number) => {
    for (let field = 0; field < CASE_FIELD_COUNT; field += 1) {
      let baseFrom = 0;
      let baseTo = 0;
      if (baseTerm >= 0 && kept > 0) {
        const from = base.offsets[baseTerm * CASE_FIELD_COUNT + field] as number;
        const to = base.offsets[baseTerm * CASE_FIELD_COUNT + field + 1] as number;
        if (allKept) {
          baseFrom = from;
          baseTo = to;
        } else {
          baseFrom =
            from === to || (base.postings[from * 2] as number) >= low
              ? from
              : firstAtLeast(base.postings, from, to, low);
          baseTo =
            baseFrom === to || (base.postings[to * 2 - 2] as number) < high
              ? to
              : firstAtLeast(base.postings, baseFrom, to, high);
        }
      }
      let extraFrom = 0;
      let extraTo = 0;
      if (extraTerm >= 0) {
        extraFrom = extra.offsets[extraTerm * CASE_FIELD_COUNT + field] as number;
        extraTo = extra.offsets[extraTerm * CASE_FIELD_COUNT + field + 1] as number;
      }
      const matching = baseTo - baseFrom + (extraTo - extraFrom);
      if (matching === 0) continue;
      const average = averageFieldLength[field] as number;
      const boost = BOOSTS[field] as number;
      const inverse = Math.log(1 + (documentCount - matching + 0.5) / (matching + 0.5));
      const scale = weight * 1 * boost * 1;
      if (baseTo > baseFrom) kernel.accumulate(0, baseFrom, baseTo, field, inverse, average, scale);
      if (extraTo > extraFrom) kernel.accumulate(1, extraFrom, extraTo, field, inverse, average, scale);
    }
  };

  /** Terms of `vocabulary` that `queryTerm` prefixes and are longer, in order. */
  const prefixed = (vocabulary: CaseVocabulary, queryTerm: string, from: number): number[] => {
    const found: number[] = [];
    for (let term = from; term < vocabulary.length; term += 1) {
      const text = vocabulary.at(term);
      if (!text.startsWith(queryTerm)) break;
      if (text.length > queryTerm.length) found.push(term);
    }
    return found;
  };

  /**
   * Terms of `vocabulary` of `length` within `most` edits of `queryTerm` that it does not prefix, in
   * order, and their distances.
   */
  const fuzzy = (
    segment: 0 | 1,
    queryTerm: string,
    queryMask: number,
    length: number,
    most: number,
    distances: Map<string, number>,
  ): number[] => {
    const found: number[] = [];
    const vocabulary = segment === 0 ? base.vocabulary : extra.vocabulary;
    if (length < 0 || vocabulary.length === 0) return found;
    const starts = vocabulary.lengthStarts();
    if (length + 1 >= starts.length) return found;
    // Each edit adds or removes at most one character: more than `most` characters of one word
    // missing from the other (even folded) is more than `most` edits (the kernel's filter).
    const { count, terms } = kernel.filter(
      segment,
      starts[length] as number,
      starts[length + 1] as number,
      queryMask,
      most,
    );
    for (let at = 0; at < count; at += 1) {
      const term = terms[at] as number;
      const text = vocabulary.at(term);
      // A term the query term prefixes (itself included) was scored above, as a prefix match.
      if (text.startsWith(queryTerm)) continue;
      const distance = boundedDistance(queryTerm, text, most, row);
      if (distance > most) continue;
      distances.set(text, distance);
      found.push(term);
    }
    return found;
  };

  /**
   * One query term's matches (MiniSearch's `executeQuerySpec`), merged into the query's (its OR),
   * counted as one more distinct term matched; kept in `keep` when the term comes again.
   */
  const querySpec = (queryTerm: string, keep: Map<string, KeptSpec> | undefined) => {
    const baseFirst = kept > 0 ? lowerBoundTerm(base.vocabulary, queryTerm) : base.vocabulary.length;
    const extraFirst = lowerBoundTerm(extra.vocabulary, queryTerm);
    const baseExact =
      baseFirst < base.vocabulary.length && base.vocabulary.at(baseFirst) === queryTerm ? baseFirst : -1;
    const extraExact =
      extraFirst < extra.vocabulary.length && extra.vocabulary.at(extraFirst) === queryTerm ? extraFirst : -1;
    if (baseExact >= 0 || extraExact >= 0) addTerm(baseExact, extraExact, 1);
    visitMerged(
      base.vocabulary,
      kept > 0 ? prefixed(base.vocabulary, queryTerm, baseFirst) : [],
      extra.vocabulary,
      prefixed(extra.vocabulary, queryTerm, extraFirst),
      (baseTerm, extraTerm, text) => {
        const more = text.length - queryTerm.length;
        addTerm(baseTerm, extraTerm, (PREFIX_WEIGHT * text.length) / (text.length + 0.3 * more));
      },
    );
    const most = Math.min(MAX_FUZZY, Math.round(queryTerm.length * FUZZY));
    if (most > 0) {
      if (row.length <= queryTerm.length) row = new Int32Array(queryTerm.length * 2 + 1);
      const queryMask = characterMask(queryTerm);
      const distances = new Map<string, number>();
      for (let length = queryTerm.length - most; length <= queryTerm.length + most; length += 1) {
        visitMerged(
          base.vocabulary,
          kept > 0 ? fuzzy(0, queryTerm, queryMask, length, most, distances) : [],
          extra.vocabulary,
          fuzzy(1, queryTerm, queryMask, length, most, distances),
          (baseTerm, extraTerm, text) => {
            const distance = distances.get(text) as number;
            addTerm(baseTerm, extraTerm, (FUZZY_WEIGHT * text.length) / (text.length + distance));
          },
        );
      }
    }
    const spec = kernel.endSpec(keep !== undefined);
    if (keep !== undefined && spec !== undefined) keep.set(queryTerm, spec);
  };

  return (text, limit, excludeMissionId) => {
    const queryTerms = text
      .split(CASE_TOKEN_SEPARATOR)
      .map((token) => token.toLowerCase())
      .filter((term) => term !== '');
    // A query term said again adds the same scores again (MiniSearch runs it again): they are
    // kept from its first time instead of computed twice.
    const left = new Map<string, number>();
    for (const queryTerm of queryTerms) left.set(queryTerm, (left.get(queryTerm) ?? 0) + 1);
    const again = new Map<string, KeptSpec>();
    kernel = kernelOf();
    for (const queryTerm of queryTerms) {
      const repeat = again.get(queryTerm);
      const remaining = (left.get(queryTerm) as number) - 1;
      left.set(queryTerm, remaining);
      if (repeat !== undefined) {
        kernel.replay(repeat);
        continue;
      }
      querySpec(queryTerm, remaining > 0 ? again : undefined);
    }
    const best: Array<{ document: number; score: number }> = [];
    const { count, documents, scores } = kernel.finish();
    for (let at = 0; at < count && limit > 0; at += 1) {
      const document = documents[at] as number;
      const score = scores[at] as number;
      if (best.length === limit && (best[limit - 1] as { score: number }).score >= score) continue;
      if (excludeMissionId !== undefined && rows.missionId(document) === excludeMissionId) continue;
      // Kept by descending score, an equal score after the hits before it (a stable sort's order).
      let place = best.length;
      while (place > 0 && (best[place - 1] as { score: number }).score < score) place -= 1;
      best.splice(place, 0, { document, score });
      if (best.length > limit) best.pop();
    }
    return best.map(({ document, score }) => ({
      mission_id: rows.missionId(document),
      seq: rows.seq(document),
      summary: rows.summary(document),
      score,
    }));
  };
}

/** Searches kept per index: a mission asks a handful, lanes often the same. */
const REMEMBERED = 64;

/**
 * The case index over `terms` and `columns`. The index never changes, so a repeated search (lanes of
 * one mission asking with the same objective and observations) is answered from the first one's
 * result, keyed by the whole query (text, limit and excluded mission), each hit a fresh copy.
 */
export function caseIndexOf(terms: CaseTerms, columns: CaseColumns): CaseIndex {
  return rememberingIndex(createCaseSearch(terms, columns), columns.missionIds.length);
}

/** The case index over a window's parts (see `createWindowSearch`). */
export function caseIndexOfParts(parts: CaseWindowParts, baseRows: CaseRows, extraRows: CaseRows): CaseIndex {
  const rows = concatRows(baseRows, parts.first, parts.last, extraRows);
  return rememberingIndex(createWindowSearch(parts, rows), rows.count);
}

function rememberingIndex(search: CaseSearchFn, size: number): CaseIndex {
  const remembered = new Map<string, SimilarCase[]>();
  return {
    size,
    search(text, options = {}) {
      if (text.trim() === '') return [];
      const limit = options.limit ?? 5;
      const key = JSON.stringify([text, limit, options.excludeMissionId ?? null]);
      let found = remembered.get(key);
      if (found === undefined) {
        found = search(text, limit, options.excludeMissionId);
        if (remembered.size >= REMEMBERED) remembered.clear();
        remembered.set(key, found);
      }
      return found.map((hit) => ({ ...hit }));
    },
  };
}
